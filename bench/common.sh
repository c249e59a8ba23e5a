# Shared by the bench scripts: build directory, classpath, JVM flags. Sourced, not run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/target}"
# One set of JVM flags for the service and the floor, so the comparison is fair.
JVM_FLAGS="${JVM_FLAGS:--Xms32m -Xmx192m -XX:+UseSerialGC -Xss512k}"
OUT="${OUT:-$BUILD_DIR/bench}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"   # absolute: H2 refuses a database path relative to the working directory

# Builds the jar and the test classes (benchmarks live with the tests), and writes the test classpath.
# SKIP_BUILD=1 uses the build already in BUILD_DIR (several scripts in a row on one build).
build() {
  if [[ "${SKIP_BUILD:-}" == 1 && -f "$BUILD_DIR/biologics-cds.jar" && -f "$BUILD_DIR/test-classpath.txt" ]]; then
    return 0
  fi
  (cd "$ROOT" && mvn -B -q -o -DbuildDir="$BUILD_DIR" -DskipTests package \
      dependency:build-classpath -Dmdep.outputFile="$BUILD_DIR/test-classpath.txt" -Dmdep.includeScope=test)
}
test_classpath() {
  echo "$BUILD_DIR/test-classes:$BUILD_DIR/classes:$(cat "$BUILD_DIR/test-classpath.txt")"
}
# Waits until URL answers (any status), at most $2 seconds.
wait_for() {
  local url="$1" limit="${2:-30}" i
  for ((i = 0; i < limit * 20; i++)); do
    curl -s -o /dev/null "$url" && return 0
    sleep 0.05
  done
  echo "no answer from $url after ${limit}s" >&2
  return 1
}
# Resident set size of a pid, in MB: now (rss_mb) and its peak so far, as the kernel counts it (hwm_mb).
rss_mb() {
  awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"
}
hwm_mb() {
  awk '/^VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"
}
# Where the service answers the benchmark's order-sign.
SERVICE_PATH=/cds-services/biologic-order-sign
EXPECTED_CARDS=()
# expect_cards DIR: the cards every benchmark record answers (BenchRecord.EXPECTED_CARDS, written by
# BenchFiles into DIR), for has_expected_cards and wait_for_cards.
expect_cards() {
  mapfile -t EXPECTED_CARDS < "$1/expected-cards.txt"
  ((${#EXPECTED_CARDS[@]} > 0)) || { echo "no expected cards in $1/expected-cards.txt" >&2; return 1; }
}
# bench_files DIR SIZE: writes the benchmark request of SIZE resources into DIR (BenchFiles: record,
# bodies, expected cards) and reads its expected cards; the one way every script makes its request.
bench_files() {
  java -cp "$(test_classpath)" org.biologicscds.bench.BenchFiles "$1" "$2" "$PORT"
  expect_cards "$1"
}
# post_body URL BODY_FILE: POSTs the JSON file; the answer on stdout (nothing when nobody answers).
post_body() {
  curl -s -X POST -H 'Content-Type: application/json' --data-binary "@$2" "$1" 2>/dev/null || true
}
# has_expected_cards ANSWER: true when the answer names every expected card.
has_expected_cards() {
  local card
  ((${#EXPECTED_CARDS[@]} > 0)) || { echo "has_expected_cards: call expect_cards first" >&2; return 1; }
  for card in "${EXPECTED_CARDS[@]}"; do [[ "$1" == *"\"$card\""* ]] || return 1; done
}
# wait_for_cards URL BODY_FILE PID: polls every 50 ms until URL answers BODY_FILE with the expected
# cards (polling faster spawns enough curl processes to slow the start it measures on two cores);
# fails when PID exits first.
wait_for_cards() {
  until has_expected_cards "$(post_body "$1" "$2")"; do
    kill -0 "$3" 2>/dev/null || { echo "process $3 exited before answering the expected cards" >&2; return 1; }
    sleep 0.05
  done
}
# For the HTTP scripts: the JVM and `serve`'s options (JAVA, SERVE_ARGS), its port, wrk, and the
# processes to stop when the script ends (append their pids to PIDS).
http_setup() {
  JAVA="${JAVA:-java}"
  SERVE_ARGS="${SERVE_ARGS:-}"
  PORT="${PORT:-18080}"
  command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
  PIDS=()
  trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
}
# wrk_stat FILE requests|rps|p50|p99|non2xx: one figure from a `wrk --latency` output (non2xx is 0
# when wrk reported none).
wrk_stat() {
  case "$2" in
    requests) awk '/requests in/ {print $1}' "$1" ;;
    rps) awk '/^Requests\/sec/ {print $2}' "$1" ;;
    p50) awk '$1 == "50%" {print $2}' "$1" ;;
    p99) awk '$1 == "99%" {print $2}' "$1" ;;
    non2xx) awk '/Non-2xx/ {print $5}' "$1" | grep . || echo 0 ;;
    *) echo "wrk_stat: no figure '$2'" >&2; return 1 ;;
  esac
}
# median: the median of the numbers on stdin (whitespace-separated).
median() {
  tr -s ' \t' '\n\n' | grep . | sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}
# ms_of DURATION: a wrk duration (850.00us, 1.23ms, 2.01s, 1.05m) in ms.
ms_of() {
  awk -v d="$1" 'BEGIN {
    n = d + 0; u = d; sub(/^[0-9.]+/, "", u)
    f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : -1
    if (f < 0) { print "ms_of: no unit in " d > "/dev/stderr"; exit 1 }
    v = n * f; printf (v >= 100) ? "%.0f" : (v >= 10) ? "%.1f" : "%.2f", v }'
}
# serve_record LOG [DIR]: starts `serve` (JAVA, JVM_FLAGS, SERVE_ARGS) on PORT with a fresh feedback
# database and the benchmark record (DIR/record.json, DIR written by BenchFiles, default $OUT/http) in
# its sandbox, logging to LOG; sets SERVE, adds it to PIDS and waits until it answers.
serve_record() {
  rm -rf "$OUT/db"
  "$JAVA" $JVM_FLAGS -jar "$BUILD_DIR/biologics-cds.jar" serve --port "$PORT" --load "${2:-$OUT/http}/record.json" \
      --db "jdbc:h2:file:$OUT/db/feedback" $SERVE_ARGS > "$1" 2>&1 &
  SERVE=$!; PIDS+=("$SERVE")
  wait_for "http://127.0.0.1:$PORT/cds-services"
}
