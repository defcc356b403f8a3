#!/bin/sh
# revus-reanalysis: one scheduled reanalysis cycle (fetch, plan, run, report), for the
# systemd timer (workflows/systemd) or cron (workflows/cron). Installed as
# /usr/local/bin/revus-reanalysis; docs/scheduling.md explains every step.
#
# Settings come from the environment (the systemd unit reads /etc/revus/reanalysis.env):
#   REVUS_HOME        the lab's revus home (required)
#   REVUS             the revus command                     (default: revus)
#   REVUS_CONFIG      pipeline config file                  (default: revus's own)
#   REVUS_REPORTS     where each cycle's reports go         (default: $REVUS_HOME/reports)
#   REVUS_FETCH       1: download new source releases first (default: 1)
#   REVUS_SNAKEMAKE   a workflows/snakemake folder: run the cycle through Snakemake
#                     instead of a direct `revus run`        (default: empty)
#   REVUS_SNAKEMAKE_ARGS  options for snakemake, e.g. "--profile /opt/revus/workflows/
#                     snakemake/profiles/slurm" (default: its profiles/default)
#   REVUS_WORKDIR     Snakemake's working folder (results/, logs/, benchmarks/, .snakemake/)
#                     (default: $REVUS_HOME/workflow)
#
# Exit codes: 0 nothing due, or a cycle ran cleanly; 1 the cycle ran but something needs
# attention (a sample skipped, a fetch failed: the previous release stayed active);
# 2 bad settings; 3 source or state problem; 75 another cycle is still running.
set -u

: "${REVUS_HOME:?REVUS_HOME is not set (see /etc/revus/reanalysis.env)}"
REVUS=${REVUS:-revus}
REVUS_REPORTS=${REVUS_REPORTS:-$REVUS_HOME/reports}
REVUS_FETCH=${REVUS_FETCH:-1}
STAMP=$(date -u +%Y-%m-%dT%H%M%SZ)
OUT=$REVUS_REPORTS/$STAMP

say() { echo "revus-reanalysis: $*"; }   # journald / cron mail keep these lines
rv() {
    if [ -n "${REVUS_CONFIG:-}" ]; then "$REVUS" --home "$REVUS_HOME" --config "$REVUS_CONFIG" "$@"
    else "$REVUS" --home "$REVUS_HOME" "$@"; fi
}

# one cycle at a time (revus run also locks its home; this also covers fetch and report)
if command -v flock >/dev/null 2>&1 && [ -z "${REVUS_REANALYSIS_LOCKED:-}" ]; then
    mkdir -p "$REVUS_HOME" || exit 3
    export REVUS_REANALYSIS_LOCKED=1
    exec flock -n -E 75 "$REVUS_HOME/.reanalysis.lock" "$0" "$@"
fi

status=0
if [ "$REVUS_FETCH" = 1 ]; then
    say "fetching new source releases"
    rv sources fetch || { say "fetch failed (exit $?): continuing with the active releases"; status=1; }
fi

plan=$(rv plan --exit-code)
rc=$?
case $rc in
    0)  say "nothing due"; exit $status ;;
    10) say "reanalysis due:"; printf '%s\n' "$plan" ;;
    *)  say "revus plan failed (exit $rc)"; exit $rc ;;
esac

mkdir -p "$OUT" || exit 3
if [ -n "${REVUS_SNAKEMAKE:-}" ]; then
    WD=${REVUS_WORKDIR:-$REVUS_HOME/workflow}
    say "running the cycle through Snakemake ($REVUS_SNAKEMAKE, working folder $WD)"
    mkdir -p "$WD" || exit 3
    # this cycle's settings, on top of the workflow's config/config.yaml (fetch already done)
    q() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/''/g")"; }   # YAML single-quoted
    {
        echo "home: $(q "$REVUS_HOME")"
        echo "revus: $(q "$REVUS")"
        echo "run_tag: $(q "$STAMP")"
        [ -n "${REVUS_CONFIG:-}" ] && echo "pipeline_config: $(q "$REVUS_CONFIG")"
        echo "fetch: {enabled: false}"
        echo "report: {formats: [tsv, html]}"
    } >"$WD/cycle-$STAMP.yaml" || exit 3
    # shellcheck disable=SC2086  # REVUS_SNAKEMAKE_ARGS is a list of options
    (cd "$WD" && snakemake -s "$REVUS_SNAKEMAKE/workflow/Snakefile" \
        --configfile "$REVUS_SNAKEMAKE/config/config.yaml" "$WD/cycle-$STAMP.yaml" \
        ${REVUS_SNAKEMAKE_ARGS:---profile $REVUS_SNAKEMAKE/profiles/default})
    rc=$?
    [ $rc -eq 0 ] || { say "snakemake failed (exit $rc); logs in $WD/logs/$STAMP"; exit 1; }
    grep -q '^ATTENTION' "$WD/logs/$STAMP/merge.log" 2>/dev/null &&
        { say "a sample was skipped: see $WD/logs/$STAMP/merge.log"; status=1; }
    cp "$WD/results/$STAMP"/report.* "$WD/results/$STAMP/flags.tsv" "$OUT/" || status=1
else
    # only the due samples (column 'sample' of the plan; one line per reason)
    set --
    for s in $(printf '%s\n' "$plan" | awk -F'\t' 'NR > 1 && NF && !seen[$1]++ { print $1 }'); do
        set -- "$@" --sample "$s"
    done
    say "running $(($# / 2)) due sample(s)"
    rv run "$@"
    rc=$?
    case $rc in
        0) ;;
        1) say "run finished; some samples need attention (see above)"; status=1 ;;
        *) say "revus run failed (exit $rc)"; exit $rc ;;
    esac
    rv flags --format tsv >"$OUT/flags.tsv" || status=1
    for fmt in tsv html; do
        rv report --format $fmt -o "$OUT/report.$fmt" || { say "report $fmt failed"; status=1; }
    done
fi
n=$(($(wc -l <"$OUT/flags.tsv") - 1))
[ $n -lt 0 ] && n=0
say "done: $n open flag(s) in flags.tsv (new ones of this cycle are in the report); reports in $OUT"
exit $status
