#!/bin/sh
# bench_incremental.sh: incremental `revus run` against `revus run --full` on a generated
# cohort of exome-like samples (bench/gen_cohort.py) after a ClinVar-like release change
# of 0.5% of records; database growth of a run with no change and of the change run;
# carrier index size and build time beside `revus annotate` of the same VCF; a projection
# for 10,000 and 100,000 genomes. Not a timed test: it prints measurements.
#   BENCH_SAMPLES  samples (default 200)
cd "$(dirname "$0")/.." || exit 2
REVUS=$PWD/revus
N=${BENCH_SAMPLES:-200}
D=bench/data/cohort$N
H=bench/data/home-incr$N
export REVUS_DATA_DIR=$PWD
[ -x "$REVUS" ] || { echo "bench_incremental: build revus first (make)" >&2; exit 2; }
command -v bgzip >/dev/null || { echo "bench_incremental: needs bgzip (tabix package)" >&2; exit 2; }

now() { date +%s.%N; }
secs() { echo "$1 $2" | awk '{ printf "%.2f", $2 - $1 }'; }
# dbsize HOME: bytes of revus.db after folding the WAL into it
dbsize() { sqlite3 "$1/revus.db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null; stat -c %s "$1/revus.db"; }
rv() { h=$1; shift; "$REVUS" -q --home "$h" --config "$h/pipeline.json" "$@"; }

if [ ! -f "$D/manifest.tsv" ]; then
    echo "generating $N exome-like samples in $D ..."
    python3 bench/gen_cohort.py "$D" "$N" 7 || exit 1
    for f in "$D"/vcf/*.vcf; do bgzip -f "$f" || exit 1; done
fi
rm -rf "$H" "$H.full" "$H".t? "$H.r2" "$H.r3" "$H.f2" "$H.shard" "$H.shard.f"
mkdir -p "$H" && chmod 700 "$H"
python3 - "$PWD/pipeline/default.json" "$D/indications.json" "$H/pipeline.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1])); c.update(json.load(open(sys.argv[2])))
json.dump(c, open(sys.argv[3], "w"), indent=1)
PY
A=bench/annotations
rv "$H" sources import --annotations $A bench-clinvar "$D/clinvar_v1.vcf" >/dev/null &&
rv "$H" sources import --annotations $A bench-gnomad "$D/gnomad.vcf" --version 1 >/dev/null &&
rv "$H" sources import --annotations $A bench-genes "$D/genes.bed" --version 1 >/dev/null &&
rv "$H" sources import --annotations $A bench-panel "$D/panel.json" >/dev/null || { echo "source import failed" >&2; exit 1; }
awk -F'\t' -v OFS='\t' -v d="$PWD/$D" 'NR > 1 { $2 = d "/" $2 } { print }' "$D/manifest.tsv" > "$H/manifest.tsv"

t0=$(now); rv "$H" cohort import "$H/manifest.tsv" 2>/dev/null || exit 1; t1=$(now)
echo "cohort import of $N samples (with carrier index build): $(secs "$t0" "$t1") s"
"$REVUS" --home "$H" --config "$H/pipeline.json" cohort carriers > "$H/carriers.tsv"
rvr=$(cat "$H"/carriers/*.rvr 2>/dev/null | wc -c)
awk -F'\t' -v rvr="$rvr" 'NR > 1 { n++; v += $2; b += $3 } END { printf "carrier index: %d samples, %.0f variants and %.0f bytes per sample on average (%.1f bytes per variant); records files %.0f bytes per sample\n", n, v / n, b / n, b / v, rvr / n }' "$H/carriers.tsv"
S1=$(awk -F'\t' 'NR == 2 { print $2 }' "$H/manifest.tsv")
t0=$(now); "$REVUS" --home "$H" --config "$H/pipeline.json" cohort carriers --rebuild S001 > /dev/null; t1=$(now)
t2=$(now); "$REVUS" --home "$H" annotate "$S1" -o /dev/null --no-classify 2>/dev/null; t3=$(now)
t4=$(now); "$REVUS" --home "$H" annotate "$S1" -o /dev/null 2>/dev/null; t5=$(now)
echo "one sample ($(zcat "$S1" | grep -vc '^#') variants): carrier build $(secs "$t0" "$t1") s; revus annotate --no-classify $(secs "$t2" "$t3") s; revus annotate $(secs "$t4" "$t5") s (each a whole command)"

t0=$(now); rv "$H" run 2>/dev/null; t1=$(now)
echo "first run (every sample in full): $(secs "$t0" "$t1") s"
b0=$(dbsize "$H")
/usr/bin/time -f "%e %U %S" -o "$H.t0" "$REVUS" -q --home "$H" --config "$H/pipeline.json" run 2>/dev/null
b1=$(dbsize "$H")
echo "run with no change: $(awk '{ printf "%s s wall, %.2f s CPU", $1, $2 + $3 }' "$H.t0"); database growth $((b1 - b0)) bytes ($(( (b1 - b0) / N )) bytes per sample)"

rv "$H" sources import --annotations $A bench-clinvar "$D/clinvar_v2.vcf" >/dev/null || exit 1
"$REVUS" --home "$H" --config "$H/pipeline.json" sources diff bench-clinvar 2026-11-23 2026-11-30 2>/dev/null |
    awk -F'\t' 'NR > 1 { k[$2] = 1 } END { printf "ClinVar-like change: %d of the records differ\n", length(k) }'
"$REVUS" --home "$H" --config "$H/pipeline.json" plan > "$H/plan.tsv"
awk -F'\t' 'NR > 1 && $4 ~ /to re-read/ { split($4, a, " "); r += a[4]; n++ } END { printf "plan: %d samples due; %d variants to re-read in all\n", n, r }' "$H/plan.tsv"
# the machine is shared: each run is timed on copies of the same home, and the least CPU of
# three incremental runs and of two --full runs is kept
for c in full r2 r3 f2 shard shard.f; do rm -rf "$H.$c"; cp -r "$H" "$H.$c"; done
b0=$(dbsize "$H")
/usr/bin/time -f "%e %U %S" -o "$H.t1" "$REVUS" -q --home "$H" --config "$H/pipeline.json" run 2>/dev/null
b1=$(dbsize "$H")
/usr/bin/time -f "%e %U %S" -o "$H.t2" "$REVUS" -q --home "$H.full" --config "$H.full/pipeline.json" run --full 2>/dev/null
for c in r2 r3; do
    /usr/bin/time -f "%e %U %S" -o "$H.tt" "$REVUS" -q --home "$H.$c" --config "$H.$c/pipeline.json" run 2>/dev/null
    awk '{ print $2 + $3, $0 }' "$H.t1" "$H.tt" | sort -n | head -1 | cut -d' ' -f2- > "$H.tm" && mv "$H.tm" "$H.t1"
done
/usr/bin/time -f "%e %U %S" -o "$H.tt" "$REVUS" -q --home "$H.f2" --config "$H.f2/pipeline.json" run --full 2>/dev/null
awk '{ print $2 + $3, $0 }' "$H.t2" "$H.tt" | sort -n | head -1 | cut -d' ' -f2- > "$H.tm" && mv "$H.tm" "$H.t2"
rm -rf "$H.r2" "$H.r3" "$H.f2"
inc=$(awk '{ print $1 }' "$H.t1"); full=$(awk '{ print $1 }' "$H.t2")
inc_cpu=$(awk '{ print $2 + $3 }' "$H.t1"); full_cpu=$(awk '{ print $2 + $3 }' "$H.t2")
echo "after the change (least CPU of 3 incremental and 2 --full runs): incremental run $inc s wall, $inc_cpu s CPU; --full $full s wall, $full_cpu s CPU:" \
     "$(echo "$full $inc" | awk '{ printf "%.1f", $1 / $2 }')x wall, $(echo "$full_cpu $inc_cpu" | awk '{ printf "%.1f", $1 / $2 }')x CPU;" \
     "database growth of the change run $((b1 - b0)) bytes"
q="SELECT sample, variant, category, basis, old_class, new_class, trigger_source, old_version, new_version, field, old_value, new_value, fingerprint FROM flags ORDER BY 1, 2, 3, 13"
c="SELECT * FROM classifications WHERE run = (SELECT max(id) FROM runs) ORDER BY sample, variant"
if [ "$(sqlite3 "$H/revus.db" "$q")" = "$(sqlite3 "$H.full/revus.db" "$q")" ] &&
   [ "$(sqlite3 "$H/revus.db" "$c")" = "$(sqlite3 "$H.full/revus.db" "$c")" ]; then
    echo "identical flags ($(sqlite3 "$H/revus.db" "SELECT count(*) FROM flags WHERE run = (SELECT max(id) FROM runs)") raised by the change run) and classifications"
else
    echo "DIFFERENT flags or classifications between incremental and --full" >&2
    exit 1
fi
echo "run modes of the change run: $(sqlite3 "$H/revus.db" "SELECT group_concat(mode || ' ' || n, ', ') FROM (SELECT mode, count(*) n FROM run_samples WHERE run = (SELECT max(id) FROM runs) GROUP BY mode)")"

# the same change through shards (what the Snakemake workflow runs: one `revus run --shard`
# process per sample, then one merge), incremental and --full
for mode in incremental full; do
    S=$H.shard; [ $mode = full ] && S=$S.f
    mkdir -p "$S/shards"
    flag=; [ $mode = full ] && flag=--full
    /usr/bin/time -f "%e %U %S" -o "$S.ts" sh -c 'for s in $(sqlite3 "$1/revus.db" "SELECT id FROM samples"); do
        "$2" -q --home "$1" --config "$1/pipeline.json" run --shard "$s" --out "$1/shards/$s.shard" $3 || exit 1; done' - "$S" "$REVUS" "$flag" 2>/dev/null
    /usr/bin/time -f "%e %U %S" -o "$S.tm" "$REVUS" -q --home "$S" --config "$S/pipeline.json" merge "$S/shards/"*.shard 2>/dev/null
    echo "sharded $mode: $N shard jobs $(awk '{ printf "%s s wall, %.2f s CPU", $1, $2 + $3 }' "$S.ts"); merge $(awk '{ printf "%s s wall, %.2f s CPU", $1, $2 + $3 }' "$S.tm");" \
         "shards read: $(sqlite3 "$S/revus.db" "SELECT group_concat(mode || ' ' || n, ', ') FROM (SELECT mode, count(*) n FROM run_samples WHERE run = (SELECT max(id) FROM runs) GROUP BY mode)")"
    [ "$(sqlite3 "$S/revus.db" "$q")" = "$(sqlite3 "$H.full/revus.db" "$q")" ] &&
    [ "$(sqlite3 "$S/revus.db" "$c")" = "$(sqlite3 "$H.full/revus.db" "$c")" ] ||
        { echo "DIFFERENT flags or classifications between sharded $mode and --full" >&2; exit 1; }
done
echo "sharded runs: identical flags and classifications to --full"

# projection: per-sample costs measured here, scaled (2 cores; N Slurm nodes of 2 cores each)
python3 - "$N" "$inc_cpu" "$full_cpu" "$((b1 - b0))" "$H" <<'PY'
import sys, os
n, inc, full, growth, home = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
hist = os.path.getsize(os.path.join(home, "revus.db"))
print("projection from the CPU seconds measured here (per-sample costs scale linearly; one weekly ClinVar-like")
print("change per cycle; 2 cores = 2 threads; a Slurm node = 2 cores; the database history grows by the change runs):")
print("| genomes | incremental cycle, 2 cores | --full cycle, 2 cores | --full on 10 Slurm nodes | DB growth per year (52 change runs) |")
print("|---|---|---|---|---|")
for g in (10000, 100000):
    s = g / n
    print("| %d | %.0f s | %.0f s | %.0f s | %.1f MB |" % (g, inc * s / 2, full * s / 2, full * s / 20, growth * s * 52 / 1e6))
PY
