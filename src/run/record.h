/* run/record.h: what a run reads from one normalised record of a sample's VCF, shared by
 * the per-sample run (run/sample.h) and the carrier index (run/carrier.h), so both see a
 * record the same way: the input's own consequence annotation and the sample's genotype. */
#ifndef RV_RUN_RECORD_H
#define RV_RUN_RECORD_H

#include <htslib/vcf.h>
#include "base/err.h"
#include "input/vcf_csq.h"
#include "input/vcf_reader.h"
#include "variant/evidence.h"

/* Fill ev's consequence fields (gene, transcript, HGVS...) from the record's CSQ/ANN/BCSQ
 * (csq: the parser of the input header; NULL or no tag = nothing to do). < 0 with err
 * naming path and line on a malformed value. */
int rv_record_csq(rv_csq *csq, rv_reader *r, const rv_nrec *rec, rv_evidence *ev,
                  const char *path, rv_err *err);

/* Zygosity of column `sample` of record b: "het", "hom", "hemi"; NULL when it does not
 * carry the ALT (or has no call); "" for a sites-only VCF (carried, zygosity unknown).
 * gt/mgt: a reusable genotype buffer. */
const char *rv_record_zygosity(const bcf_hdr_t *h, bcf1_t *b, int sample, int32_t **gt, int *mgt);

#endif
