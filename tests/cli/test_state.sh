#!/bin/sh
# test_state.sh: cohort, reported, merge of shards, flags, ack, plan; the lab cycle,
# idempotency, the writer lock, a crash mid-run, atomic imports, schema versions.
. "$(dirname "$0")/lib.sh"

cp -r "$TD/state" "$TMP/d"
cd "$TMP/d" || exit 2
H=$TMP/home
export REVUS_HOME="$H"
have_sqlite=0; command -v sqlite3 >/dev/null 2>&1 && have_sqlite=1
q() { sqlite3 "$H/revus.db" "$1"; }

# --help on every command of this area
for c in cohort reported run merge flags ack plan; do
    expect_exit 0 "$c --help" "$REVUS" "$c" --help
    expect_stdout "^Usage: revus $c" "$c --help says how"
done

# ---- cohort import is atomic and names every bad row ----
expect_exit 2 "bad manifest refused" "$REVUS" cohort import manifest_bad.tsv
expect_stderr "manifest_bad.tsv:3: sample 'S2': VCF vcf/missing.vcf" "missing VCF row named"
expect_stderr "manifest_bad.tsv:4: sample 'S3': sex must be M or F" "bad sex row named"
expect_stderr "manifest_bad.tsv:5: sample 'S1' appears twice \(first at line 2\)" "duplicate row named"
expect_stderr "manifest_bad.tsv:6: bad sample id" "bad id row named"
expect_stderr "manifest_bad.tsv:7: expected 2 to 6" "short row named"
expect_stderr "5 bad rows, nothing imported" "summary line"
expect_exit 3 "list after refused import: the home is still empty" "$REVUS" cohort list
expect_stderr "no revus database" "nothing registered, no database left behind"

expect_exit 0 "manifest imported" "$REVUS" cohort import manifest.tsv
expect_stderr "registered 5 samples" "five samples"
expect_exit 0 "cohort list" "$REVUS" cohort list
expect_stdout "^S3M	BRUGADA	F	FAM3	" "trio member listed with family"
[ "$(stat -c %a "$H/revus.db")" = 600 ] && ok "database mode 0600" || bad "database mode 0600" "$(stat -c %a "$H/revus.db")"
expect_exit 2 "same sample twice refused" "$REVUS" cohort add --sample S1 --vcf vcf/S1.vcf
expect_stderr "already registered" "says why"
expect_exit 2 "missing --vcf is usage" "$REVUS" cohort add --sample S9
expect_exit 2 "missing file refused" "$REVUS" cohort add --sample S9 --vcf nope.vcf
expect_stderr "nope.vcf" "names the file"

# ---- the reanalysis config is validated, with the JSON path named ----
# a lab's config written for an older revus: the keys it lacks come from the shipped
# defaults, named in one warning; the keys it has are its own
printf '{"reanalysis": {"interval_days": 10, "candidates": {"max_af": 0.02}}}' > old_conf.json
expect_exit 0 "config lacking keys completed from the shipped defaults" "$REVUS" --config old_conf.json plan
expect_stderr "old_conf.json lacks reanalysis.reference_fasta, reanalysis.ref_check" "names the keys taken"
expect_stderr "reanalysis.candidates.panel_min_confidence" "names nested keys taken"
expect_stderr "taken from .*pipeline/default.json" "names the defaults file"
printf '{"reanalysis": {"interval_days": "ten"}}' > bad_type.json
expect_exit 2 "config with a value of the wrong type refused" "$REVUS" --config bad_type.json plan
expect_stderr "bad_type.json: reanalysis.interval_days: expected integer" "names the JSON path"
printf '{"reanalysis": {"interval_days": 10, "candidates": {"max_af": 0.2}}}' > old_conf_af.json
expect_exit 2 "a lab's own value is checked, not replaced" "$REVUS" --config old_conf_af.json plan
expect_stderr "carriers.max_af" "says which rule it breaks"
sed 's/"max_af": 0.01/"max_af": 0.01, "maxaf": 1/' "$TOP/pipeline/default.json" > typo.json
expect_exit 2 "config with an unknown key refused" "$REVUS" --config typo.json plan
expect_stderr "typo.json: reanalysis.candidates.maxaf: unknown key" "names the typo"

# ---- reported classes ----
expect_exit 2 "bad reported rows refused" "$REVUS" reported import reported_bad.tsv
expect_stderr "reported_bad.tsv:2: bad class 'LPP'" "bad class named"
expect_stderr "reported_bad.tsv:3: unknown sample 'S9'" "unknown sample named"
expect_stderr "reported_bad.tsv:4: bad variant" "bad variant named"
expect_stderr "reported_bad.tsv:5: bad date '2016-02-30'" "bad date named"
expect_stderr "reported_bad.tsv:6: reporter is empty" "empty reporter named"
expect_exit 0 "reported imported" "$REVUS" reported import reported.tsv
expect_stderr "imported 2 reported classes \(0 already stored\)" "two rows"
expect_exit 0 "reported import again" "$REVUS" reported import reported.tsv
expect_stderr "imported 0 reported classes \(2 already stored\)" "idempotent import"

