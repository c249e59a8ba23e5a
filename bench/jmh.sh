#!/usr/bin/env bash
# The in-process benchmark: one order-sign call (parse, assemble, evaluate, render, encode) for
# records of 10, 100 and 1,000 resources; time and allocation per call (JMH, -prof gc).
# Usage: bench/jmh.sh [extra JMH options]   e.g. bench/jmh.sh -f 1 -wi 3 -i 3
source "$(dirname "$0")/common.sh"
build
cd "$ROOT"
java -cp "$(test_classpath)" org.openjdk.jmh.Main HookCallBenchmark -prof gc \
    -rf json -rff "$OUT/jmh.json" "$@" | tee "$OUT/jmh.txt"
echo "results: $OUT/jmh.txt, $OUT/jmh.json"
