/* classify/vcf_tags.c: the per-input glue between a VCF stream and the classifier. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sources/role.h"
#include "classify/vcf_tags.h"

struct rv_vcf_classify {
    rv_classifier *c;
    rv_csq *csq;
};

int rv_vcf_classify_open(rv_vcf_classify **out, const char *rules, const bcf_hdr_t *in_hdr,
                         rv_build build, rv_err *err)
{
    *out = NULL;
    rv_vcf_classify *v = calloc(1, sizeof *v);
    if (!v) return rv_err_set(err, RV_ENOMEM, "out of memory");
    int rc = rv_classifier_open(rules, &v->c, err);
    if (rc == 0) rc = rv_csq_open(in_hdr, NULL, &v->csq, err);
    if (rc) { rv_vcf_classify_close(v); return rc; }
    rv_classifier_set_build(v->c, build);
    *out = v;
    return 0;
}

void rv_vcf_classify_close(rv_vcf_classify *v)
{
    if (!v) return;
    rv_classifier_close(v->c);
    rv_csq_close(v->csq);
    free(v);
}

rv_classifier *rv_vcf_classify_classifier(rv_vcf_classify *v) { return v->c; }

void rv_vcf_classify_rules_path(const char *config, char *buf, size_t n)
{
    const char *slash = config ? strrchr(config, '/') : NULL;
    int dn = slash ? (int)(slash - config + 1) : 0;
    snprintf(buf, n, "%.*sacmg.json", dn, config ? config : "");
}

void rv_vcf_classify_source(rv_vcf_classify *v, const char *name, const char *version,
                            const char *role)
{
    if (rv_role_id_of(role) == RV_ROLE_POPULATION_FREQUENCY)
        rv_classifier_set_population_source(v->c, name, version);
}

int rv_vcf_classify_header(rv_vcf_classify *v, bcf_hdr_t *hdr, rv_err *err)
{
    (void)v;
    return rv_classification_hdr(hdr, err);
}

int rv_vcf_classify_consequence(rv_vcf_classify *v, rv_reader *r, const rv_nrec *rec,
                                rv_evidence *ev, rv_err *err)
{
    return rv_csq_fill_reader(v->csq, r, rec, ev, err);
}

int rv_csq_fill_reader(rv_csq *csq, rv_reader *r, const rv_nrec *rec, rv_evidence *ev, rv_err *err)
{
    const char *tag = rv_csq_tag(csq);
    const char *val, *ref, *alts;
    size_t n, ref_n, alts_n;
    if (!tag || !rv_reader_info(r, tag, &val, &n) || n == 0) return 0;
    const char *col[8];
    size_t cl[8];
    if (rv_reader_columns(r, col, cl) < 8) return 0;
    ref = col[3]; ref_n = cl[3];
    alts = col[4]; alts_n = cl[4];
    /* the line may hold all ALTs or only this one */
    const char *alt = alts;
    size_t alt_n = alts_n;
    if (memchr(alts, ',', alts_n)) {
        const char *p = alts, *end = alts + alts_n;
        for (int i = 1; p < end; i++) {
            const char *e = memchr(p, ',', (size_t)(end - p));
            if (!e) e = end;
            if (i == rec->alt_index) { alt = p; alt_n = (size_t)(e - p); break; }
            p = e + 1;
        }
    }
    return rv_csq_fill(csq, val, n, ref, ref_n, alt, alt_n, rec->alt_index, ev, err);
}

int rv_vcf_classify_tags(rv_vcf_classify *v, const rv_evidence *ev, rv_classification *res,
                         kstring_t *tags, rv_err *err)
{
    int rc = rv_classify(v->c, ev, res, err);
    if (rc) return rc;
    if (tags->l) kputc(';', tags);
    return rv_classification_info(v->c, res, tags);
}
