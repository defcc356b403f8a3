/* csq/model.h: the transcripts of a compiled gene model (role gene-model), in memory.
 *
 * Loaded once from the memory-mapped index of a gene-model release: every transcript's
 * exons, coding span and names are parsed into flat arrays (a few hundred milliseconds for
 * all of GENCODE), sorted by contig and start with a running maximum of the ends, so the
 * transcripts overlapping a variant are a binary search and a short walk back. */
#ifndef RV_CSQ_MODEL_H
#define RV_CSQ_MODEL_H

#include <stdint.h>
#include "base/err.h"
#include "variant/contig.h"
#include "sources/descriptor.h"
#include "sources/index.h"

enum {
    RV_TX_MANE_SELECT   = 1 << 0,
    RV_TX_MANE_PLUS     = 1 << 1,   /* MANE Plus Clinical */
    RV_TX_CANONICAL     = 1 << 2,   /* Ensembl_canonical */
    RV_TX_CDS_START_NF  = 1 << 3,   /* the CDS start is not known: no start codon */
    RV_TX_CDS_END_NF    = 1 << 4,   /* the CDS end is not known: no stop codon */
    RV_TX_CDS_NOT3      = 1 << 5,   /* CDS length not a multiple of 3 */
    RV_TX_NMD_BIOTYPE   = 1 << 6,   /* biotype nonsense_mediated_decay */
    RV_TX_NO_UTR_FEATURES = 1 << 7, /* coding, and its GFF3 had no UTR lines (indexes before
                                       this flag never set it) */
};
#define RV_TX_INCOMPLETE (RV_TX_CDS_START_NF | RV_TX_CDS_END_NF | RV_TX_CDS_NOT3)

typedef struct rv_tx {
    int       contig;
    int64_t   start, end;        /* 1-based inclusive, genomic */
    char      strand;            /* '+' or '-' */
    int       n_exon;
    const int64_t *ex;           /* 2*n_exon: start, end of each exon, genomic ascending */
    const int64_t *cum;          /* n_exon: cDNA bases before exon i in transcript order */
    int64_t   cds_s, cds_e;      /* genomic coding span, 0 when non-coding */
    int       phase;             /* bases before the first whole codon (5' incomplete CDS) */
    unsigned  flags;             /* RV_TX_* */
    int64_t   cdna_len;
    int64_t   cds_c1, cds_c2;    /* cDNA positions of the first and last coding base */
    const char *id, *symbol, *hgnc, *gene_id, *biotype;   /* "" when absent */
} rv_tx;

typedef struct rv_model rv_model;

/* Load the gene model of an index file (role gene-model). */
int rv_model_open(rv_model **m, const char *index_path, rv_err *err);
void rv_model_close(rv_model *m);                       /* accepts NULL */

/* Compile a GFF3 file with descriptor d (role gene-model) into a private temporary index
 * and load it; the temporary file is removed. st (may be NULL) gets the compile counts and
 * the first warning (a CDS not a multiple of 3). */
int rv_model_from_gff(rv_model **m, const rv_descriptor *d, const char *gff_path,
                      rv_compile_stats *st, rv_err *err);

int64_t rv_model_n(const rv_model *m);
const rv_tx *rv_model_tx(const rv_model *m, int64_t i);
const char *rv_model_source(const rv_model *m);         /* "source version" of the release */
const char *rv_model_version(const rv_model *m);
rv_build rv_model_build(const rv_model *m);

/* Transcripts on contig that overlap [beg, end]: up to max indexes into out; returns the
 * count (more may exist when it equals max). */
int rv_model_overlaps(const rv_model *m, int contig, int64_t beg, int64_t end, int64_t *out, int max);

/* The contigs that hold transcripts: 1 in has[id] (RV_N_CONTIGS entries). */
void rv_model_contigs(const rv_model *m, int *has);

#endif
