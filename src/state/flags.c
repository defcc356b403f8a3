/* state/flags.c: compare a variant's calls and name what changed (see state/flags.h). Pure logic. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "state/flags.h"

static const struct {
    const char *name;
    int priority;
    const char *title;
} categories[RV_FLAG_N] = {
    [RV_FLAG_PLP_DOWNGRADED]   = { "plp_downgraded",   1, "P/LP downgraded" },
    [RV_FLAG_VUS_UPGRADED]     = { "vus_upgraded",     2, "VUS upgraded to LP/P" },
    [RV_FLAG_NEW_CANDIDATE]    = { "new_candidate",    3, "new candidate" },
    [RV_FLAG_LEFT_CANDIDATES]  = { "left_candidates",  3, "left the candidate set" },
    [RV_FLAG_VUS_DOWNGRADED]   = { "vus_downgraded",   4, "VUS downgraded to LB/B" },
    [RV_FLAG_EVIDENCE_CHANGED] = { "evidence_changed", 5, "evidence changed within the class" },
    [RV_FLAG_SECOND_HIT]       = { "second_hit",       2, "second hit: compound heterozygous candidate" },
};

int rv_flag_category_find(const char *name)
{
    for (int i = 0; i < RV_FLAG_N; i++)
        if (name && strcmp(name, categories[i].name) == 0) return i;
    return -1;
}
int rv_flag_category_priority(rv_flag_cat c) { return categories[c].priority; }
const char *rv_flag_category_name(rv_flag_cat c) { return categories[c].name; }
const char *rv_flag_category_title(rv_flag_cat c) { return categories[c].title; }

/* Class-change category by (old tier, new tier): -1 = no category change.
 * Tiers: 0 LB/B, 1 VUS, 2 P/LP (rv_class_tier). */
static const int tier_change[3][3] = {
    /* new:      LB/B                     VUS                      P/LP */
    /* LB/B */ { -1,                      RV_FLAG_EVIDENCE_CHANGED, RV_FLAG_EVIDENCE_CHANGED },
    /* VUS  */ { RV_FLAG_VUS_DOWNGRADED,  -1,                      RV_FLAG_VUS_UPGRADED },
    /* P/LP */ { RV_FLAG_PLP_DOWNGRADED,  RV_FLAG_PLP_DOWNGRADED,  -1 },
};
/* LB/B -> VUS or P/LP is not one of the named categories; it is reported as evidence
 * changed with field 'class' so it is never silent. */

static int same_str(const char *a, const char *b)
{
    if (!a || !b) return a == b;
    return strcmp(a, b) == 0;
}

static void put(char *dst, size_t n, const char *s) { snprintf(dst, n, "%s", s ? s : ""); }

/* 1 when the stored criteria (rv_criteria_labels: JSON or a label list) have code (alone
 * or with a strength suffix "_Supporting", "(2)", ":..." etc.). */
static int has_criterion(const char *stored, const char *code)
{
    char buf[RV_CRITERIA_LABELS];
    const char *list = rv_criteria_labels(stored, buf, sizeof buf);
    if (!list) return 0;
    size_t n = strlen(code);
    for (const char *p = list; *p;) {
        while (*p == ',' || *p == ' ') p++;
        const char *e = p;
        while (*e && *e != ',') e++;
        if ((size_t)(e - p) >= n && strncmp(p, code, n) == 0 &&
            (p + n == e || p[n] == '_' || p[n] == '(' || p[n] == ':' || p[n] == ' '))
            return 1;
        p = e;
    }
    return 0;
}

typedef struct trigger {
    const char *source, *old_version, *new_version, *field;
    char old_value[96], new_value[96];
    int moved;   /* a change between runs, even when compared with the reported class */
} trigger;

static void fmt_int(char *buf, size_t n, int have, long long v) { if (have) snprintf(buf, n, "%lld", v); else buf[0] = '\0'; }
static void fmt_af(char *buf, size_t n, int have, double v) { if (have && !isnan(v)) snprintf(buf, n, "%.6g", v); else buf[0] = '\0'; }

/* The class a flag compares: the effective class (what revus stands behind) when the
 * classifier gave one, else the ACMG class. */
#define CLS(x) ((x)->effective_class ? (x)->effective_class : (x)->cls)

