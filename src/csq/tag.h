/* csq/tag.h: the RV_CSQ INFO tag that `revus csq` writes, one entry per ALT and transcript:
 *   Consequence|Allele|SYMBOL|HGNC_ID|Feature|BIOTYPE|STRAND|MANE|EXON|INTRON|HGVSc|HGVSp|
 *   Protein_position|Amino_acids|SPLICE_DIST|NMD|FLAGS
 * entries separated by ',', Consequence terms by '&' (docs/csq.md). */
#ifndef RV_CSQ_TAG_H
#define RV_CSQ_TAG_H

#include <htslib/kstring.h>
#include <htslib/vcf.h>
#include "base/err.h"
#include "csq/effect.h"
#include "csq/model.h"

#define RV_CSQ_TAG "RV_CSQ"

/* Add the ##INFO line of RV_CSQ and a ##revusGeneModel line naming the release. */
int rv_csq_header(bcf_hdr_t *h, const rv_model *m, rv_err *err);

/* Append the entries of effects e[0..n) of one allele (as the VCF writes it) to s. */
void rv_csq_format(kstring_t *s, const rv_effect *e, int n, const char *allele, size_t allele_len);

/* The Consequence terms of one effect joined by '&', most severe first. */
void rv_csq_terms(kstring_t *s, uint32_t terms);

#endif