# ---- run 1 (older ClinVar), via shards ----
expect_exit 0 "merge run 1" "$REVUS" merge shards/r1_S1.json shards/r1_S2.json
expect_exit 0 "flags after run 1" "$REVUS" flags
[ "$(wc -l < "$TMP/out")" -eq 1 ] && ok "baseline run raises no flag" || bad "baseline run raises no flag" "$(cat "$TMP/out")"
expect_exit 0 "merge run 1 again" "$REVUS" merge shards/r1_S1.json shards/r1_S2.json
expect_stderr "0 new flags" "same sources: no new flag"

# ---- run 2 (newer ClinVar): the real reclassifications ----
expect_exit 0 "merge run 2" "$REVUS" merge shards/r2_S1.json shards/r2_S2.json
expect_stderr "4 new flags" "four flags"
"$REVUS" flags > flags_r2.tsv
golden flags_r2.tsv "$TD/state/expected/flags_r2.tsv" "flags after the new release"
awk -F'\t' 'NR > 1 && ($12 == "." || $14 == ".") { bad = 1 } END { exit bad }' flags_r2.tsv \
    && ok "every flag names its source and version" || bad "every flag names its source and version"
expect_exit 0 "min priority 1" "$REVUS" flags --min-priority 1
[ "$(grep -c plp_downgraded "$TMP/out")" -eq 2 ] && [ "$(wc -l < "$TMP/out")" -eq 3 ] \
    && ok "only P/LP downgrades" || bad "only P/LP downgrades" "$(cat "$TMP/out")"
expect_exit 0 "json flags" "$REVUS" flags --format json
expect_stdout '"category":[[:space:]]*"vus_upgraded"' "json names the category"
expect_stdout '"new_version":[[:space:]]*"2016-09-27"' "json names the version"
expect_exit 2 "bad format" "$REVUS" flags --format xml
expect_exit 2 "unknown run" "$REVUS" flags --run 99
expect_stderr "no run 99" "names the run"
expect_exit 2 "bad priority" "$REVUS" flags --min-priority 9

# ---- acknowledge; the same evidence stays quiet ----
id=$(awk -F'\t' '$5 == "S1" && $4 == "plp_downgraded" { print $1 }' flags_r2.tsv)
expect_exit 0 "ack a flag" "$REVUS" ack "$id" --by "Dr Example" --note "amended report sent"
expect_exit 2 "ack twice refused" "$REVUS" ack "$id" --by "Dr Example"
expect_stderr "already acknowledged by Dr Example" "says by whom"
expect_exit 2 "ack unknown flag" "$REVUS" ack 999 --by x
expect_exit 2 "ack without --by" "$REVUS" ack "$id"
expect_exit 0 "open flags" "$REVUS" flags
[ "$(wc -l < "$TMP/out")" -eq 4 ] && ok "acknowledged flag no longer open" || bad "acknowledged flag no longer open" "$(cat "$TMP/out")"
expect_exit 0 "run 2 again" "$REVUS" merge shards/r2_S1.json shards/r2_S2.json
expect_stderr "0 new flags" "re-run raises nothing, acknowledged flag quiet"
expect_exit 0 "flags --all" "$REVUS" flags --all
expect_stdout "	Dr Example	" "ack shown with --all"

# ---- the evidence moves further: raised again ----
expect_exit 0 "merge run 3" "$REVUS" merge shards/r3_S1.json shards/r3_S2.json
expect_exit 0 "flags after run 3" "$REVUS" flags --run 5
expect_stdout "plp_downgraded	S1	7-117176711-A-T	CFTR	.	reported	LP	B	clinvar	" "LP to B against reported is raised again"
# one flag per (run, sample, variant) (issue 12): the LB -> B move since the previous run is
# named in the most urgent flag's detail, not raised as a second flag
expect_stdout "also evidence changed within the class.*LB -> B since the previous run" "LB to B named in the same flag"
[ "$(wc -l < "$TMP/out")" -eq 2 ] && ok "S2 unchanged, no flag; one flag per variant" || bad "S2 unchanged, no flag; one flag per variant" "$(cat "$TMP/out")"
if [ $have_sqlite = 1 ]; then
    expect_exit 0 "stored flags keep their promises" python3 "$TOP/tests/cli/check_flags.py" "$H/revus.db"
    # the check can fail: a flag whose classes contradict its category, a second flag for a variant
    cp "$H/revus.db" "$TMP/broken.db"
    sqlite3 "$TMP/broken.db" "UPDATE flags SET new_class='P' WHERE id=(SELECT min(id) FROM flags WHERE category='plp_downgraded');
        INSERT INTO flags(run, sample, variant, category, priority, basis, detail, fingerprint, created_at)
        SELECT run, sample, variant, 'evidence_changed', 5, 'previous', 'x', 'y', created_at FROM flags WHERE id=(SELECT min(id) FROM flags)"
    expect_exit 1 "a contradicting flag is caught" python3 "$TOP/tests/cli/check_flags.py" "$TMP/broken.db"
    expect_stdout "plp_downgraded\): detail lacks .* -> P |plp_downgraded with LP -> P" "named with its classes"
    expect_stdout "has 2 flags" "a second flag for one variant is caught"
