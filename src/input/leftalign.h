/* input/leftalign.h: left-align an indel against a reference sequence (Tan, Abecasis & Kang 2015).
 *
 * A variant is normalised when it is parsimonious (no base shared by REF and ALT at either
 * end beyond the one VCF padding base) and left-aligned (cannot be moved further left). The
 * result matches `bcftools norm -f` for biallelic records. Pure function over a reference
 * window, so it is tested without a FASTA file. */
#ifndef RV_LEFTALIGN_H
#define RV_LEFTALIGN_H

#include <stdint.h>
#include <htslib/kstring.h>

/* A stretch of reference: seq[0] is the base at 0-based position beg. */
typedef struct rv_refspan {
    const char *seq;
    int64_t     beg;
    int64_t     len;
} rv_refspan;

/* Alleles produced by rv_left_align: ref/alt point into the caller's work buffers. */
typedef struct rv_aligned {
    int64_t     pos;        /* 1-based */
    const char *ref, *alt;
    int         ref_len, alt_len;
    int64_t     shift;      /* how many bases the variant moved left */
} rv_aligned;

/* Left-align and trim ref/alt (an indel at 1-based pos). The bases read left of pos come
 * from span; work_ref/work_alt are reusable buffers. Moves at most max_shift bases.
 * Returns 1 when aligned (out set), 0 when it cannot be aligned inside span/max_shift
 * (out untouched: keep the trimmed record as it is). */
int rv_left_align(const rv_refspan *span, int64_t pos, const char *ref, int ref_len,
                  const char *alt, int alt_len, int64_t max_shift,
                  kstring_t *work_ref, kstring_t *work_alt, rv_aligned *out);

/* 1 when ref (1-based pos, len bases) equals the reference (case-insensitive), 0 when it
 * differs or runs off the span. */
int rv_ref_matches(const rv_refspan *span, int64_t pos, const char *ref, int len);

#endif
