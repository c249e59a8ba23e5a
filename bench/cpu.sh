#!/usr/bin/env bash
# CPU time (thread CPU clock) and wall time per in-process order-sign call, records of 10/100/1000
# resources: the figure that holds on a machine shared with other work. Single-threaded.
# Usage: bench/cpu.sh [WARMUP_SECONDS] [MEASURE_SECONDS] [SIZE...]
source "$(dirname "$0")/common.sh"
build
cd "$ROOT"
java $JVM_FLAGS -cp "$(test_classpath)" org.biologicscds.bench.CpuPerCall "$@" | tee "$OUT/cpu.txt"
