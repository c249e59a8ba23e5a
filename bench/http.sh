#!/usr/bin/env bash
# HTTP load on loopback with wrk: the floor (bare Jetty, {"cards":[]}), then `serve` with the typical
# record (100 resources) as full prefetch and with no prefetch (fetched from the embedded /fhir),
# each at a fixed connection count, at a fixed lower load and one call at a time; RSS under load; cold
# start, without and with an AppCDS archive made by a training run.
# Usage: bench/http.sh   (DURATION=20s WARMUP=30s CONNECTIONS=16 SIZE=100 LOW_CONNECTIONS=10 LOW_DELAY_MS=10;
#        JAVA=path/to/java for another JVM; SERVE_ARGS="--max-concurrent-calls 2" for serve's own options)
source "$(dirname "$0")/common.sh"
DURATION="${DURATION:-20s}"
WARMUP="${WARMUP:-30s}"   # the JIT is still compiling the service's path after 10 s under load (docs/performance.md)
CONNECTIONS="${CONNECTIONS:-16}"
SIZE="${SIZE:-100}"
LOW_CONNECTIONS="${LOW_CONNECTIONS:-10}"   # 10 connections, each waiting 10 ms between requests:
LOW_DELAY_MS="${LOW_DELAY_MS:-10}"         # at most 1,000 requests/s
FLOOR_PORT="${FLOOR_PORT:-18081}"
http_setup
build
JAR="$BUILD_DIR/biologics-cds.jar"
CP="$JAR:$BUILD_DIR/test-classes"
bench_files "$OUT/http" "$SIZE"
RESULTS="$OUT/http-results.txt"
: > "$RESULTS"

# run_wrk LABEL PID BODY [DELAY_MS CONNECTIONS]: one wrk run, max RSS of PID sampled every 0.5 s.
run_wrk() {
  local label="$1" pid="$2" body="$3" delay="${4:-0}" conns="${5:-$CONNECTIONS}" max_rss=0 rss
  BODY="$body" DELAY_MS="$delay" wrk -t"$(( conns < 2 ? conns : 2 ))" -c"$conns" -d"$DURATION" --latency -s "$ROOT/bench/post.lua" \
      "http://127.0.0.1:$6" > "$OUT/wrk-$label.txt" &
  local wrk_pid=$!
  while kill -0 "$wrk_pid" 2>/dev/null; do
    rss=$(rss_mb "$pid"); ((rss > max_rss)) && max_rss=$rss
    sleep 0.5
  done
  wait "$wrk_pid"
  local rps p50 p99 errors non2xx
  rps=$(wrk_stat "$OUT/wrk-$label.txt" rps)
  p50=$(wrk_stat "$OUT/wrk-$label.txt" p50)
  p99=$(wrk_stat "$OUT/wrk-$label.txt" p99)
  errors=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$OUT/wrk-$label.txt")
  non2xx=$(wrk_stat "$OUT/wrk-$label.txt" non2xx)
  local load="$conns"
  [[ "$delay" != 0 ]] && load="$conns, each waiting $delay ms"
  printf '| %s | %s | %s | %s | %s | %s | %s MB |\n' "$label" "$load" "$rps" "$p50" "$p99" \
      "${errors:-0} socket, ${non2xx:-0} non-2xx" "$max_rss" | tee -a "$RESULTS"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); cores: $(nproc); $("$JAVA" -version 2>&1 | head -1); JVM flags: $JVM_FLAGS; serve options: ${SERVE_ARGS:-none}" | tee -a "$RESULTS"
echo "| run | connections | requests/s | p50 | p99 | errors | max RSS |" | tee -a "$RESULTS"
echo "|---|---|---|---|---|---|---|" | tee -a "$RESULTS"

# The floor.
"$JAVA" $JVM_FLAGS -cp "$CP" org.biologicscds.bench.FloorServer "$FLOOR_PORT" > "$OUT/floor.log" 2>&1 &
FLOOR=$!; PIDS+=("$FLOOR")
wait_for "http://127.0.0.1:$FLOOR_PORT/"
BODY="$OUT/http/full-prefetch.json" wrk -t2 -c"$CONNECTIONS" -d10s -s "$ROOT/bench/post.lua" "http://127.0.0.1:$FLOOR_PORT/" > /dev/null
run_wrk floor "$FLOOR" "$OUT/http/full-prefetch.json" 0 "$CONNECTIONS" "$FLOOR_PORT/"
kill "$FLOOR"; wait "$FLOOR" 2>/dev/null || true

