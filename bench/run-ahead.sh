#!/usr/bin/env bash
# The run-ahead of assembled records, over HTTP: `serve` with it off (--run-ahead-records 0), then on
# (the defaults), each fed by the same client (org.biologicscds.bench.RunAheadStream): a warm-up, then
# a stream of distinct patients (nothing repeats: what the run-ahead costs) and a stream of
# order-select → order-sign pairs with the same prefetch (what it saves). Every answer is checked
# against the one the client computes in-process for that patient without a run-ahead; the script
# fails if any answer is not its patient's. Hits and misses come from serve's /metrics.
# Usage: bench/run-ahead.sh   (PATIENTS=2000 PAIRS=1000 CONNECTIONS=8 SIZE=100 WARMUP_PATIENTS=1500;
#        SERVE_ARGS=... for more of serve's options)
source "$(dirname "$0")/common.sh"
PATIENTS="${PATIENTS:-2000}"
PAIRS="${PAIRS:-1000}"
CONNECTIONS="${CONNECTIONS:-8}"
SIZE="${SIZE:-100}"
WARMUP_PATIENTS="${WARMUP_PATIENTS:-1500}"
JAVA="${JAVA:-java}"
SERVE_ARGS="${SERVE_ARGS:-}"
PORT="${PORT:-18082}"
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
build
RESULTS="$OUT/run-ahead-results.txt"
: > "$RESULTS"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); cores: $(nproc); JVM flags: $JVM_FLAGS; record of $SIZE resources; $CONNECTIONS connections" | tee -a "$RESULTS"
echo "| run-ahead | stream | calls | calls/s | p50 ms | p99 ms | not its patient's | not 200 | hits | misses |" | tee -a "$RESULTS"
echo "|---|---|---|---|---|---|---|---|---|---|" | tee -a "$RESULTS"
status=0
for mode in off on; do
  args="--run-ahead-records 0"
  [[ "$mode" == on ]] && args=""
  rm -rf "$OUT/run-ahead-db"
  (cd "$ROOT" && exec "$JAVA" $JVM_FLAGS -jar "$BUILD_DIR/biologics-cds.jar" serve --port "$PORT" --no-sandbox \
      --knowledge fhir-profiles --hooks hooks --db "jdbc:h2:file:$OUT/run-ahead-db/feedback" $args $SERVE_ARGS \
      > "$OUT/run-ahead-serve-$mode.log" 2>&1) &
  SERVE=$!; PIDS+=("$SERVE")
  wait_for "http://127.0.0.1:$PORT/cds-services" 60
  # The client reads the same knowledge and hooks folders as serve, relative to the project folder.
  (cd "$ROOT" && java -cp "$(test_classpath)" org.biologicscds.bench.RunAheadStream "http://127.0.0.1:$PORT" "$mode" \
      "$PATIENTS" "$PAIRS" "$CONNECTIONS" "$SIZE" "$WARMUP_PATIENTS" "$RESULTS") || status=1
  kill "$SERVE"; wait "$SERVE" 2>/dev/null || true
done
echo "results in $RESULTS"
exit $status
