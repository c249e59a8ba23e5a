#!/usr/bin/env bash
# Every benchmark, one after the other, on one build: the run behind docs/performance.md's
# "Results". Run it on a quiet machine (nothing else building or serving); it takes about 35 minutes.
# Writes each script's own output to OUT (target/bench) and their results together to
# OUT/all-results.md, headed by the commit, the JVM and the machine. Stops at the first script that fails.
# Usage: bench/all.sh   (each script's own options pass through the environment, e.g. JVM_FLAGS)
source "$(dirname "$0")/common.sh"
ALL="$OUT/all-results.md"
BENCH="$ROOT/bench"
{
  echo "# bench/all.sh, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "commit $(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD || echo ' (with uncommitted changes)');" \
      "$(java -version 2>&1 | head -1); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$ALL"
section() {  # section TITLE FILE [SED_RANGE]: appends a script's results file, or the lines of it in SED_RANGE
  { echo; echo "## $1"; echo; sed -n "${3:-1,\$}p" "$2"; } >> "$ALL"
}
"$BENCH/jmh.sh";                       section "bench/jmh.sh" "$OUT/jmh.txt" '/^Benchmark/,$'   # JMH's summary
"$BENCH/cpu.sh" 8 8;                   section "bench/cpu.sh 8 8" "$OUT/cpu.txt"
"$BENCH/http.sh";                      section "bench/http.sh" "$OUT/http-results.txt"
"$BENCH/slow-fhir.sh";                 section "bench/slow-fhir.sh" "$OUT/slow-fhir-results.txt"
"$BENCH/heap.sh";                      section "bench/heap.sh" "$OUT/heap-results.txt"
"$BENCH/profile.sh";                   section "bench/profile.sh" "$OUT/profile-full-prefetch.txt"
# The no-prefetch path has more code to compile: after 30 s its compilers were still at work.
BODY_KIND=no-prefetch WARMUP=60s "$BENCH/profile.sh"; section "BODY_KIND=no-prefetch WARMUP=60s bench/profile.sh" "$OUT/profile-no-prefetch.txt"
"$BENCH/side-by-side.sh";              section "bench/side-by-side.sh" "$OUT/side-by-side.txt"
"$BENCH/fixed-rate.sh";                section "bench/fixed-rate.sh" "$OUT/fixed-rate.txt"
"$BENCH/cold-start.sh";                section "bench/cold-start.sh" "$OUT/cold-start.txt"
"$BENCH/rss.sh";                       section "bench/rss.sh" "$OUT/rss.txt"
echo "all results: $ALL"
