#!/bin/sh
# test_run.sh: `revus run` on the bundled cohort (test-data/cohort: two real ClinVar
# releases, a synthetic panel in two versions, five samples and a trio): the lab cycle,
# idempotency, acknowledgement, bad samples skipped, a crash mid-run, threads, and
# sharded runs giving the same state and flags as a direct run.
. "$(dirname "$0")/lib.sh"

if ! command -v sqlite3 >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
    echo "skip - test_run.sh needs the sqlite3 shell and python3"
    finish; exit $?
fi
cp -r "$TD/cohort" "$TMP/c"
cd "$TMP" || exit 2   # scratch files stay out of the work tree
C=$TMP/c

# home_init HOME: older knowledge, the cohort, the reported classes
home_init() {
    mkdir -p "$1"
    python3 - "$TOP/pipeline/default.json" "$C/indications.json" "$1/pipeline.json" <<'PY'
import json, sys
conf = json.load(open(sys.argv[1])); conf.update(json.load(open(sys.argv[2])))
json.dump(conf, open(sys.argv[3], "w"), indent=1)
PY
    awk -F'\t' -v OFS='\t' -v d="$C" 'NR > 1 { $2 = d "/" $2 } { print }' "$C/manifest.tsv" > "$1/manifest.tsv"
    r() { "$REVUS" -q --home "$1" --config "$1/pipeline.json" "$@"; }
    rv "$1" sources import --annotations "$C/annotations" clinvar "$C/clinvar_20151211.GRCh37.subset.vcf.gz" &&
    rv "$1" sources import --annotations "$C/annotations" demo-panel "$C/panel_demo_v1.0.json" &&
    rv "$1" cohort import "$1/manifest.tsv" &&
    rv "$1" reported import "$C/reported.tsv"
}
# home_update HOME: the newer ClinVar release and panel version, activated
home_update() {
    rv "$1" sources import --annotations "$C/annotations" clinvar "$C/clinvar_20160927.GRCh37.subset.vcf.gz" &&
    rv "$1" sources import --annotations "$C/annotations" demo-panel "$C/panel_demo_v1.1.json"
}
rv() { h=$1; shift; "$REVUS" -q --home "$h" --config "$h/pipeline.json" "$@" 2>>"$TMP/setup.log" >/dev/null; }
R() { "$REVUS" --home "$H" --config "$H/pipeline.json" "$@"; }
q() { sqlite3 "$H/revus.db" "$1"; }
# state_dump HOME: classifications of the latest run and every flag, without ids, run
# numbers and times (what legitimately differs between two homes)
state_dump() {
    sqlite3 -separator '	' "$1/revus.db" \
        "SELECT 'class', sample, variant, gene, zygosity, class, points, vus_tier, criteria, effective_class,
                deciding_rule, clinvar_tier, clinvar_sig, clinvar_stars, clinvar_version, af, panel_confidence,
                panel_version, candidate, candidate_reason
           FROM classifications WHERE run = (SELECT max(id) FROM runs) ORDER BY sample, variant;
         SELECT 'flag', sample, variant, category, priority, basis, old_class, new_class, trigger_source,
                old_version, new_version, field, old_value, new_value, detail, fingerprint
           FROM flags ORDER BY sample, variant, category, basis, fingerprint;
         SELECT 'source', r.kind, s.source, s.version, s.sha256 FROM run_sources s JOIN runs r ON r.id = s.run
          WHERE s.run = (SELECT max(id) FROM runs) ORDER BY s.source;
         SELECT 'hash', config_hash FROM runs WHERE id = (SELECT max(id) FROM runs)" | sed 's/^source	[a-z]*	/source	/'
}

H=$TMP/home
home_init "$H" && ok "home prepared" || bad "home prepared" "$(tail -n 3 "$TMP/setup.log")"

# ---- run 1: the baseline ----
expect_exit 0 "run 1" R run
expect_stderr "run 1 complete: 8 samples done, 0 skipped" "every sample done"
[ "$(q "SELECT status FROM runs WHERE id=1")" = complete ] && ok "run 1 complete" || bad "run 1 complete"
[ "$(q "SELECT group_concat(source || ' ' || version, ', ') FROM (SELECT * FROM run_sources WHERE run=1 ORDER BY source)")" = "clinvar 2015-12-11, demo-panel 1.0" ] \
    && ok "run 1 records its sources" || bad "run 1 records its sources" "$(q "SELECT * FROM run_sources")"
