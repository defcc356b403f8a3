/* sources/compile/clinvar_merge.c: merge the ClinVar records of one allele (clinvar_merge.h). */
#include <stdio.h>
#include <string.h>
#include "sources/compile/clinvar_merge.h"
#include "sources/clinvar.h"

void rv_clinvar_merge_init(rv_clinvar_merge *m, const rv_descriptor *d)
{
    memset(m, 0, sizeof *m);
    m->f_sig = m->f_rev = m->f_conf = -1;
    for (int i = 0; i < d->n_fields; i++) {
        if (strcmp(d->fields[i].name, "clnsig") == 0) m->f_sig = i;
        else if (strcmp(d->fields[i].name, "clnrevstat") == 0) m->f_rev = i;
        else if (strcmp(d->fields[i].name, "clnsigconf") == 0) m->f_conf = i;
    }
}

/* The record's reading by ClinVar's rules; 0 when it has none (no CLNSIG, unknown term). */
static int reading(rv_ibuild *b, const rv_clinvar_merge *m, int64_t rec, rv_clinvar *cv, const char **sig, size_t *sn)
{
    const char *rev = NULL;
    size_t rn = 0;
    if (rv_ibuild_rec_str(b, rec, m->f_sig, sig, sn) < 0) return 0;
    if (m->f_rev >= 0 && rv_ibuild_rec_str(b, rec, m->f_rev, &rev, &rn) < 0) rev = NULL;
    return rv_clinvar_parse(*sig, *sn, rev, rev ? rn : 0, NULL, 0, cv, NULL) == 0;
}

static int acmg_tier(int t)
{
    return t == RV_CV_TIER_PLP || t == RV_CV_TIER_VUS || t == RV_CV_TIER_BLB || t == RV_CV_TIER_CONFLICT;
}

int rv_clinvar_merge_dup(rv_ibuild *b, int64_t kept, int64_t dup, void *ud)
{
    rv_clinvar_merge *m = ud;
    rv_clinvar a, d;
    const char *as, *ds;
    size_t an, dn;
    if (m->f_sig < 0 || !reading(b, m, dup, &d, &ds, &dn)) return 0;       /* nothing to add */
    m->merged++;
    if (!reading(b, m, kept, &a, &as, &an) || (!acmg_tier(a.tier) && acmg_tier(d.tier)) ||
        (a.tier == d.tier && d.stars > a.stars)) {
        rv_ibuild_rec_copy(b, kept, dup);          /* the duplicate says more */
        return 0;
    }
    if (a.tier == d.tier || !acmg_tier(d.tier)) return 0;
    /* two ACMG tiers for one allele: ClinVar's own word for that is a conflict */
    static const char sig[] = "Conflicting_classifications_of_pathogenicity";
    static const char rev[] = "criteria_provided,_conflicting_classifications";
    char conf[512];
    snprintf(conf, sizeof conf, "%.*s(1)|%.*s(1)", (int)(an < 200 ? an : 200), as, (int)(dn < 200 ? dn : 200), ds);
    int rc = rv_ibuild_rec_set_str(b, kept, m->f_sig, sig, sizeof sig - 1);
    if (!rc && m->f_rev >= 0) rc = rv_ibuild_rec_set_str(b, kept, m->f_rev, rev, sizeof rev - 1);
    if (!rc && m->f_conf >= 0) rc = rv_ibuild_rec_set_str(b, kept, m->f_conf, conf, strlen(conf));
    return rc;
}
