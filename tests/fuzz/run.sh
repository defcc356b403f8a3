#!/bin/sh
# Run each libFuzzer harness for SECONDS (make fuzz FUZZ_SECONDS=N).
# Usage: run.sh BUILD SECONDS NAME...  New inputs go to BUILD/corpus/NAME (the seeds in
# tests/fuzz/corpus/NAME are read, never written); crashes to BUILD/crashes/NAME/.
build=$1; secs=$2; shift 2
cd "$(dirname "$0")/../.." || exit 2
failed=""
for h in "$@"; do
    mkdir -p "$build/corpus/$h" "$build/crashes/$h"
    echo "fuzz: $h for ${secs}s"
    "$build/fuzz/$h" -max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$build/crashes/$h/" "$build/corpus/$h" "tests/fuzz/corpus/$h" \
        > "$build/fuzz-$h.log" 2>&1
    rc=$?
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$build/fuzz-$h.log" | grep -o '[0-9]*$')
    if [ $rc -eq 0 ]; then echo "  $h: ${execs:-?} executions, no crash"
    else echo "  $h: crashed after ${execs:-?} executions (exit $rc): see $build/fuzz-$h.log and $build/crashes/$h/"; failed="$failed $h"
    fi
done
[ -z "$failed" ] || { echo "fuzz: crashes in$failed"; exit 1; }
