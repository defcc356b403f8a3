#!/bin/sh
# Run every benchmark (bench/bench_*.sh) in name order. BENCH_N sets the number of variants
# of the generated WGS-like VCF (default 5,000,000; BENCH_N=200000 for a quick run).
cd "$(dirname "$0")/.." || exit 2
status=0
for b in bench/bench_*.sh; do
    [ -f "$b" ] || continue
    echo "== $b"
    sh "$b" || status=1
done
exit $status
