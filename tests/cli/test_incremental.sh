#!/bin/sh
# test_incremental.sh: an incremental `revus run` stores exactly the classes and raises
# exactly the flags that `revus run --full` does from the same state, after random
# sequences of release changes (ClinVar-like, population, population coverage, panel,
# validity, rollback) on the demo cohort (tests/cli/gen_releases.py, seeded). Three homes
# take the same steps; one runs incrementally, one in full, and one through shards
# (`revus run --shard` per sample, incremental, then `revus merge`); after every step every
# classification of the run and every flag ever raised are compared, column by column.
. "$(dirname "$0")/lib.sh"

if ! command -v sqlite3 >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
    echo "skip - test_incremental.sh needs the sqlite3 shell and python3"
    finish; exit $?
fi
. "$TOP/scripts/cohort-home.sh"
C=$TD/cohort
export REVUS_TEST_NOW=2026-12-01T00:00:00Z

rv() { h=$1; shift; "$REVUS" -q --home "$h" --config "$h/pipeline.json" "$@"; }
dump() {
    { sqlite3 -readonly -separator '	' "$1/revus.db" \
        "SELECT 'class', * FROM classifications WHERE run = (SELECT max(id) FROM runs)" &&
      sqlite3 -readonly -separator '	' "$1/revus.db" \
        "SELECT 'flag', sample, variant, category, priority, basis, old_class, new_class, trigger_source,
                old_version, new_version, field, old_value, new_value, detail, fingerprint FROM flags" &&
      sqlite3 -readonly -separator '	' "$1/revus.db" \
        "SELECT 'sample', sample, status, reason, n_candidates, n_flags FROM run_samples
          WHERE run = (SELECT max(id) FROM runs)"; } | awk -F'\t' -v OFS='\t' '$1 == "class" { $2 = "" } { print }' | LC_ALL=C sort
}
# the second sequence reads bgzip-compressed VCFs, so incremental runs read by region
# (through the index the carrier build writes); the first streams plain VCFs
CZ=$TMP/cohort-gz
mkdir -p "$CZ/vcf"
for f in "$C"/vcf/*.vcf; do bgzip -c "$f" > "$CZ/vcf/$(basename "$f").gz" || bad "bgzip $f"; done
awk -F'\t' -v OFS='\t' 'NR > 1 { $2 = $2 ".gz" } { print }' "$C/manifest.tsv" > "$CZ/manifest.tsv"
identical=0; steps=0; incremental=0; gene_incr=0; cov_incr=0; shard_same=0
# sharded: every sample's shard (incremental unless it cannot be), then one merge; exit as merge's
sharded() {
    rm -rf "$1/shards" && mkdir -p "$1/shards"
    for s in $(sqlite3 "$1/revus.db" "SELECT id FROM samples ORDER BY id"); do
        rv "$1" run --shard "$s" --out "$1/shards/$s.shard" 2>/dev/null || return 3
    done
    rv "$1" merge "$1/shards/"*.shard 2>/dev/null
}
for seed in 11 23; do
    M=$C; [ "$seed" = 23 ] && M=$CZ
    G=$TMP/gen$seed
    python3 "$(dirname "$0")/gen_releases.py" "$C" "$G" "$seed" 12 || { bad "generate releases (seed $seed)"; continue; }
    for h in inc full shard; do
        H=$TMP/$seed.$h
        mkdir -p "$H" && chmod 700 "$H"
        cohort_config "$TOP" "$H" >/dev/null
        awk -F'\t' -v OFS='\t' -v d="$M" 'NR > 1 { $2 = d "/" $2 } { print }' "$M/manifest.tsv" > "$H/manifest.tsv"
        while read -r name file ver; do
            rv "$H" sources import --annotations "$G/annotations" "$name" "$file" ${ver:+--version "$ver"} >/dev/null 2>&1 ||
                bad "seed $seed: initial import $name"
        done < "$G/init.txt"
        rv "$H" cohort import "$H/manifest.tsv" 2>/dev/null && rv "$H" reported import "$C/reported.tsv" 2>/dev/null &&
            if [ $h = shard ]; then sharded "$H"; else rv "$H" run 2>/dev/null; fi || bad "seed $seed: first run ($h)"
    done
    n=0
    while IFS= read -r line; do
        n=$((n + 1))
        kind=${line##*# }
        set -- ${line%%#*}
        for h in inc full shard; do
            H=$TMP/$seed.$h
            case $1 in
                import) rv "$H" sources import --annotations "$G/annotations" "$2" "$3" ${4:+--version "$4"} >/dev/null 2>&1 ;;
                activate) rv "$H" sources activate "$2" "$3" >/dev/null 2>&1 ;;
                reported) rv "$H" reported import "$2" >/dev/null 2>&1 ;;
                indication) rv "$H" cohort update --sample "$2" --indication "$3" \
                                --vcf "$(awk -F'\t' -v s="$2" '$1 == s { print $2 }' "$H/manifest.tsv")" >/dev/null 2>&1 ;;
            esac || bad "seed $seed step $n ($kind): $line"
        done
        rv "$TMP/$seed.inc" run 2>/dev/null; rc_i=$?
        n_inc_now=$(sqlite3 "$TMP/$seed.inc/revus.db" \
            "SELECT count(*) FROM run_samples WHERE run = (SELECT max(id) FROM runs) AND mode='incremental'")
        case $kind in
            panel|validity|regions) gene_incr=$((gene_incr + n_inc_now)) ;;   # gene-keyed and interval changes: by region
            coverage) cov_incr=$((cov_incr + n_inc_now)) ;;                    # the contigs whose coverage changed
        esac
        rv "$TMP/$seed.full" run --full 2>/dev/null; rc_f=$?
        sharded "$TMP/$seed.shard"; rc_s=$?
        [ "$rc_i" = "$rc_f" ] && [ "$rc_s" = "$rc_f" ] || bad "seed $seed step $n ($kind): exit codes differ" "$rc_i, $rc_s vs $rc_f"
        dump "$TMP/$seed.inc" > "$TMP/inc.txt"
        dump "$TMP/$seed.full" > "$TMP/full.txt"
        dump "$TMP/$seed.shard" > "$TMP/shard.txt"
        steps=$((steps + 1))
        if [ -s "$TMP/full.txt" ] && grep -q '^class' "$TMP/full.txt" && cmp -s "$TMP/inc.txt" "$TMP/full.txt"; then
            identical=$((identical + 1))
        else bad "seed $seed step $n ($kind): incremental differs from --full" "$(diff "$TMP/full.txt" "$TMP/inc.txt" | head -c 700)"; fi
        if cmp -s "$TMP/shard.txt" "$TMP/full.txt"; then shard_same=$((shard_same + 1))
        else bad "seed $seed step $n ($kind): sharded incremental differs from --full" "$(diff "$TMP/full.txt" "$TMP/shard.txt" | head -c 700)"; fi
    done < "$G/steps.txt"
    incremental=$((incremental + $(sqlite3 "$TMP/$seed.inc/revus.db" "SELECT count(*) FROM run_samples WHERE mode='incremental'")))
    [ "$(sqlite3 "$TMP/$seed.full/revus.db" "SELECT count(*) FROM run_samples WHERE mode='incremental'")" = 0 ] \
        && ok "seed $seed: --full never ran incrementally" || bad "seed $seed: --full never ran incrementally"
    # the sharded home read as the direct incremental one did, sample by sample
    modes() { sqlite3 "$1/revus.db" "SELECT run, sample, mode FROM run_samples ORDER BY run, sample"; }
    if [ "$(modes "$TMP/$seed.shard")" = "$(modes "$TMP/$seed.inc")" ]; then
        ok "seed $seed: shards were read as the direct runs were ($(sqlite3 "$TMP/$seed.shard/revus.db" "SELECT count(*) FROM run_samples WHERE mode='incremental'") incremental)"
    else
        modes "$TMP/$seed.inc" > "$TMP/m1"; modes "$TMP/$seed.shard" > "$TMP/m2"
        bad "seed $seed: shards were read as the direct runs were" "$(diff "$TMP/m1" "$TMP/m2" | head -c 500)"
    fi
done
n_vcfidx=$(ls "$TMP/23.inc/carriers/"*.vcfidx 2>/dev/null | wc -l)     # before the rebuilds below
# ---- a gene the gene-regions source does not locate (SCN5A, left out of it on purpose):
# its change reads the samples in full, and the plan says why ----
H=$TMP/11.inc
v=$(ls "$TMP/gen11"/validity_*.csv | tail -n 1)
awk -F'","' -v OFS='","' '$1 == "\"SCN5A" { $7 = ($7 == "Disputed" ? "Definitive" : "Disputed") } { print }' "$v" \
    | sed 's/FILE CREATED: [0-9-]*/FILE CREATED: 2030-01-01/' > "$TMP/validity_scn5a.csv"
rv "$H" sources import --annotations "$TMP/gen11/annotations" validity "$TMP/validity_scn5a.csv" >/dev/null 2>&1 ||
    bad "import a validity release changing SCN5A"
"$REVUS" --home "$H" --config "$H/pipeline.json" plan > "$TMP/plan_scn5a.tsv" 2>/dev/null
grep -q "full: .*gene SCN5A changed and no gene-regions or gene-model source locates it" "$TMP/plan_scn5a.tsv" \
    && ok "an unlocated gene's change: full read, the plan names the gene" \
    || bad "an unlocated gene's change: full read, the plan names the gene" "$(head -c 400 "$TMP/plan_scn5a.tsv")"

# ---- declared coverage regions, and the plan of a coverage change and of a rollback ----
# the three homes of seed 11 take the SCN5A change too, then two population releases whose
# descriptors declare where they have data: the second adds one region (MLH1's interval),
# so only that region is read again; the plan says so, and the result equals --full
for h in full shard; do
    rv "$TMP/11.$h" sources import --annotations "$TMP/gen11/annotations" validity "$TMP/validity_scn5a.csv" >/dev/null 2>&1 ||
        bad "import the SCN5A validity release ($h)"
done
last_pop=$(ls "$TMP/gen11"/pop_p*.tsv | tail -n 1)
for cov in '"1", "2", "7"' '"1", "2", "7", "3:37034840-37092337"'; do
    n_cov=$((${n_cov:-0} + 1))
    mkdir -p "$TMP/cov$n_cov"
    python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); d["coverage"] = json.loads(sys.argv[2]); json.dump(d, open(sys.argv[3], "w"))' \
        "$TMP/gen11/annotations/pop.json" "[$cov]" "$TMP/cov$n_cov/pop.json"
    for h in inc full shard; do
        rv "$TMP/11.$h" sources import --annotations "$TMP/cov$n_cov" pop "$last_pop" --version "cov$n_cov" >/dev/null 2>&1 ||
            bad "import pop cov$n_cov ($h)"
    done
    "$REVUS" --home "$TMP/11.inc" --config "$TMP/11.inc/pipeline.json" plan > "$TMP/plan_cov$n_cov.tsv" 2>/dev/null
    rv "$TMP/11.inc" run 2>/dev/null; rv "$TMP/11.full" run --full 2>/dev/null; sharded "$TMP/11.shard"
    dump "$TMP/11.inc" > "$TMP/inc.txt"; dump "$TMP/11.full" > "$TMP/full.txt"; dump "$TMP/11.shard" > "$TMP/shard.txt"
    cmp -s "$TMP/inc.txt" "$TMP/full.txt" && cmp -s "$TMP/shard.txt" "$TMP/full.txt" \
        && ok "declared coverage cov$n_cov: incremental and sharded = --full" \
        || bad "declared coverage cov$n_cov: incremental and sharded = --full" "$(diff "$TMP/full.txt" "$TMP/inc.txt" | head -c 1400; diff "$TMP/full.txt" "$TMP/shard.txt" | head -c 300)"
