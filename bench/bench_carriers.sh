#!/bin/sh
# bench_carriers.sh: the carrier index of a whole genome. A WGS-like VCF (bench/gen_vcf.py,
# 5,000,000 variants), a genome-wide GFF3 gene model (bench/gen_genome.py, 20,000 genes,
# imported as a gene-model source) and ClinVar-like and gnomAD-like sources at the genome's
# own variants (bench/gen_sources.py: 10% of its alleles in the ClinVar-like source, 90%
# in the gnomAD-like one). Registers the genome (which builds its carrier index with the
# default prefilter of pipeline/default.json: within carriers.exon_padding of an exon, or
# known to the ClinVar-like source; AF at most carriers.max_af), prints the index and
# records file sizes, then times a rebuild against `revus annotate` of the same VCF.
# A second home repeats it with a ClinVar-like source thinned to BENCH_CLINVAR_SHARE of
# those records (default 0.05, i.e. 0.5% of the genome's alleles known to ClinVar).
# Not a timed test: it prints measurements. BENCH_N shrinks the genome for a quick look.
cd "$(dirname "$0")/.." || exit 2
REVUS=$PWD/revus
N=${BENCH_N:-5000000}
SEED=42
SHARE=${BENCH_CLINVAR_SHARE:-0.05}
DATA=bench/data
PAT=$DATA/wgs_${N}_s${SEED}.vcf.gz
GFF=$DATA/genes_20000_s7.gff3
SRC=$DATA/carrier_src_${N}
[ -x "$REVUS" ] || { echo "bench_carriers: build revus first (make)" >&2; exit 2; }
for t in bgzip python3; do command -v $t >/dev/null || { echo "$t not found (make deps)"; exit 2; }; done
mkdir -p "$DATA"
if [ ! -s "$PAT" ]; then
    echo "generating $PAT ($N variants, seed $SEED)"
    python3 bench/gen_vcf.py "$N" "$SEED" | bgzip -c > "$PAT.tmp" && mv "$PAT.tmp" "$PAT" || exit 2
fi
if [ ! -s "$GFF" ]; then      # the gene model only: the carrier build needs no FASTA
    python3 -c 'import random, sys; sys.path.insert(0, "bench"); import gen_genome as g
g.write_gff(sys.argv[1], g.contigs(), 20000, random.Random(7))' "$GFF.tmp" && mv "$GFF.tmp" "$GFF" || exit 2
fi
if [ ! -s "$SRC.gnomad.vcf" ]; then
    echo "generating $SRC.{clinvar,gnomad}.vcf (records at the genome's alleles only)"
    python3 bench/gen_sources.py "$PAT" 0 0 "$SRC.clinvar.vcf" "$SRC.gnomad.vcf" || exit 2
fi
awk -v p="$SHARE" 'BEGIN { srand(7) } /^#/ || rand() < p' "$SRC.clinvar.vcf" > "$SRC.clinvar.thin.vcf"
T=$(mktemp -d "${TMPDIR:-/tmp}/revus-carriers.XXXXXX")
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/ann"
cp bench/annotations/bench-clinvar.json bench/annotations/bench-gnomad.json "$T/ann/"
sed -e 's/"name": "gff3"/"name": "bench-model"/' pipeline/gene-model-gff3.json > "$T/ann/bench-model.json"
now() { date +%s.%N; }
cpu() { awk '{ printf "%.2f s CPU (%.2f s wall)", $2 + $3, $1 }' "$1"; }

one() {     # one LABEL CLINVAR_VCF
    H=$T/home-$1
    mkdir -p "$H" && chmod 700 "$H"
    r() { "$REVUS" -q --home "$H" "$@"; }
    r sources import --annotations "$T/ann" bench-model "$GFF" --version 1 > /dev/null &&
    r sources import --annotations "$T/ann" bench-clinvar "$2" > /dev/null &&
    r sources import --annotations "$T/ann" bench-gnomad "$SRC.gnomad.vcf" --version 1 > /dev/null ||
        { echo "source import failed" >&2; exit 1; }
    known=$(grep -vc '^#' "$2")
    /usr/bin/time -f "%e %U %S" -o "$T/add" "$REVUS" -q --home "$H" cohort add --sample WGS1 --vcf "$PWD/$PAT" --sex F ||
        { echo "cohort add failed" >&2; exit 1; }
    "$REVUS" -q --home "$H" cohort carriers > "$T/list"
    rvr=$(stat -c %s "$H/carriers/WGS1.rvr" 2>/dev/null || echo 0)
    awk -F'\t' -v lab="$1" -v known="$known" -v rvr="$rvr" 'NR == 2 {
        printf "%s (%d ClinVar-like records): %d entries; index %d bytes (%.2f MB, %.2f bytes per entry); records file %d bytes\n",
               lab, known, $2, $3, $3 / 1e6, $3 / $2, rvr }' "$T/list"
    /usr/bin/time -f "%e %U %S" -o "$T/build" "$REVUS" -q --home "$H" cohort carriers --rebuild WGS1 > /dev/null
    /usr/bin/time -f "%e %U %S" -o "$T/ann0" "$REVUS" -q --home "$H" annotate "$PAT" --no-classify -o /dev/null
    /usr/bin/time -f "%e %U %S" -o "$T/ann1" "$REVUS" -q --home "$H" annotate "$PAT" -o /dev/null
    echo "  registration (hash + index): $(cpu "$T/add"); rebuild: $(cpu "$T/build");" \
         "annotate --no-classify: $(cpu "$T/ann0"); annotate: $(cpu "$T/ann1")"
}
echo "genome: $(zcat "$PAT" | grep -vc '^#') records; gene model: 20,000 genes, 40,000 transcripts"
one generated "$SRC.clinvar.vcf"
one "thinned to $SHARE" "$SRC.clinvar.thin.vcf"
