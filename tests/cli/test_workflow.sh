#!/bin/sh
# test_workflow.sh: the Snakemake workflow (workflows/snakemake) lints clean, validates its
# config, and on test-data/cohort gives the same state and flags as a direct `revus run`
# on a copy of the same home, in two cycles (older knowledge, then newer).
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/cohort-home.sh"
WF=$TOP/workflows/snakemake

if ! command -v snakemake >/dev/null 2>&1; then
    echo "skip - snakemake is not installed (make deps installs it)"
    finish; exit
fi

# ---------------------------------------------------------------- lint
# The one accepted lint: "Specify a conda environment or container" -- revus is a native
# binary the lab installs (Debian packages, make install); it has no conda package.
mkdir -p "$TMP/lint-wd"   # snakemake writes .snakemake/ in its working directory: not the source tree
(cd "$TMP/lint-wd" && snakemake --lint -s "$WF/workflow/Snakefile" --configfile "$WF/config/config.yaml") >"$TMP/lint" 2>&1
other=$(grep -E '^    \* ' "$TMP/lint" | grep -v 'Specify a conda environment or container' || true)
if [ -z "$other" ] && ! grep -q -E 'Error|Exception' "$TMP/lint"; then ok "snakemake --lint: no lint but conda/container"
else bad "snakemake --lint" "$(printf '%s' "$other" | head -c 400)$(grep -m1 -E 'Error|Exception' "$TMP/lint")"; fi

# the lint itself can fail: a rule without log: is reported
mkdir -p "$TMP/badwf/workflow/rules"
cp -r "$WF/workflow/." "$TMP/badwf/workflow/"
cp -r "$WF/config" "$TMP/badwf/"
sed -i '/^    log:$/,+1d' "$TMP/badwf/workflow/rules/merge.smk"
(cd "$TMP/badwf" && snakemake --lint) >"$TMP/lint2" 2>&1
if grep -q 'No log directive defined' "$TMP/lint2"; then ok "lint catches a rule without log:"
else bad "lint catches a rule without log:" "$(head -c 300 "$TMP/lint2")"; fi

# ---------------------------------------------------------------- config schema
SMK="snakemake -s $WF/workflow/Snakefile --configfile $WF/.test/config/config.yaml"
mkdir -p "$TMP/dry"
expect_exit 0 "dry run with the test config" sh -c "cd '$TMP/dry' && $SMK --config home='$TMP/none' revus='$REVUS' -n"
expect_exit 1 "config schema rejects a bad run_tag" sh -c "cd '$TMP/dry' && $SMK --config home=x run_tag='a b/c' -n"
grep -q -E "run_tag|does not match" "$TMP/err" "$TMP/out" && ok "schema error names run_tag" ||
    bad "schema error names run_tag" "$(head -c 300 "$TMP/err")"
# --config gives text: fetch='{enabled: false}' must still mean the boolean false
expect_exit 0 "--config fetch='{enabled: false}' is accepted" sh -c "cd '$TMP/dry' && snakemake -s $WF/workflow/Snakefile --configfile $WF/config/config.yaml --config home='$TMP/none' revus='$REVUS' 'fetch={enabled: false}' -n"
expect_exit 1 "--config fetch='{enabled: maybe}' is refused" sh -c "cd '$TMP/dry' && snakemake -s $WF/workflow/Snakefile --configfile $WF/config/config.yaml --config home='$TMP/none' 'fetch={enabled: maybe}' -n"

# ---------------------------------------------------------------- workflow vs direct run
missing=""
for c in "sources import" "sources activate" "cohort import" "reported import" "plan --exit-code" \
         "run --shard" "merge" "flags --format"; do
    set -- $c
    revus_has "$REVUS" "$1" "${2:-}" || missing="$missing '$c'"
done
if ! command -v sqlite3 >/dev/null 2>&1; then missing="$missing sqlite3(cli)"; fi
if [ -n "$missing" ]; then
    echo "skip - workflow vs direct run: not available in this build yet:$missing"
    finish; exit
fi

H1=$TMP/h-workflow H2=$TMP/h-direct
if ! cohort_home_init "$REVUS" "$H1" "$TOP" 2>"$TMP/prep.err"; then
    bad "prepare the cohort home" "$(cat "$TMP/prep.err")"; finish; exit
