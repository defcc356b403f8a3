#!/bin/sh
# test_workflow.sh: the Snakemake workflow (workflows/snakemake) lints clean, validates its
# config, and on test-data/cohort gives the same state and flags as a direct `revus run`
# and as a direct `revus run --full` on copies of the same home, in five cycles: older
# knowledge, newer, then a ClinVar rollback its shards follow incrementally, a panel
# rollback they read in full (no gene-regions or gene-model source to place it), and ClinVar forward
# again with shard.full.
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

H1=$TMP/h-workflow H2=$TMP/h-direct H3=$TMP/h-full
if ! cohort_home_init "$REVUS" "$H1" "$TOP" 2>"$TMP/prep.err"; then
    bad "prepare the cohort home" "$(cat "$TMP/prep.err")"; finish; exit
fi
# one more sample whose VCF goes missing: both ways must skip it and go on (exit 1)
cp "$TOP/test-data/cohort/vcf/S01.vcf" "$TMP/X1.vcf"
"$REVUS" --home "$H1" --config "$H1/pipeline.json" cohort add --sample X1 --vcf "$TMP/X1.vcf" --indication CF >/dev/null 2>&1
rm "$TMP/X1.vcf"
cp -a "$H1" "$H2"
cp -a "$H1" "$H3"
ok "prepared a home from test-data/cohort (plus X1, VCF missing) and two copies of it"

# cycle TAG [SNAKEMAKE CONFIG...]: run the workflow on H1, `revus run` on H2 and
# `revus run --full` on H3, then compare
cycle() {
    tag=$1; shift
    mkdir -p "$TMP/wf"
    expect_exit 0 "$tag: workflow with --cores 2" sh -c "cd '$TMP/wf' && $SMK --cores 2 \
        --config home='$H1' revus='$REVUS' pipeline_config='$H1/pipeline.json' run_tag=$tag 'report={formats: [tsv]}' $*"
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
    "$REVUS" --home "$H3" --config "$H3/pipeline.json" run --full >"$TMP/full.out" 2>&1
    state_dump "$REVUS" "$H3" >"$TMP/$tag.full.state"
    flags_tsv "$REVUS" "$H3" >"$TMP/$tag.full.flags"
    golden "$TMP/$tag.wf.state" "$TMP/$tag.full.state" "$tag: merged state equals a direct run --full"
    golden "$TMP/$tag.wf.flags" "$TMP/$tag.full.flags" "$tag: flags equal those of a direct run --full"
}
# every home takes the same source change
on_all() { for h in "$H1" "$H2" "$H3"; do "$REVUS" -q --home "$h" --config "$h/pipeline.json" "$@" || return 1; done; }
# the modes the shards of cycle TAG were read in, "SAMPLE MODE" per line
shard_modes() {
    for f in "$TMP/wf/results/$1/shards/"*.shard; do
        head -n 1 "$f" | python3 -c 'import json, sys; h = json.load(sys.stdin); print(h["sample"], h["mode"])'
    done
}

cycle c1-old-knowledge
grep -q 'X1.*VCF is missing' "$TMP/wf/logs/c1-old-knowledge/merge.log" && grep -q 'ATTENTION' "$TMP/wf/logs/c1-old-knowledge/merge.log" &&
    ok "c1: merge log names the skipped sample X1" || bad "c1: merge log names the skipped sample X1" "$(tail -c 300 "$TMP/wf/logs/c1-old-knowledge/merge.log")"
for h in "$H1" "$H2" "$H3"; do "$REVUS" --home "$h" --config "$h/pipeline.json" cohort remove X1 >/dev/null 2>&1; done

if ! cohort_home_update "$REVUS" "$H1" "$TOP" 2>"$TMP/prep.err" ||
   ! cohort_home_update "$REVUS" "$H2" "$TOP" 2>>"$TMP/prep.err" ||
   ! cohort_home_update "$REVUS" "$H3" "$TOP" 2>>"$TMP/prep.err"; then
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

# ---------------------------------------------------------------- incremental shards
# incremental_cycle TAG WANT CHANGE...: every home takes the change, then a cycle; WANT is
# how the shards of S01..S05 must have been read (the trio is always read in full: de novo
# reads the relatives), which is what the plan's touches column says a run would do
incremental_cycle() {
    tag=$1 read_as=$2; shift 2    # not "want": expect_exit uses that name
    on_all "$@" >/dev/null 2>&1 || bad "$tag: $*"
    "$REVUS" --home "$H1" --config "$H1/pipeline.json" plan >"$TMP/$tag.plan" 2>/dev/null
    cycle "$tag"
    shard_modes "$tag" >"$TMP/$tag.modes"
    other=full; [ "$read_as" = full ] && other=incremental
    if grep -q "^S0[1-5] $read_as\$" "$TMP/$tag.modes" && ! grep -q "^S0[1-5] $other\$" "$TMP/$tag.modes" &&
       ! grep -q '^P01[FM]* incremental$' "$TMP/$tag.modes"; then
        ok "$tag: shards of S01..S05 read $read_as, the trio's full"
    else bad "$tag: shards of S01..S05 read $read_as, the trio's full" "$(tr '\n' ';' < "$TMP/$tag.modes")"; fi
}
incremental_cycle c3-clinvar-rollback incremental sources activate clinvar 2015-12-11
grep -q "^S01	source	clinvar 2015-12-11 is active; its last run (run [0-9]*) used 2016-09-27 (a rollback to an older release)	[0-9]* variants changed, [0-9]* to re-read$" \
    "$TMP/c3-clinvar-rollback.plan" && ok "c3: the plan names the rollback and what it touches" ||
    bad "c3: the plan names the rollback and what it touches" "$(head -c 500 "$TMP/c3-clinvar-rollback.plan")"
# these homes have no gene-regions or gene-model source: a panel change cannot be placed, and the plan says so
incremental_cycle c4-panel-rollback full sources activate demo-panel 1.0
grep -q "^S01	source	demo-panel 1.0 is active; .*(a rollback to an older release)	full: demo-panel 1.1 -> 1.0: gene .* no gene-regions or gene-model source is active to locate it" \
    "$TMP/c4-panel-rollback.plan" && ok "c4: the plan says why the shards read in full" ||
    bad "c4: the plan says why the shards read in full" "$(head -c 500 "$TMP/c4-panel-rollback.plan")"
# shard.full: the shards read everything, and store the same
on_all sources activate clinvar 2016-09-27 >/dev/null 2>&1 || bad "c5: ClinVar forward again"
cycle c5-shard-full "'shard={full: true}'"
shard_modes c5-shard-full >"$TMP/c5.modes"
[ -s "$TMP/c5.modes" ] && ! grep -q incremental "$TMP/c5.modes" && ok "c5: with shard.full every shard read in full" ||
    bad "c5: with shard.full every shard read in full" "$(tr '\n' ';' < "$TMP/c5.modes")"
finish
