/* state/runs.h: a reanalysis run in the state: its row, its source snapshot, and storing one
 * sample's results with the flags they raise.
 *
 * A direct run (revus run) and a merge of shards (revus merge) store results through the
 * same rv_run_apply_sample, so both raise exactly the same flags. Each sample is applied
 * in one transaction: its classifications, its flags and its run_samples row together,
 * or nothing. Only one writer runs at a time (rv_run_lock). */
#ifndef RV_RUNS_H
#define RV_RUNS_H

#include <stdint.h>
#include "classify/call.h"
#include "base/err.h"
#include "state/flags.h"
#include "state/db.h"
#include "state/history.h"

/* One source release a run used. */
typedef struct rv_source_ver { char *source, *version, *sha256, *role; } rv_source_ver;
void rv_source_vers_free(rv_source_ver *v, int n);

/* The writer lock of a home ($REVUS_HOME/revus.lock, flock). Waits up to wait_seconds
 * for a running writer, then RV_EBUSY naming the holder's pid. */
typedef struct rv_run_lock rv_run_lock;
int rv_run_lock_take(const char *home, int wait_seconds, rv_run_lock **lk, rv_err *err) RV_MUST_CHECK;
void rv_run_lock_release(rv_run_lock *lk);      /* accepts NULL */

/* Runs left 'running' by a killed process become 'interrupted' (call with the lock
 * held). *n = how many.
 * RV_OK; RV_ESTATE. */
int rv_runs_mark_interrupted(rv_state *st, int *n, rv_err *err);

/* Start a run: kind "direct" or "merge"; records the sources.
 * RV_OK with *run set; RV_ESTATE. */
int rv_run_begin(rv_state *st, const char *kind, const char *config_hash,
                 const rv_source_ver *src, int n_src, int64_t *run, rv_err *err) RV_MUST_CHECK;
/* Mark complete with its end time.
 * RV_OK; RV_ESTATE. */
int rv_run_finish(rv_state *st, int64_t run, rv_err *err);
/* Mark a run interrupted now (a writer that stops on an error; best effort). */
void rv_run_abandon(rv_state *st, int64_t run);
/* Record a sample skipped in this run, with the reason (one line). */
int rv_run_skip_sample(rv_state *st, int64_t run, const char *sample, const char *reason, rv_err *err);

/* The sample's latest 'done' run other than exclude_run (0 = any); *run = 0 when none.
 * RV_OK; RV_ESTATE. */
int rv_run_last_done(rv_state *st, const char *sample, int64_t exclude_run, int64_t *run, rv_err *err);

/* The sample's calls in its latest 'done' run other than exclude_run (0 = any).
 * *prev_run = 0 when the sample was never run. */
int rv_run_previous(rv_state *st, const char *sample, int64_t exclude_run, int64_t *prev_run,
                    rv_calls *out, rv_err *err);

/* The same with only what an incremental run decides from (rv_history_read_light). */
int rv_run_previous_light(rv_state *st, const char *sample, int64_t exclude_run, int64_t *prev_run,
                          rv_text_filter keep_text, void *ud, rv_calls *out, rv_err *err);

/* Variants of the lab's reported table for a sample (normalised keys), appended to
 * keys (n, m growable).
 * The keys are the caller's (free each and the array). RV_OK; RV_ESTATE, RV_ENOMEM. */
int rv_reported_keys(rv_state *st, const char *sample, char ***keys, int *n, rv_err *err);

/* n_written: classification rows inserted or closed (0 when nothing changed). */
typedef struct rv_apply_stats { int n_calls, n_flags, n_quiet, n_written; } rv_apply_stats;

/* Store one sample's calls for the run and raise its flags, in one transaction.
 * calls is sorted (rv_calls_sort) by this function.
 * RV_OK with stats filled; RV_ESTATE (the transaction is rolled back: nothing of the sample is
 * stored), RV_ENOMEM. */
int rv_run_apply_sample(rv_state *st, int64_t run, const char *sample, rv_calls *calls,
                        const rv_flag_rules *rules, rv_apply_stats *stats, rv_err *err) RV_MUST_CHECK;
/* The same, given what rv_run_previous(st, sample, run, ...) returns (prev_run, prev: the
 * caller read them, and no other writer can have stored the sample since: rv_run_lock),
 * so they are not read again. */
int rv_run_apply_sample_prev(rv_state *st, int64_t run, const char *sample, int64_t prev_run, const rv_calls *prev,
                             rv_calls *calls, const rv_flag_rules *rules, rv_apply_stats *stats,
                             rv_err *err) RV_MUST_CHECK;

/* The same for a change to the previous calls (an incremental run, run/incremental.h):
 * prev_sub holds the previous calls (whole, rv_history_read_keys) of the keys that may
 * have changed and delta their calls now; every other previous call stays valid unchanged
 * (nothing is written for it), and the sample has n_total calls. Every reported variant
 * with a previous call must be among those keys. Stores and flags exactly what
 * rv_run_apply_sample_prev would for the whole lists. */
int rv_run_apply_sample_delta(rv_state *st, int64_t run, const char *sample, int64_t prev_run, const rv_calls *prev_sub,
                              rv_calls *delta, int n_total, const rv_flag_rules *rules, rv_apply_stats *stats,
                              rv_err *err) RV_MUST_CHECK;

/* After rv_run_apply_sample: the VCF checksum the sample's calls were computed from, how
 * ("full" or "incremental"), and (from the samples table) its indication and registration
 * then (sex, family, PED entry, VCF column). A run that finds no checksum for a sample's last run
 * (killed in between, or stored before schema 2) re-reads it in full. */
int rv_run_sample_read_with(rv_state *st, int64_t run, const char *sample, const char *vcf_sha256,
                            const char *mode, rv_err *err);

/* What a run was computed from: its config hash and revus version, the VCF checksum it
 * read the sample with (NULL when unknown), the sample's indication then, and its source
 * snapshot (sorted by source). */
typedef struct rv_run_info {
    char *config_hash, *revus_version, *vcf_sha256, *indication;
    /* the sample's registration (sex, family, parents, phenotype, VCF column, relatives)
     * against the one this run read it with: 0 same, 1 changed, -1 not recorded */
    int registration_changed;
    rv_source_ver *sources;
    int n_sources;
} rv_run_info;
int rv_run_info_get(rv_state *st, int64_t run, const char *sample, rv_run_info *out, rv_err *err);
void rv_run_info_free(rv_run_info *r);

/* Test hook: sleep $REVUS_TEST_SLEEP_AFTER_SAMPLE seconds (fractions allowed) after each
 * stored sample, so tests can kill a run between samples or race a second writer. */
void rv_run_test_pause(void);

#endif