/* Sources of a call's evidence, by field. */
#define SRC(c, f) ((c) ? (c)->f : NULL)

/* One evidence field that moved between prev and cur: fills t and returns 1. */
static int af_trigger(const rv_call *p, const rv_call *c, trigger *t)
{
    if (p->has_af == c->has_af && (!p->has_af || p->af == c->af)) return 0;
    *t = (trigger){ c->pop_source ? c->pop_source : p->pop_source,
                    p->pop_version, c->pop_version, "af", "", "", 0 };
    fmt_af(t->old_value, sizeof t->old_value, p->has_af, p->af);
    fmt_af(t->new_value, sizeof t->new_value, c->has_af, c->af);
    return 1;
}

static int panel_trigger(const rv_call *p, const rv_call *c, trigger *t)
{
    if (p->panel_confidence == c->panel_confidence) return 0;
    *t = (trigger){ c->panel_source ? c->panel_source : p->panel_source,
                    p->panel_version, c->panel_version, "panel_confidence", "", "", 0 };
    fmt_int(t->old_value, sizeof t->old_value, p->panel_confidence >= 0, p->panel_confidence);
    fmt_int(t->new_value, sizeof t->new_value, c->panel_confidence >= 0, c->panel_confidence);
    return 1;
}

static int validity_trigger(const rv_call *p, const rv_call *c, trigger *t)
{
    if (same_str(p->validity_class, c->validity_class)) return 0;
    *t = (trigger){ c->validity_source ? c->validity_source : p->validity_source,
                    p->validity_version, c->validity_version, "validity_class", "", "", 0 };
    put(t->old_value, sizeof t->old_value, p->validity_class);
    put(t->new_value, sizeof t->new_value, c->validity_class);
    return 1;
}

/* What changed between prev and cur that can explain a flag, most decisive first.
 * Returns 1 when a difference was found. */
static int diff_trigger(const rv_call *p, const rv_call *c, const rv_flag_rules *r, trigger *t)
{
    memset(t, 0, sizeof *t);
    if (!same_str(p->clinvar_sig, c->clinvar_sig)) {
        *t = (trigger){ SRC(c, clinvar_source) ? c->clinvar_source : p->clinvar_source,
                        p->clinvar_version, c->clinvar_version, "clinvar_sig", "", "", 0 };
        put(t->old_value, sizeof t->old_value, p->clinvar_sig);
        put(t->new_value, sizeof t->new_value, c->clinvar_sig);
        return 1;
    }
    if (p->clinvar_stars != c->clinvar_stars) {
        *t = (trigger){ c->clinvar_source ? c->clinvar_source : p->clinvar_source,
                        p->clinvar_version, c->clinvar_version, "clinvar_stars", "", "", 0 };
        fmt_int(t->old_value, sizeof t->old_value, p->clinvar_stars >= 0, p->clinvar_stars);
        fmt_int(t->new_value, sizeof t->new_value, c->clinvar_stars >= 0, c->clinvar_stars);
        return 1;
    }
    for (int i = 0; i < r->n_freq_criteria; i++) {
        const char *code = r->freq_criteria[i];
        int a = has_criterion(p->criteria, code), b = has_criterion(c->criteria, code);
        if (a != b) {
            *t = (trigger){ c->pop_source ? c->pop_source : p->pop_source,
                            p->pop_version, c->pop_version, code, "", "", 0 };
            put(t->old_value, sizeof t->old_value, a ? "met" : "not met");
            put(t->new_value, sizeof t->new_value, b ? "met" : "not met");
            return 1;
        }
    }
    if (af_trigger(p, c, t) || panel_trigger(p, c, t) || validity_trigger(p, c, t)) return 1;
    char pbuf[RV_CRITERIA_LABELS], cbuf[RV_CRITERIA_LABELS];   /* compared by label */
    const char *pcrit = rv_criteria_labels(p->criteria, pbuf, sizeof pbuf);
    const char *ccrit = rv_criteria_labels(c->criteria, cbuf, sizeof cbuf);
    if (!same_str(pcrit, ccrit)) {
        *t = (trigger){ "classifier", NULL, NULL, "criteria", "", "", 0 };
        put(t->old_value, sizeof t->old_value, pcrit);
        put(t->new_value, sizeof t->new_value, ccrit);
        return 1;
    }
    if (!same_str(p->vus_tier, c->vus_tier)) {
        *t = (trigger){ "classifier", NULL, NULL, "vus_tier", "", "", 0 };
        put(t->old_value, sizeof t->old_value, p->vus_tier);
        put(t->new_value, sizeof t->new_value, c->vus_tier);
        return 1;
    }
    return 0;
}

