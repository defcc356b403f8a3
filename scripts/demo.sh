#!/bin/sh
# demo.sh: the lab's reanalysis cycle on bundled test data (`make demo`).
#
# Fresh home ./demo-home; ClinVar 2015-12-11 + demo panel v1.0; a cohort of five patients
# and one trio; the lab's reported classes; a first run; then ClinVar 2016-09-27 + panel
# v1.1 are imported and activated; a second run; its flags and a report.
# Reads only test-data/cohort (see its PROVENANCE.md); never touches the network.
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
REVUS=${REVUS_BIN:-$TOP/revus}
case $REVUS in /*) ;; *) REVUS=$TOP/$REVUS ;; esac
DATA=$TOP/test-data/cohort
DEMO=${DEMO_HOME:-$TOP/demo-home}
export REVUS_DATA_DIR=$TOP

[ -x "$REVUS" ] || { echo "demo: $REVUS not built (run make)" >&2; exit 2; }

# The demo's own, network-free descriptors and indications live in test-data/cohort.
ANN=$DATA/annotations
. "$TOP/scripts/cohort-home.sh"

step() { printf '\n== %s\n' "$*"; }
# rv ARGS...: show and run one revus command against the demo home; stop on failure
# (exit 1 from run means "ran, some samples need attention": the demo goes on).
rv() {
    printf '$ revus %s\n' "$*"
    "$REVUS" --home "$DEMO" --config "$CONFIG" "$@"
    rc=$?
    if [ $rc -ne 0 ] && [ $rc -ne 1 ]; then
        echo "demo: 'revus $*' failed with exit code $rc" >&2
        exit $rc
    fi
    return 0
}

step "fresh home $DEMO"
rm -rf "$DEMO"
mkdir -p "$DEMO"
chmod 700 "$DEMO"
# the pipeline config: revus's default plus the demo indications (CF, LYNCH, BRUGADA -> demo-panel)
CONFIG=$(cohort_config "$TOP" "$DEMO") || { echo "demo: cannot write the demo config" >&2; exit 2; }
# the manifest names VCFs relative to test-data/cohort; the state keeps absolute paths
awk -F'\t' -v OFS='\t' -v d="$DATA" 'NR > 1 && $2 !~ /^\// { $2 = d "/" $2 } { print }' \
    "$DATA/manifest.tsv" > "$DEMO/manifest.tsv"

step "knowledge as of early 2016: ClinVar 2015-12-11, demo panel v1.0 (SCN5A amber)"
rv sources import --annotations "$ANN" clinvar "$DATA/clinvar_20151211.GRCh37.subset.vcf.gz"
rv sources import --annotations "$ANN" demo-panel "$DATA/panel_demo_v1.0.json"
rv sources list --annotations "$ANN"

step "register the cohort (5 patients, 1 trio) and what the lab reported"
rv cohort import "$DEMO/manifest.tsv"
rv reported import "$DATA/reported.tsv"
rv cohort list

step "first run"
rv run
rv flags --format tsv

step "new releases: ClinVar 2016-09-27, demo panel v1.1 (SCN5A now green)"
rv sources import --annotations "$ANN" clinvar "$DATA/clinvar_20160927.GRCh37.subset.vcf.gz"
rv sources import --annotations "$ANN" demo-panel "$DATA/panel_demo_v1.1.json"
rv sources activate clinvar 2016-09-27
rv sources activate demo-panel 1.1
rv sources list --annotations "$ANN"

step "what is due now"
rv plan

step "second run"
rv run

step "flags raised by the new knowledge"
"$REVUS" --home "$DEMO" --config "$CONFIG" flags --format tsv > "$DEMO/flags.tsv"
rc=$?
[ $rc -le 1 ] || { echo "demo: revus flags failed ($rc)" >&2; exit $rc; }
cat "$DEMO/flags.tsv"

step "reports"
for fmt in tsv html; do
    if "$REVUS" --home "$DEMO" --config "$CONFIG" report --format $fmt -o "$DEMO/report.$fmt" 2>"$DEMO/report.err"; then
        echo "wrote $DEMO/report.$fmt"
    else
        echo "report ($fmt) not written: $(head -n 1 "$DEMO/report.err")"
    fi
done

step "summary"
# Count flags by category from the TSV header's 'category' column (whatever its position).
awk -F'\t' '
    NR == 1 { for (i = 1; i <= NF; i++) if ($i == "category") c = i; next }
    c && NF { n[$c]++; total++ }
    END {
        if (!c) { print "flags: no category column in the flags output"; exit }
        printf "%d flag(s) after the new ClinVar release and panel version:\n", total
        split("plp_downgraded vus_upgraded new_candidate left_candidates vus_downgraded evidence_changed", order, " ")
        for (i = 1; i <= 6; i++) if (n[order[i]]) printf "  %-18s %d\n", order[i], n[order[i]]
    }' "$DEMO/flags.tsv"
cat <<EOF
Planted real ClinVar changes (2015-12-11 -> 2016-09-27) the flags should name:
  S01 7-117176711-A-T  CFTR  LP -> LB    (P/LP downgraded; the lab reported LP)
  S02 2-47707835-G-A   MSH2  LP -> VUS   (P/LP downgraded; reported LP)
  S03 3-38591878-G-C   SCN5A P  -> VUS   (P/LP downgraded; reported P)
  P01 7-117180242-T-G  CFTR  LP -> VUS   (P/LP downgraded; reported LP)
  S04 7-117199643-C-G  CFTR  not provided -> P  (ClinVar newly asserts P)
  P01 7-117234999-G-T  CFTR  not provided -> LP (newly P/LP; reported VUS)
  S05 3-38616858-T-G   SCN5A Conflicting -> P
  S02 2-47705406-T-G, S03 3-38646375-T-C  VUS -> LB (VUS downgraded)
Home: $DEMO (state database revus.db, sources, flags.tsv, reports).
EOF
