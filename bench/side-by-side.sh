#!/usr/bin/env bash
# Side by side, one server running at a time, the same request to each: the service (`serve` started
# as bench/http.sh starts it), a HAPI CDS Hooks module peer of our own running one rule (HapiPeerServer:
# hapi-fhir-server-cds-hooks, a @CdsService warning on a TNF inhibitor ordered with active methotrexate)
# and the floor (FloorServer: reads the body, answers {"cards":[]}). The request is an order-sign for
# infliximab with the SIZE-resource benchmark record as full prefetch. Before measuring, the service
# must answer its expected cards and the peer its one card. Then ROUNDS rounds, servers in turn within
# each: start, WARMUP of wrk, DURATION measured (wrk -t2 -cCONNECTIONS --latency), stop. Prints each
# round, the median of the rounds per server, and the ratios service/peer and service/floor.
# Usage: bench/side-by-side.sh   (SIZE=10 ROUNDS=3 DURATION=10s WARMUP=20s CONNECTIONS=16;
#        JVM_FLAGS (all three servers), JAVA, SERVE_ARGS as for bench/http.sh)
source "$(dirname "$0")/common.sh"
SIZE="${SIZE:-10}"
ROUNDS="${ROUNDS:-3}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-20s}"
CONNECTIONS="${CONNECTIONS:-16}"
PEER_SUMMARY="Methotrexate with a TNF inhibitor: check the combination"   # MethotrexateWithTnfInhibitorService.SUMMARY
http_setup
build
FILES="$OUT/side-by-side"
bench_files "$FILES" "$SIZE"
BODY_FILE="$FILES/full-prefetch.json"
URL="http://127.0.0.1:$PORT$SERVICE_PATH"   # the peer's one service has the same id; the floor answers any path
RESULTS="$OUT/side-by-side.txt"

# start_server NAME: starts one of service|peer|floor on PORT (sets SERVER), waits until it answers.
start_server() {
  case "$1" in
    service) serve_record "$OUT/side-by-side-service.log" "$FILES"; SERVER=$SERVE ;;
    peer)
      "$JAVA" $JVM_FLAGS -cp "$(test_classpath)" org.biologicscds.bench.HapiPeerServer "$PORT" > "$OUT/side-by-side-peer.log" 2>&1 &
      SERVER=$!; PIDS+=("$SERVER"); wait_for "http://127.0.0.1:$PORT/cds-services" 120 ;;
    floor)
      "$JAVA" $JVM_FLAGS -cp "$BUILD_DIR/biologics-cds.jar:$BUILD_DIR/test-classes" org.biologicscds.bench.FloorServer "$PORT" \
          > "$OUT/side-by-side-floor.log" 2>&1 &
      SERVER=$!; PIDS+=("$SERVER"); wait_for "http://127.0.0.1:$PORT/" ;;
  esac
}
stop_server() { kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; }
# check_answer NAME: the server's answer to the request is what it should be.
check_answer() {
  local answer
  answer=$(post_body "$URL" "$BODY_FILE")
  echo "$answer" > "$OUT/side-by-side-$1-answer.json"
  case "$1" in
    service) has_expected_cards "$answer" ;;
    peer) [[ "$answer" == *"$PEER_SUMMARY"* ]] ;;
    floor) [[ "$answer" == '{"cards":[]}' ]] ;;
  esac || { echo "$1: unexpected answer, see $OUT/side-by-side-$1-answer.json" >&2; exit 1; }
}

SERVERS=(service peer floor)
{
  echo "side by side: commit $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD || echo ' (with uncommitted changes)');" \
      "$(date -u +%Y-%m-%dT%H:%MZ); load average before $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $("$JAVA" -version 2>&1 | head -1)"
  echo "request: order-sign for infliximab, record of $SIZE resources as full prefetch ($(wc -c < "$BODY_FILE") bytes);" \
      "wrk -t2 -c$CONNECTIONS, $ROUNDS rounds of $DURATION after $WARMUP of warm-up, one server at a time;" \
      "JVM flags: $JVM_FLAGS; serve options: ${SERVE_ARGS:-none}"
  echo
  echo "| round | server | requests/s | p50 | p99 | errors |"
  echo "|---|---|---|---|---|---|"
} | tee "$RESULTS"
declare -A RPS P50 P99
for ((round = 1; round <= ROUNDS; round++)); do
  for name in "${SERVERS[@]}"; do
    start_server "$name"
    check_answer "$name"
    BODY="$BODY_FILE" wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" -s "$ROOT/bench/post.lua" "http://127.0.0.1:$PORT/" > /dev/null
    wrk_out="$OUT/wrk-side-by-side-$name-$round.txt"
    BODY="$BODY_FILE" wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$ROOT/bench/post.lua" "http://127.0.0.1:$PORT/" > "$wrk_out"
    stop_server
    rps=$(wrk_stat "$wrk_out" rps)
    RPS[$name]+="$rps "
    P50[$name]+="$(ms_of "$(wrk_stat "$wrk_out" p50)") "
    P99[$name]+="$(ms_of "$(wrk_stat "$wrk_out" p99)") "
    errors=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$wrk_out")
    printf '| %s | %s | %s | %s | %s | %s socket, %s non-2xx |\n' "$round" "$name" "$rps" "$(wrk_stat "$wrk_out" p50)" \
        "$(wrk_stat "$wrk_out" p99)" "${errors:-0}" "$(wrk_stat "$wrk_out" non2xx)" | tee -a "$RESULTS"
  done
done
{
  echo
  echo "| server | median requests/s | median p50 | median p99 | requests/s by round |"
  echo "|---|---|---|---|---|"
  for name in "${SERVERS[@]}"; do
    printf '| %s | %s | %s ms | %s ms | %s |\n' "$name" "$(echo "${RPS[$name]}" | median)" "$(echo "${P50[$name]}" | median)" \
        "$(echo "${P99[$name]}" | median)" "${RPS[$name]% }"
  done
  SERVICE_RPS=$(echo "${RPS[service]}" | median)
  echo
  echo "service / HAPI peer: $(awk -v a="$SERVICE_RPS" -v b="$(echo "${RPS[peer]}" | median)" 'BEGIN {printf "%.2f", a / b}');" \
      "service / floor: $(awk -v a="$SERVICE_RPS" -v b="$(echo "${RPS[floor]}" | median)" 'BEGIN {printf "%.3f", a / b}')"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee -a "$RESULTS"
echo "results: $RESULTS; wrk outputs: $OUT/wrk-side-by-side-*.txt"