/* The current evidence that best explains c's standing, when there is nothing to diff
 * against (first run, new candidate, comparison with the reported class). old_version
 * comes from p when p has the same source. */
static void current_trigger(const rv_call *p, const rv_call *c, trigger *t)
{
    memset(t, 0, sizeof *t);
    if (c->panel_confidence == 3 && (!p || p->panel_confidence != 3)) {
        *t = (trigger){ c->panel_source, SRC(p, panel_version), c->panel_version, "panel_confidence", "", "", 0 };
        if (p) fmt_int(t->old_value, sizeof t->old_value, p->panel_confidence >= 0, p->panel_confidence);
        snprintf(t->new_value, sizeof t->new_value, "%d", c->panel_confidence);
    } else if (c->validity_class && (!p || !same_str(p->validity_class, c->validity_class))) {
        *t = (trigger){ c->validity_source, SRC(p, validity_version), c->validity_version, "validity_class", "", "", 0 };
        if (p) put(t->old_value, sizeof t->old_value, p->validity_class);
        put(t->new_value, sizeof t->new_value, c->validity_class);
    } else if (c->clinvar_sig) {
        *t = (trigger){ c->clinvar_source, SRC(p, clinvar_version), c->clinvar_version, "clinvar_sig", "", "", 0 };
        if (p) put(t->old_value, sizeof t->old_value, p->clinvar_sig);
        put(t->new_value, sizeof t->new_value, c->clinvar_sig);
    } else if (c->has_af) {
        *t = (trigger){ c->pop_source, SRC(p, pop_version), c->pop_version, "af", "", "", 0 };
        if (p) fmt_af(t->old_value, sizeof t->old_value, p->has_af, p->af);
        fmt_af(t->new_value, sizeof t->new_value, c->has_af, c->af);
    } else {
        *t = (trigger){ "classifier", NULL, NULL, "class", "", "", 0 };
        put(t->new_value, sizeof t->new_value, CLS(c));
    }
}

/* Tier of a ClinVar tier name as rv_class_tier counts it; -1 for conflict, risk, other. */
static int clinvar_tier_rank(const char *t)
{
    static const struct { const char *name; int tier; } ranks[] = { { "P/LP", 2 }, { "VUS", 1 }, { "B/LB", 0 } };
    for (size_t i = 0; t && i < sizeof ranks / sizeof *ranks; i++)
        if (strcmp(t, ranks[i].name) == 0) return ranks[i].tier;
    return -1;
}

/* The current evidence behind c's class (comparison with the reported class): ClinVar
 * when its tier is the class's tier (or its rule decided), else the classifier's points. */
static void class_trigger(const rv_call *p, const rv_call *c, trigger *t)
{
    memset(t, 0, sizeof *t);
    int clinvar_says = c->clinvar_sig &&
        (clinvar_tier_rank(c->clinvar_tier) == rv_class_tier(CLS(c)) ||
         (c->deciding_rule && strncmp(c->deciding_rule, "clinvar", 7) == 0));
    if (clinvar_says) {
        *t = (trigger){ c->clinvar_source, SRC(p, clinvar_version), c->clinvar_version, "clinvar_sig", "", "", 0 };
        if (p) put(t->old_value, sizeof t->old_value, p->clinvar_sig);
        put(t->new_value, sizeof t->new_value, c->clinvar_sig);
    } else {
        *t = (trigger){ "classifier", NULL, NULL, c->deciding_rule ? c->deciding_rule : "class", "", "", 0 };
        if (p) snprintf(t->old_value, sizeof t->old_value, "%s %d points", CLS(p) ? CLS(p) : "none", p->points);
        char buf[RV_CRITERIA_LABELS];
        const char *crit = rv_criteria_labels(c->criteria, buf, sizeof buf);
        snprintf(t->new_value, sizeof t->new_value, "%s %d points%s%s", CLS(c) ? CLS(c) : "none", c->points,
                 crit ? " " : "", crit ? crit : "");
    }
}

