#!/usr/bin/env bash
# Calls without prefetch, waiting on a slow EHR FHIR server, beside calls that bring their prefetch:
# the full-prefetch order-sign (typical record) alone with wrk, then again while SLOW_CONNECTIONS
# connections call without prefetch against a FHIR server that answers every read after DELAY_MS.
# Usage: bench/slow-fhir.sh   (DURATION=10s WARMUP=20s CONNECTIONS=16 SLOW_CONNECTIONS=4 DELAY_MS=500;
#        JVM_FLAGS, JAVA and SERVE_ARGS as for bench/http.sh)
source "$(dirname "$0")/common.sh"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-20s}"
CONNECTIONS="${CONNECTIONS:-16}"
SLOW_CONNECTIONS="${SLOW_CONNECTIONS:-4}"
DELAY_MS="${DELAY_MS:-500}"
http_setup
build
java -cp "$(test_classpath)" org.biologicscds.bench.BenchFiles "$OUT/http" 100 "$PORT"

# The slow server listens on a free port and prints its FHIR base; the no-prefetch body is pointed at it.
"$JAVA" -cp "$BUILD_DIR/test-classes:$BUILD_DIR/biologics-cds.jar" org.biologicscds.bench.SlowFhirServer "$DELAY_MS" \
    > "$OUT/slow-fhir-server.log" 2>&1 &
PIDS+=($!)
for ((i = 0; i < 600; i++)); do
  SLOW_BASE=$(grep -m1 -o 'http://127.0.0.1:[0-9]*/fhir' "$OUT/slow-fhir-server.log" || true)
  [[ -n "$SLOW_BASE" ]] && break
  sleep 0.05
done
[[ -n "$SLOW_BASE" ]] || { echo "the slow FHIR server did not start; see $OUT/slow-fhir-server.log" >&2; exit 1; }
sed "s|\"fhirServer\":\"http://127.0.0.1:$PORT/fhir\"|\"fhirServer\":\"$SLOW_BASE\"|" \
    "$OUT/http/no-prefetch.json" > "$OUT/http/slow-fhir.json"
grep -q "$SLOW_BASE" "$OUT/http/slow-fhir.json" || { echo "could not point the request at the slow server" >&2; exit 1; }
serve_record "$OUT/slow-fhir-serve.log"

RESULTS="$OUT/slow-fhir-results.txt"
row() {  # row LABEL FILE
  printf '| %s | %s | %s | %s | %s |\n' "$1" "$(wrk_stat "$2" rps)" "$(wrk_stat "$2" p50)" "$(wrk_stat "$2" p99)" \
      "$(wrk_stat "$2" non2xx)" | tee -a "$RESULTS"
}
full() { BODY="$OUT/http/full-prefetch.json" wrk -t2 -c"$CONNECTIONS" -d"$1" --latency -s "$ROOT/bench/post.lua" "http://127.0.0.1:$PORT/"; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); JVM flags: $JVM_FLAGS; serve options: ${SERVE_ARGS:-none}; FHIR server delay: $DELAY_MS ms" | tee "$RESULTS"
echo "| run | requests/s | p50 | p99 | non-2xx |" | tee -a "$RESULTS"
echo "|---|---|---|---|---|" | tee -a "$RESULTS"
full "$WARMUP" > /dev/null
full "$DURATION" > "$OUT/wrk-slow-alone.txt"
row "full prefetch, $CONNECTIONS connections, alone" "$OUT/wrk-slow-alone.txt"
# The slow calls start first and last longer, so the full-prefetch run is wholly beside them.
BODY="$OUT/http/slow-fhir.json" wrk -t1 -c"$SLOW_CONNECTIONS" -d"$(( ${DURATION%s} + 4 ))s" --latency -s "$ROOT/bench/post.lua" \
    "http://127.0.0.1:$PORT/" > "$OUT/wrk-slow-calls.txt" &
SLOW=$!
sleep 2
full "$DURATION" > "$OUT/wrk-slow-beside.txt"
wait "$SLOW"
row "full prefetch, $CONNECTIONS connections, beside the slow calls" "$OUT/wrk-slow-beside.txt"
row "no prefetch, $SLOW_CONNECTIONS connections, FHIR server answering in $DELAY_MS ms" "$OUT/wrk-slow-calls.txt"
echo "slow calls answered 412 (fetch past --fetch-timeout): $(grep -c 'status=412' "$OUT/slow-fhir-serve.log" || true)" | tee -a "$RESULTS"
