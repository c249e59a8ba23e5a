#!/usr/bin/env bash
# Resident memory of `serve` under the side-by-side load: started as bench/http.sh starts it (fresh
# feedback database, the benchmark record in its sandbox) with the README's small-footprint flags,
# then wrk -t2 -cCONNECTIONS sending the order-sign for infliximab with the SIZE-resource record as
# full prefetch for WARMUP and DURATION. VmRSS is sampled every 0.5 s from /proc/PID/status; VmHWM,
# the kernel's own peak, is read at the end. Prints RSS after start, the largest sample, VmHWM and
# the throughput the load reached (so a run whose load collapsed does not pass for a small one).
# Usage: bench/rss.sh   (SIZE=10 DURATION=10s WARMUP=20s CONNECTIONS=16; JVM_FLAGS (default the
#        README's "-Xmx128m -XX:+UseSerialGC -XX:TrimNativeHeapInterval=5000"), JAVA, SERVE_ARGS as for bench/http.sh)
FOOTPRINT_JVM_FLAGS="${JVM_FLAGS:--Xmx128m -XX:+UseSerialGC -XX:TrimNativeHeapInterval=5000}"   # before common.sh sets its default
source "$(dirname "$0")/common.sh"
JVM_FLAGS="$FOOTPRINT_JVM_FLAGS"
SIZE="${SIZE:-10}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-20s}"
CONNECTIONS="${CONNECTIONS:-16}"
http_setup
build
FILES="$OUT/rss"
bench_files "$FILES" "$SIZE"
BODY_FILE="$FILES/full-prefetch.json"
RESULTS="$OUT/rss.txt"
serve_record "$OUT/rss-serve.log" "$FILES"
has_expected_cards "$(post_body "http://127.0.0.1:$PORT$SERVICE_PATH" "$BODY_FILE")" || { echo "serve does not answer the expected cards" >&2; exit 1; }
START_RSS=$(rss_mb "$SERVE")
MAX_RSS=0
# sample_while PID: the largest VmRSS of SERVE, sampled every 0.5 s while PID (the load) runs, into MAX_RSS.
sample_while() {
  local rss
  while kill -0 "$1" 2>/dev/null; do
    rss=$(rss_mb "$SERVE"); ((rss > MAX_RSS)) && MAX_RSS=$rss
    sleep 0.5
  done
  wait "$1"
}
BODY="$BODY_FILE" wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" -s "$ROOT/bench/post.lua" "http://127.0.0.1:$PORT/" > /dev/null &
sample_while $!
BODY="$BODY_FILE" wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$ROOT/bench/post.lua" "http://127.0.0.1:$PORT/" > "$OUT/wrk-rss.txt" &
sample_while $!
HWM=$(hwm_mb "$SERVE")
{
  echo "rss: commit $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD || echo ' (with uncommitted changes)');" \
      "$(date -u +%Y-%m-%dT%H:%MZ); load average $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $("$JAVA" -version 2>&1 | head -1)"
  echo "JVM flags: $JVM_FLAGS; serve options: ${SERVE_ARGS:-none}; load: wrk -t2 -c$CONNECTIONS, record of $SIZE resources as full prefetch, $WARMUP then $DURATION"
  echo
  echo "| RSS after start | max sampled RSS under load | VmHWM (peak) | requests/s in the last $DURATION | p99 |"
  echo "|---|---|---|---|---|"
  echo "| $START_RSS MB | $MAX_RSS MB | $HWM MB | $(wrk_stat "$OUT/wrk-rss.txt" rps) | $(wrk_stat "$OUT/wrk-rss.txt" p99) |"
} | tee "$RESULTS"
