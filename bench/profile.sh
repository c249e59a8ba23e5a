#!/usr/bin/env bash
# Where the CPU goes under load, in steady state: `serve` takes the typical order-sign from wrk; after
# the warm-up, async-profiler is attached for the measured run (sampling every INTERVAL of CPU, all
# threads) and the CPU of every thread is read from /proc before and after. Prints the server's CPU
# per request by kind of thread and the request threads' samples step by step (ProfileShares).
# Usage: bench/profile.sh   (DURATION=20s WARMUP=30s CONNECTIONS=16 SIZE=100 BODY_KIND=full-prefetch|no-prefetch
#        INTERVAL=1ms; JVM_FLAGS, JAVA and SERVE_ARGS as for bench/http.sh)
# async-profiler (tools.profiler:async-profiler, linux-x64) comes from Maven Central on first use.
source "$(dirname "$0")/common.sh"
DURATION="${DURATION:-20s}"
WARMUP="${WARMUP:-30s}"
CONNECTIONS="${CONNECTIONS:-16}"
SIZE="${SIZE:-100}"
BODY_KIND="${BODY_KIND:-full-prefetch}"
INTERVAL="${INTERVAL:-1ms}"
PROFILER_VERSION=4.1
http_setup
build
JCMD="$(dirname "$(readlink -f "$(command -v "$JAVA")")")/jcmd"
[[ -x "$JCMD" ]] || { echo "no jcmd beside $JAVA: a JDK is needed" >&2; exit 1; }
PROFILER_DIR="$BUILD_DIR/async-profiler-$PROFILER_VERSION"
AGENT="$PROFILER_DIR/linux-x64/libasyncProfiler.so"
if [[ ! -f "$AGENT" ]]; then
  (cd "$ROOT" && mvn -B -q dependency:copy -Dartifact="tools.profiler:async-profiler:$PROFILER_VERSION:jar:linux-x64" \
      -DoutputDirectory="$PROFILER_DIR")
  (cd "$PROFILER_DIR" && "$(dirname "$JCMD")/jar" xf "async-profiler-$PROFILER_VERSION-linux-x64.jar")
fi
java -cp "$(test_classpath)" org.biologicscds.bench.BenchFiles "$OUT/http" "$SIZE" "$PORT"
BODY="$OUT/http/$BODY_KIND.json"
[[ -f "$BODY" ]] || { echo "no body $BODY: BODY_KIND is full-prefetch or no-prefetch" >&2; exit 1; }

serve_record "$OUT/profile-serve.log"

# Each thread's name and its user + system CPU in clock ticks (fields 14 and 15 of stat).
cpu_snapshot() {
  local task
  for task in /proc/"$SERVE"/task/*; do
    printf '%s|%s\n' "$(cat "$task/comm")" "$(sed 's/.*) //' "$task/stat" | awk '{print $12 + $13}')"
  done
}
# The agent's options hold '=' and ','; jcmd reads key=value arguments itself unless they are quoted.
profiler() { "$JCMD" "$SERVE" JVMTI.agent_load "$AGENT" "\"$1\"" > /dev/null; }

RESULTS="$OUT/profile-$BODY_KIND.txt"
COLLAPSED="$OUT/profile-$BODY_KIND.collapsed"
BODY="$BODY" wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" -s "$ROOT/bench/post.lua" "http://127.0.0.1:$PORT/" > /dev/null
cpu_snapshot > "$OUT/profile-cpu-before.txt"
profiler "start,event=itimer,interval=$INTERVAL,threads"
BODY="$BODY" wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$ROOT/bench/post.lua" "http://127.0.0.1:$PORT/" \
    > "$OUT/wrk-profile-$BODY_KIND.txt"
profiler "stop,file=$COLLAPSED,collapsed"
cpu_snapshot > "$OUT/profile-cpu-after.txt"
WRK_OUT="$OUT/wrk-profile-$BODY_KIND.txt"
REQUESTS=$(wrk_stat "$WRK_OUT" requests)
{
  echo "$BODY_KIND, $CONNECTIONS connections, $DURATION after $WARMUP of warm-up; JVM flags: $JVM_FLAGS; serve options: ${SERVE_ARGS:-none}"
  echo "requests: $REQUESTS; Requests/sec: $(wrk_stat "$WRK_OUT" rps); p50 $(wrk_stat "$WRK_OUT" p50); non-2xx: $(wrk_stat "$WRK_OUT" non2xx)"
  echo
  java -cp "$(test_classpath)" org.biologicscds.bench.ProfileShares "$COLLAPSED" \
      "$OUT/profile-cpu-before.txt" "$OUT/profile-cpu-after.txt" "$REQUESTS"
} | tee "$RESULTS"
echo "stacks (collapsed; flamegraph.pl or speedscope read them): $COLLAPSED"
