#!/bin/sh
# Benchmark the PS1/PM5 residue table computed with the gene model (docs/classification.md):
# `revus annotate --fasta` of a patient VCF with one coding SNV in each of GENES genes, with a
# ClinVar-like release of RECORDS records inside those genes (a third P/LP) active, against
# the same home without ClinVar. Every gene's rows are computed on its first missense
# variant, so the difference is the cost of computing the protein change of every ClinVar
# record in the genes the patient touches (here: all of them).
# BENCH_RES_GENES (default 2000), BENCH_RES_RECORDS (default 200000, the bench home's ClinVar size).
cd "$(dirname "$0")/.." || exit 2
G=${BENCH_RES_GENES:-2000}
N=${BENCH_RES_RECORDS:-200000}
REVUS=${REVUS_BIN:-./revus}
DATA=bench/data
P=$DATA/residues_${G}_${N}
mkdir -p "$DATA"
[ -x /usr/bin/time ] || { echo "/usr/bin/time not found (apt-get install time)"; exit 2; }
if [ ! -s "$P.patient.vcf" ]; then
    echo "generating $P.* ($G genes, $N ClinVar-like records)"
    python3 bench/gen_residues.py "$G" "$N" 7 "$P" || exit 2
fi
T=$(mktemp -d "${TMPDIR:-/tmp}/revus-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/ann"
sed -e 's/"name": "gff3"/"name": "bench-genes"/' -e 's/"GRCh38"/"GRCh37"/' pipeline/gene-model-gff3.json > "$T/ann/bench-genes.json"
cp annotations/clinvar-grch37.json "$T/ann/"
"$REVUS" --home "$T/model" -q sources import --annotations "$T/ann" bench-genes "$P.gff3" --version 1 >/dev/null 2>&1 || { echo "model import failed"; exit 3; }
cp -r "$T/model" "$T/both"
"$REVUS" --home "$T/both" -q sources import --annotations "$T/ann" clinvar-grch37 "$P.clinvar.vcf" >/dev/null 2>&1 || { echo "ClinVar import failed"; exit 3; }
for h in model both; do
    /usr/bin/time -f '%e %U %S %M' -o "$T/$h.t" "$REVUS" --home "$T/$h" -q annotate --build GRCh37 -f "$P.fa" "$P.patient.vcf" -o "$T/$h.vcf" 2>/dev/null
done
read -r mw mu ms mr < "$T/model.t"
read -r bw bu bs br < "$T/both.t"
ps1=$(grep -c 'RV_CRITERIA=[^;]*PS1' "$T/both.vcf")
pm5=$(grep -c 'RV_CRITERIA=[^;]*PM5' "$T/both.vcf")
echo "annotate $G missense-gene SNVs, gene model only:            ${mw} s wall, $(echo "$mu + $ms" | bc) s CPU, peak RSS ${mr} KiB"
echo "annotate $G missense-gene SNVs, + ClinVar-like ($N records): ${bw} s wall, $(echo "$bu + $bs" | bc) s CPU, peak RSS ${br} KiB"
echo "residue table for all $G genes (the difference): $(echo "$bu + $bs - $mu - $ms" | bc) s CPU; PS1 on $ps1, PM5 on $pm5 records"