/* Why a variant entered or left the candidate set: gene-level changes first (panel,
 * validity), then frequency, then the rest as diff_trigger orders it. */
static int relevance_trigger(const rv_call *p, const rv_call *c, const rv_flag_rules *r, trigger *t)
{
    memset(t, 0, sizeof *t);
    return panel_trigger(p, c, t) || validity_trigger(p, c, t) || af_trigger(p, c, t) || diff_trigger(p, c, r, t);
}

typedef struct out_list { rv_flag *x; int n; } out_list;

static rv_flag *emit(out_list *o, rv_flag_cat cat, const char *basis, const char *old_cls,
                     const char *new_cls, const trigger *t, const char *what)
{
    if (o->n >= RV_FLAGS_MAX) return NULL;
    rv_flag *f = &o->x[o->n++];
    memset(f, 0, sizeof *f);
    f->cat = cat;
    f->category = categories[cat].name;
    f->priority = categories[cat].priority;
    f->basis = basis;
    put(f->old_class, sizeof f->old_class, old_cls);
    put(f->new_class, sizeof f->new_class, new_cls);
    put(f->trigger_source, sizeof f->trigger_source, t->source ? t->source : "unknown");
    put(f->old_version, sizeof f->old_version, t->old_version);
    put(f->new_version, sizeof f->new_version, t->new_version);
    put(f->field, sizeof f->field, t->field);
    put(f->old_value, sizeof f->old_value, t->old_value);
    put(f->new_value, sizeof f->new_value, t->new_value);

    const char *against = strcmp(basis, "reported") == 0 ? "against the reported class" : "since the previous run";
    int w = snprintf(f->detail, sizeof f->detail, "%s%s%s: %s -> %s %s; %s %s %s -> %s (%s -> %s)",
             categories[cat].title, what ? ", " : "", what ? what : "",
             old_cls ? old_cls : "none", new_cls ? new_cls : "none", against,
             f->trigger_source, f->field,
             f->old_value[0] ? f->old_value : "none", f->new_value[0] ? f->new_value : "none",
             f->old_version[0] ? f->old_version : "none", f->new_version[0] ? f->new_version : "none");
    if (w >= (int)sizeof f->detail) f->detail[sizeof f->detail - 1] = '\0';   /* long values: cut */

    /* The fingerprint names the evidence, not the run. Against the reported class it leaves
     * versions out: the same discrepancy on the same evidence stays quiet across releases.
     * Against the previous run every flag is a change, so its versions are part of it; so
     * are they for a reported-class flag raised by a ClinVar move (t->moved). */
    char buf[1024];
    int stable = strcmp(basis, "reported") == 0 && !t->moved;
    w = snprintf(buf, sizeof buf, "%s|%s|%s|%s|%s|%s|%s|%s|%s", basis, f->category, f->old_class,
             f->new_class, f->trigger_source, f->field, stable ? "" : f->old_value, f->new_value,
             stable ? "" : f->new_version);
    if (w < 0) buf[0] = '\0';
    rv_digest_sha256_buf(buf, strlen(buf), f->fingerprint);
    return f;
}

/* Class-change category from old to new class; -1 when the tier did not move. */
static int class_category(const char *old_cls, const char *new_cls)
{
    int a = rv_class_tier(old_cls), b = rv_class_tier(new_cls);
    if (a < 0 || b < 0) return -1;
    return tier_change[a][b];
}

/* One change between two runs of a variant, and whether it makes the variant newly
 * relevant (a new_candidate reason) rather than just changed evidence. */
typedef struct change { trigger t; const char *why; int relevance; } change;
typedef struct changes { change x[10]; int n; } changes;

static void add_change(changes *cs, const trigger *t, const char *why, int relevance)
{
    if (cs->n >= (int)(sizeof cs->x / sizeof *cs->x)) return;
    cs->x[cs->n++] = (change){ *t, why, relevance };
}

/* 1 when the validity class is one the config counts as a disease gene. */
static int disease_validity(const rv_flag_rules *r, const char *v)
{
    for (int i = 0; v && i < r->n_disease_gene_validity; i++)
        if (strcmp(v, r->disease_gene_validity[i]) == 0) return 1;
    return 0;
}