done
grep -q "	source	pop cov2 is active; its last run (run [0-9]*) used cov1	[0-9]* variants changed, [0-9]* to re-read; coverage changed (1 declared region): 1 region re-read whole$" "$TMP/plan_cov2.tsv" \
    && ok "plan: a coverage change names where and what it re-reads" \
    || bad "plan: a coverage change names where and what it re-reads" "$(head -c 500 "$TMP/plan_cov2.tsv")"
[ "$(sqlite3 "$TMP/11.inc/revus.db" "SELECT count(*) FROM run_samples WHERE run = (SELECT max(id) FROM runs) AND mode <> 'incremental' AND sample NOT IN (SELECT id FROM samples WHERE family IS NOT NULL AND family <> '')")" = 0 ] \
    && ok "a declared-coverage change ran incrementally" || bad "a declared-coverage change ran incrementally"
# a rollback is a change like any other: due, named as a rollback, followed key by key
rv "$TMP/11.inc" sources activate pop cov1 >/dev/null 2>&1 || bad "roll pop back to cov1"
"$REVUS" --home "$TMP/11.inc" --config "$TMP/11.inc/pipeline.json" plan --exit-code > "$TMP/plan_rb.tsv" 2>/dev/null; rc=$?
[ $rc = 10 ] && grep -q "	source	pop cov1 is active; its last run (run [0-9]*) used cov2 (a rollback to an older release)	[0-9]* variants changed, [0-9]* to re-read; coverage changed" "$TMP/plan_rb.tsv" \
    && ok "plan: a rollback is due and said to be one, with what it touches" \
    || bad "plan: a rollback is due and said to be one" "exit $rc: $(head -c 500 "$TMP/plan_rb.tsv")"
