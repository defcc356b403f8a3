/* csq/effect.h: the consequence of one allele on the transcripts it overlaps, computed from a
 * gene model (csq/model.h) and the reference (variant/genome.h).
 *
 * Per transcript: Sequence Ontology terms in VEP's vocabulary, exon or intron number, HGVS
 * c. (3'-shifted in the transcript's direction) and p. (three-letter, predicted: "p.(...)"),
 * the distance to the nearest splice junction and the NMD prediction for a premature stop.
 * Each allele is judged alone: two variants in one codon are not combined (bcftools csq
 * does that for phased genotypes; docs/csq.md). */
#ifndef RV_CSQ_EFFECT_H
#define RV_CSQ_EFFECT_H

#include <stdint.h>
#include <htslib/kstring.h>
#include "base/err.h"
#include "csq/conventions.h"
#include "variant/genome.h"
#include "csq/model.h"

/* Sequence Ontology terms, most severe first (VEP's order). */
enum {
    RV_SO_SPLICE_ACCEPTOR, RV_SO_SPLICE_DONOR, RV_SO_STOP_GAINED, RV_SO_FRAMESHIFT, RV_SO_STOP_LOST,
    RV_SO_START_LOST, RV_SO_FEATURE_ELONGATION, RV_SO_FEATURE_TRUNCATION, RV_SO_INFRAME_INSERTION,
    RV_SO_INFRAME_DELETION, RV_SO_MISSENSE,
    RV_SO_PROTEIN_ALTERING, RV_SO_SPLICE_REGION, RV_SO_START_RETAINED, RV_SO_STOP_RETAINED,
    RV_SO_SYNONYMOUS, RV_SO_CODING_SEQUENCE, RV_SO_UTR5, RV_SO_UTR3, RV_SO_NC_EXON, RV_SO_INTRON,
    RV_SO_NMD_TRANSCRIPT, RV_SO_NC_TRANSCRIPT, RV_SO_N
};
const char *rv_so_name(int term);                /* "missense_variant" */
const char *rv_so_impact(int term);              /* VEP's HIGH, MODERATE, LOW, MODIFIER */
int rv_so_parse(const char *name, size_t len);   /* -1 when not one of the terms above */

/* NMD prediction for a premature stop (stop_gained, frameshift). */
enum { RV_NMD_NONE = 0, RV_NMD_YES, RV_NMD_ESCAPE_LAST_EXON, RV_NMD_ESCAPE_50NT };
const char *rv_nmd_name(int nmd);                /* "", "NMD", "escape_last_exon", "escape_50nt" */

typedef struct rv_effect {
    int64_t      tx_index;        /* in the model */
    const rv_tx *tx;
    uint32_t     terms;           /* 1 << RV_SO_* */
    int          exon[2], intron[2];  /* first and last number in transcript order, 0 none */
    int64_t      splice_dist;     /* bases to the nearest exon-intron junction, -1 none */
    int          nmd;             /* RV_NMD_* */
    int64_t      prot_pos;        /* first amino acid changed (1-based), 0 none */
    char         ref_aa[4], alt_aa[4];  /* one-letter: missense, synonymous, stop gained or lost (also by a frameshift) */
    kstring_t    hgvsc, hgvsp;    /* "" when not computed */
} rv_effect;

typedef struct rv_conseq rv_conseq;

/* Borrow m and g for the life of the engine. */
int rv_conseq_new(rv_conseq **c, const rv_model *m, rv_genome *g, rv_err *err);
void rv_conseq_free(rv_conseq *c);                     /* accepts NULL */
/* The conventions the engine follows (csq/conventions.h); VEP's until set. Copied. */
void rv_conseq_set_conventions(rv_conseq *c, const rv_csq_conv *cv);
const rv_csq_conv *rv_conseq_conventions(const rv_conseq *c);

/* Effects of ref -> alt at 1-based pos (VCF style, alleles of any length, trimmed inside) on
 * every transcript overlapping it. *out is owned by the engine, valid until the next call.
 * Returns the number of effects (0: no transcript), RV_EINPUT when REF differs from the
 * FASTA or runs past its end (message without file and line: the caller adds them), or another error. */
int rv_conseq_allele(rv_conseq *c, int contig, int64_t pos, const char *ref, int ref_len,
                  const char *alt, int alt_len, rv_effect **out, rv_err *err);

/* 1 when the last rv_conseq_allele call's REF ran past the end of the reference sequence and
 * was compared over the bases it holds only (ref_past_reference_end = compare-held-bases);
 * with the default (unannotated) such a REF is RV_EINPUT. */
int rv_conseq_ref_held_only(const rv_conseq *c);

/* Effects of a symbolic allele of unknown sequence: an insertion (<INS>, <INS:ME:ALU>, <DUP>
 * as an insertion after its span) after 1-based pos (del = 0; end unused), or a deletion
 * (<DEL>) of the bases pos+1..end (del = 1). Terms only: where it falls (splice, intron,
 * UTR, coding_sequence_variant when it reaches the CDS: the protein change cannot be
 * predicted) and feature_elongation or feature_truncation, as VEP names structural
 * variants; no HGVS. Returns the number of effects (0: none, or end < pos + 1). */
int rv_conseq_symbolic(rv_conseq *c, int contig, int64_t pos, int64_t end, int del, rv_effect **out);

/* The transcript that decides for a gene: MANE Select, else Ensembl canonical, else the
 * longest coding, else the longest; among effects[0..n) of one gene symbol. -1 when n == 0. */
int rv_conseq_pick(const rv_effect *e, int n, const char *symbol);

#endif
