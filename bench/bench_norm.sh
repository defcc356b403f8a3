#!/bin/sh
# Benchmark `revus norm` (no FASTA) against `bcftools view -Ou` and `bcftools norm -m -any`
# on the same generated WGS-like VCF.gz: median of 3 wall times, ratios, revus peak RSS.
# Targets: revus within 1.3x of view, faster than bcftools norm, peak RSS < 64 MiB.
cd "$(dirname "$0")/.." || exit 2
N=${BENCH_N:-5000000}
SEED=${BENCH_SEED:-42}
REVUS=${REVUS_BIN:-./revus}
DATA=bench/data/wgs_${N}_s${SEED}.vcf.gz
mkdir -p bench/data
if [ ! -s "$DATA" ]; then
    echo "generating $DATA ($N variants, seed $SEED)"
    python3 bench/gen_vcf.py "$N" "$SEED" | bgzip -c > "$DATA.tmp" && mv "$DATA.tmp" "$DATA" || exit 2
fi
command -v bcftools >/dev/null || { echo "bcftools not found (make deps)"; exit 2; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time not found (apt-get install time)"; exit 2; }
T=$(mktemp -d "${TMPDIR:-/tmp}/revus-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT

# med3 NAME CMD...: run 3 times (stdout discarded); print median wall seconds, keep max RSS in $T/NAME.rss
med3() {
    name=$1; shift
    : > "$T/$name.times"; rss=0
    for i in 1 2 3; do
        /usr/bin/time -f '%e %M' -o "$T/time" "$@" > /dev/null 2> "$T/$name.err" || { echo "$name failed: $(head -c 300 "$T/$name.err")" >&2; }
        read -r t m < "$T/time"
        echo "$t" >> "$T/$name.times"
        [ "$m" -gt "$rss" ] && rss=$m
    done
    echo "$rss" > "$T/$name.rss"
    sort -n "$T/$name.times" | sed -n 2p
}

echo "input: $DATA ($N variants); $(nproc) cores"
t_revus=$(med3 revus "$REVUS" -q norm "$DATA")
t_view=$(med3 view bcftools view -Ou "$DATA")
t_norm=$(med3 bnorm bcftools norm -m -any -Ou "$DATA")
t_revus_bcf=$(med3 revus_bcf "$REVUS" -q norm -Ou "$DATA")
rss=$(cat "$T/revus.rss"); rss_bcf=$(cat "$T/revus_bcf.rss")
awk -v r="$t_revus" -v v="$t_view" -v n="$t_norm" -v rb="$t_revus_bcf" -v m="$rss" -v mb="$rss_bcf" 'BEGIN {
    printf "%-36s %8s %8s\n", "command", "median s", "ratio"
    printf "%-36s %8.2f %8s\n", "bcftools view -Ou", v, "1.00"
    printf "%-36s %8.2f %8.2f\n", "bcftools norm -m -any -Ou", n, n / v
    printf "%-36s %8.2f %8.2f\n", "revus norm (VCF out, lazy parse)", r, r / v
    printf "%-36s %8.2f %8.2f\n", "revus norm -Ou (BCF out, full parse)", rb, rb / v
    printf "revus/view %.2f (target <= 1.30): %s\n", r / v, r / v <= 1.30 ? "met" : "MISSED"
    printf "revus/bcftools-norm %.2f (target < 1): %s\n", r / n, r < n ? "met" : "MISSED"
    printf "revus peak RSS %.1f MiB (-Ou: %.1f MiB) (target < 64 MiB): %s\n", m / 1024, mb / 1024, m < 65536 && mb < 65536 ? "met" : "MISSED"
}'