/* What changed for a variant that stayed a candidate in the same class tier (or moved up
 * from benign), most decisive first. clinvar_said: a ClinVar move already raised a flag
 * against the reported class, so ClinVar's tier and stars are not named again.
 * quiet_move: the class moved for want of evidence only (unsupported_move): not a change. */
static void collect_changes(changes *cs, const rv_call *p, const rv_call *c, const rv_flag_rules *r,
                            int clinvar_said, int quiet_move)
{
    trigger t;
    int relevant_class = rv_class_tier(CLS(c)) >= r->new_candidate_min_tier;
    if (!quiet_move && !same_str(CLS(p), CLS(c))) {   /* P <-> LP, LB <-> B, or LB/B moved up */
        if (!diff_trigger(p, c, r, &t)) current_trigger(p, c, &t);
        add_change(cs, &t, rv_class_tier(CLS(p)) == rv_class_tier(CLS(c)) ? "class moved within its tier"
                                                                          : "benign class moved up", 0);
    }
    if (!clinvar_said && !same_str(p->clinvar_tier, c->clinvar_tier)) {
        t = (trigger){ c->clinvar_source ? c->clinvar_source : p->clinvar_source,
                       p->clinvar_version, c->clinvar_version, "clinvar_tier", "", "", 0 };
        put(t.old_value, sizeof t.old_value, p->clinvar_tier);
        put(t.new_value, sizeof t.new_value, c->clinvar_tier);
        int newly_plp = same_str(c->clinvar_tier, "P/LP");
        add_change(cs, &t, newly_plp ? "ClinVar newly asserts P/LP"
                         : same_str(c->clinvar_tier, "Conflicting") ? "new ClinVar conflict"
                         : "ClinVar assertion changed", newly_plp);
    }
    if (!clinvar_said && c->clinvar_stars > p->clinvar_stars && p->clinvar_stars >= 0) {
        t = (trigger){ c->clinvar_source, p->clinvar_version, c->clinvar_version, "clinvar_stars", "", "", 0 };
        fmt_int(t.old_value, sizeof t.old_value, 1, p->clinvar_stars);
        fmt_int(t.new_value, sizeof t.new_value, 1, c->clinvar_stars);
        add_change(cs, &t, "ClinVar review stars up", 0);
    }
    if ((p->panel_confidence == 3) != (c->panel_confidence == 3)) {   /* joined or left green */
        t = (trigger){ c->panel_source ? c->panel_source : p->panel_source,
                       p->panel_version, c->panel_version, "panel_confidence", "", "", 0 };
        fmt_int(t.old_value, sizeof t.old_value, p->panel_confidence >= 0, p->panel_confidence);
        fmt_int(t.new_value, sizeof t.new_value, c->panel_confidence >= 0, c->panel_confidence);
        int joined = c->panel_confidence == 3;
        add_change(cs, &t, joined ? "gene now green on the panel" : "gene no longer green on the panel",
                   joined && relevant_class);
    }
    if (!disease_validity(r, p->validity_class) && disease_validity(r, c->validity_class)) {
        t = (trigger){ c->validity_source ? c->validity_source : p->validity_source,
                       p->validity_version, c->validity_version, "validity_class", "", "", 0 };
        put(t.old_value, sizeof t.old_value, p->validity_class);
        put(t.new_value, sizeof t.new_value, c->validity_class);
        add_change(cs, &t, "gene-disease validity rose", relevant_class);
    }
    if (same_str(CLS(p), "VUS") && same_str(CLS(c), "VUS") && !same_str(p->vus_tier, c->vus_tier)) {
        trigger d;
        int have = diff_trigger(p, c, r, &d);
        t = (trigger){ have ? d.source : "classifier", have ? d.old_version : NULL,
                       have ? d.new_version : NULL, "vus_tier", "", "", 0 };
        put(t.old_value, sizeof t.old_value, p->vus_tier);
        put(t.new_value, sizeof t.new_value, c->vus_tier);
        add_change(cs, &t, "VUS sub-tier moved", 0);
    }
    for (int i = 0; i < r->n_freq_criteria; i++) {
        const char *code = r->freq_criteria[i];
        int a = has_criterion(p->criteria, code), b = has_criterion(c->criteria, code);
        if (a == b) continue;
        const char *src = c->pop_source ? c->pop_source : p->pop_source;
        t = (trigger){ src ? src : "classifier", p->pop_version, c->pop_version, code, "", "", 0 };
        put(t.old_value, sizeof t.old_value, a ? "met" : "not met");
        put(t.new_value, sizeof t.new_value, b ? "met" : "not met");
        add_change(cs, &t, "frequency criterion crossed", 0);
    }
}

