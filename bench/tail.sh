#!/usr/bin/env bash
# The tail one call at a time, in figures that do not depend on what else runs on the machine:
# `serve` with a GC log; after a warm-up, one wrk connection (-t1 -c1) for DURATION; then, for the
# measured window only, young and full collections per 1,000 calls, KB promoted to the old
# generation per call, the average survivors, KB allocated per call, each thread's CPU per call
# (from /proc), and the live heap's growth by class (GC.class_histogram before and after).
# Usage: bench/tail.sh   (DURATION=20s WARMUP=30s SIZE=100; JVM_FLAGS=..., SERVE_ARGS=..., DB_OPTIONS=";CACHE_SIZE=16384"
#        appended to the H2 URL; OUT=dir). Latency figures are only worth reading on a quiet machine.
source "$(dirname "$0")/common.sh"
DURATION="${DURATION:-20s}"
WARMUP="${WARMUP:-30s}"
SIZE="${SIZE:-100}"
http_setup
(cd "$ROOT" && mvn -B -q -o -DbuildDir="$BUILD_DIR" -DskipTests package)   # the jar and the test classes (BenchFiles)
JAR="$BUILD_DIR/biologics-cds.jar"
(cd "$ROOT" && java -cp "$JAR:$BUILD_DIR/test-classes" org.biologicscds.bench.BenchFiles "$OUT/http" "$SIZE" "$PORT")
GC_LOG="$OUT/tail-gc.log"
rm -rf "$OUT/db"
# shellcheck disable=SC2086
"$JAVA" $JVM_FLAGS "-Xlog:gc*:file=$GC_LOG:uptime,level,tags" -jar "$JAR" serve --port "$PORT" \
    --load "$OUT/http/record.json" --db "jdbc:h2:file:$OUT/db/feedback${DB_OPTIONS:-}" $SERVE_ARGS > "$OUT/tail-serve.log" 2>&1 &
SERVE=$!; PIDS+=("$SERVE")
wait_for "http://127.0.0.1:$PORT/cds-services" 60
BODY="$OUT/http/full-prefetch.json" wrk -t1 -c1 -d"$WARMUP" -s "$ROOT/bench/post.lua" "http://127.0.0.1:$PORT/" > /dev/null

# thread_cpu: CPU ticks (utime + stime) of each kind of thread (name without its trailing number)
thread_cpu() {
  for t in /proc/"$SERVE"/task/*; do
    printf '%s %s\n' "$(tr -d ' ' < "$t/comm" | sed 's/[0-9-]*$//')" "$(sed 's/.*) //' "$t/stat" | awk '{print $12 + $13}')"
  done | awk '{a[$1] += $2} END {for (k in a) print k, a[k]}' | sort
}
uptime_s() { jcmd "$SERVE" VM.uptime | awk 'NR == 2 {print $1}'; }
jcmd "$SERVE" GC.class_histogram > "$OUT/tail-histo-before.txt"   # a full collection: the window starts clean
thread_cpu > "$OUT/tail-cpu-before.txt"
START=$(uptime_s)
BODY="$OUT/http/full-prefetch.json" wrk -t1 -c1 -d"$DURATION" --latency -s "$ROOT/bench/post.lua" "http://127.0.0.1:$PORT/" > "$OUT/wrk-tail.txt"
END=$(uptime_s)
thread_cpu > "$OUT/tail-cpu-after.txt"
jcmd "$SERVE" GC.class_histogram > "$OUT/tail-histo-after.txt"
CALLS=$(wrk_stat "$OUT/wrk-tail.txt" requests)
RESULTS="$OUT/tail-results.txt"
{
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); JVM flags: $JVM_FLAGS; serve options: ${SERVE_ARGS:-none}; H2 URL options: ${DB_OPTIONS:-none}"
  echo "one at a time: $CALLS calls, $(wrk_stat "$OUT/wrk-tail.txt" rps) requests/s, p50 $(wrk_stat "$OUT/wrk-tail.txt" p50), p99 $(wrk_stat "$OUT/wrk-tail.txt" p99)"
  # Serial GC's log: "DefNew: 41214K(43072K)->2430K(43072K)", "Tenured: 70532K(95472K)->71268K(95472K)", "Pause Young ... 9.973ms".
  awk -v start="$START" -v end="$END" -v calls="$CALLS" '
    { t = substr($1, 2) + 0 }
    t < start || t > end { next }
    match($0, /GC\([0-9]+\)/) { id = substr($0, RSTART + 3, RLENGTH - 4) }
    /DefNew: / { split($0, a, "DefNew: "); split(a[2], b, "K"); before = b[1]; split(a[2], c, "->"); after = c[2] + 0
                 if (last != "") allocated += before - last; last = after; survivors += after; young_sizes++ }
    /Tenured: / && !full[id] { split($0, a, "Tenured: "); split(a[2], b, "K"); split(a[2], c, "->"); tenured[id] = (c[2] + 0) - b[1] }
    /Pause Young/ && /ms$/ { young++; pause = $NF + 0; young_ms += pause; if (pause > young_max) young_max = pause }
    /Pause Full/ && /ms$/ { fulls++; full[id] = 1; pause = $NF + 0; full_ms += pause }
    END {
      for (i in tenured) if (!full[i]) promoted += tenured[i]
      printf "young collections: %d (%.1f per 1,000 calls), mean %.1f ms, longest %.1f ms; full collections: %d (%.0f ms)\n", young, young * 1000 / calls, (young ? young_ms / young : 0), young_max, fulls, full_ms
      printf "promoted per call: %.1f KB; survivors after a young collection: %.0f KB; allocated per call: about %.0f KB\n", promoted / calls, (young_sizes ? survivors / young_sizes : 0), (young > 1 ? allocated / calls : 0)
    }' "$GC_LOG"
  join -a 2 "$OUT/tail-cpu-before.txt" "$OUT/tail-cpu-after.txt" | awk -v calls="$CALLS" '
    { d = NF == 3 ? $3 - $2 : $2; total += d; if (d > 0) line = line sprintf("%s %.3f, ", $1, d * 10 / calls) }
    END { printf "CPU ms per call by thread: %stotal %.3f\n", line, total * 10 / calls }'
  echo "live heap growth over the window, largest first (class, KB, instances):"
  awk 'FNR == 1 { f++ } $1 ~ /^[0-9]+:$/ { if (f == 1) { b[$4] = $3; n[$4] = $2 } else { a[$4] = $3; m[$4] = $2 } }
    END { for (k in a) printf "%s %.0f %d\n", k, (a[k] - b[k]) / 1024, m[k] - n[k] }' \
    "$OUT/tail-histo-before.txt" "$OUT/tail-histo-after.txt" | sort -k2 -n -r | awk 'NR <= 8 {print "  " $0}'   # awk, not head: no SIGPIPE under pipefail
} | tee "$RESULTS"
