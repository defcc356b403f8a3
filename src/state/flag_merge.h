/* state/flag_merge.h: one flag per (run, sample, variant).
 *
 * rv_flags_compare (state/flags.h) may find several changes for one variant in one run:
 * against the lab's reported class and against the sample's previous run, a class move
 * and a ClinVar move. A clinician should read one line per variant, so the most urgent
 * of them (lowest priority number; the first in comparison order on a tie, the reported
 * class before the previous run) becomes the flag, and every other one is named in its
 * detail ("; also ..."). The fingerprints of the others are kept with it, so each change
 * stays quiet once it has been raised, whichever flag carried it. docs/state.md. */
#ifndef RV_FLAG_MERGE_H
#define RV_FLAG_MERGE_H

#include "state/flags.h"

/* Merge f[0..n) into f[0]; returns 1 (0 when n is 0). */
int rv_flags_merge(rv_flag *f, int n);

/* The fingerprint text stored with a flag: its own, then also_fingerprints. */
void rv_flag_stored_fingerprint(const rv_flag *f, char *buf, size_t n);

#endif
