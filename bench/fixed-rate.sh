#!/usr/bin/env bash
# Latency at a fixed rate, open loop, and of a single client: `serve` (started as bench/http.sh starts
# it) sent the order-sign for infliximab with the SIZE-resource record as full prefetch by FixedRateLoad
# (src/test/java/org/biologicscds/bench): requests scheduled at fixed intervals on CONNECTIONS keep-alive
# connections, each one's latency measured from its scheduled send time, so a stall counts for every
# request it delays (coordinated omission counted); and one client, one call at a time. Prints the
# achieved rate and p50/p90/p99/p99.9/max. The rate is RATE, or half of MAX (MAX=side-by-side: the
# service's median in target/bench/side-by-side.txt, from bench/side-by-side.sh), or, with neither, half of
# the maximum wrk measures first (wrk -t2 -cCONNECTIONS for DURATION after WARMUP, as side-by-side.sh):
# the issue's targets are p99 <= 10 ms at half the maximum and p99 <= 5 ms for one client.
# Usage: bench/fixed-rate.sh   (MODE=both|rate|one; RATE=n or MAX=n|side-by-side (requests/s); SIZE=10 DURATION=30s
#        WARMUP=20s CONNECTIONS=16; LOAD_JVM_FLAGS for the generator's JVM; JVM_FLAGS, JAVA, SERVE_ARGS as for bench/http.sh)
source "$(dirname "$0")/common.sh"
MODE="${MODE:-both}"
SIZE="${SIZE:-10}"
DURATION="${DURATION:-30s}"
WARMUP="${WARMUP:-20s}"
CONNECTIONS="${CONNECTIONS:-16}"
LOAD_JVM_FLAGS="${LOAD_JVM_FLAGS:--Xms64m -Xmx128m -XX:+UseSerialGC}"   # small young generation: the generator's own pauses stay short
case "$MODE" in both|rate|one) ;; *) echo "MODE is both, rate or one, not $MODE" >&2; exit 1 ;; esac
seconds() {  # seconds 30s|2m|30: whole seconds, for FixedRateLoad
  case "$1" in *m) echo $(( ${1%m} * 60 )) ;; *s) echo "${1%s}" ;; *) echo "$1" ;; esac
}
http_setup
build
FILES="$OUT/fixed-rate"
bench_files "$FILES" "$SIZE"
BODY_FILE="$FILES/full-prefetch.json"
URL="http://127.0.0.1:$PORT$SERVICE_PATH"
RESULTS="$OUT/fixed-rate.txt"
load() {  # load RATE|one: one FixedRateLoad run (warm-up, then measured), its line appended to RESULTS
  java $LOAD_JVM_FLAGS -cp "$(test_classpath)" org.biologicscds.bench.FixedRateLoad "$URL" "$BODY_FILE" "$1" \
      "$(seconds "$DURATION")" "$(seconds "$WARMUP")" "$CONNECTIONS" | tee -a "$RESULTS"
}

serve_record "$OUT/fixed-rate-serve.log" "$FILES"
has_expected_cards "$(post_body "$URL" "$BODY_FILE")" || { echo "serve does not answer the expected cards" >&2; exit 1; }
{
  echo "fixed rate: commit $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD || echo ' (with uncommitted changes)');" \
      "$(date -u +%Y-%m-%dT%H:%MZ); load average before $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $("$JAVA" -version 2>&1 | head -1)"
  echo "request: order-sign for infliximab, record of $SIZE resources as full prefetch; $DURATION measured after $WARMUP of warm-up;" \
      "JVM flags: $JVM_FLAGS; serve options: ${SERVE_ARGS:-none}; generator: $LOAD_JVM_FLAGS"
} | tee "$RESULTS"
if [[ "$MODE" != one ]]; then
  if [[ -z "${RATE:-}" ]]; then
    if [[ -z "${MAX:-}" ]]; then
      BODY="$BODY_FILE" wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" -s "$ROOT/bench/post.lua" "http://127.0.0.1:$PORT/" > /dev/null
      BODY="$BODY_FILE" wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$ROOT/bench/post.lua" "http://127.0.0.1:$PORT/" > "$OUT/wrk-fixed-rate-max.txt"
      MAX=$(wrk_stat "$OUT/wrk-fixed-rate-max.txt" rps)
      echo "maximum (wrk -t2 -c$CONNECTIONS, $DURATION): $MAX requests/s, p99 $(wrk_stat "$OUT/wrk-fixed-rate-max.txt" p99)" | tee -a "$RESULTS"
    fi
    if [[ "$MAX" == side-by-side ]]; then   # the service's median from the last bench/side-by-side.sh
      MAX=$(awk -F' *\\| *' '$2 == "service" && $3 ~ /^[0-9.]+$/ && NF == 7 {print $3}' "$OUT/side-by-side.txt" | tail -1)
      [[ -n "$MAX" ]] || { echo "no service median in $OUT/side-by-side.txt" >&2; exit 1; }
    fi
    RATE=$(awk -v m="$MAX" 'BEGIN {printf "%.0f", m / 2}')
    echo "rate: half of $MAX = $RATE requests/s" | tee -a "$RESULTS"
  fi
  load "$RATE"
fi
if [[ "$MODE" != rate ]]; then load one; fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$RESULTS"
echo "results: $RESULTS"
