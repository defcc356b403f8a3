#!/bin/sh
# revus report and revus stats on a small home: the state module creates the database,
# test-data/reports/state-rows.sql adds two runs of a synthetic three-patient cohort.
. "$(dirname "$0")/lib.sh"
export REVUS_TEST_NOW=2026-11-27T12:00:00Z
H=$TMP/home
G=$TD/reports

expect_exit 2 "report: --format is required" "$REVUS" --home "$H" report
expect_stderr "format is required" "report: says --format is required"
expect_exit 2 "report: unknown format" "$REVUS" --home "$H" report --format pdf
expect_exit 3 "report: no database" "$REVUS" --home "$H" report --format tsv
expect_stderr "no state database" "report: says there is no database"
expect_exit 0 "report --help" "$REVUS" report --help
expect_stdout "^Usage: revus report" "report --help says how"
expect_exit 0 "stats --help" "$REVUS" stats --help
expect_stdout "^Usage: revus stats" "stats --help says how"
expect_exit 0 "report --columns" "$REVUS" report --columns
expect_stdout "^now_class	now.class	" "report --columns lists side columns"

# a home with the state's own schema, then the synthetic rows
# (only registering a sample creates a home's database: add one, then remove it)
"$REVUS" --home "$H" cohort add --sample TMP --vcf "$TD/cohort/vcf/S01.vcf" >/dev/null 2>&1
"$REVUS" --home "$H" cohort remove TMP >/dev/null 2>&1
if [ ! -f "$H/revus.db" ]; then
    echo "skip - state database not created by 'revus cohort add' (state module not in this build)"
    finish; exit $?
fi
if ! command -v sqlite3 >/dev/null 2>&1; then
    echo "skip - sqlite3 command-line tool not installed"
    finish; exit $?
fi
if ! sqlite3 "$H/revus.db" < "$G/state-rows.sql" 2>"$TMP/sqlerr"; then
    bad "load synthetic state rows" "$(head -c 300 "$TMP/sqlerr")"
    finish; exit $?
fi
before=$(sha256sum "$H/revus.db" | cut -d' ' -f1)

expect_exit 0 "report tsv (latest run)" "$REVUS" --home "$H" report --format tsv -o "$TMP/r.tsv"
golden "$TMP/r.tsv" "$G/cli-run2.tsv" "report tsv golden"
expect_exit 0 "report json" "$REVUS" --home "$H" report --run 2 --format json -o "$TMP/r.json"
golden "$TMP/r.json" "$G/cli-run2.json" "report json golden"
if python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['schema_version']==1; assert [i['code'] for i in d['indications']]==['R135','R208']" "$TMP/r.json" 2>"$TMP/err"; then
    ok "report json parses, schema_version 1, indications in order"
else bad "report json parses" "$(head -c 300 "$TMP/err")"; fi
expect_exit 0 "report html" "$REVUS" --home "$H" report --format html -o "$TMP/r.html"
golden "$TMP/r.html" "$G/cli-run2.html" "report html golden"
if [ "$(stat -c %a "$TMP/r.html")" = 600 ]; then ok "report file mode 0600"; else bad "report file mode 0600" "$(stat -c %a "$TMP/r.html")"; fi
ls "$TMP" | grep -q '\.tmp\.' && bad "no temp file left" || ok "no temp file left"

expect_exit 0 "report vcf for one sample" "$REVUS" --home "$H" report --sample S001 --format vcf -o "$TMP/r.vcf"
golden "$TMP/r.vcf" "$G/cli-S001.vcf" "report vcf golden"
if command -v bcftools >/dev/null 2>&1; then
    n=$(bcftools view -H "$TMP/r.vcf" 2>"$TMP/err" | wc -l)
    [ "$n" = 2 ] && ok "bcftools reads the report vcf (2 records)" || bad "bcftools reads the report vcf" "$n records: $(head -c 200 "$TMP/err")"
    expect_exit 0 "report vcf.gz" "$REVUS" --home "$H" report --sample S001 --format vcf -o "$TMP/r.vcf.gz"
    expect_exit 0 "report bcf" "$REVUS" --home "$H" report --sample S001 --format vcf -o "$TMP/r.bcf"
    a=$(bcftools view -H "$TMP/r.vcf" | md5sum); b=$(bcftools view -H "$TMP/r.vcf.gz" | md5sum); c=$(bcftools view -H "$TMP/r.bcf" | md5sum)
    [ "$a" = "$b" ] && [ "$a" = "$c" ] && ok "vcf, vcf.gz and bcf hold the same records" || bad "vcf, vcf.gz and bcf hold the same records"
    [ "$(bcftools query -f '%RVS_CATEGORY\n' "$TMP/r.bcf" | head -n 1)" = plp_downgraded ] && ok "bcf: RVS_CATEGORY readable" || bad "bcf: RVS_CATEGORY readable"
else echo "skip - bcftools not installed"; fi
expect_exit 2 "report vcf needs one sample" "$REVUS" --home "$H" report --format vcf
expect_stderr "several samples" "report vcf: says choose a sample"