rv "$TMP/11.inc" sources activate pop cov2 >/dev/null 2>&1
expect_exit 0 "plan after undoing the rollback: nothing due" "$REVUS" --home "$TMP/11.inc" --config "$TMP/11.inc/pipeline.json" plan --exit-code

# ---- kill -9 in the middle of a sharded run's merge: the state stays intact; merging the
# same shards again stores the rest and leaves the sample already stored alone; a shard
# overtaken by another run is refused ----
H=$TMP/11.shard; F=$TMP/11.full
latest() {    # each sample's calls in its latest done run, and every flag
    { sqlite3 -readonly -separator '	' "$1/revus.db" \
        "SELECT 'class', * FROM classifications c WHERE run = (SELECT max(run) FROM run_samples r
          WHERE r.sample = c.sample AND r.status = 'done')" &&
      sqlite3 -readonly -separator '	' "$1/revus.db" \
        "SELECT 'flag', sample, variant, category, basis, old_class, new_class, trigger_source, old_version,
                new_version, field, old_value, new_value, detail, fingerprint FROM flags"; } |
        awk -F'\t' -v OFS='\t' '$1 == "class" { $2 = "" } { print }' | LC_ALL=C sort
}
for h in "$H" "$F"; do rv "$h" sources activate clinvar "$(ls "$TMP/gen11"/clinvar_*.vcf | head -n 1 | sed 's/.*clinvar_//; s/\.vcf$//')" >/dev/null 2>&1 ||
    bad "roll ClinVar back to its first release"; done
