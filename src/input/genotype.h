/* input/genotype.h: one sample's genotype at one (split, biallelic) record: how many
 * copies of the ALT, phase, depth, genotype quality and allele fraction. */
#ifndef RV_GENOTYPE_H
#define RV_GENOTYPE_H

#include <stdint.h>
#include <htslib/vcf.h>

typedef struct rv_genotype {
    int     present;     /* 1: the sample has a GT at this record (0: no column, sites-only) */
    int     called;      /* called alleles in GT ('.' not counted) */
    int     n_alt;       /* copies of the ALT (allele 1 of the split record) */
    int     ploidy;      /* alleles written in GT, called or not */
    int     phased;      /* GT written with '|' */
    int     alt_hap;     /* phased het: 0 when the first allele is the ALT, 1 the second; -1 */
    int64_t ps;          /* phase set (FORMAT PS); 0 phased without PS; -1 unphased or absent */
    int     dp, gq;      /* FORMAT DP and GQ; -1 when absent */
    double  af;          /* FORMAT AF (or HF): allele fraction, heteroplasmy on MT; NAN absent */
    char    gt[16];      /* GT as written: "0/1", "1|0", "1", "./." */
} rv_genotype;

/* Reusable buffers for htslib's FORMAT readers (free with rv_genotype_buf_free). */
typedef struct rv_genotype_buf { int32_t *gt, *i; float *f; int mgt, mi, mf; } rv_genotype_buf;
void rv_genotype_buf_free(rv_genotype_buf *b);

/* Read sample column `sample` of a parsed record. Returns 0, or -1 when the record has no
 * GT (g->present = 0). */
int rv_genotype_read(const bcf_hdr_t *h, bcf1_t *b, int sample, rv_genotype_buf *buf, rv_genotype *g);

/* Zygosity in words: "het", "hom", "hemi" (one called allele, or haploid_male and every
 * called allele is the ALT); NULL when the ALT is not carried. */
const char *rv_genotype_zygosity(const rv_genotype *g, int haploid_male);

#endif
