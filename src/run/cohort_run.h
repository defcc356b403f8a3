/* run/cohort_run.h: a run over the cohort (`revus run`) and one sample's shard
 * (`revus run --shard`), as library calls.
 *
 * rv_run_cohort: marks runs left "running" by a killed process as interrupted, syncs the
 * indications from the pipeline config, freezes the active source releases, begins a run
 * (state/runs.h), computes samples on a pool of worker threads (each with its own run
 * context and read-only connection) and stores them in order through one writer
 * (rv_run_apply_sample, which raises the flags), then finishes the run; on a failure the
 * run is abandoned, and samples already stored stay stored. Workers stay at most two
 * samples per thread ahead of the writer, so memory is bounded whatever the cohort size.
 * A sample that cannot be computed (VCF missing, changed since registration, malformed)
 * is recorded as skipped with its reason and the run goes on. Unless o->full, each sample
 * is computed incrementally when its last run allows it (run/incremental.h): only the
 * variants the knowledge changes touch are re-read; the others are carried over. Each
 * stored sample records the VCF checksum it was read with and its mode.
 *
 * rv_run_shard computes one sample the same way (the same compute step and the same
 * incremental decision, unless o->full) into a shard file for `revus merge` (run/shard.h,
 * run/merge.h); the state and the home are only read: a carrier index that would need
 * rebuilding reads the sample in full instead.
 *
 * The caller holds the writer lock (rv_run_lock_take) for rv_run_cohort. Warnings and
 * progress go to the caller's sink (base/msg.h); nothing is printed. */
#ifndef RV_RUN_COHORT_RUN_H
#define RV_RUN_COHORT_RUN_H

#include <stdint.h>
#include "base/err.h"
#include "base/msg.h"
#include "base/progress.h"
#include "state/db.h"
#include "state/runconf.h"
#include "run/merge.h"

#define RV_RUN_MAX_THREADS 64

typedef struct rv_cohort_run_opts {
    const char *home;                 /* the store whose active releases the run freezes */
    const rv_runconf *conf;           /* pipeline config (candidates, flags, indications) */
    const char *rules;                /* ACMG/AMP rules file */
    char *const *samples;             /* only these sample ids (n_samples 0: every sample) */
    int n_samples;
    int threads;                      /* samples computed in parallel, 1..RV_RUN_MAX_THREADS */
    int full;                         /* 1: read every sample whole; 0: incremental (run/incremental.h) */
    rv_skip_fn on_skip;               /* each skipped sample with its reason (may be NULL) */
    void *skip_ud;
    rv_msg_sink msg;                  /* warnings and per-sample progress */
    rv_meter *progress;               /* started by the caller, or NULL: rv_run_cohort sets its
                                         total to the samples selected and counts each stored */
} rv_cohort_run_opts;

typedef struct rv_cohort_run_report {
    int64_t run;                      /* the run's id; 0 when no sample is registered */
    int n_done, n_skipped, n_flags;   /* samples stored, samples skipped, new flags */
    int n_interrupted;                /* earlier runs found interrupted and marked so */
    int n_full, n_incremental;        /* samples done by reading their whole VCF, or incrementally */
    long long n_reread;               /* variants the incremental samples re-read */
} rv_cohort_run_report;

/* Run every selected sample. Returns 0 (rep filled; some samples may have been
 * skipped), or < 0 with err: RV_ENOTFOUND for an unknown sample id (nothing is run),
 * RV_EUSAGE for a thread count out of range, source, build or state errors otherwise. */
int rv_run_cohort(rv_state *st, const rv_cohort_run_opts *o, rv_cohort_run_report *rep, rv_err *err) RV_MUST_CHECK;

typedef struct rv_shard_report {
    int n_calls;                      /* calls written */
    int skipped;                      /* 1: the sample could not be computed; the shard says why */
    int incremental;                  /* 1: computed incrementally from its last run */
    int n_reread;                     /* incremental: variants re-read */
} rv_shard_report;

/* Compute one registered sample into the shard file out_path (o->samples and o->on_skip
 * are not used; o->threads is the reader's decompression threads; o->full as for a run).
 * st may be read-only.
 * A sample that cannot be computed still gets its shard, holding the reason, so that the
 * merge records the skip; the reason also goes to the sink as a warning. Returns 0, or
 * < 0 with err: RV_ENOTFOUND when the sample is not registered, source, state or I/O
 * errors otherwise. */
int rv_run_shard(rv_state *st, const rv_cohort_run_opts *o, const char *sample, const char *out_path,
                 rv_shard_report *rep, rv_err *err) RV_MUST_CHECK;

#endif