rm -rf "$H/shards" && mkdir -p "$H/shards"
for s in $(sqlite3 "$H/revus.db" "SELECT id FROM samples ORDER BY id"); do
    rv "$H" run --shard "$s" --out "$H/shards/$s.shard" 2>/dev/null || bad "shard $s"
done
before=$(sqlite3 "$H/revus.db" "SELECT max(id) FROM runs")
REVUS_TEST_SLEEP_AFTER_SAMPLE=5 "$REVUS" -q --home "$H" --config "$H/pipeline.json" merge "$H/shards/"*.shard 2>/dev/null &
victim=$!
i=0
while [ $i -lt 60 ] && [ "$(sqlite3 "$H/revus.db" "SELECT count(*) FROM run_samples WHERE run > $before")" != 1 ]; do sleep 0.25; i=$((i + 1)); done
kill -9 $victim; wait $victim 2>/dev/null
[ "$(sqlite3 "$H/revus.db" "SELECT count(*) FROM run_samples WHERE run > $before")" = 1 ] &&
[ "$(sqlite3 "$H/revus.db" "PRAGMA integrity_check")" = ok ] \
    && ok "kill -9 during a merge: one sample stored, the database intact" || bad "kill -9 during a merge: one sample stored, the database intact"
expect_exit 0 "the same merge again after the kill" "$REVUS" --home "$H" --config "$H/pipeline.json" merge "$H/shards/"*.shard
expect_stderr "[1-9][0-9]* samples stored, 0 skipped, 1 already stored" "it stores the rest and leaves the stored one alone"
[ "$(sqlite3 "$H/revus.db" "SELECT status FROM runs WHERE id = $before + 1")" = interrupted ] \
    && ok "the killed merge is marked interrupted" || bad "the killed merge is marked interrupted"
