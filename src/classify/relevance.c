/* classify/relevance.c: which variants are candidates, and why (classify/relevance.h). */
#include <stdio.h>
#include <string.h>
#include "classify/relevance.h"
#include "sources/clinvar.h"

static int listed(char *const *list, int n, const char *s, size_t len)
{
    for (int i = 0; i < n; i++)
        if (strlen(list[i]) == len && strncmp(list[i], s, len) == 0) return 1;
    return 0;
}

/* The first term of the consequence that the list has (1), else the first term (0). */
static int consequence_term(const rv_relevance_conf *c, const rv_evidence *ev, const char **t, size_t *tn)
{
    const char *s = ev->consequence.s, *end = s + ev->consequence.n;
    *t = s; *tn = 0;
    for (const char *p = s; p < end;) {
        const char *e = p;
        while (e < end && *e != '&' && *e != ',') e++;
        if (p == s) *tn = (size_t)(e - p);
        if (listed(c->consequences, c->n_consequences, p, (size_t)(e - p))) {
            *t = p; *tn = (size_t)(e - p);
            return 1;
        }
        p = e + 1;
    }
    return 0;
}

/* Append one reason to the comma-separated list. */
static void add(char *why, size_t n, const char *reason)
{
    size_t k = strlen(why);
    if (k + 1 < n) snprintf(why + k, n - k, "%s%s", k ? "," : "", reason);
}

int rv_relevance_decide(const rv_relevance_conf *c, const rv_relevance_in *in, const rv_evidence *ev,
                        const rv_classification *cl, char *why, size_t n)
{
    int keep = 0;
    char r[160];
    why[0] = '\0';
    if (in->gene_reason && !in->rare) {
        add(why, n, "not-rare");
    } else if (in->gene_reason) {
        const char *t;
        size_t tn;
        if (!ev->has_csq || !ev->consequence.n) {
            snprintf(r, sizeof r, "%s:consequence-unknown", in->gene_reason);
            keep = 1;
        } else if (consequence_term(c, ev, &t, &tn)) {
            snprintf(r, sizeof r, "%s:%.*s", in->gene_reason, (int)tn, t);
            keep = 1;
        } else if (cl && cl->splice_pp3) {
            snprintf(r, sizeof r, "%s:splice-PP3", in->gene_reason);
            keep = 1;
        } else {
            snprintf(r, sizeof r, "not-relevant:%.*s", (int)tn, t);
        }
        add(why, n, r);
    }
    if (in->clinvar && cl && cl->has_clinvar) {
        const char *tier = rv_clinvar_tier_name(cl->clinvar.tier);
        int ok = tier && listed(c->clinvar_tiers, c->n_clinvar_tiers, tier, strlen(tier));
        if (ok && cl->clinvar.tier == RV_CV_TIER_BLB && !in->rare && !c->clinvar_common_benign) ok = 0;
        snprintf(r, sizeof r, "%s:%s", ok ? "clinvar" : "clinvar-tier", tier ? tier : "none");
        add(why, n, r);
        keep |= ok;
    }
    if (in->reported) {
        add(why, n, "reported");
        keep = 1;
    }
    if (!why[0]) add(why, n, "gene-not-of-interest");
    return keep;
}
