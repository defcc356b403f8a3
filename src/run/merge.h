/* run/merge.h: apply shard files to the state as one run (`revus merge`).
 *
 * All shards are read and checked before anything is written: they must share one
 * source snapshot and pipeline config. Then one run row (kind 'merge') is started with
 * that snapshot, and each shard is stored in its own transaction through
 * rv_run_apply_sample, exactly as a direct run stores a sample, with the mode the shard
 * was read in. A shard whose sample is not registered, whose VCF checksum no longer
 * matches the registered one, or whose sample was stored by another run since the run the
 * shard was computed from (run/shard.h, prev_run) is skipped and recorded with its reason:
 * an incremental shard carries calls over from that run. A shard that such a later run
 * stored itself (the same releases, config, revus version and VCF: a merge killed midway
 * and run again) is already stored and left alone. The caller holds the writer lock. */
#ifndef RV_MERGE_H
#define RV_MERGE_H

#include <stdint.h>
#include "base/err.h"
#include "base/progress.h"
#include "state/runconf.h"
#include "state/db.h"

typedef struct rv_merge_report {
    int64_t run;
    int n_done, n_skipped, n_flags;
    int n_current;          /* shards already stored by an earlier (interrupted) merge of them */
} rv_merge_report;

/* Called once per skipped shard with its reason (may be NULL). */
typedef void (*rv_skip_fn)(const char *sample, const char *reason, void *ud);

/* config_hash: the hash a run here would record (rv_run_config_hash); shards computed
 * with another one are stored with theirs and a warning. NULL: no check. progress (may be
 * NULL): started by the caller; counts the shards read, then the samples stored (total 2n).
 * RV_OK with rep filled; RV_EUSAGE/RV_EINPUT for an unusable shard set (nothing stored),
 * RV_ESTATE for a database failure (the run is abandoned), RV_ENOMEM. */
int rv_merge_shards(rv_state *st, const rv_runconf *conf, const char *config_hash,
                    char *const *paths, int n, rv_skip_fn on_skip, void *ud,
                    rv_meter *progress, rv_merge_report *rep, rv_err *err) RV_MUST_CHECK;

#endif
