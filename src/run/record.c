/* run/record.c: what a run reads from one record of a sample's VCF (run/record.h). */
#include <string.h>
#include "run/record.h"

/* REF and this ALT as written in the input line (untrimmed), for the consequence parser. */
static int input_alleles(const kstring_t *line, int alt_index, const char **ref, size_t *ref_n,
                         const char **alt, size_t *alt_n)
{
    const char *p = line->s, *end = line->s + line->l;
    for (int col = 0; col < 3; col++) {
        p = memchr(p, '\t', (size_t)(end - p));
        if (!p) return -1;
        p++;
    }
    const char *t = memchr(p, '\t', (size_t)(end - p));
    if (!t) return -1;
    *ref = p;
    *ref_n = (size_t)(t - p);
    p = t + 1;
    t = memchr(p, '\t', (size_t)(end - p));
    if (!t) t = end;
    for (int i = 1; i < alt_index; i++) {      /* the line may still hold every ALT */
        const char *c = memchr(p, ',', (size_t)(t - p));
        if (!c) break;
        p = c + 1;
    }
    const char *c = memchr(p, ',', (size_t)(t - p));
    *alt = p;
    *alt_n = (size_t)((c ? c : t) - p);
    return 0;
}

int rv_record_csq(rv_csq *csq, rv_reader *r, const rv_nrec *rec, rv_evidence *ev,
                  const char *path, rv_err *err)
{
    const char *tag = csq ? rv_csq_tag(csq) : NULL, *val, *ref, *alt;
    size_t len, ref_n, alt_n;
    if (!tag || !rv_reader_info(r, tag, &val, &len)) return 0;
    const kstring_t *line = rv_reader_line(r);
    if (line && input_alleles(line, rec->alt_index, &ref, &ref_n, &alt, &alt_n) == 0 &&
        rv_csq_fill(csq, val, len, ref, ref_n, alt, alt_n, rec->alt_index, ev, err) < 0) {
        rv_err_prefix(err, "%s:%lld", path, (long long)rec->line_no);
        return err ? err->code : RV_EINPUT;
    }
    return 0;
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

