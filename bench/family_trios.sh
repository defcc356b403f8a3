#!/bin/sh
# Count flags per sample on the shared trios, two runs each (older knowledge, then newer),
# with a revus that registers families (--ped) and, for comparison, one that does not
# (BEFORE_BIN: registered with the manifest's family column only, as before issue 14).
#
#   sh bench/family_trios.sh [REAL_DATA_DIR] [BEFORE_BIN]
#
# Trios (REAL_DATA_DIR/patient_vcfs, default ../shared/real-data): the Talos trio and the VIP
# trio (GRCh38) against test-data/family's synthetic ClinVar-shaped releases and panel; the
# Scout trios 643594 and "clinvar" (GRCh37, VEP-annotated) against the demo ClinVar pair
# (2015-12-11 -> 2016-09-27) and the ClinGen gene-validity exports (2025-01-09 -> 2025-07-01).
# BEFORE_BIN is run with REVUS_DATA_DIR set to its own folder (its pipeline/acmg.json); a
# BEFORE_BIN that knows families (this revus, say) gets the same config and no PED.
# Prints: trio, sample, flags (before), flags (after), and the after-flags by category.
cd "$(dirname "$0")/.." || exit 2
REAL=${1:-../shared/real-data}
BEFORE=${2:-}
P=$REAL/patient_vcfs
F=$PWD/test-data/family
C=$PWD/test-data/cohort
AFTER=$PWD/revus
W=$(mktemp -d "${TMPDIR:-/tmp}/revus-trios.XXXXXX")
[ -n "${KEEP:-}" ] || trap 'rm -rf "$W"' EXIT
python3 - "$PWD/pipeline/default.json" "$F/indications.json" "$W/conf.json" "$W/conf-before.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
c["indications"] = json.load(open(sys.argv[2]))["indications"]
json.dump(c, open(sys.argv[3], "w"))
del c["reanalysis"]["family"]          # a revus before issue 14 does not know the section
json.dump(c, open(sys.argv[4], "w"))
PY

# manifest TRIO FAMILY VCF SAMPLE...: one row per sample, all in the PED's family
manifest() {
    t=$1; fam=$2; v=$3; shift 3
    for s in "$@"; do printf '%s\t%s\tFAMTEST\t.\t%s\n' "$s" "$v" "$fam"; done > "$W/$t.tsv"
}
# run_trio BIN HOME TRIO PED KIND: register, run with the older sources, then the newer
run_trio() {
    bin=$1; h=$2; t=$3; ped=$4; kind=$5
    conf=$W/conf.json data=$PWD
    [ "$bin" = "$AFTER" ] || { conf=$W/conf-before.json; data=$(dirname "$bin"); }
    R() { REVUS_DATA_DIR=$data "$bin" -q --home "$h" --config "$conf" "$@" >>"$W/log"; }
    if [ -n "$ped" ]; then R cohort import "$W/$t.tsv" --ped "$ped"
    elif ! R cohort import "$W/$t.tsv" 2>>"$W/log"; then
        # a BEFORE_BIN that knows families requires their config section: same config, no PED
        conf=$W/conf.json
        R cohort import "$W/$t.tsv"
    fi
    if [ "$kind" = synth ]; then
        R sources import --annotations "$F/annotations" family-panel "$F/panel_family_v1.0.json"
        R sources import --annotations "$F/annotations" clinvar "$F/clinvar_20240101.GRCh38.family.vcf"
        R run; R sources import --annotations "$F/annotations" clinvar "$F/clinvar_20240601.GRCh38.family.vcf"; R run
    else
        R sources import --annotations "$PWD/annotations" clingen-validity "$REAL/panels_genes/Clingen-Gene-Disease-Summary-2025-01-09.csv"
        R sources import --annotations "$C/annotations" clinvar "$C/clinvar_20151211.GRCh37.subset.vcf.gz"
        R run
        R sources import --annotations "$PWD/annotations" clingen-validity "$REAL/panels_genes/Clingen-Gene-Disease-Summary-2025-07-01.csv"
        R sources import --annotations "$C/annotations" clinvar "$C/clinvar_20160927.GRCh37.subset.vcf.gz"
        R run
    fi
}
count() { sqlite3 "$1/revus.db" "SELECT count(*) FROM flags WHERE sample='$2'" 2>/dev/null || echo "-"; }
cats() { sqlite3 -separator '=' "$1/revus.db" "SELECT category, count(*) FROM flags WHERE sample='$2' GROUP BY category" | tr '\n' ' '; }

manifest talos 1 "$P/talos_trio_joint.GRCh38.vcf.bgz" proband mother father
manifest vip FAM0 "$P/vip_trio.vcf" PROBAND0 MOTHER0 FATHER0
printf 'FAM0\tPROBAND0\tFATHER0\tMOTHER0\t1\t2\nFAM0\tFATHER0\t0\t0\t1\t1\nFAM0\tMOTHER0\t0\t0\t2\t1\n' > "$W/vip.ped"
manifest scout643594 643594 "$P/scout_643594.trio.clinical.GRCh37.vcf.gz" ADM1059A1 ADM1059A2 ADM1059A3
manifest scoutclinvar clinvar "$P/scout_trio_clinvar_annotated_20161208.GRCh37.vcf" ADM1059A1 ADM1059A2 ADM1059A3
printf 'trio\tsample\tflags_before\tflags_after\tafter_by_category\n'
for spec in "talos $P/talos_trio.ped synth" "vip $W/vip.ped synth" "scout643594 $P/scout_643594.ped real" \
            "scoutclinvar $P/scout_trio_clinvar.ped real"; do
    set -- $spec
    t=$1; pedfile=$2; k=$3            # (run_trio sets ped and kind: sh has no locals)
    [ -n "$BEFORE" ] && run_trio "$BEFORE" "$W/before-$t" "$t" "" "$k" 2>>"$W/log"
    run_trio "$AFTER" "$W/after-$t" "$t" "$pedfile" "$k" 2>>"$W/log"
    for s in $(cut -f 1 "$W/$t.tsv"); do
        printf '%s\t%s\t%s\t%s\t%s\n' "$t" "$s" "$([ -n "$BEFORE" ] && count "$W/before-$t" "$s" || echo -)" \
            "$(count "$W/after-$t" "$s")" "$(cats "$W/after-$t" "$s")"
    done
done
grep -v "^revus: warning" "$W/log" | grep -i "error\|refus" | head -5 >&2