/* One flag for a candidate that stayed one: new_candidate when a change made it newly
 * relevant (triggered by the first such change), else evidence_changed (triggered by the
 * most decisive change). The other changes are named in its detail. */
static void candidate_changes(out_list *o, const rv_call *p, const rv_call *c, const rv_flag_rules *r,
                              int clinvar_said, int quiet_move)
{
    changes cs = { .n = 0 };
    collect_changes(&cs, p, c, r, clinvar_said, quiet_move);
    if (cs.n == 0) return;
    int lead = 0;
    while (lead < cs.n && !cs.x[lead].relevance) lead++;
    rv_flag_cat cat = lead < cs.n ? RV_FLAG_NEW_CANDIDATE : RV_FLAG_EVIDENCE_CHANGED;
    /* beside a class move that only says evidence is missing, lesser changes are noise */
    if (quiet_move && cat == RV_FLAG_EVIDENCE_CHANGED) return;
    if (lead == cs.n) lead = 0;
    char what[320];
    int w = snprintf(what, sizeof what, "%s", cs.x[lead].why);
    for (int i = 0; i < cs.n && w > 0 && w < (int)sizeof what; i++) {
        if (i == lead) continue;
        const trigger *t = &cs.x[i].t;
        w += snprintf(what + w, sizeof what - (size_t)w, "; also %s %s %s -> %s", cs.x[i].why, t->field,
                      t->old_value[0] ? t->old_value : "none", t->new_value[0] ? t->new_value : "none");
    }
    emit(o, cat, "previous", CLS(p), CLS(c), &cs.x[lead].t, what);
}

/* How far a ClinVar tier stands from P/LP, for a reported P/LP: 2 P/LP, 1 VUS or
 * Conflicting (no longer supports it), 0 B/LB (contradicts it); -1 absent, Risk, Other. */
static int clinvar_support(const char *tier)
{
    if (same_str(tier, "Conflicting")) return 1;
    return clinvar_tier_rank(tier);
}

/* The class a ClinVar tier stands for in a flag: P/LP -> LP (the weaker of the two),
 * VUS and Conflicting -> VUS, B/LB -> LB; NULL otherwise. */
static const char *clinvar_tier_class(const char *tier)
{
    static const struct { const char *tier, *cls; } map[] = {
        { "P/LP", "LP" }, { "VUS", "VUS" }, { "Conflicting", "VUS" }, { "B/LB", "LB" },
    };
    for (size_t i = 0; tier && i < sizeof map / sizeof *map; i++)
        if (strcmp(tier, map[i].tier) == 0) return map[i].cls;
    return NULL;
}

/* A lab-reported class whose ClinVar support moved since the previous run, whatever the
 * class did: reported P/LP and ClinVar's tier left P/LP for VUS, B/LB or Conflicting (or
 * moved further, from VUS or Conflicting to B/LB) -> plp_downgraded; reported VUS and
 * ClinVar's tier newly P/LP -> vus_upgraded. Fills the ClinVar trigger and a plain-words
 * reason; -1 when there is no such move. */
static int reported_clinvar_move(const rv_call *p, const rv_call *c, const char *reported,
                                 trigger *t, char *what, size_t n)
{
    if (!p || !c || !reported) return -1;
    int rep = rv_class_tier(reported);
    int was = clinvar_support(p->clinvar_tier), now = clinvar_support(c->clinvar_tier);
    int cat = -1;
    char stars[32];
    if (c->clinvar_stars >= 0) snprintf(stars, sizeof stars, "%d star%s", c->clinvar_stars, c->clinvar_stars == 1 ? "" : "s");
    else snprintf(stars, sizeof stars, "no review status");
    if (rep == 2 && now >= 0 && was > now) {
        cat = RV_FLAG_PLP_DOWNGRADED;
        snprintf(what, n, "ClinVar %s the reported class (ClinVar now %s, %s)",
                 was == 2 ? "no longer supports" : "moves further from", c->clinvar_tier, stars);
    } else if (rep == 1 && was != 2 && now == 2) {
        cat = RV_FLAG_VUS_UPGRADED;
        snprintf(what, n, "ClinVar newly asserts P/LP on the reported VUS (%s)", stars);
    }
    if (cat < 0) return -1;
    *t = (trigger){ c->clinvar_source ? c->clinvar_source : p->clinvar_source,
                    p->clinvar_version, c->clinvar_version, "clinvar_tier", "", "", 1 };
    put(t->old_value, sizeof t->old_value, p->clinvar_tier);
    put(t->new_value, sizeof t->new_value, c->clinvar_tier);
    return cat;
}

