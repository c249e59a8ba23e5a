#!/usr/bin/env bash
# Cold start: from running the README's command (`java -jar target/biologics-cds.jar serve`, on PORT
# with a fresh feedback database under OUT) to the first answer that carries the expected cards of the
# benchmark's order-sign (infliximab, the SIZE-resource record as full prefetch), polled every 50 ms as
# bench/http.sh polls. RUNS starts, one after the other; prints each and the median.
# START_CMD replaces the command for a documented production start, e.g. with a CDS archive or an AOT
# cache made by a training run (README); it must serve on PORT, e.g.
#   START_CMD="java -XX:SharedArchiveFile=target/bench/biologics-cds.jsa -jar target/biologics-cds.jar serve --port 18080"
# Usage: bench/cold-start.sh   (RUNS=3 SIZE=10; JVM_FLAGS (none by default: the README's command has
#        none), JAVA, SERVE_ARGS as for bench/http.sh; START_CMD)
README_JVM_FLAGS="${JVM_FLAGS:-}"   # before common.sh sets the load scripts' default
source "$(dirname "$0")/common.sh"
JVM_FLAGS="$README_JVM_FLAGS"
RUNS="${RUNS:-3}"
SIZE="${SIZE:-10}"
START_CMD="${START_CMD:-}"
http_setup
build
FILES="$OUT/cold-start"
bench_files "$FILES" "$SIZE"
RESULTS="$OUT/cold-start.txt"
if [[ -n "$START_CMD" ]]; then
  COMMAND="$START_CMD"
else
  COMMAND="$JAVA $JVM_FLAGS -jar $BUILD_DIR/biologics-cds.jar serve --port $PORT --db jdbc:h2:file:$OUT/db/feedback $SERVE_ARGS"
fi
{
  echo "cold start: commit $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD || echo ' (with uncommitted changes)');" \
      "$(date -u +%Y-%m-%dT%H:%MZ); load average before $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $("$JAVA" -version 2>&1 | head -1)"
  echo "command: $COMMAND"
  echo "until: the first answer with ${EXPECTED_CARDS[*]} (order-sign, record of $SIZE resources as full prefetch), polled every 50 ms"
} | tee "$RESULTS"
TIMES=()
for ((run = 1; run <= RUNS; run++)); do
  rm -rf "$OUT/db"
  start=$(date +%s%N)
  bash -c "exec $COMMAND" > "$OUT/cold-start-serve.log" 2>&1 &
  pid=$!; PIDS+=("$pid")
  wait_for_cards "http://127.0.0.1:$PORT$SERVICE_PATH" "$FILES/full-prefetch.json" "$pid" || { echo "see $OUT/cold-start-serve.log" >&2; exit 1; }
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  kill "$pid"; wait "$pid" 2>/dev/null || true
  TIMES+=("$ms")
  echo "run $run: $ms ms" | tee -a "$RESULTS"
done
echo "cold start to the first correct answer, median of $RUNS: $(echo "${TIMES[*]}" | median) ms" | tee -a "$RESULTS"
