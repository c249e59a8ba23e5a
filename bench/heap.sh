#!/usr/bin/env bash
# The largest records on a small heap: CONNECTIONS connections each sending an order-sign whose
# prefetch holds SIZE resources (4,900: just under the 5,000-resource limit, about 2 MB of JSON) to
# `serve` with HEAP of heap, for DURATION. Every answer should be a 200 and the log free of
# OutOfMemoryError: the compute turns bound the records being worked on at once, whatever the load.
# Usage: bench/heap.sh   (HEAP=128m SIZE=4900 CONNECTIONS=8 DURATION=20s; JAVA and SERVE_ARGS as for bench/http.sh)
source "$(dirname "$0")/common.sh"
HEAP="${HEAP:-128m}"
SIZE="${SIZE:-4900}"
CONNECTIONS="${CONNECTIONS:-8}"
DURATION="${DURATION:-20s}"
http_setup
build
java -cp "$(test_classpath)" org.biologicscds.bench.BenchFiles "$OUT/heap" "$SIZE" "$PORT"
rm -rf "$OUT/db"
"$JAVA" -Xms32m -Xmx"$HEAP" -XX:+UseSerialGC -Xss512k -jar "$BUILD_DIR/biologics-cds.jar" serve --port "$PORT" \
    --db "jdbc:h2:file:$OUT/db/feedback" $SERVE_ARGS > "$OUT/heap-serve.log" 2>&1 &
PIDS+=($!)
wait_for "http://127.0.0.1:$PORT/cds-services"
BODY="$OUT/heap/full-prefetch.json" wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 60s -s "$ROOT/bench/post.lua" \
    "http://127.0.0.1:$PORT/" > "$OUT/wrk-heap.txt"
answered=$(wrk_stat "$OUT/wrk-heap.txt" requests)
not_ok=$(wrk_stat "$OUT/wrk-heap.txt" non2xx)
oom=$(grep -c OutOfMemoryError "$OUT/heap-serve.log" || true)
echo "heap $HEAP, $CONNECTIONS connections, records of $SIZE resources ($(( $(wc -c < "$OUT/heap/full-prefetch.json") / 1024 )) KB) for $DURATION:" \
    "$answered answers, $not_ok not 2xx, OutOfMemoryError in the log: $oom" | tee "$OUT/heap-results.txt"
[[ "$not_ok" == 0 && "$oom" == 0 && "$answered" -gt 0 ]]