expect_exit 0 "report --run 1 (no flags)" "$REVUS" --home "$H" report --run 1 --format html
expect_stdout "No flags match this selection" "report: empty selection says so"
expect_exit 0 "report --since --indication" "$REVUS" --home "$H" report --since 2026-11-01 --indication R208 --format tsv
n=$(grep -vc '^#' "$TMP/out"); [ "$n" = 4 ] && ok "since+indication: 3 lines and a header" || bad "since+indication rows" "$n rows"
expect_exit 2 "report --run 99" "$REVUS" --home "$H" report --run 99 --format tsv
expect_stderr "run 99 not found" "report: names the missing run"
expect_exit 2 "report --since bad date" "$REVUS" --home "$H" report --since 20261101 --format tsv
expect_exit 2 "report unknown sample" "$REVUS" --home "$H" report --sample NOPE --format tsv
expect_stderr "sample 'NOPE' is not in the cohort" "report: names the unknown sample"
expect_exit 2 "report --run and --since" "$REVUS" --home "$H" report --run 2 --since 2026-01-01 --format tsv
expect_exit 2 "report into a missing directory" "$REVUS" --home "$H" report --format tsv -o "$TMP/nodir/r.tsv"

expect_exit 0 "report --pseudonymise" "$REVUS" --home "$H" report --format tsv --pseudonymise -o "$TMP/p1.tsv"
expect_exit 0 "report --pseudonymise again" "$REVUS" --home "$H" report --format tsv --pseudonymise -o "$TMP/p2.tsv"
if grep -q 'S00[1-4]' "$TMP/p1.tsv"; then bad "pseudonymised: no sample id left"; else ok "pseudonymised: no sample id left"; fi
if cmp -s "$TMP/p1.tsv" "$TMP/p2.tsv"; then ok "pseudonyms stable across reports"; else bad "pseudonyms stable across reports"; fi
grep -q 'P-[0-9a-f]\{12\}' "$TMP/p1.tsv" && ok "pseudonyms look like P-xxxxxxxxxxxx" || bad "pseudonym format"
expect_exit 0 "report vcf --pseudonymise" "$REVUS" --home "$H" report --sample S001 --format vcf --pseudonymise
p1=$(grep -v '^#' "$TMP/p1.tsv" | awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
                                              $col["flag_id"] == 1 { print $col["sample"] }')
expect_stdout "^#CHROM.*	FORMAT	$p1\$" "pseudonymised vcf: sample column is the same pseudonym as in the tsv"
[ "$(stat -c %a "$H/pseudonym.salt")" = 600 ] && ok "salt file mode 0600" || bad "salt file mode 0600"
grep -q 'no action; review at next cycle' "$TMP/p1.tsv" && bad "pseudonymised: ack note dropped" || ok "pseudonymised: ack note dropped"

expect_exit 0 "stats tsv" "$REVUS" --home "$H" stats -o "$TMP/s.tsv"
golden "$TMP/s.tsv" "$G/cli-stats.tsv" "stats tsv golden"
expect_exit 0 "stats json" "$REVUS" --home "$H" stats --format json -o "$TMP/s.json"
if python3 -c "
import json,sys
d=json.load(open(sys.argv[1]))
assert d['schema_version']==1
all_=[r for r in d['rows'] if r['period_type']=='all' and r['indication'] is None][0]
assert all_['patients_changed_vs_reported']==3, all_
assert all_['flags_by_category']['plp_downgraded']==1
assert all_['release_to_flag_days_median']==18
" "$TMP/s.json" 2>"$TMP/err"; then ok "stats json: schema and counts"; else bad "stats json: schema and counts" "$(tail -c 300 "$TMP/err")"; fi
expect_exit 0 "stats html" "$REVUS" --home "$H" stats --format html -o "$TMP/s.html"
grep -q '<svg class="chart" id="chart-flags"' "$TMP/s.html" && ok "stats html has the flags chart" || bad "stats html chart"
if python3 "$TOP/tests/cli/html_balance.py" "$TMP/r.html" "$TMP/s.html" >"$TMP/bal" 2>&1; then
    ok "report and stats html: every element closed"
else bad "report and stats html: every element closed" "$(head -c 300 "$TMP/bal")"; fi
expect_exit 2 "stats unknown format" "$REVUS" --home "$H" stats --format xls

after=$(sha256sum "$H/revus.db" | cut -d' ' -f1)
[ "$before" = "$after" ] && ok "report and stats leave the database unchanged" || bad "database unchanged"

# End to end: the demo's real cycle (two ClinVar releases, two runs), then the report.
D=$TMP/demo
if DEMO_HOME=$D REVUS_BIN=$REVUS timeout 300 sh "$TOP/scripts/demo.sh" >"$TMP/demo.log" 2>&1 && [ -f "$D/revus.db" ]; then
    expect_exit 0 "e2e: report html on the demo home" "$REVUS" --home "$D" report --format html -o "$TMP/demo.html"
    grep -q 'data-category="plp_downgraded"' "$TMP/demo.html" && ok "e2e: the demo's P/LP downgrades are listed" || bad "e2e: P/LP downgrades listed"
    grep -q '7-117176711-A-T' "$TMP/demo.html" && ok "e2e: CFTR LP->LB variant of S01 listed" || bad "e2e: S01 CFTR variant listed"
    # the demo home has no population source: its frequency is unknown, never "absent" (issue 12)
    grep -q '<td>no data' "$TMP/demo.html" && ok "e2e: no population source: frequency 'no data'" || bad "e2e: frequency 'no data'"
    if grep -q '<td>absent' "$TMP/demo.html"; then bad "e2e: never 'absent' without a population source"; else ok "e2e: never 'absent' without a population source"; fi
    expect_exit 0 "e2e: stats on the demo home" "$REVUS" --home "$D" stats
    expect_stdout "^all		all	2	" "e2e: stats count the two demo runs"
else
    echo "skip - end-to-end report on the demo home: scripts/demo.sh does not complete in this build ($(tail -n 2 "$TMP/demo.log" | tr '\n' ' ' | head -c 200))"
fi
finish