/* No noise from missing evidence (docs/state.md): a class decided by the ACMG points
 * alone that moved to another tier than old_cls without evidence on the side of the move
 * says only that evidence is missing. A downgrade needs benign evidence to outweigh
 * (points < 0), an upgrade pathogenic evidence (points > 0); 0 points ("nothing known")
 * moves nothing, in either direction. ClinVar and lab decisions compare as they are. */
static int unsupported_move(const rv_flag_rules *r, const char *old_cls, const rv_call *c)
{
    if (!r->reported_downgrade_needs_benign || !same_str(c->deciding_rule, "acmg")) return 0;
    int a = rv_class_tier(old_cls), b = rv_class_tier(CLS(c));
    if (a < 0 || b < 0 || a == b) return 0;
    int points = c->has_points ? c->points : 0;
    return b < a ? points >= 0 : points <= 0;
}

static int compare(const rv_call *prev, const rv_call *cur, const char *reported,
                   int has_previous_run, const rv_flag_rules *rules, rv_flag *out)
{
    out_list o = { out, 0 };
    trigger t, cv;
    int reported_cat = -1;
    char cv_what[160] = "", also[240] = "";
    int cv_cat = has_previous_run ? reported_clinvar_move(prev, cur, reported, &cv, cv_what, sizeof cv_what) : -1;

    /* (b) the lab's reported class: the position the lab stands behind */
    if (reported) {
        if (!cur) {
            memset(&t, 0, sizeof t);
            t.source = "vcf";
            t.field = "presence";
            put(t.old_value, sizeof t.old_value, "reported");
            put(t.new_value, sizeof t.new_value, "absent");
            emit(&o, RV_FLAG_LEFT_CANDIDATES, "reported", reported, NULL, &t,
                 "reported variant not carried in the sample's VCF");
        } else {
            reported_cat = class_category(reported, CLS(cur));
            if (reported_cat >= 0 && unsupported_move(rules, reported, cur)) reported_cat = -1;
            if (reported_cat >= 0) {
                /* one flag per category: a ClinVar move of the same direction is named in it */
                if (cv_cat == reported_cat) snprintf(also, sizeof also, "also %s", cv_what);
                class_trigger(prev, cur, &t);
                emit(&o, (rv_flag_cat)reported_cat, "reported", reported, CLS(cur), &t,
                     cv_cat == reported_cat ? also : NULL);
            }
            if (cv_cat >= 0 && cv_cat != reported_cat) {
                /* the move is ClinVar's: the new class is the one ClinVar's tier stands for,
                 * so category and classes agree; revus's own class is named beside it */
                snprintf(also, sizeof also, "%s; revus's own class %s", cv_what, CLS(cur) ? CLS(cur) : "none");
                emit(&o, (rv_flag_cat)cv_cat, "reported", reported, clinvar_tier_class(cur->clinvar_tier), &cv, also);
            }
        }
    }

    /* (a) the sample's previous run; its first run is the baseline */
    if (!has_previous_run) return o.n;
    int was = prev && prev->candidate, is = cur && cur->candidate;
    if (was && !is) {
        if (cur) { if (!relevance_trigger(prev, cur, rules, &t)) current_trigger(prev, cur, &t); }
        else {
            memset(&t, 0, sizeof t);
            t.source = "vcf";
            t.field = "presence";
            put(t.old_value, sizeof t.old_value, "present");
            put(t.new_value, sizeof t.new_value, "absent");
        }
        emit(&o, RV_FLAG_LEFT_CANDIDATES, "previous", CLS(prev), cur ? CLS(cur) : NULL, &t,
             cur ? "no longer passes the candidate filter" : "no longer carried in the sample's VCF");
    } else if (!was && is) {
        int tier = rv_class_tier(CLS(cur));
        int clinvar_plp = cur->clinvar_tier && strcmp(cur->clinvar_tier, "P/LP") == 0;
        if (tier >= rules->new_candidate_min_tier || clinvar_plp) {
            if (prev) { if (!relevance_trigger(prev, cur, rules, &t)) current_trigger(prev, cur, &t); }
            else current_trigger(NULL, cur, &t);
            emit(&o, RV_FLAG_NEW_CANDIDATE, "previous", prev ? CLS(prev) : NULL, CLS(cur), &t, NULL);
        }
    } else if (was && is) {
        /* a class moved for want of evidence is no change, unless ClinVar moved with it */
        int quiet_move = unsupported_move(rules, CLS(prev), cur) && same_str(prev->clinvar_tier, cur->clinvar_tier);
        int cat = quiet_move ? -1 : class_category(CLS(prev), CLS(cur));
        /* the same move against the reported class already says it */
        if (cat >= 0 && cat == reported_cat && same_str(reported, CLS(prev))) return o.n;
        if (cat >= 0 && cat != RV_FLAG_EVIDENCE_CHANGED) {
            if (!diff_trigger(prev, cur, rules, &t)) current_trigger(prev, cur, &t);
            emit(&o, (rv_flag_cat)cat, "previous", CLS(prev), CLS(cur), &t, NULL);
        } else {
            candidate_changes(&o, prev, cur, rules, cv_cat >= 0, quiet_move);
        }
    }
    return o.n;
}

