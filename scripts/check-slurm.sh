#!/bin/bash
# check-slurm.sh (`make check-slurm`): run the revus Snakemake workflow through a real Slurm.
#
# Starts a private one-node Slurm on this machine (munged, slurmctld, slurmd from Debian, no
# systemd, no accounting) under $CS_DIR, prepares a revus home from test-data/cohort, runs
# workflows/snakemake with --profile profiles/slurm (each due sample's shard is a Slurm job),
# checks that every shard ran as a Slurm job and that the merged state equals a direct
# `revus run` on a copy of the home, then stops every daemon it started, by PID (trap).
# Needs root (the daemons run as root) and installs slurmctld slurmd slurm-client munge
# with apt-get when missing (CS_NO_INSTALL=1 forbids that). Not part of `make check`.
# `make check-slurm` runs this with sh: continue under bash (arrays, traps, pipefail)
if [ -z "${BASH_VERSION:-}" ]; then exec bash "$0" "$@"; fi
set -uo pipefail

TOP=$(cd "$(dirname "$0")/.." && pwd)
REVUS=${REVUS_BIN:-$TOP/revus}
case $REVUS in /*) ;; *) REVUS=$TOP/$REVUS ;; esac
WF=$TOP/workflows/snakemake
CS_DIR=${CS_DIR:-${TMPDIR:-/tmp}/revus-check-slurm}
CTLD_PORT=${CS_CTLD_PORT:-6817}
SLURMD_PORT=${CS_SLURMD_PORT:-6818}
# shellcheck source=scripts/cohort-home.sh
. "$TOP/scripts/cohort-home.sh"

T0=$(date +%s)
log() { printf '[check-slurm %3ss] %s\n' "$(($(date +%s) - T0))" "$*"; }
die() { log "FAIL: $*"; exit 1; }

# ---------------------------------------------------------------- packages
[[ $(id -u) == 0 ]] || die "must run as root: the private Slurm daemons run as root"
[[ -x $REVUS ]] || die "$REVUS not built (make)"
need=()
for pair in slurmctld:slurmctld slurmd:slurmd sbatch:slurm-client munged:munge snakemake:snakemake sqlite3:sqlite3; do
    command -v "${pair%%:*}" >/dev/null || need+=("${pair##*:}")
done
if ((${#need[@]})); then
    [[ ${CS_NO_INSTALL:-0} == 1 ]] && die "missing packages: ${need[*]} (CS_NO_INSTALL=1)"
    log "installing from Debian: ${need[*]}"
    # Debian's policy-rc.d (exit 101) in containers keeps apt from starting the services;
    # elsewhere the packaged services may start, which is harmless: we use our own ports
    # and configuration file.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null ||
        die "apt-get install ${need[*]} failed"
fi
for c in munged mungekey munge unmunge slurmctld slurmd sinfo sbatch scontrol squeue scancel snakemake sqlite3; do
    command -v $c >/dev/null || die "$c not found after installing"
done

missing=""
for c in "sources import" "sources activate" "cohort import" "reported import" "plan --exit-code" \
         "run --shard" "merge" "flags --format"; do
    set -- $c
    revus_has "$REVUS" "$1" "${2:-}" || missing="$missing '$c'"
done
if [[ -n $missing ]]; then
    log "skip - revus commands not available in this build yet:$missing"
    exit 0
fi
log "$(slurmctld -V), $(munged -V 2>&1 | head -n 1), snakemake $(snakemake --version), revus: $("$REVUS" --version 2>&1 | head -n 1)"

# ---------------------------------------------------------------- private tree, cleanup
rm -rf "$CS_DIR"
mkdir -p "$CS_DIR"/{munge,run,log,ctld,spool,wf} || die "cannot create $CS_DIR"
chmod 700 "$CS_DIR/munge"
export SLURM_CONF=$CS_DIR/slurm.conf
export USER=${USER:-$(id -un)}   # snakemake --slurm reads $USER
DAEMONS=()                       # "pid:name", in start order
CHILD=

stop_all() {
    local rc=$?
    set +e
    local ctld_up=0
    [[ -n ${CTLD_PID:-} ]] && kill -0 "$CTLD_PID" 2>/dev/null && ctld_up=1
    # cancel this private cluster's jobs first (SLURM_CONF), while slurmctld still answers
    ((ctld_up)) && scancel --user="$USER" 2>/dev/null
    if [[ -n $CHILD ]] && kill -0 "$CHILD" 2>/dev/null; then
        # CHILD is timeout(1): it passes SIGTERM on to snakemake and sends SIGKILL 10 s later
        log "stopping the workflow (pid $CHILD)"
        kill -TERM "$CHILD"
        for _ in $(seq 150); do kill -0 "$CHILD" 2>/dev/null || break; sleep 0.2; done
        kill -0 "$CHILD" 2>/dev/null && { log "workflow still running: SIGKILL"; kill -KILL "$CHILD"; }
        wait "$CHILD" 2>/dev/null
    fi
    if ((ctld_up)); then
        scancel --user="$USER" 2>/dev/null
        # drain: no job queued, no job step alive (each live step owns a socket in the spool)
        for _ in $(seq 150); do
            [[ -z $(squeue -h 2>/dev/null) ]] && ! compgen -G "$CS_DIR/spool/localhost_*" >/dev/null && break
            sleep 0.2
        done
    fi
    for ((i = ${#DAEMONS[@]} - 1; i >= 0; i--)); do
        local pid=${DAEMONS[i]%%:*} name=${DAEMONS[i]##*:}
        kill -0 "$pid" 2>/dev/null || continue
        kill -TERM "$pid"
        for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$pid" 2>/dev/null && { log "$name ($pid) ignored SIGTERM: SIGKILL"; kill -KILL "$pid"; }
        wait "$pid" 2>/dev/null
        log "stopped $name (pid $pid)"
    done
    # read-only check that nothing is left (nothing is killed by name)
    local left=
    for _ in $(seq 50); do
        left=$(ps -eo pid=,comm= | awk '$2 ~ /^(slurmctld|slurmd|slurmstepd|munged)$/'; ps -o pid=,args= --ppid 1 | awk '/snakemake .*revus-check-slurm/ { print $1 " snakemake" }')
        [[ -z $left ]] && break
        sleep 0.2
    done
    if [[ -n $left ]]; then log "WARNING: processes left (not killed): $(echo $left)"; ((rc == 0)) && rc=1
    else log "no slurmctld, slurmd, slurmstepd or munged process left"; fi
    log "done in $(($(date +%s) - T0)) s, exit code $rc"
    exit $rc
}
trap stop_all EXIT
trap 'exit 130' INT TERM

# run a command in the background and wait for it, so that a signal runs the trap at once
run_child() {
    local dir=$1 out=$2; shift 2
    (cd "$dir" && exec "$@" >"$out" 2>&1) &
    CHILD=$!
    local rc=0
    wait "$CHILD" || rc=$?
    CHILD=
    return $rc
}

wait_for() {   # wait_for SECONDS WHAT COMMAND...
    local t=$1 what=$2; shift 2
    for _ in $(seq $((t * 5))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
    die "timed out after ${t}s waiting for $what"
}

# ---------------------------------------------------------------- munge + slurm
mungekey --create --keyfile="$CS_DIR/munge/munge.key" --bits=1024 || die "mungekey"
SOCK=$CS_DIR/run/munge.socket
munged --foreground --key-file="$CS_DIR/munge/munge.key" --socket="$SOCK" \
    --pid-file="$CS_DIR/run/munged.pid" --seed-file="$CS_DIR/munge/seed" \
    --log-file="$CS_DIR/log/munged.log" >"$CS_DIR/log/munged.out" 2>&1 &
DAEMONS+=("$!:munged")
wait_for 10 "the munge socket" test -S "$SOCK"
munge -S "$SOCK" -n | unmunge -S "$SOCK" >/dev/null || die "munge round trip"

# the node as slurmd sees this machine ("CPUs=2 Boards=1 ... RealMemory=N")
HW=$(slurmd -C | head -n 1 | sed 's/^NodeName=[^ ]* //')
cat >"$SLURM_CONF" <<EOF
ClusterName=revus-check
SlurmctldHost=localhost
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$SOCK
StateSaveLocation=$CS_DIR/ctld
SlurmdSpoolDir=$CS_DIR/spool
SlurmctldPidFile=$CS_DIR/run/slurmctld.pid
SlurmdPidFile=$CS_DIR/run/slurmd.pid
SlurmctldLogFile=$CS_DIR/log/slurmctld.log
SlurmdLogFile=$CS_DIR/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
MpiDefault=none
MailProg=/bin/true
ReturnToService=2
NodeName=localhost $HW State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
slurmctld -D -f "$SLURM_CONF" >"$CS_DIR/log/slurmctld.out" 2>&1 &
CTLD_PID=$!
DAEMONS+=("$CTLD_PID:slurmctld")
wait_for 30 "slurmctld" scontrol ping
# the node is named localhost, which is not this machine's hostname: say so to slurmd
slurmd -D -N localhost -f "$SLURM_CONF" >"$CS_DIR/log/slurmd.out" 2>&1 &
DAEMONS+=("$!:slurmd")
node_idle() { [[ $(sinfo -h -n localhost -o %t) == idle ]]; }
wait_for 60 "node localhost to be idle" node_idle
log "one-node Slurm up: $(sinfo -h -o '%P %D %t %c CPUs')"

# ---------------------------------------------------------------- the workflow on Slurm
H1=$CS_DIR/home-slurm H2=$CS_DIR/home-direct
cohort_home_init "$REVUS" "$H1" "$TOP" || die "preparing the cohort home"
cp -a "$H1" "$H2"
log "home prepared from test-data/cohort: $(grep -vc '^sample' "$TOP/test-data/cohort/manifest.tsv") samples"

# slurm_cycle TAG: the workflow on H1 through Slurm, `revus run` on H2, same state?
slurm_cycle() {
    local tag=$1
    local smk=(snakemake -s "$WF/workflow/Snakefile" --configfile "$WF/.test/config/config.yaml"
               --profile "$WF/profiles/slurm" --jobs 4
               --config "home=$H1" "revus=$REVUS" "pipeline_config=$H1/pipeline.json" "run_tag=$tag"
               "report={formats: [tsv]}")
    log "$tag: snakemake --profile profiles/slurm (shards as Slurm jobs)"
    run_child "$CS_DIR/wf" "$CS_DIR/wf/$tag.log" timeout --kill-after=10 600 "${smk[@]}" ||
        { tail -n 40 "$CS_DIR/wf/$tag.log"; die "$tag: workflow through Slurm failed"; }
    local n_shards n_slurm n_in_job rc
    n_shards=$(find "$CS_DIR/wf/results/$tag/shards" -name '*.shard' | wc -l)
    n_slurm=$(grep -c 'submitted with SLURM jobid' "$CS_DIR/wf/$tag.log" || true)
    log "$tag: $n_shards shards, $n_slurm Slurm jobs submitted"
    ((n_shards > 0)) || die "$tag: no shard was made"
    ((n_slurm == n_shards)) || die "$tag: expected one Slurm job per shard ($n_shards), saw $n_slurm"
    n_in_job=$(grep -l 'slurm_job=[0-9]' "$CS_DIR/wf/logs/$tag/shard/"*.log 2>/dev/null | wc -l)
    ((n_in_job == n_shards)) || die "$tag: only $n_in_job of $n_shards shard logs show a Slurm job id"
    log "$tag: every shard ran inside a Slurm job: $(cat "$CS_DIR/wf/logs/$tag/shard/"*.log | grep -o 'shard .* slurm_job=[0-9]*' | sed 's/ on [^ ]*//' | tr '\n' ' ')"

    "$REVUS" --home "$H2" --config "$H2/pipeline.json" run >"$CS_DIR/direct-$tag.log" 2>&1
    rc=$?
    ((rc <= 1)) || die "$tag: direct revus run failed (exit $rc): $(tail -n 3 "$CS_DIR/direct-$tag.log")"
    state_dump "$REVUS" "$H1" >"$CS_DIR/$tag.slurm.state"
    state_dump "$REVUS" "$H2" >"$CS_DIR/$tag.direct.state"
    [[ -s $CS_DIR/$tag.direct.state ]] || die "$tag: the direct run stored nothing"
    diff -u "$CS_DIR/$tag.direct.state" "$CS_DIR/$tag.slurm.state" >"$CS_DIR/$tag.state.diff" ||
        { head -n 40 "$CS_DIR/$tag.state.diff"; die "$tag: state after the Slurm workflow differs from a direct run"; }
    log "$tag: merged state equals the direct run: $(grep -c '^class' "$CS_DIR/$tag.direct.state") classifications, $(grep -c '^flag' "$CS_DIR/$tag.direct.state") flags of the run"
}

slurm_cycle slurm-c1
cohort_home_update "$REVUS" "$H1" "$TOP" && cohort_home_update "$REVUS" "$H2" "$TOP" ||
    die "activating ClinVar 2016-09-27 and panel v1.1"
log "newer knowledge active: ClinVar 2016-09-27, demo panel 1.1"
slurm_cycle slurm-c2
grep -q 'plp_downgraded' "$CS_DIR/slurm-c2.slurm.state" || die "no P/LP downgrade flag after the newer ClinVar release"
log "P/LP downgrade flags after the new release: $(grep '^flag' "$CS_DIR/slurm-c2.slurm.state" | awk -F'\t' '$4 == "plp_downgraded" { printf "%s %s; ", $2, $3 }')"
log "ALL CHECKS PASSED"
