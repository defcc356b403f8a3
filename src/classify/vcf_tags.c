/* classify/vcf_tags.c: a VCF record's evidence and classification (classify/vcf_tags.h). */
#include <stdlib.h>
#include "classify/vcf_tags.h"
#include "input/vcf_csq.h"

struct rv_vcf_classify {
    const char *name;
    rv_csq *csq;            /* the input's own consequence parser (owned) */
    rv_annotator *ann;      /* borrowed */
    rv_classifier *cls;     /* borrowed */
    rv_gene_model *gm;      /* borrowed, NULL: the input's annotation only */
    rv_conseq_source source;
};

void rv_vcf_classify_set_model(rv_vcf_classify *v, rv_gene_model *gm, rv_conseq_source source)
{
    v->gm = gm;
    v->source = source;
}

int rv_vcf_classify_open(rv_vcf_classify **out, const char *name, const bcf_hdr_t *in_hdr,
                         rv_build build, rv_annotator *ann, rv_classifier *cls, rv_err *err)
{
    *out = NULL;
    rv_vcf_classify *v = calloc(1, sizeof *v);
    if (!v) return rv_err_set(err, RV_ENOMEM, "out of memory");
    int rc = rv_csq_open(in_hdr, NULL, &v->csq, err);
    if (rc < 0) { free(v); return rc; }
    v->name = name;
    v->ann = ann;
    v->cls = cls;
    if (cls) rv_classifier_set_build(cls, build);
    *out = v;
    return 0;
}

void rv_vcf_classify_close(rv_vcf_classify *v)
{
    if (!v) return;
    rv_csq_close(v->csq);
    free(v);
}

int rv_vcf_classify_has_csq(const rv_vcf_classify *v) { return rv_csq_tag(v->csq) != NULL; }

int rv_vcf_classify_evidence(rv_vcf_classify *v, rv_reader *r, const rv_nrec *rec,
                             rv_evidence *ev, rv_err *err)
{
    rv_evidence_init(ev, &rec->key);
    /* the input's consequence first: gene-level lookups need its gene */
    int rc = 0, model = v->gm && v->source != RV_CONSEQ_INPUT;
    if (!model || v->source == RV_CONSEQ_INPUT_THEN_MODEL) rc = rv_csq_fill_reader(v->csq, r, rec, ev, err);
    if (rc == 0 && model && !ev->has_csq) rc = rv_gene_model_evidence(v->gm, &rec->key, ev, err);
    if (rc < 0) {
        rv_err_prefix(err, "%s:%lld", v->name, (long long)rec->line_no);
        return rc;
    }
    if (v->ann) rv_annotator_fill(v->ann, &rec->key, ev);
    return 0;
}

int rv_vcf_classify_record(rv_vcf_classify *v, const rv_nrec *rec, const rv_evidence *ev,
                           rv_classification *res, rv_err *err)
{
    if (!v->cls) return rv_err_set(err, RV_EUSAGE, "%s: no classifier to classify with", v->name);
    int rc = rv_classify(v->cls, ev, res, err);
    if (rc < 0) rv_err_prefix(err, "%s:%lld", v->name, (long long)rec->line_no);
    return rc < 0 ? rc : 0;
}