/* 1 when the call's genotype does not (yet) fit its gene's inheritance. */
static int not_fitting(const rv_call *c)
{
    return c && c->fit && (strcmp(c->fit, "second_hit_needed") == 0 || strcmp(c->fit, "does_not_fit") == 0);
}

int rv_flags_compare(const rv_call *prev, const rv_call *cur, const char *reported,
                     int has_previous_run, const rv_flag_rules *rules, rv_flag *out)
{
    out_list o = { out, compare(prev, cur, reported, has_previous_run, rules, out) };
    /* a compound heterozygous pair newly formed (the partner was upgraded, or newly seen):
     * its own flag, unless this variant already has one this run, which then names it */
    /* (a previous call stored by a revus before families has no fit: its pairs are not new) */
    int paired = has_previous_run && cur && cur->candidate && cur->partner &&
                 (!prev || (prev->fit && !same_str(prev->partner, cur->partner)));
    if (paired && o.n > 0) {
        size_t len = strlen(out[0].detail);
        snprintf(out[0].detail + len, sizeof out[0].detail - len, "; now compound heterozygous with %s", cur->partner);
    } else if (paired) {
        trigger t;
        char what[160];
        memset(&t, 0, sizeof t);
        t.source = "family";
        t.field = "partner";
        t.moved = 1;
        put(t.old_value, sizeof t.old_value, prev ? prev->partner : NULL);
        put(t.new_value, sizeof t.new_value, cur->partner);
        snprintf(what, sizeof what, "%s and %s in %s", cur->variant, cur->partner, cur->gene ? cur->gene : "the same gene");
        emit(&o, RV_FLAG_SECOND_HIT, "previous", prev ? CLS(prev) : NULL, CLS(cur), &t, what);
    }
    /* a candidate that does not fit is less urgent; a downgrade or a change of evidence is
     * as urgent as ever */
    if (not_fitting(cur) && rules->not_fitting_priority_drop > 0)
        for (int i = 0; i < o.n; i++) {
            rv_flag *f = &out[i];
            if (f->cat != RV_FLAG_VUS_UPGRADED && f->cat != RV_FLAG_NEW_CANDIDATE) continue;
            f->priority += rules->not_fitting_priority_drop;
            if (f->priority > 5) f->priority = 5;
            size_t len = strlen(f->detail);
            snprintf(f->detail + len, sizeof f->detail - len, "; genotype: %s, less urgent",
                     strcmp(cur->fit, "does_not_fit") == 0 ? "does not fit" : "second hit needed");
        }
    return o.n;
}
