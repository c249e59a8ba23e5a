# Shared by the bench scripts: build directory, classpath, JVM flags. Sourced, not run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$ROOT/target}"
# One set of JVM flags for the service and the floor, so the comparison is fair.
JVM_FLAGS="${JVM_FLAGS:--Xms32m -Xmx192m -XX:+UseSerialGC -Xss512k -XX:ReservedCodeCacheSize=64m}"
OUT="${OUT:-$BUILD_DIR/bench}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"   # absolute: H2 refuses a database path relative to the working directory

# Builds the jar and the test classes (benchmarks live with the tests), and writes the test classpath.
build() {
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
# Resident set size of a pid, in MB.
rss_mb() {
  awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"
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
# serve_record LOG: starts `serve` (JAVA, JVM_FLAGS, SERVE_ARGS) on PORT with a fresh feedback database
# and the benchmark record ($OUT/http/record.json) in its sandbox, logging to LOG; sets SERVE, adds it
# to PIDS and waits until it answers.
serve_record() {
  rm -rf "$OUT/db"
  "$JAVA" $JVM_FLAGS -jar "$BUILD_DIR/biologics-cds.jar" serve --port "$PORT" --load "$OUT/http/record.json" \
      --db "jdbc:h2:file:$OUT/db/feedback" $SERVE_ARGS > "$1" 2>&1 &
  SERVE=$!; PIDS+=("$SERVE")
  wait_for "http://127.0.0.1:$PORT/cds-services"
}
