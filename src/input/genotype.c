/* input/genotype.c: a sample's genotype at one record (input/genotype.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "input/genotype.h"

void rv_genotype_buf_free(rv_genotype_buf *b)
{
    free(b->gt); free(b->i); free(b->f);
    memset(b, 0, sizeof *b);
}

/* One integer FORMAT value of the sample, -1 when absent or missing. */
static int64_t format_int(const bcf_hdr_t *h, bcf1_t *b, const char *tag, int sample, rv_genotype_buf *buf)
{
    int n = bcf_get_format_int32(h, b, tag, &buf->i, &buf->mi);
    int ns = bcf_hdr_nsamples(h);
    if (n <= 0 || ns == 0 || n % ns) return -1;
    int32_t v = buf->i[sample * (n / ns)];
    return v == bcf_int32_missing || v == bcf_int32_vector_end ? -1 : v;
}

static double format_af(const bcf_hdr_t *h, bcf1_t *b, int sample, rv_genotype_buf *buf)
{
    static const char *const tags[] = { "AF", "HF", "VAF" };
    int ns = bcf_hdr_nsamples(h);
    for (size_t t = 0; t < sizeof tags / sizeof *tags; t++) {
        int n = bcf_get_format_float(h, b, tags[t], &buf->f, &buf->mf);
        if (n <= 0 || ns == 0 || n % ns) continue;
        float v = buf->f[sample * (n / ns)];
        if (!bcf_float_is_missing(v) && !bcf_float_is_vector_end(v)) return v;
    }
    return NAN;
}

int rv_genotype_read(const bcf_hdr_t *h, bcf1_t *b, int sample, rv_genotype_buf *buf, rv_genotype *g)
{
    memset(g, 0, sizeof *g);
    g->alt_hap = -1;
    g->ps = -1;
    g->dp = g->gq = -1;
    g->af = NAN;
    int ns = bcf_hdr_nsamples(h);
    if (ns == 0 || sample < 0 || sample >= ns) return -1;
    int n = bcf_get_genotypes(h, b, &buf->gt, &buf->mgt);
    if (n <= 0 || n % ns) return -1;
    g->present = 1;
    int ploidy = n / ns, len = 0;
    for (int k = 0; k < ploidy; k++) {
        int32_t v = buf->gt[sample * ploidy + k];
        if (v == bcf_int32_vector_end) break;
        g->ploidy++;
        if (k > 0) {
            g->phased |= bcf_gt_is_phased(v);
            if (len < (int)sizeof g->gt - 1) g->gt[len++] = bcf_gt_is_phased(v) ? '|' : '/';
        }
        if (bcf_gt_is_missing(v)) {
            if (len < (int)sizeof g->gt - 1) g->gt[len++] = '.';
            continue;
        }
        int a = bcf_gt_allele(v);
        g->called++;
        if (a == 1) { g->n_alt++; if (g->alt_hap < 0) g->alt_hap = k; }
        len += snprintf(g->gt + len, sizeof g->gt - (size_t)len, "%d", a);
        if (len >= (int)sizeof g->gt) len = (int)sizeof g->gt - 1;
    }
    g->gt[len] = '\0';
    if (!(g->phased && g->n_alt == 1 && g->called == 2)) g->alt_hap = -1;
    if (g->phased) { int64_t ps = format_int(h, b, "PS", sample, buf); g->ps = ps < 0 ? 0 : ps; }
    g->dp = (int)format_int(h, b, "DP", sample, buf);
    g->gq = (int)format_int(h, b, "GQ", sample, buf);
    g->af = format_af(h, b, sample, buf);
    return 0;
}

const char *rv_genotype_zygosity(const rv_genotype *g, int haploid_male)
{
    if (!g->present || g->n_alt == 0) return NULL;
    if (g->called == 1 || (haploid_male && g->n_alt == g->called)) return "hemi";
    return g->n_alt == g->called ? "hom" : "het";
}