fi
# one more sample whose VCF goes missing: both ways must skip it and go on (exit 1)
cp "$TOP/test-data/cohort/vcf/S01.vcf" "$TMP/X1.vcf"
"$REVUS" --home "$H1" --config "$H1/pipeline.json" cohort add --sample X1 --vcf "$TMP/X1.vcf" --indication CF >/dev/null 2>&1
rm "$TMP/X1.vcf"
cp -a "$H1" "$H2"
ok "prepared a home from test-data/cohort (plus X1, VCF missing) and a copy of it"

# cycle TAG: run the workflow on H1 and `revus run` on H2, then compare
cycle() {
    tag=$1
    mkdir -p "$TMP/wf"
    expect_exit 0 "$tag: workflow with --cores 2" sh -c "cd '$TMP/wf' && $SMK --cores 2 \
        --config home='$H1' revus='$REVUS' pipeline_config='$H1/pipeline.json' run_tag=$tag 'report={formats: [tsv]}'"
    [ -s "$TMP/wf/results/$tag/flags.tsv" ] && ok "$tag: flags.tsv written" || bad "$tag: flags.tsv written" "$(tail -c 400 "$TMP/err")"
    n=$(ls "$TMP/wf/results/$tag/shards/" 2>/dev/null | wc -l)
    [ "$n" -gt 0 ] && ok "$tag: $n shards made" || bad "$tag: shards made" "none in results/$tag/shards"
    "$REVUS" --home "$H2" --config "$H2/pipeline.json" run >"$TMP/direct.out" 2>&1; rc=$?
    [ $rc -le 1 ] && ok "$tag: direct run (exit $rc)" || bad "$tag: direct run" "exit $rc: $(tail -n 3 "$TMP/direct.out")"
    state_dump "$REVUS" "$H1" >"$TMP/$tag.wf.state"
    state_dump "$REVUS" "$H2" >"$TMP/$tag.direct.state"
    [ -s "$TMP/$tag.direct.state" ] && ok "$tag: direct run stored classifications" || bad "$tag: direct run stored classifications" "empty dump"
    golden "$TMP/$tag.wf.state" "$TMP/$tag.direct.state" "$tag: merged state equals the direct run (classifications, flags, sample outcomes)"
    flags_tsv "$REVUS" "$H1" >"$TMP/$tag.wf.flags"
    flags_tsv "$REVUS" "$H2" >"$TMP/$tag.direct.flags"
    golden "$TMP/$tag.wf.flags" "$TMP/$tag.direct.flags" "$tag: revus flags --format tsv equal"
}

cycle c1-old-knowledge
grep -q 'X1.*VCF is missing' "$TMP/wf/logs/c1-old-knowledge/merge.log" && grep -q 'ATTENTION' "$TMP/wf/logs/c1-old-knowledge/merge.log" &&
    ok "c1: merge log names the skipped sample X1" || bad "c1: merge log names the skipped sample X1" "$(tail -c 300 "$TMP/wf/logs/c1-old-knowledge/merge.log")"
for h in "$H1" "$H2"; do "$REVUS" --home "$h" --config "$h/pipeline.json" cohort remove X1 >/dev/null 2>&1; done

if ! cohort_home_update "$REVUS" "$H1" "$TOP" 2>"$TMP/prep.err" ||
   ! cohort_home_update "$REVUS" "$H2" "$TOP" 2>>"$TMP/prep.err"; then
    bad "activate the newer releases" "$(cat "$TMP/prep.err")"; finish; exit
fi
expect_exit 10 "plan --exit-code: 10 after a newer ClinVar release" "$REVUS" --home "$H1" --config "$H1/pipeline.json" plan --exit-code

cycle c2-new-knowledge
# the newer release must have raised real P/LP downgrades, naming ClinVar and both versions
plp=$(awk -F'\t' '$1 == "flag" && $4 == "plp_downgraded" && $9 == "clinvar" && $10 == "2015-12-11" && $11 == "2016-09-27" { print $2 " " $3 }' \
    "$TMP/c2-new-knowledge.wf.state" | tr '\n' ' ')
case $plp in
    *"S02 2-47707835-G-A"*) ok "c2: P/LP downgrades triggered by clinvar 2015-12-11 -> 2016-09-27: $plp" ;;
    *) bad "c2: P/LP downgrade of S02 2-47707835-G-A (real ClinVar LP -> VUS)" "got: $plp" ;;
esac

expect_exit 0 "plan --exit-code: 0 when nothing is due" "$REVUS" --home "$H1" --config "$H1/pipeline.json" plan --exit-code
finish
