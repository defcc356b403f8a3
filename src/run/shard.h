/* run/shard.h: one sample's run results as a file (`revus run --shard`, `revus merge`).
 *
 * A shard is what a run computes for one sample before anything is stored: the calls,
 * plus what they were computed from (the sample's VCF checksum, the frozen source
 * snapshot, the config hash, the revus version). `revus merge` stores shards through
 * the same code as a direct run (rv_run_apply_sample), so it raises the same flags.
 *
 * A shard is computed like a sample of `revus run`: incrementally from the sample's last
 * run (run/incremental.h) unless that is not possible or --full is given. Its calls are
 * then the sample's whole call set (the re-read ones and the carried-over ones), so the
 * merge stores them as it stores a full shard. The head says which run the shard started
 * from ("prev_run", 0: none) and how it was read ("mode"): the merge stores a shard only
 * when that run is still the sample's last.
 *
 * Format: JSON lines. Line 1 is the head {"format": "revus-shard", "format_version": 3,
 * "sample": ID, "vcf_sha256": HEX, "revus_version": V, "config_hash": HEX, "n_calls": N,
 * "prev_run"?: RUN (absent: not recorded), "mode": "full"|"incremental",
 * "sources": [{"source", "version", "sha256", "role"}...], "skipped"?: REASON}; then one
 * call per line, {column: value...} with the columns named as in the classifications
 * table (state/db.h), absent values omitted; the last line is {"end": N}. One line at a time
 * is parsed, so a shard of a whole genome never sits in memory as a JSON tree; a shard
 * without its end line (cut short) is refused.
 * Written to a temporary name and renamed, so a shard is whole or absent. A shard of
 * format 2 (no prev_run, no mode: always full) is still read. */
#ifndef RV_SHARD_H
#define RV_SHARD_H

#include "classify/call.h"
#include "base/err.h"
#include "state/runs.h"

#define RV_SHARD_FORMAT_VERSION 3

typedef struct rv_shard {
    char *path;
    char *sample, *vcf_sha256, *revus_version, *config_hash;
    rv_source_ver *sources; int n_sources;
    rv_calls calls;
    char *skipped;      /* why the sample could not be computed (VCF missing, changed,
                           malformed); NULL for a computed shard. merge records the skip. */
    int64_t prev_run;   /* the sample's last done run it was computed from (0: none;
                           -1: not recorded, a format 2 shard) */
    char *mode;         /* "full" or "incremental" */
} rv_shard;

/* Write sh to path (temporary name, then rename). RV_OK; RV_EIO. */
int rv_shard_write(const char *path, const rv_shard *sh, rv_err *err);
/* Read and validate; errors name the file and the JSON path.
 * RV_OK with sh filled (caller frees with rv_shard_free); RV_EIO, RV_EINPUT for a
 * malformed shard, RV_ENOMEM. */
int rv_shard_read(const char *path, rv_shard *sh, rv_err *err) RV_MUST_CHECK;
void rv_shard_free(rv_shard *sh);

/* 0 when a and b were computed from the same sources and config; else RV_EINPUT
 * naming what differs. */
int rv_shard_same_snapshot(const rv_shard *a, const rv_shard *b, rv_err *err);

#endif
