/* classify/to_call.c: rv_classification + rv_evidence -> rv_call (owned copies). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "classify/to_call.h"

static int dup_str(char **dst, const rv_str *s)
{
    free(*dst);
    *dst = NULL;
    if (!s->s || !s->n) return 0;
    return (*dst = rv_strndup0(s->s, s->n)) ? 0 : -1;
}

static int dup_c(char **dst, const char *s)
{
    free(*dst);
    *dst = NULL;
    if (!s) return 0;
    return (*dst = strdup(s)) ? 0 : -1;
}

int rv_call_from_classification(rv_call *out, const rv_classifier *c, const rv_evidence *ev,
                                const rv_classification *r)
{
    char key[512];
    if (rv_varkey_format(&ev->key, key, sizeof key) < 0) return RV_EINPUT;   /* non-primary contig */
    int bad = dup_c(&out->variant, key);
    out->contig = ev->key.contig;
    out->pos = ev->key.pos;
    /* the gene may come from the input's annotation, a gene-regions source or ClinVar */
    bad |= dup_str(&out->gene, &ev->gene);
    bad |= dup_str(&out->hgnc_id, &ev->hgnc_id);
    bad |= dup_str(&out->transcript, &ev->transcript);
    bad |= dup_str(&out->hgvsc, &ev->hgvsc);
    bad |= dup_str(&out->hgvsp, &ev->hgvsp);
    bad |= dup_str(&out->consequence, &ev->consequence);

    bad |= dup_c(&out->cls, r->acmg_class ? rv_class_name(r->acmg_class) : NULL);
    out->has_points = 1;
    out->points = r->points;
    bad |= dup_c(&out->vus_tier, r->vus_tier_name);
    kstring_t ks = { 0, 0, NULL };
    if (rv_classification_criteria_str(c, r, &ks) == 0) {
        free(out->criteria);
        out->criteria = ks.s;
    } else {
        free(ks.s);
        bad = 1;
    }
    bad |= dup_c(&out->effective_class, r->effective_class ? rv_class_name(r->effective_class) : NULL);
    bad |= dup_c(&out->deciding_rule, r->rule_text[0] ? r->rule_text : rv_rule_name(r->rule));

    /* ClinVar: what the record said (CLNSIG, id, release) even when the classifier could
     * not read it; tier and stars only from the classifier's reading */
    if (ev->has_clinvar) {
        int read = r->has_clinvar && r->clinvar.tier > RV_CV_TIER_NONE && r->clinvar.tier < RV_CV_TIER_N;
        bad |= dup_c(&out->clinvar_tier, read ? rv_clinvar_tier_name(r->clinvar.tier) : NULL);
        bad |= dup_str(&out->clinvar_sig, &ev->clnsig);
        out->clinvar_stars = r->has_clinvar ? r->clinvar.stars : -1;
        out->clinvar_id = ev->variation_id > 0 ? ev->variation_id : 0;
    }
    if (ev->clinvar_src.source) { /* consulted; without a record: not in a covering ClinVar */
        bad |= dup_c(&out->clinvar_source, ev->clinvar_src.source);
        bad |= dup_c(&out->clinvar_version, ev->clinvar_src.version);
    }
    /* consulted: a record (even without an AF) or, without one, absent from a covering source */
    if (ev->pop_src.source) {
        out->has_af = ev->has_pop && !isnan(ev->af);
        out->af = ev->af;
        bad |= dup_c(&out->pop_source, ev->pop_src.source);
        bad |= dup_c(&out->pop_version, ev->pop_src.version);
    }
    if (ev->has_panel) {
        out->panel_confidence = ev->panel_confidence;
        bad |= dup_c(&out->panel_source, ev->panel_src.source);
        bad |= dup_c(&out->panel_version, ev->panel_src.version);
    }
    if (ev->has_validity) {
        bad |= dup_str(&out->validity_class, &ev->validity_class);
        bad |= dup_c(&out->validity_source, ev->validity_src.source);
        bad |= dup_c(&out->validity_version, ev->validity_src.version);
    }
    return bad ? RV_ENOMEM : 0;
}