[ "$(q "SELECT count(*) FROM classifications WHERE run=1 AND sample='P01M' AND variant='7-117180242-T-G'")" = 0 ] \
    && ok "trio: a variant only the father carries is not the mother's" || bad "trio: a variant only the father carries is not the mother's"
[ "$(q "SELECT zygosity FROM classifications WHERE run=1 AND sample='P01F' AND variant='7-117180242-T-G'")" = het ] \
    && ok "trio: the father's zygosity from his column" || bad "trio: the father's zygosity from his column"
n1=$(q "SELECT count(*) FROM flags")
# the lab's P/LP the ACMG points alone cannot confirm (no case-level evidence, 0 points) is
# not "downgraded": absence of evidence is not benign evidence
[ "$n1" = 0 ] && ok "run 1: no downgrade flag from missing evidence" || bad "run 1: no downgrade flag from missing evidence" "$(q "SELECT sample, variant, category, detail FROM flags")"
expect_exit 0 "run 1 again" R run
expect_stderr "0 new flags" "same sources: no new flag"

# ---- the new release: run 2 flags the real reclassifications ----
home_update "$H" && ok "newer release activated" || bad "newer release activated" "$(tail -n 3 "$TMP/setup.log")"
expect_exit 10 "plan: sources newer than the last run" R plan --exit-code
expect_stdout "^S01	source	clinvar 2016-09-27 is active; its last run \(run 2\) used 2015-12-11" "plan names the source"
expect_exit 0 "run 3 (new release)" R run
R flags --run 3 | cut -f 3-17 > flags_run3.tsv
golden flags_run3.tsv "$TD/state/expected/run_flags_new_release.tsv" "flags of the new release"
grep -q "plp_downgraded	S02	2-47707835-G-A	MSH2	.	reported	LP	VUS	clinvar	2015-12-11	2016-09-27	clinvar_tier	P/LP	VUS" flags_run3.tsv \
    && ok "real downgrade LP -> VUS (MSH2) against the reported class" || bad "real downgrade LP -> VUS (MSH2) against the reported class"
grep -q "plp_downgraded	S01	7-117176711-A-T	CFTR	.	reported	LP	LB	clinvar	2015-12-11	2016-09-27	clinvar_tier	P/LP	B/LB" flags_run3.tsv \
    && ok "ClinVar LP -> LB under a reported LP reaches the top" || bad "ClinVar LP -> LB under a reported LP reaches the top"
grep -q "new_candidate	S05	3-38616858-T-G	SCN5A	.	previous	VUS	VUS	clinvar	2015-12-11	2016-09-27	clinvar_tier	Conflicting	P/LP" flags_run3.tsv \
    && ok "ClinVar newly P/LP on a kept variant is a new candidate" || bad "ClinVar newly P/LP on a kept variant is a new candidate"
grep -q "vus_upgraded	S05	3-37089122-TGAA-T	MLH1" flags_run3.tsv \
    && ok "real upgrade (MLH1, expert panel review)" || bad "real upgrade (MLH1, expert panel review)"
awk -F'\t' '($10 == "." || $12 == ".") { bad = 1 } END { exit bad }' flags_run3.tsv \
    && ok "every flag names its source and version" || bad "every flag names its source and version"
expect_exit 0 "plan: nothing due now" R plan --exit-code
# a class the lab reports after the last run makes that sample due, and the run settles it
printf 'sample\tvariant\tclass\tdate\treporter\nS03\t2-47707835-G-A\tVUS\t2016-10-01\tDemo Lab (SYNTHETIC)\n' > rep_new.tsv
R reported import rep_new.tsv >/dev/null 2>&1 || bad "import a newly reported class"
expect_exit 10 "plan: a newly reported class makes its sample due" R plan --exit-code
expect_stdout "^S03	reported	1 reported class imported .*, after its last run \(run 3\)	" "plan says why"
[ "$(grep -c '	reported	' "$TMP/out")" = 1 ] && ok "only that sample is due for it" || bad "only that sample is due for it"
expect_exit 0 "run after the reported import" R run
expect_exit 0 "plan: nothing due after that run" R plan --exit-code

