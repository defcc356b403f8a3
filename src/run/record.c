/* run/record.c: what a run reads from one record of a sample's VCF (run/record.h). */
#include <string.h>
#include "run/record.h"

int rv_record_csq(rv_csq *csq, rv_reader *r, const rv_nrec *rec, rv_evidence *ev,
                  const char *path, rv_err *err)
{
    int rc = csq ? rv_csq_fill_reader(csq, r, rec, ev, err) : 0;
    if (rc < 0) rv_err_prefix(err, "%s:%lld", path, (long long)rec->line_no);
    return rc < 0 ? rc : 0;
}

/* Zygosity of the sample's genotype: "het", "hom", "hemi"; NULL when it does not carry
 * the ALT (or has no call); "" for a sites-only VCF (carried, zygosity unknown). */
const char *rv_record_zygosity(const bcf_hdr_t *h, bcf1_t *b, int sample, int32_t **gt, int *mgt)
{
    int ns = bcf_hdr_nsamples(h);
    if (ns == 0) return "";
    int n = bcf_get_genotypes(h, b, gt, mgt);
    if (n <= 0) return NULL;
    int ploidy = n / ns, alt = 0, called = 0;
    for (int k = 0; k < ploidy; k++) {
        int32_t v = (*gt)[sample * ploidy + k];
        if (v == bcf_int32_vector_end) break;
        if (bcf_gt_is_missing(v)) continue;
        called++;
        alt += bcf_gt_allele(v) == 1;
    }
    if (alt == 0) return NULL;
    if (called == 1) return "hemi";
    return alt == called ? "hom" : "het";
}

