/* input/vcf_split.c: per-ALT subset of INFO and FORMAT values, and GT recoding. */
#include <stdlib.h>
#include <string.h>
#include "input/vcf_split.h"

void rv_split_buf_free(rv_split_buf *b)
{
    free(b->in); free(b->out); free(b->str.s);
    memset(b, 0, sizeof *b);
}

/* Genotype index of the unordered pair (a, b) in VCF Number=G order. */
static int gt_index(int a, int b) { return a <= b ? b * (b + 1) / 2 + a : a * (a + 1) / 2 + b; }

int rv_split_index(int number_type, int ialt, int n_allele, int n_values, int k, int *n_keep)
{
    switch (number_type) {
    case BCF_VL_A:
        *n_keep = 1;
        return ialt - 1 < n_values ? ialt - 1 : -1;
    case BCF_VL_R:
        *n_keep = 2;
        { int i = k == 0 ? 0 : ialt; return i < n_values ? i : -1; }
    case BCF_VL_G:
        if (n_values == n_allele) {              /* haploid: one value per allele */
            *n_keep = 2;
            return k == 0 ? 0 : ialt;
        }
        if (n_values == n_allele * (n_allele + 1) / 2) {  /* diploid */
            *n_keep = 3;
            int i = k == 0 ? gt_index(0, 0) : k == 1 ? gt_index(0, ialt) : gt_index(ialt, ialt);
            return i;
        }
        *n_keep = 1;                             /* missing or other ploidy: one missing */
        return -1;
    }
    *n_keep = 0;
    return -1;
}

/* htslib counts the fetch buffer in elements of the requested type; keep it in bytes so
 * one buffer serves strings, integers and floats in turn. */
static int fetch(const bcf_hdr_t *h, bcf1_t *rec, int is_fmt, const char *tag, int type, rv_split_buf *b)
{
    size_t size = type == BCF_HT_STR ? 1 : 4;
    int n_el = (int)(b->in_bytes / size);
    int n = is_fmt ? bcf_get_format_values(h, rec, tag, &b->in, &n_el, type)
                   : bcf_get_info_values(h, rec, tag, &b->in, &n_el, type);
    if (n_el > 0) b->in_bytes = (size_t)n_el * size;
    return n;
}

static int grow(rv_split_buf *b, size_t bytes)
{
    if (bytes <= b->m_out) return 0;
    void *p = realloc(b->out, bytes);
    if (!p) return -1;
    b->out = p; b->m_out = bytes;
    return 0;
}

/* Pick the kept items of a comma-separated string into b->str. */
static void pick_string(const char *s, size_t len, int vl, int ialt, int n_allele, kstring_t *o)
{
    int n = 1;
    for (size_t i = 0; i < len; i++) n += s[i] == ',';
    int n_keep = 0;
    rv_split_index(vl, ialt, n_allele, n, 0, &n_keep);
    for (int k = 0; k < n_keep; k++) {
        int want = rv_split_index(vl, ialt, n_allele, n, k, &n_keep);
        if (k) kputc(',', o);
        if (want < 0) { kputc('.', o); continue; }
        const char *p = s, *end = s + len;
        for (int j = 0; j < want && p < end; j++) {
            const char *c = memchr(p, ',', (size_t)(end - p));
            p = c ? c + 1 : end;
        }
        const char *c = memchr(p, ',', (size_t)(end - p));
        kputsn(p, (size_t)((c ? c : end) - p), o);
    }
}

/* Numeric values: copy the kept elements of each of n_groups groups of width w_in. */
static int pick_numbers(rv_split_buf *b, int type, int vl, int ialt, int n_allele,
                        int n_groups, int w_in, int *w_out)
{
    int wmax = 0;
    for (int g = 0; g < n_groups; g++) {     /* width of the output: widest group */
        int n = 0, n_keep = 0;
        const int32_t *iv = (const int32_t *)b->in + (size_t)g * w_in;
        const float *fv = (const float *)b->in + (size_t)g * w_in;
        while (n < w_in && !(type == BCF_HT_INT ? iv[n] == bcf_int32_vector_end : bcf_float_is_vector_end(fv[n]))) n++;
        rv_split_index(vl, ialt, n_allele, n, 0, &n_keep);
        if (n_keep > wmax) wmax = n_keep;
    }
    if (wmax == 0) wmax = 1;
    if (grow(b, (size_t)n_groups * wmax * 4) < 0) return -1;
    for (int g = 0; g < n_groups; g++) {
        const int32_t *iv = (const int32_t *)b->in + (size_t)g * w_in;
        const float *fv = (const float *)b->in + (size_t)g * w_in;
        int32_t *io = (int32_t *)b->out + (size_t)g * wmax;
        float *fo = (float *)b->out + (size_t)g * wmax;
        int n = 0, n_keep = 0;
        while (n < w_in && !(type == BCF_HT_INT ? iv[n] == bcf_int32_vector_end : bcf_float_is_vector_end(fv[n]))) n++;
        int all_missing = 1;
        for (int i = 0; i < n; i++)
            if (!(type == BCF_HT_INT ? iv[i] == bcf_int32_missing : bcf_float_is_missing(fv[i]))) all_missing = 0;
        rv_split_index(vl, ialt, n_allele, n, 0, &n_keep);
        if (all_missing) n_keep = 1;             /* "." stays "." */
        for (int k = 0; k < wmax; k++) {
            int src = -1;
            if (k < n_keep && !all_missing) src = rv_split_index(vl, ialt, n_allele, n, k, &n_keep);
            if (type == BCF_HT_INT)
                io[k] = k >= n_keep ? bcf_int32_vector_end : src < 0 ? bcf_int32_missing : iv[src];
            else if (k >= n_keep) bcf_float_set_vector_end(fo[k]);
            else if (src < 0) bcf_float_set_missing(fo[k]);
            else fo[k] = fv[src];
        }
    }
    *w_out = wmax;
    return 0;
}