# ---- idempotency and acknowledgement ----
expect_exit 0 "run 4 (same sources)" R run
expect_stderr "0 new flags" "re-run raises no new flag"
id=$(R flags | awk -F'\t' '$5 == "S02" && $4 == "plp_downgraded" { print $1; exit }')
expect_exit 0 "ack" R ack "$id" --by "Dr Example" --note "amended report"
expect_exit 0 "run 5" R run
expect_stderr "0 new flags" "acknowledged flag stays quiet"
[ "$(q "SELECT count(*) FROM acks a JOIN flags f ON f.id=a.flag WHERE a.fingerprint=f.fingerprint")" = 1 ] \
    && ok "ack keeps the evidence fingerprint" || bad "ack keeps the evidence fingerprint"

# ---- bad samples are skipped, the others go on (exit 1) ----
cp "$C/vcf/S05.vcf" "$C/vcf/S05.vcf.orig"
echo "3	38616859	.	T	G	50	PASS	.	GT	0/1" >> "$C/vcf/S05.vcf"
mv "$C/vcf/S04.vcf" "$C/vcf/S04.vcf.away"
printf 'sample\tvcf\nBAD\t%s\n' "$C/bad.vcf" > bad_manifest.tsv
sed -n '1,/^#CHROM/p' "$C/vcf/S01.vcf" > "$C/bad.vcf"
printf '7\tnot_a_position\t.\tA\tT\t50\tPASS\t.\tGT\t0/1\n' >> "$C/bad.vcf"
R -q cohort import bad_manifest.tsv
expect_exit 1 "run with bad samples" R run
expect_stderr "skipped sample S05: .*S05.vcf: VCF changed since it was registered" "changed VCF named"
expect_stderr "revus cohort update --sample ID --vcf FILE. accepts it" "says how to accept the new file"
expect_stderr "skipped sample S04: .*S04.vcf: VCF is missing" "missing VCF named"
expect_stderr "skipped sample BAD: .*bad.vcf:[0-9]+" "malformed VCF named with its line"
expect_stderr "6 samples done, 3 skipped" "the others went on"
last=$(q "SELECT max(id) FROM runs")
[ "$(q "SELECT count(*) FROM run_samples WHERE run=$last AND status='skipped' AND reason <> ''")" = 3 ] \
    && ok "skips recorded with reasons" || bad "skips recorded with reasons"
expect_exit 10 "plan lists the skipped" R plan --exit-code
expect_stdout "^S04	skipped	skipped in run $last" "skipped sample due"
mv "$C/vcf/S04.vcf.away" "$C/vcf/S04.vcf"
# the lab accepts the changed S05 VCF: history kept, the new variant is a new candidate
expect_exit 0 "cohort update accepts the new VCF" R cohort update --sample S05 --vcf "$C/vcf/S05.vcf"
expect_exit 2 "cohort update of an unknown sample" R cohort update --sample NOPE --vcf "$C/vcf/S05.vcf"
expect_exit 0 "run after the update" R run --sample S05
[ "$(q "SELECT count(DISTINCT run) FROM run_samples WHERE sample='S05' AND status='done'")" -gt 1 ] \
    && ok "S05 keeps its history" || bad "S05 keeps its history"
mv "$C/vcf/S05.vcf.orig" "$C/vcf/S05.vcf"
R -q cohort update --sample S05 --vcf "$C/vcf/S05.vcf"
R -q cohort remove BAD
expect_exit 2 "unknown --sample" R run --sample NOPE
expect_exit 0 "run selected samples" R run --sample S04 --sample S05
expect_stderr "2 samples done" "only those"

