#!/bin/sh
# Progress lines: on a terminal (a pseudo-terminal from script(1)) run, merge and annotate
# show count, rate, elapsed and time left on stderr; nothing when stderr is not a terminal,
# with --no-progress, or with -q. The count and rate come from the library's meter.
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/cohort-home.sh"
if ! command -v script >/dev/null 2>&1; then echo "skip - script(1) not installed (util-linux)"; finish; exit $?; fi
H=$TMP/home
if ! cohort_home_init "$REVUS" "$H" "$TOP" 2>"$TMP/prep.err"; then
    bad "prepare the demo home" "$(head -c 300 "$TMP/prep.err")"; finish; exit $?
fi
tty() { script -qec "$*" /dev/null >"$TMP/tty.out" 2>&1; }

# run: 8 samples, 0.3 s after each, so the meter reports on the way (every 0.5 s)
REVUS_TEST_SLEEP_AFTER_SAMPLE=0.3 tty "'$REVUS' --home '$H' --config '$H/pipeline.json' run"
grep -Eq 'revus: run: [0-9]+ of 8 samples \([0-9]+%\), [0-9.]+ samples/s, [0-9.]+ s elapsed, about [0-9.:]+ s? ?left' "$TMP/tty.out" \
    && ok "run on a terminal: count of total, rate, elapsed, time left" || bad "run progress" "$(tr '\r' '\n' <"$TMP/tty.out" | grep 'samples' | head -n 3)"
grep -q 'revus: run: 8 of 8 samples, ' "$TMP/tty.out" && ok "run: a final progress line" || bad "run final line"
grep -q "$(printf '\r\033\\[K')" "$TMP/tty.out" && ok "run: the line is redrawn in place" || bad "run: redrawn in place"

"$REVUS" --home "$H" --config "$H/pipeline.json" run >"$TMP/out" 2>"$TMP/err"
grep -q 'samples/s' "$TMP/err" && bad "run, stderr not a terminal: no progress" || ok "run, stderr not a terminal: no progress"
tty "'$REVUS' --home '$H' --config '$H/pipeline.json' --no-progress run"
grep -q 'samples/s' "$TMP/tty.out" && bad "run --no-progress: none" || ok "run --no-progress: none"
tty "'$REVUS' --home '$H' --config '$H/pipeline.json' -q run"
grep -q 'samples/s' "$TMP/tty.out" && bad "run -q: none" || ok "run -q: none"

# annotate: records, fraction of the file read
tty "'$REVUS' --home '$H' annotate '$TD/cohort/vcf/FAM01.trio.vcf' -o '$TMP/a.vcf'"
grep -Eq 'revus: annotate: 11 records, [0-9]+ records/s' "$TMP/tty.out" && ok "annotate on a terminal: records and rate" || bad "annotate progress" "$(head -c 300 "$TMP/tty.out")"
"$REVUS" --home "$H" annotate "$TD/cohort/vcf/FAM01.trio.vcf" -o "$TMP/a.vcf" 2>"$TMP/err"
grep -q 'records/s' "$TMP/err" && bad "annotate, not a terminal: no progress" || ok "annotate, not a terminal: no progress"

# sources import: the records compiled (the fetch download line has the same shape, in bytes)
tty "'$REVUS' --home '$TMP/h2' sources import --annotations '$TD/cohort/annotations' clinvar '$TD/cohort/clinvar_20160927.GRCh37.subset.vcf.gz'"
grep -Eq 'revus: clinvar: compile: [0-9]+ records, [0-9]+ records/s' "$TMP/tty.out" && ok "sources import on a terminal: records compiled" || bad "import progress" "$(head -c 300 "$TMP/tty.out")"
tty "'$REVUS' --home '$TMP/h2' sources import --annotations '$TD/cohort/annotations' clinvar '$TD/cohort/clinvar_20160927.GRCh37.subset.vcf.gz'"
grep -q 'compile:' "$TMP/tty.out" && bad "import of a stored release: no compile line" || ok "import of a stored release: no compile line"
"$REVUS" --home "$TMP/h3" sources import --annotations "$TD/cohort/annotations" clinvar "$TD/cohort/clinvar_20160927.GRCh37.subset.vcf.gz" >/dev/null 2>"$TMP/err"
grep -q 'records/s' "$TMP/err" && bad "import, not a terminal: no progress" || ok "import, not a terminal: no progress"

# merge: shards read, then stored
mkdir -p "$TMP/shards"
for s in S01 S02; do "$REVUS" --home "$H" --config "$H/pipeline.json" run --shard $s --out "$TMP/shards/$s.json" >/dev/null 2>&1; done
if [ -s "$TMP/shards/S01.json" ]; then
    tty "'$REVUS' --home '$H' --config '$H/pipeline.json' merge '$TMP/shards/S01.json' '$TMP/shards/S02.json'"
    grep -Eq 'revus: merge \(read, then store\): 4 of 4 shard steps' "$TMP/tty.out" && ok "merge on a terminal: steps" || bad "merge progress" "$(head -c 300 "$TMP/tty.out")"
else echo "skip - merge: run --shard did not write a shard here"; fi
finish
