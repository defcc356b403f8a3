#!/bin/sh
# test_history.sh: the compact classification history (schema 3). A database written by
# an earlier release (schema 1: test-data/state/v1/revus-v1.sql, built by revus 0.1.0 at
# commit 770a75c, with acknowledgements) migrates; every output reads as the release
# before the compact history (main at 4f9e39e, schema 2) prints it for that database; the
# next runs store the same classes as that release did; a run that changes nothing writes
# no classification row.
. "$(dirname "$0")/lib.sh"

if ! command -v sqlite3 >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
    echo "skip - test_history.sh needs the sqlite3 shell and python3"
    finish; exit $?
fi
V1=$TD/state/v1
C=$TD/cohort
H=$TMP/home
mkdir -p "$H" && chmod 700 "$H"
. "$TOP/scripts/cohort-home.sh"
cohort_config "$TOP" "$H" >/dev/null
export REVUS_TEST_NOW=2026-12-01T00:00:00Z
R() { "$REVUS" -q --home "$H" --config "$H/pipeline.json" "$@"; }
q() { sqlite3 "$H/revus.db" "$1"; }

# the sources the old home had, same files (same checksums), same active releases
for step in "clinvar $C/clinvar_20151211.GRCh37.subset.vcf.gz" "demo-panel $C/panel_demo_v1.0.json" \
            "clinvar $C/clinvar_20160927.GRCh37.subset.vcf.gz" "demo-panel $C/panel_demo_v1.1.json"; do
    # shellcheck disable=SC2086
    R sources import --annotations "$C/annotations" $step >/dev/null 2>&1 || bad "import $step"
done
sed "s#@COHORT@#$C#g" "$V1/revus-v1.sql" | sqlite3 "$H/revus.db"
[ "$(q "PRAGMA user_version")" = 1 ] && ok "fixture is a schema-1 database" || bad "fixture is a schema-1 database"

# ---- migration: every reader reads as the old release wrote ----
expect_exit 0 "flags --all migrates the database" R flags --all
[ "$(q "PRAGMA user_version")" -ge 4 ] && ok "migrated to schema 4 or later (3 -> 4 adds run_samples.registration)" || bad "migrated to schema 4 or later"
case "$(q "EXPLAIN QUERY PLAN SELECT max(run) FROM run_samples WHERE sample='P01' AND status='done'")" in
    *run_samples_sample*) ok "5 -> 6: a sample's last run is found through run_samples_sample" ;;
    *) bad "5 -> 6: a sample's last run scans run_samples" ;;
esac
golden "$TMP/out" "$V1/flags_all.tsv" "flags --all (with both acknowledgements) as the old release"
expect_exit 0 "flags json" R flags --format json
golden "$TMP/out" "$V1/flags.json" "flags json as the old release"
for f in report.tsv report.json report.vcf report_run2.tsv report_run2.json; do
    fmt=${f#*.}; run=""; case $f in *run2*) run="--run 2" ;; esac
    # shellcheck disable=SC2086
    R report $run --format "$fmt" -o "$TMP/$f" 2>/dev/null || bad "report $f"
    golden "$TMP/$f" "$V1/$f" "report $f as the old release"
done
R stats --format tsv -o "$TMP/stats.tsv" 2>/dev/null
golden "$TMP/stats.tsv" "$V1/stats.tsv" "stats as the old release"
# the old table's columns (schema 4 adds six at the end: condition, links; issue 16)
old_cols() { awk -F'\t' -v OFS='\t' '{ NF -= 6; print }'; }
sqlite3 -separator '	' "$H/revus.db" "SELECT * FROM classifications ORDER BY run, sample, variant" | old_cols |
    sed "s#$C#@COHORT@#g" > "$TMP/classifications.tsv"
golden "$TMP/classifications.tsv" "$V1/classifications.tsv" "the classifications view equals the old table, row for row"
[ "$(q "SELECT count(*) FROM acks")" = 2 ] && ok "acknowledgements kept" || bad "acknowledgements kept"
[ "$(q "SELECT count(*) FROM call_history")" -lt "$(q "SELECT count(*) FROM classifications")" ] \
    && ok "history is smaller than the runs it covers" || bad "history is smaller than the runs it covers"
[ "$(q "PRAGMA integrity_check")" = ok ] && ok "migrated database intact" || bad "migrated database intact"

# ---- the next runs store what the old release stored ----
# (the first run after the upgrade rewrites the rows once: since issue 10 the criteria
# column holds the classifier's JSON, since issue 14 the rows carry the genotype fit)
export REVUS_TEST_NOW=2026-12-02T00:00:00Z
expect_exit 0 "run 7 (nothing changed)" R run --full
R sources activate clinvar 2015-12-11 >/dev/null 2>&1
expect_exit 0 "run 8 (rollback to ClinVar 2015-12-11)" R run --full
sqlite3 -separator '	' "$H/revus.db" "SELECT * FROM classifications WHERE run >= 7 ORDER BY run, sample, variant" | old_cols > "$TMP/c78.tsv"
golden "$TMP/c78.tsv" "$V1/classifications_runs7_8.tsv" "runs 7 and 8 store what the old release stored, column for column"
R flags --run 8 > "$TMP/f8.tsv"
golden "$TMP/f8.tsv" "$V1/flags_after_migration_run8.tsv" "run 8 raises what the old release raised"
[ "$(q "SELECT count(*) FROM call_history WHERE valid_from = 8")" -gt 0 ] \
    && ok "the rollback wrote the rows it changed" || bad "the rollback wrote the rows it changed"
rows=$(q "SELECT count(*) FROM call_history")
expect_exit 0 "run 9 (nothing changed)" R run --full
[ "$(q "SELECT count(*) FROM call_history")" = "$rows" ] && [ "$(q "SELECT count(*) FROM call_history WHERE valid_from = 9 OR valid_to = 9")" = 0 ] \
    && ok "a run that changes nothing writes no classification" \
    || bad "a run that changes nothing writes no classification" "$rows -> $(q "SELECT count(*) FROM call_history")"
[ "$(q "SELECT count(*) FROM classifications WHERE run = 9")" = "$(q "SELECT count(*) FROM classifications WHERE run = 8")" ] \
    && ok "run 9 reads as run 8 did" || bad "run 9 reads as run 8 did"

# ---- a newer schema is refused untouched ----
q "PRAGMA user_version=99"
expect_exit 3 "newer schema refused" R flags
expect_stderr "schema version 99 is newer" "says so"
finish
