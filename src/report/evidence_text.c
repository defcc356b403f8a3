/* report/evidence_text.c: a line's evidence in one sentence, for a reader in a hurry.
 *
 *   "ClinVar now says VUS at 2 stars (was LP at 1 star, 2015-12-11 -> 2016-09-27);
 *    gnomad-exomes 4.1 AF 0.0003; panel demo-panel 1.1 green (was amber);
 *    criteria now met: BS1; no longer met: PM2_Supporting"
 *
 * Only what the line's two sides hold is said; the wording of each part is below. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "report/write.h"
#include "report/model.h"
#include "sources/clinvar.h"

typedef struct { char buf[1536]; size_t len; int parts; } text;

static void add(text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(text *t, const char *fmt, ...)
{
    if (t->len >= sizeof t->buf) return;
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(t->buf + t->len, sizeof t->buf - t->len, fmt, ap);
    va_end(ap);
    if (w > 0) t->len = t->len + (size_t)w < sizeof t->buf ? t->len + (size_t)w : sizeof t->buf - 1;
}

static void part(text *t) { if (t->parts++) add(t, "; "); }

static int same(const char *a, const char *b) { return strcmp(a ? a : "", b ? b : "") == 0; }
static int present(const rv_report_side *s) { return s->run_id || s->klass; }

/* ClinVar's classification in the report's short words: VUS, LP, P/LP, conflicting, ... */
static void clinvar_words(const char *sig, char *out, size_t n)
{
    rv_clinvar cv;
    rv_err err;
    if (sig && rv_clinvar_parse(sig, strlen(sig), NULL, 0, NULL, 0, &cv, &err) == 0) {
        if (cv.cls) { snprintf(out, n, "%s", rv_clinvar_class_name(cv.cls)); return; }
        if (cv.tier == RV_CV_TIER_CONFLICT) { snprintf(out, n, "conflicting"); return; }
    }
    size_t k = 0;    /* a term outside the ACMG classes: its words ("drug_response" -> "drug response") */
    for (const char *p = sig ? sig : "no classification"; *p && k + 1 < n; p++) out[k++] = *p == '_' ? ' ' : *p;
    out[k] = '\0';
}

static void clinvar_state(text *t, const rv_report_side *s)
{
    char w[128];
    clinvar_words(s->clinvar_class, w, sizeof w);
    add(t, "%s at %d star%s", w, s->clinvar_stars, s->clinvar_stars == 1 ? "" : "s");
}

static void clinvar_part(text *t, const rv_report_side *b, const rv_report_side *n)
{
    int in_b = present(b) && b->clinvar_stars >= 0, in_n = present(n) && n->clinvar_stars >= 0;
    if (!in_b && !in_n) return;
    part(t);
    if (!in_n) {
        add(t, "ClinVar no longer lists it (was ");
        clinvar_state(t, b);
        add(t, ")");
        return;
    }
    int moved = in_b && (!same(b->clinvar_class, n->clinvar_class) || b->clinvar_stars != n->clinvar_stars);
    add(t, moved || !present(b) || !in_b ? "ClinVar now says " : "ClinVar says ");
    clinvar_state(t, n);
    if (moved) {
        add(t, " (was ");
        clinvar_state(t, b);
        if (b->clinvar_version && n->clinvar_version && !same(b->clinvar_version, n->clinvar_version))
            add(t, ", %s -> %s", b->clinvar_version, n->clinvar_version);
        add(t, ")");
    } else if (present(b) && !in_b) add(t, " (not in ClinVar before)");
}

static void freq_part(text *t, const rv_report_side *b, const rv_report_side *n)
{
    const rv_report_side *s = present(n) ? n : b;
    if (!present(s) || (!s->af_source && !s->has_af)) return;
    char af[64], was[64];
    rv_report_fmt_af(af, sizeof af, s->has_af, s->af, s->af_source);
    part(t);
    add(t, "%s%s%s AF %s", s->af_source ? s->af_source : "population", s->af_version ? " " : "",
        s->af_version ? s->af_version : "", af);
    if (s == n && present(b) && (b->has_af != n->has_af || (b->has_af && b->af != n->af))) {
        rv_report_fmt_af(was, sizeof was, b->has_af, b->af, b->af_source);
        add(t, " (was %s)", was);
    }
}

static void panel_part(text *t, const rv_report_side *b, const rv_report_side *n)
{
    const rv_report_side *s = present(n) ? n : b;
    if (!present(s) || !s->panel) return;
    part(t);
    add(t, "panel %s%s%s %s", s->panel, s->panel_version ? " " : "", s->panel_version ? s->panel_version : "",
        s->panel_confidence ? s->panel_confidence : "");
    if (s == n && present(b) && !same(b->panel_confidence, n->panel_confidence))
        add(t, " (was %s)", b->panel_confidence ? b->panel_confidence : "not on the panel");
}

typedef struct { text *t; const char *label; int n; } crit_ctx;

static void crit_cb(const char *code, size_t len, int changed, void *ud)
{
    crit_ctx *c = ud;
    if (!changed) return;
    if (!c->n++) { part(c->t); add(c->t, "%s", c->label); } else add(c->t, ", ");
    add(c->t, "%.*s", (int)len, code);
}

const char *rv_report_evidence_text(rv_report *r, const rv_report_line *l)
{
    text t = { .len = 0 };
    t.buf[0] = '\0';
    clinvar_part(&t, &l->before, &l->now);
    freq_part(&t, &l->before, &l->now);
    panel_part(&t, &l->before, &l->now);
    if (present(&l->before) && present(&l->now)) {
        crit_ctx a = { &t, "criteria now met: ", 0 }, d = { &t, "no longer met: ", 0 };
        rv_criteria_each(l->now.criteria, l->before.criteria, crit_cb, &a);
        rv_criteria_each(l->before.criteria, l->now.criteria, crit_cb, &d);
    }
    return t.parts ? rv_report_str(r, t.buf) : NULL;
}