static int split_info(const bcf_hdr_t *h, bcf1_t *src, int ialt, bcf1_t *dst, rv_split_buf *b)
{
    for (int i = 0; i < src->n_info; i++) {
        int key = src->d.info[i].key;
        int vl = bcf_hdr_id2length(h, BCF_HL_INFO, key);
        if (vl != BCF_VL_A && vl != BCF_VL_R && vl != BCF_VL_G) continue;
        const char *tag = bcf_hdr_int2id(h, BCF_DT_ID, key);
        int type = bcf_hdr_id2type(h, BCF_HL_INFO, key);
        if (type == BCF_HT_STR) {
            int n = fetch(h, src, 0, tag, BCF_HT_STR, b);
            if (n < 0) continue;
            b->str.l = 0;
            pick_string(b->in, strnlen(b->in, (size_t)n), vl, ialt, src->n_allele, &b->str);
            if (bcf_update_info(h, dst, tag, b->str.s, 1, BCF_HT_STR) < 0) return -1;
            continue;
        }
        if (type != BCF_HT_INT && type != BCF_HT_REAL) continue;
        int n = fetch(h, src, 0, tag, type, b);
        if (n < 0) continue;
        int w = 0;
        if (pick_numbers(b, type, vl, ialt, src->n_allele, 1, n, &w) < 0) return -1;
        if (bcf_update_info(h, dst, tag, b->out, w, type) < 0) return -1;
    }
    return 0;
}

static int split_gt(const bcf_hdr_t *h, bcf1_t *src, int ialt, bcf1_t *dst, rv_split_buf *b)
{
    int n = fetch(h, src, 1, "GT", BCF_HT_INT, b);
    if (n <= 0) return 0;
    if (grow(b, (size_t)n * 4) < 0) return -1;
    const int32_t *gi = b->in;
    int32_t *go = b->out;
    for (int i = 0; i < n; i++) {
        int32_t v = gi[i];
        if (v == bcf_int32_vector_end || bcf_gt_is_missing(v)) { go[i] = v; continue; }
        int a = bcf_gt_allele(v);
        go[i] = (int32_t)((((a == ialt) ? 1 : 0) + 1) << 1 | (v & 1));  /* keep the phase bit */
    }
    return bcf_update_genotypes(h, dst, go, n) < 0 ? -1 : 0;
}

static int split_format(const bcf_hdr_t *h, bcf1_t *src, int ialt, bcf1_t *dst, rv_split_buf *b)
{
    int ns = bcf_hdr_nsamples(h);
    if (ns <= 0) return 0;
    for (int i = 0; i < src->n_fmt; i++) {
        int key = src->d.fmt[i].id;
        const char *tag = bcf_hdr_int2id(h, BCF_DT_ID, key);
        if (strcmp(tag, "GT") == 0) {
            if (split_gt(h, src, ialt, dst, b) < 0) return -1;
            continue;
        }
        int vl = bcf_hdr_id2length(h, BCF_HL_FMT, key);
        if (vl != BCF_VL_A && vl != BCF_VL_R && vl != BCF_VL_G) continue;
        int type = bcf_hdr_id2type(h, BCF_HL_FMT, key);
        int n = fetch(h, src, 1, tag, type, b);
        if (n < 0) continue;
        int w_in = n / ns;
        if (type == BCF_HT_STR) {
            /* fixed-width per sample; pick items, then pad to a common width */
            kstring_t *o = &b->str;
            o->l = 0;
            size_t wmax = 1;
            for (int s = 0; s < ns; s++) {
                size_t st = o->l;
                const char *v = (const char *)b->in + (size_t)s * w_in;
                pick_string(v, strnlen(v, (size_t)w_in), vl, ialt, src->n_allele, o);
                kputc('\0', o);
                if (o->l - st > wmax) wmax = o->l - st;
            }
            if (grow(b, (size_t)ns * wmax) < 0) return -1;
            memset(b->out, 0, (size_t)ns * wmax);
            const char *p = o->s;
            for (int s = 0; s < ns; s++) {
                size_t l = strlen(p);
                memcpy((char *)b->out + (size_t)s * wmax, p, l);
                p += l + 1;
            }
            if (bcf_update_format(h, dst, tag, b->out, ns * (int)wmax, BCF_HT_STR) < 0) return -1;
            continue;
        }
        if (type != BCF_HT_INT && type != BCF_HT_REAL) continue;
        int w = 0;
        if (pick_numbers(b, type, vl, ialt, src->n_allele, ns, w_in, &w) < 0) return -1;
        if (bcf_update_format(h, dst, tag, b->out, ns * w, type) < 0) return -1;
    }
    return 0;
}

int rv_split_allele(const bcf_hdr_t *h, bcf1_t *src, int ialt, bcf1_t *dst, rv_split_buf *b)
{
    if (!bcf_copy(dst, src)) return -1;
    if (bcf_unpack(dst, BCF_UN_ALL) < 0) return -1;
    const char *als[2] = { src->d.allele[0], src->d.allele[ialt] };
    if (bcf_update_alleles(h, dst, als, 2) < 0) return -1;
    if (split_info(h, src, ialt, dst, b) < 0) return -1;
    if (split_format(h, src, ialt, dst, b) < 0) return -1;
    return 0;
}
