#!/bin/sh
# Benchmark `revus csq` beside `bcftools csq` on the same files: the generated WGS-like VCF.gz
# (bench/gen_vcf.py), a synthetic GRCh38-sized FASTA whose bases agree with every REF, and a
# synthetic genome-wide GFF3 (20,000 genes, 40,000 transcripts; bench/gen_genome.py).
# revus reads the gene model compiled once (sources import), as a lab runs it; bcftools csq
# parses the GFF3 on every run (its load time is printed apart). One run each (they are long).
# Targets (issue 13): revus csq >= 1M variants/s on 2 cores, peak RSS < 1 GiB. Both tools get
# --threads 2 (one pool for reading and BGZF compression); -Oz1 shows the cost of compression.
cd "$(dirname "$0")/.." || exit 2
N=${BENCH_N:-5000000}
SEED=${BENCH_SEED:-42}
REVUS=${REVUS_BIN:-./revus}
DATA=bench/data
VCF=$DATA/wgs_${N}_s${SEED}.vcf.gz
FA=$DATA/genome_${N}_s${SEED}.fa
GFF=$DATA/genes_s${SEED}.gff3
mkdir -p "$DATA"
for t in bcftools bgzip python3; do command -v $t >/dev/null || { echo "$t not found (make deps)"; exit 2; }; done
[ -x /usr/bin/time ] || { echo "/usr/bin/time not found (apt-get install time)"; exit 2; }
if [ ! -s "$VCF" ]; then
    echo "generating $VCF ($N variants, seed $SEED)"
    python3 bench/gen_vcf.py "$N" "$SEED" | bgzip -c > "$VCF.tmp" && mv "$VCF.tmp" "$VCF" || exit 2
fi
if [ ! -s "$FA.fai" ]; then
    echo "generating $FA (3.1 Gb, REF bases of $VCF) and $GFF"
    python3 bench/gen_genome.py "$VCF" "$FA.tmp" "$GFF" && mv "$FA.tmp.fai" "$FA.fai" && mv "$FA.tmp" "$FA" || exit 2
fi
# bcftools csq stops at a REF that differs from the FASTA: both tools get the records that agree
CVCF=$DATA/wgs_${N}_s${SEED}.csq.vcf.gz
if [ ! -s "$CVCF" ]; then
    python3 bench/ref_consistent.py "$VCF" "$FA" | bgzip -c > "$CVCF.tmp" && mv "$CVCF.tmp" "$CVCF" || exit 2
fi
VCF=$CVCF
T=$(mktemp -d "${TMPDIR:-/tmp}/revus-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
H=$T/home
mkdir -p "$T/ann"
sed -e 's/"name": "gff3"/"name": "bench-genes"/' pipeline/gene-model-gff3.json > "$T/ann/bench-genes.json"
/usr/bin/time -f '%e s, peak RSS %M KiB' -o "$T/imp" "$REVUS" --home "$H" -q sources import --annotations "$T/ann" \
    bench-genes "$GFF" --version 1 || { echo "import failed"; exit 3; }
echo "revus sources import (GFF3 -> gene-model index): $(cat "$T/imp")"

run() {   # run NAME CMD...: wall, user+sys, peak RSS into $T/NAME; exit 1 (REF mismatches: the
          # generator writes overlapping records whose REFs disagree) is a completed run
    name=$1; shift
    /usr/bin/time -f '%e %U %S %M' -o "$T/$name" "$@" > /dev/null 2> "$T/$name.err"
    rc=$?
    [ $rc -le 1 ] || { echo "$name failed (exit $rc): $(tail -c 300 "$T/$name.err")"; exit 3; }
    grep -v '^Command exited' "$T/$name" > "$T/$name.t" && mv "$T/$name.t" "$T/$name"
}
run revus "$REVUS" --home "$H" csq --threads 2 -f "$FA" -o "$T/revus.vcf.gz" -O z "$VCF"
run revus_z1 "$REVUS" --home "$H" -q csq --threads 2 -f "$FA" -o "$T/revus1.vcf.gz" -O z1 "$VCF"
run revus_u "$REVUS" --home "$H" -q csq --threads 2 -f "$FA" -O u "$VCF"
run revus_v "$REVUS" --home "$H" -q csq --threads 2 -f "$FA" -O v "$VCF"      # uncompressed: the engine itself
# bcftools csq: sites only (-s -), GFF3 parsed each run (its load alone timed on a one-record VCF)
( zcat "$VCF" | grep '^#'; zcat "$VCF" | grep -v '^#' | head -1 ) > "$T/one.vcf"
run bcf_load bcftools csq -s - -f "$FA" -g "$GFF" -Ou "$T/one.vcf"
run bcftools bcftools csq -s - --threads 2 -f "$FA" -g "$GFF" -Oz -o "$T/bcf.vcf.gz" "$VCF"
recs=$(zcat "$VCF" | grep -vc '^#')
for k in revus revus_z1 revus_u revus_v bcftools bcf_load; do
    read -r w u s m < "$T/$k"
    echo "$k $w $u $s $m"
done | awk -v n="$recs" '
    { w[$1] = $2; cpu[$1] = $3 + $4; rss[$1] = $5 }
    END {
        printf "revus csq  -Oz --threads 2: %8.2f s wall, %8.2f s CPU, %.2f M records/s, peak RSS %.0f MiB (targets >= 1 M/s: %s; < 1 GiB: %s)\n",
            w["revus"], cpu["revus"], n / w["revus"] / 1e6, rss["revus"] / 1024, (n / w["revus"] >= 1e6 ? "met" : "MISSED"), (rss["revus"] < 1048576 ? "met" : "MISSED")
        printf "revus csq  -Oz1 --threads 2 (compression level 1): %8.2f s wall, %8.2f s CPU, %.2f M records/s, peak RSS %.0f MiB\n",
            w["revus_z1"], cpu["revus_z1"], n / w["revus_z1"] / 1e6, rss["revus_z1"] / 1024
        printf "revus csq  -Ou --threads 2: %8.2f s wall, %8.2f s CPU, %.2f M records/s, peak RSS %.0f MiB\n",
            w["revus_u"], cpu["revus_u"], n / w["revus_u"] / 1e6, rss["revus_u"] / 1024
        printf "revus csq  -Ov --threads 2 (to /dev/null): %8.2f s wall, %8.2f s CPU, %.2f M records/s, peak RSS %.0f MiB\n",
            w["revus_v"], cpu["revus_v"], n / w["revus_v"] / 1e6, rss["revus_v"] / 1024
        printf "bcftools csq -Oz -s - --threads 2: %8.2f s wall (%.2f s of it loading the GFF3), %.2f M records/s, peak RSS %.0f MiB\n",
            w["bcftools"], w["bcf_load"], n / w["bcftools"] / 1e6, rss["bcftools"] / 1024
        printf "ratio bcftools csq / revus csq (wall, -Oz): %.1fx\n", w["bcftools"] / w["revus"]
    }'
grep -h 'REF mismatches' "$T/revus.err"
n1=$(zcat "$T/revus.vcf.gz" | grep -c 'RV_CSQ=')
n2=$(zcat "$T/bcf.vcf.gz" | grep -c 'BCSQ=')
echo "records with a consequence: revus $n1, bcftools $n2 (revus writes one record per ALT; bcftools skips intergenic)"
