#!/bin/sh
# Benchmark `revus csq` beside `bcftools csq` on the same files: the generated WGS-like VCF.gz
# (bench/gen_vcf.py), a synthetic GRCh38-sized FASTA whose bases agree with every REF, and a
# synthetic genome-wide GFF3 (20,000 genes, 40,000 transcripts; bench/gen_genome.py).
# revus reads the gene model compiled once (sources import), as a lab runs it; bcftools csq
# parses the GFF3 on every run (its load time is printed apart). One run each (they are long).
# Targets (issue 13): revus csq >= 1M variants/s on 2 cores, peak RSS < 1 GiB. Both tools get
# --threads 2 and write each output type: -Ov (VCF, to /dev/null), -Ou (uncompressed BCF) and
# -Oz (bgzipped VCF, htslib's default level); revus also -Oz1 (level 1), -Ob, and -Ov without
# threads. Wall time depends on what else runs on the machine: CPU seconds are printed beside it.
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
R="$REVUS --home $H -q csq -f $FA"
run revus_v   $R --threads 2 -O v "$VCF"                                   # to /dev/null
run revus_v0  $R --threads 0 -O v "$VCF"                                   # one thread
run revus_u   $R --threads 2 -O u -o "$T/revus.bcf" "$VCF"
run revus_b   $R --threads 2 -O b -o "$T/revus_b.bcf" "$VCF"
run revus_z1  $R --threads 2 -O z1 -o "$T/revus1.vcf.gz" "$VCF"
run revus_z   "$REVUS" --home "$H" csq -f "$FA" --threads 2 -O z -o "$T/revus.vcf.gz" "$VCF"
# bcftools csq: sites only (-s -), GFF3 parsed each run (its load alone timed on a one-record VCF)
( zcat "$VCF" | grep '^#'; zcat "$VCF" | grep -v '^#' | head -1 ) > "$T/one.vcf"
run bcf_load bcftools csq -s - -f "$FA" -g "$GFF" -Ou "$T/one.vcf"
B="bcftools csq -s - --threads 2 -f $FA -g $GFF"
run bcftools_v $B -Ov "$VCF"
run bcftools_u $B -Ou -o "$T/bcf.bcf" "$VCF"
run bcftools_z $B -Oz -o "$T/bcf.vcf.gz" "$VCF"
recs=$(zcat "$VCF" | grep -vc '^#')
for k in revus_v revus_v0 revus_u revus_b revus_z1 revus_z bcftools_v bcftools_u bcftools_z bcf_load; do
    read -r w u s m < "$T/$k"
    echo "$k $w $u $s $m"
done | awk -v n="$recs" '
    { w[$1] = $2; cpu[$1] = $3 + $4; rss[$1] = $5 }
    function line(label, k) {
        printf "%-44s %7.2f s wall %7.2f s CPU  %5.2f M records/s  peak RSS %4.0f MiB\n",
            label, w[k], cpu[k], n / w[k] / 1e6, rss[k] / 1024
    }
    END {
        printf "%d records (the VCF'"'"'s, one per line; revus writes one per ALT)\n", n
        line("revus csq -Ov --threads 2 (to /dev/null)", "revus_v")
        line("revus csq -Ov --threads 0", "revus_v0")
        line("revus csq -Ou --threads 2", "revus_u")
        line("revus csq -Ob --threads 2", "revus_b")
        line("revus csq -Oz1 --threads 2 (level 1)", "revus_z1")
        line("revus csq -Oz --threads 2 (default level)", "revus_z")
        line("bcftools csq -s - -Ov --threads 2", "bcftools_v")
        line("bcftools csq -s - -Ou --threads 2", "bcftools_u")
        line("bcftools csq -s - -Oz --threads 2", "bcftools_z")
        printf "bcftools csq loads the GFF3 in %.2f s of each run\n", w["bcf_load"]
        printf "ratio bcftools csq / revus csq, wall (CPU): -Ov %.1fx (%.1fx), -Ou %.1fx (%.1fx), -Oz %.1fx (%.1fx)\n",
            w["bcftools_v"] / w["revus_v"], cpu["bcftools_v"] / cpu["revus_v"], w["bcftools_u"] / w["revus_u"],
            cpu["bcftools_u"] / cpu["revus_u"], w["bcftools_z"] / w["revus_z"], cpu["bcftools_z"] / cpu["revus_z"]
        split("revus_v revus_u revus_z1 revus_z", ks, " ")
        printf "target >= 1 M records/s on 2 cores (wall):"
        for (i = 1; i <= 4; i++) printf " %s %s", ks[i], (n / w[ks[i]] >= 1e6 ? "met" : "MISSED")
        printf "; CPU needed at 2 cores, i.e. CPU-s/2 <= %.2f s:", n / 1e6
        for (i = 1; i <= 4; i++) printf " %s %s", ks[i], (cpu[ks[i]] / 2 <= n / 1e6 ? "yes" : "no")
        printf "\ntarget peak RSS < 1 GiB: %s (largest %.0f MiB)\n", (rss["revus_z"] < 1048576 && rss["revus_v"] < 1048576 && rss["revus_b"] < 1048576 ? "met" : "MISSED"),
            (rss["revus_b"] > rss["revus_v"] ? rss["revus_b"] : rss["revus_v"]) / 1024
    }'
grep -h 'REF mismatches' "$T/revus_z.err"
n1=$(zcat "$T/revus.vcf.gz" | grep -c 'RV_CSQ=')
n2=$(zcat "$T/bcf.vcf.gz" | grep -c 'BCSQ=')
echo "records with a consequence: revus $n1, bcftools $n2 (revus writes one record per ALT; bcftools skips intergenic)"