# ---- SIGKILL mid-run: finished samples kept, run marked interrupted, next run completes ----
before=$(q "SELECT max(id) FROM runs")
REVUS_TEST_SLEEP_AFTER_SAMPLE=5 "$REVUS" -q --home "$H" --config "$H/pipeline.json" run 2>/dev/null &
victim=$!
i=0
while [ $i -lt 40 ] && [ "$(q "SELECT count(*) FROM run_samples WHERE run > $before")" != 1 ]; do sleep 0.25; i=$((i + 1)); done
kill -9 $victim; wait $victim 2>/dev/null
killed=$((before + 1))
[ "$(q "SELECT status FROM runs WHERE id=$killed")" = running ] && ok "killed run left running" || bad "killed run left running"
[ "$(q "SELECT count(*) FROM run_samples WHERE run=$killed")" = 1 ] && ok "one sample finished before the kill" || bad "one sample finished before the kill"
expect_exit 0 "next run after the kill" R run
expect_stderr "1 earlier run had been interrupted" "says so"
[ "$(q "SELECT status FROM runs WHERE id=$killed")" = interrupted ] && ok "killed run marked interrupted" || bad "killed run marked interrupted"
[ "$(q "SELECT status || ' ' || n_done FROM runs WHERE id=$((killed + 1))")" = "complete 8" ] && ok "next run completes the work" || bad "next run completes the work"
[ "$(q "PRAGMA integrity_check")" = ok ] && ok "database intact" || bad "database intact"
[ "$(q "SELECT count(*) FROM classifications c WHERE run=$killed AND NOT EXISTS (SELECT 1 FROM run_samples r WHERE r.run=c.run AND r.sample=c.sample)")" = 0 ] \
    && ok "no half-stored sample" || bad "no half-stored sample"

# ---- a second run on the same home waits, then refuses (exit 3) ----
sed 's/"lock_wait_seconds": [0-9]*/"lock_wait_seconds": 1/' "$H/pipeline.json" > "$H/short.json"
REVUS_TEST_SLEEP_AFTER_SAMPLE=0.5 "$REVUS" -q --home "$H" --config "$H/pipeline.json" run 2>/dev/null &
holder=$!
sleep 0.8
expect_exit 3 "second run refused" "$REVUS" --home "$H" --config "$H/short.json" run
expect_stderr "another revus run or merge \(pid [0-9]+\) is writing this home; waited 1 s" "clear message"
wait $holder && ok "first run finished" || bad "first run finished"

# ---- sharded and direct runs give the same state and flags; threads too ----
A=$TMP/direct; B=$TMP/sharded; T=$TMP/threads
for h in "$A" "$B" "$T"; do home_init "$h" && rv "$h" run && home_update "$h" || bad "prepare $h"; done
rv "$A" run
rv "$T" run --threads 2
mkdir -p "$TMP/shards"
for s in $(cut -f1 "$C/manifest.tsv" | tail -n +2); do
    "$REVUS" -q --home "$B" --config "$B/pipeline.json" run --shard "$s" --out "$TMP/shards/$s.shard" ||
        bad "shard $s"
done
before_b=$(sqlite3 "$B/revus.db" "SELECT count(*) FROM runs")
[ "$before_b" = 1 ] && ok "computing shards wrote nothing" || bad "computing shards wrote nothing" "$before_b runs"
expect_exit 0 "merge shards" "$REVUS" --home "$B" --config "$B/pipeline.json" merge "$TMP/shards"/*.shard
state_dump "$A" > direct.txt
state_dump "$B" > sharded.txt
state_dump "$T" > threads.txt
[ "$(grep -c '^flag' direct.txt)" -gt 10 ] && ok "the direct run raised flags" || bad "the direct run raised flags"
if cmp -s direct.txt sharded.txt; then ok "sharded run = direct run (classifications, flags, sources)"
else bad "sharded run = direct run" "$(diff direct.txt sharded.txt | head -c 600)"; fi
if cmp -s direct.txt threads.txt; then ok "--threads 2 = one thread"
else bad "--threads 2 = one thread" "$(diff direct.txt threads.txt | head -c 600)"; fi
# every stored flag keeps its promises: one per (run, sample, variant), its words agree with
# its category, classes and basis (tests/cli/check_flags.py, docs/state.md)
for h in "$A" "$B"; do
    expect_exit 0 "stored flags keep their promises ($(basename "$h"))" python3 "$TOP/tests/cli/check_flags.py" "$h/revus.db"
done
finish
