/* sources/compile/clinvar_merge.h: several ClinVar records for one allele become one.
 *
 * ClinVar can hold two records (two Variation IDs) that normalise to the same allele. The
 * index keeps one record per key, so before the comparison they are merged: records of
 * the same tier keep the better-reviewed one (more stars; the first on a tie); records of
 * different ACMG tiers (P/LP, VUS, B/LB, Conflicting) become one conflicting record
 * (Conflicting_classifications_of_pathogenicity, one star, CLNSIGCONF naming both
 * classifications); a record with an ACMG tier wins over one without (risk factor, drug
 * response, not provided). docs/compiled-index.md. */
#ifndef RV_CLINVAR_MERGE_H
#define RV_CLINVAR_MERGE_H

#include "sources/compile/compile_internal.h"

typedef struct rv_clinvar_merge {
    int f_sig, f_rev, f_conf;   /* index fields clnsig, clnrevstat, clnsigconf (-1 absent) */
    int64_t merged;             /* duplicates merged */
} rv_clinvar_merge;

/* Field ids from the descriptor; then install with rv_ibuild_on_duplicate(b, rv_clinvar_merge_dup, m). */
void rv_clinvar_merge_init(rv_clinvar_merge *m, const rv_descriptor *d);
int rv_clinvar_merge_dup(rv_ibuild *b, int64_t kept, int64_t dup, void *m);

#endif