fi

# ---- a gene leaves the panel: its variant leaves the candidate set, flagged, not dropped ----
expect_exit 0 "merge run 4 (panel 2.0 without CFTR)" "$REVUS" merge shards/r4_S1.json
expect_exit 0 "flags after run 4" "$REVUS" flags --run 6
expect_stdout "left_candidates	S1	7-117199643-C-G	CFTR	.	previous	LP	VUS	panel	1.0	2.0	panel_confidence	3	0" \
    "leaving the candidate set is flagged with the panel change"
[ "$(sqlite3 "$H/revus.db" "SELECT candidate FROM classifications WHERE run=6 AND variant='7-117199643-C-G'" 2>/dev/null || echo 0)" = 0 ] \
    && ok "kept with candidate = 0" || bad "kept with candidate = 0"

# ---- a shard from another VCF is skipped (exit 1), others go on ----
expect_exit 1 "shard of a changed VCF skipped" "$REVUS" merge shards/wrong_vcf_S3.json shards/r3_S1.json
expect_stderr "skipped sample S3: .*checksum differs" "skip reason given"
expect_exit 2 "two shards of one sample refused" "$REVUS" merge shards/r3_S1.json shards/r3_S1.json
expect_exit 2 "shards of different snapshots refused" "$REVUS" merge shards/r1_S2.json shards/r3_S1.json
expect_stderr "different sources" "says why"
printf '{"format": "revus-shard", "format_version": 1, "sample":' > trunc.json
expect_exit 2 "truncated shard refused" "$REVUS" merge trunc.json
expect_stderr "trunc.json:1: not valid JSON" "names the shard and line"
head -n 2 shards/r3_S1.json > cut.json
expect_exit 2 "shard cut short refused" "$REVUS" merge cut.json
expect_stderr "cut.json: no end line: the shard is truncated" "says it is truncated"

# ---- plan ----
expect_exit 10 "plan --exit-code: due" "$REVUS" plan --exit-code
expect_stdout "^S3	skipped	skipped in run" "skipped sample due"
expect_stdout "^S3F	never-run	never run" "never-run sample due"
for s in S3 S3M S3F; do "$REVUS" -q cohort remove "$s"; done
# the fixture shards were computed with releases this home's store does not hold and
# another config ("fixture"): a run would read S1 and S2 in full, so the plan says they are due
expect_exit 10 "plan --exit-code: due after shards of other knowledge" "$REVUS" plan --exit-code
expect_stdout "^S1	source	clinvar 2017-01-01 was used by its last run \(run 7\) and is no longer active	full: " \
    "a source no longer active: due, read in full"
expect_stdout "^S2	changed	the pipeline config or rules changed \(its last run: run 5\)	full: the pipeline config" \
    "another config: due, read in full"
REVUS_TEST_NOW=2099-01-01T00:00:00Z expect_exit 10 "plan: interval elapsed" "$REVUS" plan --exit-code
expect_stdout "^S1	interval	last reanalysed" "interval reason"
expect_exit 2 "remove unknown sample" "$REVUS" cohort remove S3

# ---- the writer lock: a second writer waits, then refuses (exit 3) ----
sed 's/"lock_wait_seconds": [0-9]*/"lock_wait_seconds": 1/' "$TOP/pipeline/default.json" > short_wait.json
REVUS_TEST_SLEEP_AFTER_SAMPLE=2 "$REVUS" -q merge shards/r3_S1.json shards/r3_S2.json 2>/dev/null &
holder=$!
sleep 0.7
expect_exit 3 "second writer refused" "$REVUS" --config short_wait.json merge shards/r3_S1.json
expect_stderr "another revus run or merge \(pid [0-9]+\) is writing this home" "clear message"
expect_exit 0 "a waiting writer gets its turn" "$REVUS" merge shards/r3_S1.json
wait $holder && ok "holder finished" || bad "holder finished"

