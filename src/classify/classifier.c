/* classify/classifier.c: ACMG/AMP criteria from one variant's evidence, summed on the points scale,
 * with ClinVar beside them and the effective class. Thresholds come from the rules
 * (classify/rules.c); this file holds only the logic of each criterion. */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "classify/rules_internal.h"
#include "variant/moi.h"

#define RV_MAX_RESIDUE_HITS 16   /* ClinVar changes asked for at one residue */

/* ---- small helpers ---------------------------------------------------------------- */

static void note(rv_classification *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(rv_classification *r, const char *fmt, ...)
{
    if (r->n_notes >= RV_MAX_NOTES) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->notes[r->n_notes++], RV_NOTE_LEN, fmt, ap);
    va_end(ap);
}

static void prov(char *buf, size_t n, const rv_provenance *p)
{
    snprintf(buf, n, "%s@%s", p->source ? p->source : "unknown", p->version ? p->version : "unknown");
}

static rv_criterion *add(rv_classification *r, const rv_classifier *c, const char *code,
                         int strength, const char *source, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
static rv_criterion *add(rv_classification *r, const rv_classifier *c, const char *code,
                         int strength, const char *source, const char *fmt, ...)
{
    if (r->n_criteria >= RV_MAX_CRITERIA) return NULL;
    rv_criterion *k = &r->criteria[r->n_criteria++];
    snprintf(k->code, sizeof k->code, "%s", code);
    k->strength = strength;
    k->points = strength == RV_STR_STANDALONE ? 0 : c->points[strength];
    if (rv_code_is_benign(code)) k->points = -k->points;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(k->value, sizeof k->value, fmt, ap);
    va_end(ap);
    snprintf(k->source, sizeof k->source, "%s", source);
    return k;
}

static const rv_criterion *met(const rv_classification *r, const char *code)
{
    for (int i = 0; i < r->n_criteria; i++)
        if (strcmp(r->criteria[i].code, code) == 0) return &r->criteria[i];
    return NULL;
}

static int str_eq(const rv_str *s, const char *t)
{
    size_t n = strlen(t);
    return s->n == n && memcmp(s->s, t, n) == 0;
}

static int in_list(const rv_str *s, const rv_strlist *l)
{
    for (int i = 0; i < l->n; i++)
        if (str_eq(s, l->v[i])) return 1;
    return 0;
}

/* Does the consequence ('&'- or ','-joined SO terms) contain a term of group g? */
static int cons_is(const rv_classifier *c, const rv_evidence *ev, int g)
{
    if (!ev->has_csq) return 0;
    const char *s = ev->consequence.s, *end = s + ev->consequence.n;
    while (s < end) {
        const char *e = s;
        while (e < end && *e != '&' && *e != ',') e++;
        rv_str t = { s, (size_t)(e - s) };
        if (in_list(&t, &c->cons[g])) return 1;
        s = e + 1;
    }
    return 0;
}

/* A score's name is its source's descriptor name: "revel-grch38" counts as "revel". */
static int score_name_is(const char *name, const char *want)
{
    size_t n = strlen(want);
    return strncasecmp(name, want, n) == 0 && (name[n] == '\0' || name[n] == '-');
}

static int find_score(const rv_evidence *ev, const rv_strlist *names, double *v,
                      const rv_provenance **src)
{
    for (int i = 0; i < ev->n_scores && i < RV_MAX_SCORES; i++) {
        if (!ev->scores[i].name || isnan(ev->scores[i].value)) continue;
        for (int k = 0; k < names->n; k++)
            if (score_name_is(ev->scores[i].name, names->v[k])) {
                *v = ev->scores[i].value;
                *src = &ev->scores[i].src;
                return 1;
            }
    }
    return 0;
}

static const rv_gene_override *gene_override(const rv_classifier *c, const rv_evidence *ev)
{
    if (!ev->has_csq || !ev->gene.n) return NULL;
    for (int i = 0; i < c->n_ovr; i++)
        if (str_eq(&ev->gene, c->ovr[i].gene)) return &c->ovr[i];
    return NULL;
}

/* ---- mode of inheritance ---------------------------------------------------------- */

typedef enum { MOI_UNKNOWN = 0, MOI_AD, MOI_AR, MOI_BOTH, MOI_XL, MOI_MT, MOI_IMPRINTED } moi_kind;
static const char *const moi_names[] = { "unknown", "AD", "AR", "AD/AR", "XL", "MT", "imprinted" };

/* BS2 needs only the coarse kind of pipeline/moi.tsv's code (variant/moi.h). A healthy
 * heterozygote in an imprinted gene may carry the variant on the silenced allele, so an
 * imprinted gene counts homozygotes, as a recessive one does. */
static moi_kind moi_of(const rv_str *s)
{
    static const moi_kind kind[RV_MOI_N] = {
        [RV_MOI_AD] = MOI_AD, [RV_MOI_AR] = MOI_AR, [RV_MOI_ADAR] = MOI_BOTH, [RV_MOI_XLR] = MOI_XL,
        [RV_MOI_XLD] = MOI_XL, [RV_MOI_XL] = MOI_XL, [RV_MOI_MT] = MOI_MT,
        [RV_MOI_AD_IMP_MAT] = MOI_IMPRINTED, [RV_MOI_AD_IMP_PAT] = MOI_IMPRINTED };
    return kind[rv_moi_parse(s->s, s->n)];
}

static moi_kind gene_moi(const rv_evidence *ev, const rv_provenance **src)
{
    moi_kind k = MOI_UNKNOWN;
    if (ev->has_validity && ev->validity_moi.n && (k = moi_of(&ev->validity_moi))) {
        *src = &ev->validity_src;
        return k;
    }
    if (ev->has_panel && ev->panel_moi.n && (k = moi_of(&ev->panel_moi))) *src = &ev->panel_src;
    return k;
}

/* ---- frequency criteria: BA1, BS1, PM2, BS2 ---------------------------------------- */

static int ba1_exception(const rv_classifier *c, const rv_evidence *ev)
{
    for (int i = 0; i < c->n_ba1_exc; i++) {
        const rv_ba1_exception *e = &c->ba1_exc[i];
        if (c->build != RV_BUILD_UNKNOWN && e->build != c->build) continue;
        if (e->contig == ev->key.contig && e->pos == ev->key.pos &&
            strlen(e->ref) == ev->key.ref_len && strlen(e->alt) == ev->key.alt_len &&
            strncasecmp(e->ref, ev->key.ref, ev->key.ref_len) == 0 &&
            strncasecmp(e->alt, ev->key.alt, ev->key.alt_len) == 0)
            return 1;
    }
    return 0;
}

/* "chr21" when the source has nothing on the contig, "chr21:1234" when its declared
 * regions leave the position out. */
static const char *uncovered_site(const rv_evidence *ev, char *buf, size_t n)
{
    const char *name = rv_contig_name(ev->key.contig);
    if (ev->pop_gap_partial) snprintf(buf, n, "chr%s:%lld", name ? name : "?", (long long)ev->key.pos);
    else snprintf(buf, n, "chr%s", name ? name : "?");
    return buf;
}

/* The population sources' say on the variant: ev->pops, or, for a caller that filled only
 * the single record, that record (or the declared source's silence). Returns how many. */
static int pop_views(const rv_classifier *c, const rv_evidence *ev, struct rv_pop *v)
{
    if (ev->n_pops > 0) {
        memcpy(v, ev->pops, (size_t)ev->n_pops * sizeof *v);
        return ev->n_pops;
    }
    if (!ev->has_pop && !ev->pop_src.source && (ev->pop_gap.source || !c->pop_src.source)) return 0;
    v[0] = (struct rv_pop){ ev->has_pop, ev->af, ev->af_grpmax, ev->faf95, ev->an, ev->ac, ev->nhomalt,
                            ev->nhemi, ev->pop_src.source ? ev->pop_src : c->pop_src };
    return 1;
}

/* First AF field of the list that one population record has (not NAN). */
static int pop_af(const struct rv_pop *p, const rv_strlist *fields, double *af, const char **name)
{
    for (int i = 0; i < fields->n; i++) {
        const char *f = fields->v[i];
        double v = strcmp(f, "af") == 0 ? p->af : strcmp(f, "af_grpmax") == 0 ? p->af_grpmax : p->faf95;
        if (!isnan(v)) { *af = v; *name = f; return 1; }
    }
    return 0;
}

/* The record with the highest frequency (fields of a rule) among those that have one. */
static const struct rv_pop *highest(const struct rv_pop *v, int n, const rv_strlist *fields, double *af,
                                    const char **name)
{
    const struct rv_pop *best = NULL;
    for (int i = 0; i < n; i++) {
        double x;
        const char *f;
        if (!v[i].has || !pop_af(&v[i], fields, &x, &f)) continue;
        if (!best || x > *af) { best = &v[i]; *af = x; *name = f; }
    }
    return best;
}

/* The record with the largest count (offset of an int64_t in struct rv_pop), -1 when none. */
static const struct rv_pop *largest(const struct rv_pop *v, int n, size_t off)
{
    const struct rv_pop *best = NULL;
    for (int i = 0; i < n; i++) {
        int64_t x = *(const int64_t *)((const char *)&v[i] + off);
        if (v[i].has && x >= 0 && (!best || x > *(const int64_t *)((const char *)best + off))) best = &v[i];
    }
    return best;
}

/* BA1, BS1, PM2 and BS2 across every population source that covers the variant
 * (docs/classification.md): BA1 and BS1 from the source with the highest frequency,
 * PM2 only when every covering source has the variant absent or rare enough, BS2 from
 * the largest count; each criterion names the source(s) that decided it. */
static void frequency_criteria(const rv_classifier *c, const rv_evidence *ev, rv_classification *r)
{
    char buf[64];
    char src[RV_CRIT_SOURCE];
    struct rv_pop v[RV_MAX_POPS];
    int n = pop_views(c, ev, v);
    if (n == 0 && ev->pop_gap.source) {
        /* absence is evidence only where the source has data (docs/classification.md) */
        note(r, "BA1,BS1,BS2,PM2: not evaluated: %s not covered by %s %s", uncovered_site(ev, buf, sizeof buf),
             ev->pop_gap.source, ev->pop_gap.version ? ev->pop_gap.version : "");
        return;
    }
    if (n == 0) {
        note(r, "BA1,BS1,BS2,PM2: not evaluated: no population-frequency source");
        return;
    }
    const rv_gene_override *g = gene_override(c, ev);
    double af = 0;
    const char *field = NULL;
    int ba1 = 0;
    const struct rv_pop *p = highest(v, n, &c->ba1.af_fields, &af, &field);
    if (!p) {
        for (int i = 0; i < n; i++)
            if (v[i].has) { note(r, "BA1: not evaluated: no allele frequency"); break; }
    } else if (af > c->ba1.thr) {
        if (p->an < c->ba1.min_an)
            note(r, "BA1: not applied: %s=%.4g but AN=%lld below %lld", field, af,
                 (long long)p->an, (long long)c->ba1.min_an);
        else if (ba1_exception(c, ev))
            note(r, "BA1: not applied: on the ClinGen SVI BA1 exception list");
        else {
            prov(src, sizeof src, &p->src);
            ba1 = add(r, c, "BA1", RV_STR_STANDALONE, src, "%s=%.4g AN=%lld", field, af, (long long)p->an) != NULL;
        }
    }
    double bs1 = g && g->has_bs1 ? g->bs1_af_gt : c->bs1.thr;
    if (!ba1 && (p = highest(v, n, &c->bs1.af_fields, &af, &field)) && af > bs1) {
        if (p->an < c->bs1.min_an)
            note(r, "BS1: not applied: AN=%lld below %lld", (long long)p->an, (long long)c->bs1.min_an);
        else {
            prov(src, sizeof src, &p->src);
            add(r, c, "BS1", RV_STR_STRONG, src, "%s=%.4g>%g%s", field, af, bs1, g && g->has_bs1 ? " gene" : "");
        }
    }
    /* PM2: absent or rare enough in every covering source; the value is the first record's */
    double pm2 = g && g->has_pm2 ? g->pm2_af_le : c->pm2.thr;
    int all = 1;
    char value[RV_CRIT_VALUE] = "absent";
    size_t k = 0;
    src[0] = '\0';
    for (int i = 0; i < n && all; i++) {
        if (v[i].has && v[i].ac != 0) {
            if (!pop_af(&v[i], &c->pm2.af_fields, &af, &field) || af > pm2) { all = 0; break; }
            if (!strcmp(value, "absent")) snprintf(value, sizeof value, "%s=%.4g<=%g", field, af, pm2);
        } else if (v[i].has && !strcmp(value, "absent")) {
            snprintf(value, sizeof value, "AC=0");
        }
        if (k + 1 < sizeof src) {
            char one[RV_CRIT_SOURCE];
            prov(one, sizeof one, &v[i].src);
            k += (size_t)snprintf(src + k, sizeof src - k, "%s%s", k ? "+" : "", one);
        }
    }
    if (all) add(r, c, "PM2", c->pm2_strength, src, "%s", value);
    int seen = 0;
    for (int i = 0; i < n; i++) seen |= v[i].has;
    if (!seen) return;        /* absent everywhere: nothing to count for BS2 */

    const rv_provenance *msrc = NULL;
    moi_kind moi = gene_moi(ev, &msrc);
    if (moi == MOI_UNKNOWN || moi == MOI_MT) {
        note(r, "BS2: not evaluated: gene inheritance %s", moi == MOI_MT ? "mitochondrial" : "unknown");
        return;
    }
    size_t off = moi == MOI_AD ? offsetof(struct rv_pop, ac) : moi == MOI_XL ? offsetof(struct rv_pop, nhemi)
                                                                             : offsetof(struct rv_pop, nhomalt);
    p = largest(v, n, off);
    if (!p) {
        note(r, "%s", moi == MOI_AD ? "BS2: not evaluated: no allele count"
                             : moi == MOI_XL ? "BS2: not evaluated: no hemizygote count (X-linked gene)"
                                             : "BS2: not evaluated: no homozygote count");
        return;
    }
    prov(src, sizeof src, &p->src);
    if (moi == MOI_AD && p->ac >= c->bs2_dom_ac)
        add(r, c, "BS2", RV_STR_STRONG, src, "AC=%lld (AD)", (long long)p->ac);
    else if (moi == MOI_XL && p->nhemi >= c->bs2_xl_nhemi)
        add(r, c, "BS2", RV_STR_STRONG, src, "nhemi=%lld (XL)", (long long)p->nhemi);
    else if (moi != MOI_AD && moi != MOI_XL && p->nhomalt >= c->bs2_rec_nhomalt)
        add(r, c, "BS2", RV_STR_STRONG, src, "nhomalt=%lld (%s)", (long long)p->nhomalt, moi_names[moi]);
}

/* ---- consequence criteria --------------------------------------------------------- */

static void csq_source(const rv_evidence *ev, char *buf, size_t n)
{
    /* the input's own CSQ/ANN/BCSQ, or a gene model that names itself "source@version" */
    if (ev->csq_source.s && memchr(ev->csq_source.s, '@', ev->csq_source.n))
        snprintf(buf, n, "%.*s", (int)ev->csq_source.n, ev->csq_source.s);
    else
        snprintf(buf, n, "input@%.*s", (int)ev->csq_source.n, ev->csq_source.s ? ev->csq_source.s : "");
}

/* PanelApp's mode of pathogenicity says loss of function does not cause the phenotype. */
static int panel_blocks_lof(const rv_evidence *ev)
{
    if (!ev->has_panel || !ev->panel_mop.n) return 0;
    static const char phrase[] = "do not cause";
    size_t n = sizeof phrase - 1;
    for (size_t i = 0; i + n <= ev->panel_mop.n; i++)
        if (strncasecmp(ev->panel_mop.s + i, phrase, n) == 0) return 1;
    return 0;
}

static int pvs1(const rv_classifier *c, const rv_evidence *ev, rv_classification *r)
{
    int null = cons_is(c, ev, RV_CG_NULL), spl = cons_is(c, ev, RV_CG_CANON_SPLICE);
    int start = cons_is(c, ev, RV_CG_START_LOST);
    if (!null && !spl && !start) return 0;
    if (ev->lof_mechanism < 0 || panel_blocks_lof(ev)) {
        note(r, "PVS1: not applied: loss of function is known not to cause disease in %.*s",
             (int)ev->gene.n, ev->gene.s);
        return 0;
    }
    /* loss of function as the gene's mechanism: a gene-regions source says so, or its
     * ClinGen haploinsufficiency score is one the rules count */
    const rv_provenance *mech = ev->lof_mechanism == 1 ? &ev->lof_src : NULL;
    if (!mech && ev->hi_score.n && in_list(&ev->hi_score, &c->pvs1_hi_scores)) mech = &ev->dosage_src;
    if (!mech && c->pvs1_require_mech) {
        if (!ev->lof_sources)
            note(r, "PVS1: not evaluated: no loss-of-function mechanism source");
        else if (ev->hi_score.n)
            note(r, "PVS1: not evaluated: %.*s haploinsufficiency score %.*s (%s %s)",
                 (int)ev->gene.n, ev->gene.s, (int)ev->hi_score.n, ev->hi_score.s,
                 ev->dosage_src.source ? ev->dosage_src.source : "?", ev->dosage_src.version ? ev->dosage_src.version : "?");
        else
            note(r, "PVS1: not evaluated: loss-of-function mechanism of %.*s unknown", (int)ev->gene.n, ev->gene.s);
        return 0;
    }
    char src[RV_CRIT_SOURCE];
    csq_source(ev, src, sizeof src);
    if (mech && mech->source) {       /* the consequence's source and the mechanism's */
        size_t l = strlen(src);
        snprintf(src + l, sizeof src - l, "+%s@%s", mech->source, mech->version ? mech->version : "?");
    }
    const char *cq = null ? "null" : spl ? "canonical_splice" : "start_lost";
    if (spl) return add(r, c, "PVS1", c->pvs1_splice, src, "%.*s", (int)ev->consequence.n, ev->consequence.s) != NULL;
    if (start) return add(r, c, "PVS1", c->pvs1_start_lost, src, "%s", cq) != NULL;
    int s;
    const char *why;
    int escapes = ev->nmd >= 2;       /* a gene model placed the stop (50-55 nt rule) */
    if (ev->nmd == 1) {
        s = c->pvs1_null_nmd; why = "NMD predicted (50-55 nt rule)";
    } else if (escapes && ev->protein_len > 0 && ev->protein_pos > 0 && ev->protein_pos <= ev->protein_len) {
        double removed = (double)(ev->protein_len - ev->protein_pos + 1) / ev->protein_len;
        s = removed >= c->pvs1_last_fraction ? c->pvs1_last_ge : c->pvs1_last_lt;
        why = removed >= c->pvs1_last_fraction ? "escapes NMD, removes >= fraction" : "escapes NMD, removes < fraction";
    } else if (ev->exon <= 0 || ev->n_exons <= 0 || ev->exon > ev->n_exons) {
        s = c->pvs1_null_exon_unknown; why = "exon unknown";
    } else if (ev->exon < ev->n_exons - 1) {
        s = c->pvs1_null_nmd; why = "NMD predicted";
    } else if (ev->exon == ev->n_exons - 1) {
        s = c->pvs1_null_penult; why = "penultimate exon";
    } else if (ev->protein_len > 0 && ev->protein_pos > 0 && ev->protein_pos <= ev->protein_len) {
        double removed = (double)(ev->protein_len - ev->protein_pos + 1) / ev->protein_len;
        s = removed >= c->pvs1_last_fraction ? c->pvs1_last_ge : c->pvs1_last_lt;
        why = removed >= c->pvs1_last_fraction ? "last exon, removes >= fraction" : "last exon, removes < fraction";
    } else {
        s = c->pvs1_last_unknown; why = "last exon, protein length unknown";
    }
    return add(r, c, "PVS1", s, src, "%.*s exon %d/%d %s", (int)ev->consequence.n, ev->consequence.s,
               ev->exon, ev->n_exons, why) != NULL;
}

static void pm4_bp3(const rv_classifier *c, const rv_evidence *ev, rv_classification *r)
{
    int inframe = cons_is(c, ev, RV_CG_INFRAME), stoploss = cons_is(c, ev, RV_CG_STOP_LOST);
    if (!inframe && !stoploss) return;
    char src[RV_CRIT_SOURCE];
    csq_source(ev, src, sizeof src);
    if (inframe && ev->in_repeat == 1) {
        add(r, c, "BP3", c->bp3, src, "in-frame in repeat region");
        return;
    }
    if (c->pm4_skip_pvs1 && met(r, "PVS1")) {
        note(r, "PM4: not applied: PVS1 already counts this protein change");
        return;
    }
    add(r, c, "PM4", c->pm4, src, "%s", stoploss ? "stop_lost" : "in-frame indel");
}

/* Intronic offset from HGVSc "c.123+8A>G" (donor side, > 0) or "c.124-25T>C" (acceptor
 * side, < 0); 0 when exonic or unknown. */
static int hgvs_intron_offset(const rv_str *h)
{
    const char *s = h->s, *end = h->s + h->n;
    for (; s + 1 < end; s++)
        if (s[0] == 'c' && s[1] == '.') break;
    if (s + 1 >= end) return 0;
    s += 2;
    if (s < end && (*s == '-' || *s == '*')) s++;
    if (s >= end || !isdigit((unsigned char)*s)) return 0;
    while (s < end && isdigit((unsigned char)*s)) s++;
    if (s >= end || (*s != '+' && *s != '-')) return 0;
    int sign = *s == '+' ? 1 : -1, v = 0;
    for (s++; s < end && isdigit((unsigned char)*s) && v < 100000; s++) v = v * 10 + (*s - '0');
    return sign * v;
}

static void computational(const rv_classifier *c, const rv_evidence *ev, rv_classification *r,
                          int pvs1_met)
{
    const rv_predictor *p = &c->pred[c->pred_sel];
    double spl = NAN, sc = NAN;
    const rv_provenance *spl_src = NULL, *sc_src = NULL;
    int has_spl = find_score(ev, &c->splice_names, &spl, &spl_src);
    char src[RV_CRIT_SOURCE];
    int spl_pp3 = has_spl && spl >= c->splice_pp3_min;
    r->splice_pp3 = spl_pp3;

    if (cons_is(c, ev, RV_CG_MISSENSE)) {
        int pp3 = 0, bp4 = 0;
        if (find_score(ev, &p->score_names, &sc, &sc_src)) {
            for (int i = 0; i < p->n_pp3 && !pp3; i++) if (sc >= p->pp3[i].thr) pp3 = p->pp3[i].strength;
            for (int i = 0; i < p->n_bp4 && !bp4; i++) if (sc <= p->bp4[i].thr) bp4 = p->bp4[i].strength;
            if (!pp3 && !bp4) note(r, "PP3/BP4: %s=%.4g indeterminate", p->name, sc);
        } else {
            note(r, "PP3/BP4: not evaluated: no %s score", p->name);
        }
        if (pp3 && pp3 >= (spl_pp3 ? c->splice_pp3 : 0)) {
            prov(src, sizeof src, sc_src);
            add(r, c, "PP3", pp3, src, "%s=%.4g", p->name, sc);
        } else if (spl_pp3) {
            prov(src, sizeof src, spl_src);
            add(r, c, "PP3", c->splice_pp3, src, "SpliceAI=%.3g", spl);
            if (bp4) note(r, "BP4: not applied: %s=%.4g but SpliceAI predicts a splice effect", p->name, sc);
        } else if (bp4) {
            if (has_spl && spl > c->splice_bp4_max) {
                note(r, "BP4: not applied: SpliceAI=%.3g indeterminate", spl);
            } else {
                prov(src, sizeof src, sc_src);
                add(r, c, "BP4", bp4, src, "%s=%.4g", p->name, sc);
                if (!has_spl) note(r, "BP4: splicing not checked (no SpliceAI score)");
            }
        }
        return;
    }
    /* non-missense: splicing predictions only; PVS1 already counts a canonical splice
     * or null variant (Walker 2023: no PP3 on top of PVS1) */
    if (pvs1_met) return;
    int syn = cons_is(c, ev, RV_CG_SYNONYMOUS);
    int intr = !syn && cons_is(c, ev, RV_CG_INTRONIC);
    if (!has_spl) {
        note(r, "PP3/BP4%s: not evaluated: no SpliceAI score", syn || intr ? "/BP7" : "");
        return;
    }
    prov(src, sizeof src, spl_src);
    if (spl_pp3) {
        add(r, c, "PP3", c->splice_pp3, src, "SpliceAI=%.3g", spl);
        return;
    }
    int deep = 0;
    if (intr && ev->hgvsc.n) {
        int off = hgvs_intron_offset(&ev->hgvsc);
        deep = off >= c->bp7_donor_min || -off >= c->bp7_acceptor_min;
    }
    if ((syn || deep) && spl <= c->splice_bp7_max)
        add(r, c, "BP7", c->splice_bp7, src, "SpliceAI=%.3g%s", spl, syn ? " synonymous" : " deep intronic");
    else if (spl <= c->splice_bp4_max)
        add(r, c, "BP4", c->splice_bp4, src, "SpliceAI=%.3g", spl);
    else
        note(r, "PP3/BP4: SpliceAI=%.3g indeterminate", spl);
}

/* A comparator known only as likely pathogenic counts one level lower (rules PS1_PM5). */
static int comparator_lp(const rv_residue_hit *h)
{
    return h->cls != RV_CV_CLASS_P && h->cls != RV_CV_CLASS_PLP;
}

static void ps1_pm5(const rv_classifier *c, const rv_evidence *ev, rv_classification *r)
{
    if (!cons_is(c, ev, RV_CG_MISSENSE)) return;
    if (!c->residues) {
        note(r, "PS1/PM5: not evaluated: %s", c->residue_gap[0] ? c->residue_gap : "no residue source");
        return;
    }
    char ref = rv_aa_one_letter(ev->aa_ref.s, ev->aa_ref.n);
    char alt = rv_aa_one_letter(ev->aa_alt.s, ev->aa_alt.n);
    if (ev->protein_pos <= 0 || !ref || !alt || !ev->gene.n) {
        note(r, "PS1/PM5: not evaluated: protein change unknown");
        return;
    }
    rv_residue_hit hits[RV_MAX_RESIDUE_HITS];
    int n = c->residues(c->residues_ctx, ev->gene.s, ev->gene.n, ev->protein_pos, hits, RV_MAX_RESIDUE_HITS);
    if (n < 0) { note(r, "PS1/PM5: not evaluated: residue lookup failed"); return; }
    /* the best comparator of each kind: the same change (PS1), another missense (PM5) */
    const rv_residue_hit *same = NULL, *other = NULL, *splice = NULL;
    char others[RV_MAX_RESIDUE_HITS + 1] = "";
    int n_others = 0;
    for (int i = 0; i < n && i < RV_MAX_RESIDUE_HITS; i++) {
        const rv_residue_hit *h = &hits[i];
        if (h->tier != RV_CV_TIER_PLP || h->stars < c->ps_min_stars || h->aa_ref != ref) continue;
        if (h->variation_id >= 0 && h->variation_id == ev->variation_id) continue;
        if (h->terms & c->ps_exclude_terms) { if (!splice) splice = h; continue; }
        if (h->aa_alt == alt) {
            if (!same || (comparator_lp(same) && !comparator_lp(h))) same = h;
        } else if (h->aa_alt != '*') {
            if (!other || (comparator_lp(other) && !comparator_lp(h))) other = h;
            if (!strchr(others, h->aa_alt)) others[n_others++] = h->aa_alt;
        }
    }
    if (same) {
        add(r, c, "PS1", comparator_lp(same) ? c->ps1_lp : c->ps1, same->source, "p.%c%d%c as ClinVar %lld %d* %s", ref,
            ev->protein_pos, alt, (long long)same->variation_id, same->stars, rv_clinvar_class_name(same->cls));
    } else if (other) {
        int several = c->pm5_several_min > 0 && n_others >= c->pm5_several_min;
        int s = several ? c->pm5_several : comparator_lp(other) ? c->pm5_lp : c->pm5;
        add(r, c, "PM5", s, other->source, "p.%c%d%c %s, ours %c (ClinVar %lld %d*%s%s)", ref, ev->protein_pos,
            other->aa_alt, rv_clinvar_class_name(other->cls), alt, (long long)other->variation_id, other->stars,
            several ? "; other changes known: " : "", several ? others : "");
    }
    if (splice && !same)
        note(r, "PS1%s: not applied: ClinVar %lld p.%c%d%c is in a splice site or region", 
             other ? "" : "/PM5", (long long)splice->variation_id, ref, ev->protein_pos, splice->aa_alt);
}

static void pp2_bp1(const rv_classifier *c, const rv_evidence *ev, rv_classification *r)
{
    if (!cons_is(c, ev, RV_CG_MISSENSE)) return;
    if (!c->has_pp2_genes && !c->has_bp1_genes) {
        note(r, "PP2/BP1: not evaluated: no gene list configured");
        return;
    }
    int pp2 = c->has_pp2_genes && (in_list(&ev->gene, &c->pp2_genes) || (ev->hgnc_id.n && in_list(&ev->hgnc_id, &c->pp2_genes)));
    int bp1 = c->has_bp1_genes && (in_list(&ev->gene, &c->bp1_genes) || (ev->hgnc_id.n && in_list(&ev->hgnc_id, &c->bp1_genes)));
    if (pp2) add(r, c, "PP2", c->pp2, "rules@PP2_BP1.pp2_genes", "%.*s missense-constrained", (int)ev->gene.n, ev->gene.s);
    if (bp1) add(r, c, "BP1", c->bp1, "rules@PP2_BP1.bp1_genes", "%.*s truncating mechanism", (int)ev->gene.n, ev->gene.s);
}

/* PS2 (confirmed) / PM6 (assumed) de novo, at the ClinGen SVI points for the phenotype
 * consistency the rules state. */
static void de_novo(const rv_classifier *c, const rv_evidence *ev, rv_classification *r)
{
    if (!ev->de_novo) return;
    int confirmed = ev->de_novo == 2;
    double pts = c->dn_points[confirmed];
    const char *code = confirmed ? "PS2" : "PM6";
    for (int i = 0; i < c->n_dn_band; i++)
        if (pts >= c->dn_band[i].min) {
            add(r, c, code, c->dn_band[i].strength, "family", "de novo (%s), %g SVI points",
                confirmed ? "parentage confirmed" : "parentage assumed", pts);
            return;
        }
    note(r, "%s: de novo, but %g SVI points for the stated phenotype reach no strength", code, pts);
}

/* PM1 + PP3 together count at most pm1_pp3_max points (Pejaver 2022). */
static void cap_pm1_pp3(const rv_classifier *c, rv_classification *r)
{
    const rv_criterion *pm1 = met(r, "PM1");
    rv_criterion *pp3 = (rv_criterion *)met(r, "PP3");
    if (pm1 && pp3 && pm1->points + pp3->points > c->pm1_pp3_max) {
        pp3->points = c->pm1_pp3_max - pm1->points;
        if (pp3->points < 0) pp3->points = 0;
        note(r, "PP3: capped so that PM1+PP3 <= %d points", c->pm1_pp3_max);
    }
}

/* ---- class, tier, effective class ------------------------------------------------- */

static int class_of(const rv_classifier *c, const rv_classification *r)
{
    if (met(r, "BA1")) return RV_CLASS_B;
    if (r->points >= c->p_min) return RV_CLASS_P;
    if (r->points >= c->lp_min) return RV_CLASS_LP;
    if (r->points <= c->b_max) return RV_CLASS_B;
    if (r->points <= c->lb_max) return RV_CLASS_LB;
    return RV_CLASS_VUS;
}

static int effective(const rv_classifier *c, const rv_evidence *ev, rv_classification *r, rv_err *err)
{
    int rc = 0;
    for (int i = 0; i < c->n_order; i++) {
        switch (c->order[i]) {
        case RV_RULE_LAB:
            if (!ev->has_lab) break;
            {
                int cls = rv_class_parse(ev->lab_class.s, ev->lab_class.n);
                if (!cls) {
                    rc = rv_err_set(err, RV_ESOURCE, "lab classification: unknown class '%.*s'",
                                    (int)ev->lab_class.n, ev->lab_class.s);
                    break;
                }
                r->effective_class = cls;
                r->rule = RV_RULE_LAB;
                snprintf(r->rule_text, sizeof r->rule_text, "lab");
                return rc;
            }
        case RV_RULE_CLINVAR:
            if (!r->has_clinvar || r->clinvar.stars < c->cv_min_stars) break;
            if (c->cv_class[r->clinvar.cls]) {
                r->effective_class = c->cv_class[r->clinvar.cls];
                r->rule = RV_RULE_CLINVAR;
                snprintf(r->rule_text, sizeof r->rule_text, "clinvar>=%d*", c->cv_min_stars);
                return rc;
            }
            break;
        default:
            r->effective_class = r->acmg_class;
            r->rule = RV_RULE_ACMG;
            snprintf(r->rule_text, sizeof r->rule_text, "acmg");
            return rc;
        }
    }
    return rc;
}

int rv_classify(const rv_classifier *c, const rv_evidence *ev, rv_classification *r, rv_err *err)
{
    memset(r, 0, sizeof *r);
    r->vus_tier = -1;
    int rc = 0;

    frequency_criteria(c, ev, r);
    if (!ev->has_csq) {
        note(r, "PVS1,PS1,PM4,PM5,PP2,PP3,BP1,BP3,BP4,BP7: not evaluated: no consequence annotation");
    } else {
        int pv = pvs1(c, ev, r);
        pm4_bp3(c, ev, r);
        computational(c, ev, r, pv);
        ps1_pm5(c, ev, r);
        pp2_bp1(c, ev, r);
    }
    de_novo(c, ev, r);
    cap_pm1_pp3(c, r);

    for (int i = 0; i < r->n_criteria; i++) r->points += r->criteria[i].points;
    r->acmg_class = class_of(c, r);
    if (r->acmg_class == RV_CLASS_VUS) {
        for (int t = 0; t < c->n_vus; t++)
            if (!c->vus[t].has_min || r->points >= c->vus[t].min) {
                r->vus_tier = t;
                r->vus_tier_name = c->vus[t].name;
                break;
            }
    }

    if (ev->has_clinvar) {
        int crc = rv_clinvar_parse(ev->clnsig.s, ev->clnsig.n, ev->clnrevstat.s, ev->clnrevstat.n,
                                   ev->clnsigconf.s, ev->clnsigconf.n, &r->clinvar, err);
        if (crc) rc = crc;
        else r->has_clinvar = 1;
    }
    int erc = effective(c, ev, r, rc ? NULL : err);
    return rc ? rc : erc;
}

/* ---- open / close ----------------------------------------------------------------- */

int rv_classifier_open(const char *path, rv_classifier **out, rv_err *err)
{
    *out = NULL;
    rv_classifier *c = calloc(1, sizeof *c);
    if (!c) return rv_err_set(err, RV_ENOMEM, "out of memory");
    int rc = rv_acmg_rules_load(path, c, err);
    if (rc) {
        rv_acmg_rules_free(c);
        free(c);
        return rc;
    }
    *out = c;
    return 0;
}

void rv_classifier_close(rv_classifier *c)
{
    if (!c) return;
    if (c->residues_free) c->residues_free(c->residues_ctx);
    rv_acmg_rules_free(c);
    free(c);
}

void rv_classifier_set_build(rv_classifier *c, rv_build build) { c->build = build; }

void rv_classifier_set_residue_gap(rv_classifier *c, const char *why)
{
    snprintf(c->residue_gap, sizeof c->residue_gap, "%s", why ? why : "");
}

void rv_classifier_own_residues(rv_classifier *c, rv_residue_lookup fn, void *ctx, void (*free_ctx)(void *))
{
    rv_classifier_set_residues(c, fn, ctx);
    c->residues_free = free_ctx;
}

void rv_classifier_set_residues(rv_classifier *c, rv_residue_lookup fn, void *ctx)
{
    if (c->residues_free) c->residues_free(c->residues_ctx);
    c->residues_free = NULL;
    c->residues = fn;
    c->residues_ctx = ctx;
}

void rv_classifier_set_population_source(rv_classifier *c, const char *name, const char *version)
{
    snprintf(c->pop_name, sizeof c->pop_name, "%s", name ? name : "");
    snprintf(c->pop_version, sizeof c->pop_version, "%s", version ? version : "");
    c->pop_src.source = name ? c->pop_name : NULL;
    c->pop_src.version = name ? c->pop_version : NULL;
}

const char *rv_classifier_rules_version(const rv_classifier *c) { return c->version; }
const char *rv_classifier_rules_sha(const rv_classifier *c) { return c->sha; }
