/* input/vcf_split.h: split a multiallelic bcf1_t into one biallelic record per ALT.
 *
 * Same result as `bcftools norm -m -any`: Number=A fields keep the ALT's value, Number=R
 * the REF and ALT values, Number=G the likelihoods of the 0/0, 0/i, i/i genotypes (0, i when
 * haploid); GT alleles equal to the ALT become 1 and other ALTs become 0 (REF). */
#ifndef RV_VCF_SPLIT_H
#define RV_VCF_SPLIT_H

#include <htslib/vcf.h>

/* Reusable scratch arrays, so splitting allocates nothing once warm. Zero-initialise. */
typedef struct rv_split_buf {
    void   *in;  size_t in_bytes; /* values fetched from the source record */
    void   *out; size_t m_out; /* values written to the split record */
    kstring_t str;             /* string fields */
} rv_split_buf;

void rv_split_buf_free(rv_split_buf *b);

/* Fill dst with ALT number ialt (1-based) of src. src must be unpacked (BCF_UN_ALL).
 * Returns 0, or -1 when htslib fails to update a field. */
int rv_split_allele(const bcf_hdr_t *h, bcf1_t *src, int ialt, bcf1_t *dst, rv_split_buf *b);

/* Index of the 0-based element kept for position k (0..n_keep-1) of a Number=A/R/G value
 * list, for ALT ialt of a record with n_allele alleles and n_values values; -1 when absent.
 * Exposed for the unit tests. */
int rv_split_index(int number_type, int ialt, int n_allele, int n_values, int k, int *n_keep);

#endif