# ---- SIGKILL between samples: finished sample kept, run marked interrupted ----
if [ $have_sqlite = 1 ]; then
    before=$(q "SELECT max(id) FROM runs")
    REVUS_TEST_SLEEP_AFTER_SAMPLE=5 "$REVUS" -q merge shards/r1_S1.json shards/r1_S2.json 2>/dev/null &
    victim=$!
    for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
        [ "$(q "SELECT count(*) FROM run_samples WHERE run > $before")" = 1 ] && break
        sleep 0.25
    done
    kill -9 $victim; wait $victim 2>/dev/null
    killed=$((before + 1))
    [ "$(q "SELECT status FROM runs WHERE id=$killed")" = running ] && ok "killed run left running" || bad "killed run left running"
    expect_exit 0 "next writer starts" "$REVUS" merge shards/r1_S2.json
    [ "$(q "SELECT status FROM runs WHERE id=$killed")" = interrupted ] && ok "killed run marked interrupted" || bad "killed run marked interrupted"
    [ "$(q "SELECT group_concat(sample) FROM run_samples WHERE run=$killed")" = S1 ] && ok "finished sample kept" || bad "finished sample kept"
    [ "$(q "SELECT count(*) FROM classifications WHERE run=$killed AND sample='S2'")" = 0 ] && ok "no half sample" || bad "no half sample"
    [ "$(q "PRAGMA integrity_check")" = ok ] && ok "database intact" || bad "database intact"
    [ "$(q "PRAGMA foreign_key_check")" = "" ] && ok "foreign keys hold" || bad "foreign keys hold"
else
    echo "skip - crash test needs the sqlite3 shell"
fi

# ---- schema versions: a newer database is refused untouched ----
if [ $have_sqlite = 1 ]; then
    mkdir -p "$TMP/newer" && cp "$H/revus.db" "$TMP/newer/revus.db"
    sqlite3 "$TMP/newer/revus.db" "PRAGMA user_version=99"
    expect_exit 3 "newer schema refused" "$REVUS" --home "$TMP/newer" cohort list
    expect_stderr "schema version 99 is newer than this revus" "says so"
    [ "$(sqlite3 "$TMP/newer/revus.db" "PRAGMA user_version")" = 99 ] && ok "left untouched" || bad "left untouched"
else
    echo "skip - schema test needs the sqlite3 shell"
fi
# a mistyped home must not look like a healthy empty one: only cohort add/import create it
NOHOME=$TMP/no-such-home
for c in "flags" "plan --exit-code" "run" "cohort list" "ack 1 --by X"; do
    expect_exit 3 "$c refuses a home without a database" "$REVUS" --home "$NOHOME" $c
    expect_stderr "no revus database" "$c names the missing database"
done
[ ! -e "$NOHOME/revus.db" ] && ok "no database was created in a mistyped home" || bad "a database was created in a mistyped home"

# the config chooses the rules file a run classifies with (reanalysis.rules, relative to it)
RH=$TMP/rules-home
mkdir -p "$RH"
python3 -c "import json,sys; c=json.load(open(sys.argv[1])); c['reanalysis']['rules']='no-such-rules.json'; json.dump(c, open(sys.argv[2], 'w'))" \
    "$TOP/pipeline/default.json" "$RH/conf.json"
"$REVUS" -q --home "$RH" --config "$RH/conf.json" cohort add --sample R1 --vcf "$TD/cohort/vcf/S01.vcf"
expect_exit 2 "run with the config's rules file missing" "$REVUS" --home "$RH" --config "$RH/conf.json" run
expect_stderr "no-such-rules.json" "run names the config's rules file"
cp "$TOP/pipeline/acmg.json" "$RH/no-such-rules.json"; cp "$TOP/pipeline/ba1_exceptions.tsv" "$RH/"
expect_exit 0 "run with the config's rules file present" "$REVUS" -q --home "$RH" --config "$RH/conf.json" run

# a refused first registration leaves no database behind
BH=$TMP/bad-first
mkdir -p "$BH"
printf 'sample\tvcf\n' > "$BH/empty.tsv"
expect_exit 2 "first import with no rows refused" "$REVUS" --home "$BH" cohort import "$BH/empty.tsv"
[ ! -e "$BH/revus.db" ] && ok "refused first import leaves no database" || bad "refused first import left a database"
expect_exit 2 "first add of a missing VCF refused" "$REVUS" --home "$BH" cohort add --sample X --vcf "$BH/nope.vcf"
[ ! -e "$BH/revus.db" ] && ok "refused first add leaves no database" || bad "refused first add left a database"

finish