rv "$F" run --full 2>/dev/null
latest "$H" > "$TMP/shard.txt"; latest "$F" > "$TMP/full.txt"
cmp -s "$TMP/shard.txt" "$TMP/full.txt" && ok "after the kill and the second merge: the same classes and flags as --full" \
    || bad "after the kill and the second merge: the same classes and flags as --full" "$(diff "$TMP/full.txt" "$TMP/shard.txt" | head -c 600)"
expect_exit 0 "nothing due after it" "$REVUS" --home "$H" --config "$H/pipeline.json" plan --exit-code
# a shard computed before another run stored its sample is refused, not stored over it
rv "$H" sources activate pop cov1 >/dev/null 2>&1
rv "$H" run --shard S01 --out "$TMP/S01.old.shard" 2>/dev/null || bad "shard S01"
rv "$H" sources activate pop cov2 >/dev/null 2>&1
rv "$H" run --sample S01 2>/dev/null
expect_exit 1 "a shard overtaken by another run is skipped" "$REVUS" --home "$H" --config "$H/pipeline.json" merge "$TMP/S01.old.shard"
expect_stderr "computed from the sample's run [0-9]+, but run [0-9]+ stored it since: make the shard again" "says why"

# ---- kill -9 in the middle of an incremental run: the previous state stays, the next run completes it ----
H=$TMP/23.inc; F=$TMP/23.full
for src in clinvar pop; do      # roll back what moved since the first run
    first=$(sqlite3 "$H/revus.db" "SELECT version FROM run_sources WHERE source='$src' AND run=1")
    [ "$first" != "$(sqlite3 "$H/revus.db" "SELECT version FROM run_sources WHERE source='$src' AND run=(SELECT max(id) FROM runs)")" ] || continue
    rv "$H" sources activate "$src" "$first" >/dev/null 2>&1 && rv "$F" sources activate "$src" "$first" >/dev/null 2>&1
done
before=$(sqlite3 "$H/revus.db" "SELECT max(id) FROM runs")
rows=$(sqlite3 "$H/revus.db" "SELECT count(*) FROM call_history")
REVUS_TEST_SLEEP_AFTER_SAMPLE=5 "$REVUS" -q --home "$H" --config "$H/pipeline.json" run 2>/dev/null &
victim=$!
i=0
while [ $i -lt 60 ] && [ "$(sqlite3 "$H/revus.db" "SELECT count(*) FROM run_samples WHERE run > $before")" != 1 ]; do sleep 0.25; i=$((i + 1)); done
kill -9 $victim; wait $victim 2>/dev/null
killed=$((before + 1))
[ "$(sqlite3 "$H/revus.db" "SELECT count(*) FROM run_samples WHERE run=$killed")" = 1 ] \
    && ok "kill -9: one sample stored before the kill" || bad "kill -9: one sample stored before the kill"
[ "$(sqlite3 "$H/revus.db" "SELECT count(*) FROM call_history WHERE valid_from=$killed AND sample NOT IN (SELECT sample FROM run_samples WHERE run=$killed)")" = 0 ] &&
[ "$(sqlite3 "$H/revus.db" "SELECT count(*) FROM call_history WHERE valid_to=$killed AND sample NOT IN (SELECT sample FROM run_samples WHERE run=$killed)")" = 0 ] \
    && ok "kill -9: no other sample's history touched" || bad "kill -9: no other sample's history touched"
[ "$(sqlite3 "$H/revus.db" "PRAGMA integrity_check")" = ok ] && ok "kill -9: database intact" || bad "kill -9: database intact"
rv "$H" run 2>/dev/null && ok "the next run after the kill" || bad "the next run after the kill"
# the full home does the same work: the sample the killed run finished, then everything
done1=$(sqlite3 "$H/revus.db" "SELECT sample FROM run_samples WHERE run=$killed")
rv "$F" run --full --sample "$done1" 2>/dev/null
rv "$F" run --full 2>/dev/null
[ "$(sqlite3 "$H/revus.db" "SELECT status FROM runs WHERE id=$killed")" = interrupted ] \
    && ok "the killed run is marked interrupted" || bad "the killed run is marked interrupted"
