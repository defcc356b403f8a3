#!/bin/sh
# demo.sh: the lab's reanalysis cycle on bundled test data (`make demo`).
#
# Fresh home ~/revus-demo-home (or $DEMO_HOME); ClinVar 2015-12-11 + demo panel v1.0; a cohort of five patients
# and one trio; the lab's reported classes; a first run; then ClinVar 2016-09-27 + panel
# v1.1 are imported and activated; a second run; its flags and a report.
# Reads only test-data/cohort (see its PROVENANCE.md); never touches the network.
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
REVUS=${REVUS_BIN:-$TOP/revus}
case $REVUS in /*) ;; *) REVUS=$TOP/$REVUS ;; esac
DATA=$TOP/test-data/cohort
DEMO=${DEMO_HOME:-$HOME/revus-demo-home}   # outside the source tree
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

step "flags raised by the new knowledge (run 2)"
"$REVUS" --home "$DEMO" --config "$CONFIG" flags --run 2 --format tsv > "$DEMO/flags-run2.tsv" ||
    { echo "demo: revus flags failed" >&2; exit 3; }
cat "$DEMO/flags-run2.tsv"
# every open flag of both runs (run 1 compared each class with the lab's reported one)
"$REVUS" --home "$DEMO" --config "$CONFIG" flags --format tsv > "$DEMO/flags.tsv" ||
    { echo "demo: revus flags failed" >&2; exit 3; }

step "reports"
for fmt in tsv html; do
    if "$REVUS" --home "$DEMO" --config "$CONFIG" report --format $fmt -o "$DEMO/report.$fmt" 2>"$DEMO/report.err"; then
        echo "wrote $DEMO/report.$fmt"
    else
        echo "report ($fmt) not written: $(head -n 1 "$DEMO/report.err")"
    fi
done

step "summary"
# Count run 2's flags by category (columns are found by their header names).
awk -F'\t' '
    NR == 1 { for (i = 1; i <= NF; i++) if ($i == "category") c = i; next }
    c && NF { n[$c]++; total++ }
    END {
        if (!c) { print "flags: no category column in the flags output"; exit }
        printf "run 2 (ClinVar 2016-09-27, panel 1.1) raised %d flag(s):\n", total
        split("plp_downgraded vus_upgraded new_candidate left_candidates vus_downgraded evidence_changed", order, " ")
        split("P/LP downgraded, or a reported P/LP ClinVar no longer supports|VUS upgraded, or ClinVar newly P/LP on a reported VUS|newly relevant: gene newly green, validity rose, ClinVar newly P/LP|left the candidate set|VUS downgraded to LB/B|evidence moved within the class", what, "|")
        for (i = 1; i <= 6; i++) if (n[order[i]]) printf "  %-18s %3d  %s\n", order[i], n[order[i]], what[i]
    }' "$DEMO/flags-run2.tsv"
# run 1 compares each call with the lab's reported class only; a reported P/LP that the ACMG
# points alone score VUS (no case-level evidence, 0 points) is not a downgrade
awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "run") r = i; next }
    r && $r == 1 { n++ }
    END { printf "run 1 (baseline, against the reported classes) raised %d flag(s); missing evidence is not benign evidence\n", n }' \
    "$DEMO/flags.tsv"
echo
echo "Real ClinVar changes planted in the cohort, and the open flags that name them:"
# sample|variant|what changed between the two real ClinVar releases
PLANTED='S01|7-117176711-A-T|LP -> LB, reported LP
S02|2-47707835-G-A|LP -> VUS, reported LP
S03|3-38591878-G-C|P -> VUS, reported P
P01|7-117180242-T-G|LP -> VUS, reported LP
S04|7-117199643-C-G|not provided -> P
P01|7-117234999-G-T|not provided -> LP
S05|3-38616858-T-G|Conflicting -> P
S02|2-47705406-T-G|VUS -> LB
S03|3-38646375-T-C|VUS -> LB'
printf '%s\n' "$PLANTED" | while IFS='|' read -r sample key change; do
    found=$(awk -F'\t' -v s="$sample" -v k="$key" '
        NR == 1 { for (i = 1; i <= NF; i++) h[$i] = i; next }
        $h["sample"] == s && $h["variant"] == k {
            printf "%s%s (run %s, vs %s)", sep, $h["category"], $h["run"], $h["basis"]; sep = ", " }' \
        "$DEMO/flags.tsv")
    printf '  %-4s %-17s ClinVar %-26s %s\n' "$sample" "$key" "$change:" "${found:-no open flag}"
done
echo
echo "Home: $DEMO (revus.db, source store, flags.tsv, flags-run2.tsv, report.tsv, report.html)."
echo "Next: acknowledge a flag:  ./revus --home $DEMO ack FLAG_ID --by NAME --note TEXT"
