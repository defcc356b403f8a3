# cohort-home.sh: prepare a revus home from test-data/cohort (sourced by the workflow test
# and scripts/check-slurm.sh; scripts/demo.sh does the same steps, one by one, on screen).
#
#   cohort_home_init REVUS HOME TOP     older knowledge (ClinVar 2015-12-11, panel v1.0),
#                                       the cohort and the reported classes
#   cohort_home_update REVUS HOME TOP   newer knowledge (ClinVar 2016-09-27, panel v1.1),
#                                       imported and activated
# Each returns non-zero, with the failing command on stderr, when a step fails.

# cohort_config TOP HOME: write HOME/pipeline.json = pipeline/default.json plus the demo
# indications (test-data/cohort/indications.json); print its path.
cohort_config() {
    python3 - "$1/pipeline/default.json" "$1/test-data/cohort/indications.json" "$2/pipeline.json" <<'PY' || return 1
import json, sys
conf = json.load(open(sys.argv[1]))
conf.update(json.load(open(sys.argv[2])))
with open(sys.argv[3] + ".tmp", "w") as f:
    json.dump(conf, f, indent=1)
    f.write("\n")
import os
os.replace(sys.argv[3] + ".tmp", sys.argv[3])
PY
    printf '%s\n' "$2/pipeline.json"
}

cohort_config_args() {
    [ -f "$2/pipeline.json" ] && printf -- '--config %s' "$2/pipeline.json"
}

cohort_home_init() {
    _rv=$1 _home=$2 _d=$3/test-data/cohort
    mkdir -p "$_home" && chmod 700 "$_home" || return 1
    cohort_config "$3" "$_home" >/dev/null || return 1
    _cfg=$(cohort_config_args "$3" "$_home")
    awk -F'\t' -v OFS='\t' -v d="$_d" 'NR > 1 && $2 !~ /^\// { $2 = d "/" $2 } { print }' \
        "$_d/manifest.tsv" > "$_home/manifest.tsv" || return 1
    for _step in "sources import --annotations $_d/annotations clinvar $_d/clinvar_20151211.GRCh37.subset.vcf.gz" \
                 "sources import --annotations $_d/annotations demo-panel $_d/panel_demo_v1.0.json" \
                 "cohort import $_home/manifest.tsv" \
                 "reported import $_d/reported.tsv"; do
        # shellcheck disable=SC2086  # word splitting of the step is wanted
        "$_rv" --home "$_home" $_cfg $_step >"$_home/prepare.log" 2>&1 ||
            { echo "cohort_home_init: revus $_step: $(tail -n 1 "$_home/prepare.log")" >&2; return 1; }
    done
}

cohort_home_update() {
    _rv=$1 _home=$2 _d=$3/test-data/cohort
    _cfg=$(cohort_config_args "$3" "$_home")
    for _step in "sources import --annotations $_d/annotations clinvar $_d/clinvar_20160927.GRCh37.subset.vcf.gz" \
                 "sources import --annotations $_d/annotations demo-panel $_d/panel_demo_v1.1.json" \
                 "sources activate clinvar 2016-09-27" \
                 "sources activate demo-panel 1.1"; do
        # shellcheck disable=SC2086
        "$_rv" --home "$_home" $_cfg $_step >"$_home/prepare.log" 2>&1 ||
            { echo "cohort_home_update: revus $_step: $(tail -n 1 "$_home/prepare.log")" >&2; return 1; }
    done
}

# revus_has REVUS CMD [OPTION]: CMD is implemented in this build (and its --help names OPTION).
revus_has() {
    _out=$("$1" "$2" --help 2>&1)
    case $_out in *"not available in this build yet"*) return 1 ;; esac
    [ -z "${3:-}" ] && return 0
    case $_out in *"$3"*) return 0 ;; esac
    return 1
}

# state_dump REVUS HOME: the latest run's classifications, flags and per-sample outcome
# (done, or skipped and why) as sorted text, without
# the columns that legitimately differ between two homes (ids, run numbers, times).
state_dump() {
    _db=$2/revus.db
    sqlite3 -readonly -separator '	' "$_db" \
        "SELECT 'class', sample, variant, class, points, vus_tier, criteria, effective_class,
                deciding_rule, clinvar_tier, clinvar_sig, clinvar_stars, clinvar_version,
                panel_confidence, panel_version, candidate, candidate_reason
           FROM classifications WHERE run = (SELECT max(run) FROM classifications)
         UNION ALL
         SELECT 'flag', sample, variant, category, priority, basis, old_class, new_class,
                trigger_source, old_version, new_version, field, old_value, new_value, detail,
                fingerprint, ''
           FROM flags WHERE run = (SELECT max(run) FROM flags)
         UNION ALL
         SELECT 'sample', sample, status, reason, n_candidates, n_flags, '', '', '', '', '', '', '',
                '', '', '', ''
           FROM run_samples WHERE run = (SELECT max(id) FROM runs)" | LC_ALL=C sort
}

# flags_tsv REVUS HOME: `revus flags --format tsv` without id/run/time columns, sorted.
flags_tsv() {
    "$1" --home "$2" flags --format tsv | awk -F'\t' -v OFS='\t' '
        NR == 1 { for (i = 1; i <= NF; i++) drop[i] = ($i ~ /^(id|flag|flag_id|run|run_id|created_at|at|time)$/); }
        { out = ""; for (i = 1; i <= NF; i++) if (!drop[i]) out = out (out == "" ? "" : OFS) $i; print out }' |
        { IFS= read -r h; printf '%s\n' "$h"; LC_ALL=C sort; }
}