dump "$H" > "$TMP/inc.txt"; dump "$F" > "$TMP/full.txt"
if cmp -s "$TMP/inc.txt" "$TMP/full.txt"; then ok "after the kill, the next run completes it: same classes and flags as --full"
else bad "after the kill, the next run completes it" "$(diff "$TMP/full.txt" "$TMP/inc.txt" | head -c 600)"; fi
[ "$(sqlite3 "$H/revus.db" "SELECT count(*) FROM call_history")" -gt "$rows" ] && ok "the rollback changed rows" || bad "the rollback changed rows"

# ---- a carrier index that is missing, damaged or foreign is rebuilt, never trusted ----
printf 'X' | dd of="$H/carriers/S01.rvc" bs=1 seek=300 conv=notrunc 2>/dev/null
rm -f "$H/carriers/S02.rvc"
cp "$H/carriers/S04.rvc" "$H/carriers/S03.rvc"
printf 'X' | dd of="$H/carriers/S04.rvr" bs=1 seek=100 conv=notrunc 2>/dev/null     # its records file
printf '\001\000\000\000' | dd of="$H/carriers/S05.rvc" bs=1 seek=8 conv=notrunc 2>/dev/null   # format version 1
expect_exit 0 "cohort carriers" "$REVUS" --home "$H" --config "$H/pipeline.json" cohort carriers
for s in S01 S02 S03 S04 S05; do
    expect_stdout "^$s	[0-9]+	[0-9]+	[0-9.]+	built$" "$s: damaged, missing, foreign or old-format carrier index (or records file) rebuilt"
done
expect_stdout "^P01	[0-9]+	[0-9]+	[0-9.]+	current$" "an intact one is kept"
[ "$(stat -c %a "$H/carriers/S01.rvc")$(stat -c %a "$H/carriers")" = 600700 ] && ok "carrier files 0600 in a 0700 folder" \
    || bad "carrier files 0600 in a 0700 folder"

# ---- the carrier prefilter may not be stricter than the candidate filter ----
sed 's/"max_af": 0.05/"max_af": 0.001/' "$H/pipeline.json" > "$TMP/strict.json"
expect_exit 2 "carriers.max_af below candidates.max_af refused" "$REVUS" --home "$H" --config "$TMP/strict.json" plan
expect_stderr "reanalysis.carriers.max_af" "names the key"

[ "$identical" = "$steps" ] && [ "$steps" -ge 24 ] && ok "incremental = --full after each of $steps random release changes" \
    || bad "incremental = --full after every step" "$identical of $steps identical"
[ "$shard_same" = "$steps" ] && [ "$steps" -ge 24 ] && ok "sharded incremental = --full after each of $steps random release changes" \
    || bad "sharded incremental = --full after every step" "$shard_same of $steps identical"
[ "$cov_incr" -gt 0 ] && ok "population coverage changes ran incrementally ($cov_incr sample runs)" \
    || bad "population coverage changes ran incrementally"
[ "$(ls "$TMP/23.inc/carriers/"*.rvr 2>/dev/null | wc -l)" = 8 ] && [ -s "$TMP/11.inc/carriers/S01.rvr" ] \
    && ok "every sample's carrier index has its records file, plain VCF or bgzipped" \
    || bad "every sample's carrier index has its records file, plain VCF or bgzipped"
[ "$n_vcfidx" -ge 1 ] && [ ! -e "$TMP/11.inc/carriers/S01.vcfidx" ] \
    && ok "a region read indexed a bgzipped VCF, never a plain one" || bad "a region read indexed a bgzipped VCF, never a plain one"
[ "$incremental" -gt 0 ] && ok "the incremental home did run incrementally ($incremental sample runs)" \
    || bad "the incremental home did run incrementally"
[ "$(sqlite3 "$TMP/11.inc/revus.db" "SELECT count(*) FROM flags")" -gt 0 ] && ok "the changes raised flags" || bad "the changes raised flags"
[ "$gene_incr" -gt 0 ] && ok "panel, validity and gene-region changes ran incrementally ($gene_incr sample runs)" \
    || bad "panel, validity and gene-region changes ran incrementally"
finish
