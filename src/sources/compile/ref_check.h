/* sources/compile/ref_check.h: a release's REF column checked against the reference FASTA.
 *
 * A table keyed by position says nothing about its genome build but its positions: a GRCh37
 * CADD table imported as GRCh38 has positions that exist on GRCh38 and REF bases that mostly
 * do not match them. With a reference FASTA configured (reanalysis.reference_fasta), the
 * compiler of a variant-keyed tsv, csv or vcf source compares the REF of a deterministic
 * sample of its records with the FASTA: the first `first` records, then every `every`-th.
 * Too many differences refuse the release; a few are one warning. The numbers come from the
 * pipeline config (reanalysis.ref_check, docs/sources.md). */
#ifndef RV_REF_CHECK_H
#define RV_REF_CHECK_H

#include <stdint.h>

typedef struct rv_ref_check {
    const char *fasta;        /* the reference FASTA (faidx); NULL: REF is not checked */
    int64_t first;            /* the first N variant records are checked ... */
    int64_t every;            /* ... then one in every N (>= 1) */
    double  max_fraction;     /* refused when more than this share of the checked records differ */
    int64_t min_mismatches;   /* ... and at least this many do (fewer: a warning) */
} rv_ref_check;

#endif
