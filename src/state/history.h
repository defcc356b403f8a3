/* state/history.h: the compact classification history (table call_history, state/db.h).
 *
 * A classification is stored once and stays valid until it changes: its row is valid from
 * the run that wrote it (valid_from) until the run that replaced or dropped it (valid_to,
 * exclusive; NULL while still valid). Storing a sample's calls for a run writes only what
 * differs from the sample's calls before that run, so a run that changes nothing for a
 * variant writes nothing for it. The view `classifications` reads the history as one row
 * per done (run, sample) and variant, with each X_version taken from that run's source
 * snapshot: a row that stayed valid across a new release of its source was re-checked
 * against that release, which is what the version names. Content compared between runs
 * is therefore every column but the four X_version ones. */
#ifndef RV_HISTORY_H
#define RV_HISTORY_H

#include <stdint.h>
#include "base/err.h"
#include "classify/call.h"
#include "state/db.h"

/* The sample's calls as they read in run (a done run of the sample: the view would also
 * require it; this reads call_history directly), sorted by (contig, pos, variant),
 * appended to out. */
int rv_history_read(rv_state *st, const char *sample, int64_t run, rv_calls *out, rv_err *err);

/* The same for these variants only (keys sorted or not; the result sorted). */
int rv_history_read_keys(rv_state *st, const char *sample, int64_t run, char *const *keys, int n_keys, rv_calls *out,
                         rv_err *err);
/* The same calls with only variant, contig, pos, gene, hgnc_id, hgvsp, candidate and
 * candidate_reason read, and criteria and inheritance for the calls keep_text accepts
 * (NULL: every call); the rest left empty: what an incremental run decides from
 * (run/incremental.h); it reads whole only the calls it stores again
 * (rv_history_read_keys). */
typedef int (*rv_text_filter)(const char *criteria, const char *inheritance, void *ud);
int rv_history_read_light(rv_state *st, const char *sample, int64_t run, rv_text_filter keep_text, void *ud,
                          rv_calls *out, rv_err *err);

/* 1 when a and b store the same content (every column but the X_version ones). */
int rv_call_same_stored(const rv_call *a, const rv_call *b);
/* 1 when a and b differ at most in the releases they name: the X_version columns and the
 * "SOURCE@VERSION" citations of the criteria text (a call carried over to a new release
 * that did not change it). Such a pair raises no flag against the previous run
 * (state/flags.h compares classes, tiers, criteria and values, never versions). */
int rv_call_same_evidence(const rv_call *a, const rv_call *b);

/* Within the caller's transaction: record that from run on the sample's calls are calls
 * (sorted, one per variant), given prev, its calls before this run (sorted). Any earlier
 * store of the same sample in the same run is undone first. *n_written: rows inserted
 * or closed. */
int rv_history_store(rv_state *st, int64_t run, const char *sample, const rv_calls *prev,
                     const rv_calls *calls, int *n_written, rv_err *err);

#endif
