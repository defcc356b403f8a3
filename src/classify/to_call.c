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
    int bad = 0;
    if (rv_varkey_format(&ev->key, key, sizeof key) >= 0) bad |= dup_c(&out->variant, key);
    out->contig = ev->key.contig;
    out->pos = ev->key.pos;
    if (ev->has_csq) {
        bad |= dup_str(&out->gene, &ev->gene);
        bad |= dup_str(&out->hgnc_id, &ev->hgnc_id);
        bad |= dup_str(&out->transcript, &ev->transcript);
        bad |= dup_str(&out->hgvsc, &ev->hgvsc);
        bad |= dup_str(&out->hgvsp, &ev->hgvsp);
        bad |= dup_str(&out->consequence, &ev->consequence);
    }
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
    bad |= dup_c(&out->deciding_rule, r->rule ? r->rule_text : NULL);

    if (r->has_clinvar) {
        bad |= dup_c(&out->clinvar_tier, r->clinvar.tier ? rv_clinvar_tier_name(r->clinvar.tier) : NULL);
        bad |= dup_str(&out->clinvar_sig, &ev->clnsig);
        out->clinvar_stars = r->clinvar.stars;
        out->clinvar_id = ev->variation_id > 0 ? ev->variation_id : 0;
    }
    if (ev->clinvar_src.source) { /* consulted; without a record: not in a covering ClinVar */
        bad |= dup_c(&out->clinvar_source, ev->clinvar_src.source);
        bad |= dup_c(&out->clinvar_version, ev->clinvar_src.version);
    }
    if (ev->pop_src.source) {     /* consulted; without a record: absent from a covering source */
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