# The service. Cold start = process start to the first answer with the expected cards, polled every
# 50 ms (polling faster spawns enough curl processes to slow the start it measures on two cores).
start_serve() {  # start_serve EXTRA_JVM_FLAGS: starts serve on a fresh database, sets SERVE and COLD_MS
  rm -rf "$OUT/db"
  local start
  start=$(date +%s%N)
  "$JAVA" $JVM_FLAGS $1 -jar "$JAR" serve --port "$PORT" --load "$OUT/http/record.json" --db "jdbc:h2:file:$OUT/db/feedback" \
      $SERVE_ARGS > "$OUT/serve.log" 2>&1 &
  SERVE=$!; PIDS+=("$SERVE")
  wait_for_cards "http://127.0.0.1:$PORT$SERVICE_PATH" "$OUT/http/full-prefetch.json" "$SERVE" || { echo "see $OUT/serve.log" >&2; exit 1; }
  COLD_MS=$(( ($(date +%s%N) - start) / 1000000 ))
}
stop_serve() { kill "$SERVE"; wait "$SERVE" 2>/dev/null || true; }

# AppCDS: a training run (start, one answer, stop) writes the archive the second start maps. From
# Java 25 on, the AOT cache (JEP 483) also keeps the classes linked, and is used instead.
ARCHIVE="$OUT/biologics-cds.jsa"
rm -f "$ARCHIVE"
if "$JAVA" -XX:AOTCacheOutput="$OUT/probe.aot" -version >/dev/null 2>&1; then
  rm -f "$OUT/probe.aot"; CDS_KIND="AOT cache"
  start_serve "-XX:AOTCacheOutput=$ARCHIVE"; stop_serve
  start_serve "-XX:AOTCache=$ARCHIVE"; COLD_CDS_MS=$COLD_MS; stop_serve
else
  CDS_KIND="AppCDS archive"
  start_serve "-XX:ArchiveClassesAtExit=$ARCHIVE"; stop_serve
  start_serve "-XX:SharedArchiveFile=$ARCHIVE"; COLD_CDS_MS=$COLD_MS; stop_serve
fi
start_serve ""
for body in full-prefetch no-prefetch; do  # both ways answer the expected cards
  post_body "http://127.0.0.1:$PORT$SERVICE_PATH" "$OUT/http/$body.json" > "$OUT/http/$body-answer.json"
  has_expected_cards "$(cat "$OUT/http/$body-answer.json")" || { echo "$body: unexpected answer, see $OUT/http/$body-answer.json" >&2; exit 1; }
done
BODY="$OUT/http/full-prefetch.json" wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" -s "$ROOT/bench/post.lua" "http://127.0.0.1:$PORT/" > /dev/null
run_wrk full-prefetch "$SERVE" "$OUT/http/full-prefetch.json" 0 "$CONNECTIONS" "$PORT/"
run_wrk full-prefetch-low "$SERVE" "$OUT/http/full-prefetch.json" "$LOW_DELAY_MS" "$LOW_CONNECTIONS" "$PORT/"
run_wrk full-prefetch-one "$SERVE" "$OUT/http/full-prefetch.json" 0 1 "$PORT/"
BODY="$OUT/http/no-prefetch.json" wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" -s "$ROOT/bench/post.lua" "http://127.0.0.1:$PORT/" > /dev/null
run_wrk no-prefetch "$SERVE" "$OUT/http/no-prefetch.json" 0 "$CONNECTIONS" "$PORT/"
run_wrk no-prefetch-low "$SERVE" "$OUT/http/no-prefetch.json" "$LOW_DELAY_MS" "$LOW_CONNECTIONS" "$PORT/"
run_wrk no-prefetch-one "$SERVE" "$OUT/http/no-prefetch.json" 0 1 "$PORT/"
echo "cold start to first correct answer: $COLD_MS ms; with the $CDS_KIND: $COLD_CDS_MS ms" | tee -a "$RESULTS"
FLOOR_RPS=$(wrk_stat "$OUT/wrk-floor.txt" rps)
OUR_RPS=$(wrk_stat "$OUT/wrk-full-prefetch.txt" rps)
echo "full prefetch / floor: $(awk -v a="$OUR_RPS" -v b="$FLOOR_RPS" 'BEGIN {printf "%.3f", a / b}')" | tee -a "$RESULTS"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$RESULTS"
echo "results: $RESULTS; wrk outputs: $OUT/wrk-*.txt"
