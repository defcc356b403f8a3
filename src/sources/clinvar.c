/* sources/clinvar.c: CLNSIG / CLNREVSTAT / CLNSIGCONF parsing against the vocabulary table. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "sources/clinvar.h"
#include "sources/clinvar_terms_internal.h"

/* ASCII case fold with ' ' read as '_' (ClinVar terms are ASCII). */
static inline int fold(int c)
{
    if (c == ' ') return '_';
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* Whole-term equality: case-insensitive, ' ' and '_' alike. */
static int term_eq(const char *s, size_t n, const char *t)
{
    size_t i = 0;
    for (; i < n && t[i]; i++)
        if (fold((unsigned char)s[i]) != fold((unsigned char)t[i])) return 0;
    return i == n && t[i] == '\0';
}

static void trim(const char **s, size_t *n)
{
    while (*n && isspace((unsigned char)**s)) { (*s)++; (*n)--; }
    while (*n && isspace((unsigned char)(*s)[*n - 1])) (*n)--;
}

static int absent(const char *s, size_t n)
{
    return !s || n == 0 || (n == 1 && s[0] == '.');
}

/* Cheap first-letter test before the whole-term comparison (this runs per record). */
static int first_eq(const char *s, size_t n, const char *t)
{
    return n && fold((unsigned char)s[0]) == fold((unsigned char)t[0]);
}

static const rv_cv_sigterm *find_sig(const char *s, size_t n)
{
    for (int i = 0; i < rv_cv_n_sigterms; i++)
        if (first_eq(s, n, rv_cv_sigterms[i].spelling) && term_eq(s, n, rv_cv_sigterms[i].spelling))
            return &rv_cv_sigterms[i];
    return NULL;
}

static const rv_cv_revterm *find_rev(const char *s, size_t n)
{
    for (int i = 0; i < rv_cv_n_revterms; i++)
        if (first_eq(s, n, rv_cv_revterms[i].spelling) && term_eq(s, n, rv_cv_revterms[i].spelling))
            return &rv_cv_revterms[i];
    return NULL;
}

/* A ',' that is not followed by '_' separates values (old per-allele lists, or
 * CLNSIGCONF items); ",_" is inside a term ("Pathogenic,_low_penetrance"). */
static int is_value_comma(const char *s, size_t n, size_t i)
{
    return s[i] == ',' && !(i + 1 < n && (s[i + 1] == '_' || s[i + 1] == ' '));
}

static int per_allele_list(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (is_value_comma(s, n, i)) return 1;
    return 0;
}

static int class_tier(int cls)
{
    switch (cls) {
    case RV_CV_CLASS_P: case RV_CV_CLASS_LP: case RV_CV_CLASS_PLP: return RV_CV_TIER_PLP;
    case RV_CV_CLASS_VUS: return RV_CV_TIER_VUS;
    case RV_CV_CLASS_B: case RV_CV_CLASS_LB: case RV_CV_CLASS_BLB: return RV_CV_TIER_BLB;
    default: return RV_CV_TIER_NONE;
    }
}

/* Combine the classes named in one aggregate: P+LP -> P/LP, B+LB -> B/LB; any other
 * mixture is a disagreement (returns NONE). */
static int combine_classes(const int seen[RV_CV_CLASS_N])
{
    int p = seen[RV_CV_CLASS_P] || seen[RV_CV_CLASS_PLP];
    int lp = seen[RV_CV_CLASS_LP] || seen[RV_CV_CLASS_PLP];
    int b = seen[RV_CV_CLASS_B] || seen[RV_CV_CLASS_BLB];
    int lb = seen[RV_CV_CLASS_LB] || seen[RV_CV_CLASS_BLB];
    int vus = seen[RV_CV_CLASS_VUS];
    int groups = (p || lp) + (b || lb) + vus;
    if (groups != 1) return RV_CV_CLASS_NONE;
    if (vus) return RV_CV_CLASS_VUS;
    if (p || lp) return p && lp ? RV_CV_CLASS_PLP : p ? RV_CV_CLASS_P : RV_CV_CLASS_LP;
    return b && lb ? RV_CV_CLASS_BLB : b ? RV_CV_CLASS_B : RV_CV_CLASS_LB;
}

static int parse_clnsig(const char *s, size_t n, rv_clinvar *out, rv_err *err)
{
    if (per_allele_list(s, n))
        return rv_err_set(err, RV_ESOURCE, "CLNSIG: per-allele list '%.*s' (pre-2017 format):"
                          " select the allele by CLNALLE first", (int)n, s);
    int seen[RV_CV_CLASS_N] = { 0 }, n_class = 0, conflict = 0, risk = 0;
    size_t i = 0;
    while (i <= n) {
        size_t j = i;
        while (j < n && s[j] != '|' && s[j] != '/') j++;
        const char *t = s + i;
        size_t tn = j - i;
        trim(&t, &tn);
        if (tn == 0)
            return rv_err_set(err, RV_ESOURCE, "CLNSIG: empty term in '%.*s'", (int)n, s);
        const rv_cv_sigterm *row = find_sig(t, tn);
        if (!row)
            return rv_err_set(err, RV_ESOURCE, "CLNSIG: unknown term '%.*s'", (int)tn, t);
        if (out->n_terms < RV_CLINVAR_MAX_TERMS) out->terms[out->n_terms++] = row->canonical;
        out->legacy |= row->legacy;
        out->low_penetrance |= row->low_penetrance || row->kind == RV_CVK_QUALIFIER;
        switch (row->kind) {
        case RV_CVK_CLASS:    seen[row->cls] = 1; n_class++; break;
        case RV_CVK_CONFLICT: conflict = 1; break;
        case RV_CVK_RISK:     risk = 1; break;
        default: break;
        }
        i = j + 1;
    }
    if (n_class) {
        out->cls = combine_classes(seen);
        out->tier = out->cls ? class_tier(out->cls) : RV_CV_TIER_CONFLICT;
    } else {
        out->tier = conflict ? RV_CV_TIER_CONFLICT : risk ? RV_CV_TIER_RISK : RV_CV_TIER_OTHER;
    }
    return 0;
}

/* Old files list one status per RCV, '|'-separated: keep the best-reviewed one. */
static int parse_revstat(const char *s, size_t n, rv_clinvar *out, rv_err *err)
{
    if (per_allele_list(s, n))
        return rv_err_set(err, RV_ESOURCE, "CLNREVSTAT: per-allele list '%.*s' (pre-2017"
                          " format): select the allele by CLNALLE first", (int)n, s);
    size_t i = 0;
    while (i <= n) {
        size_t j = i;
        while (j < n && s[j] != '|') j++;
        const char *t = s + i;
        size_t tn = j - i;
        trim(&t, &tn);
        const rv_cv_revterm *row = tn ? find_rev(t, tn) : NULL;
        if (!row)
            return rv_err_set(err, RV_ESOURCE, "CLNREVSTAT: unknown review status '%.*s'",
                              (int)tn, t);
        out->legacy |= row->legacy;
        if (row->stars > out->stars) { out->stars = row->stars; out->revstat = row->canonical; }
        i = j + 1;
    }
    return 0;
}

static int conf_slot(const rv_cv_sigterm *row)
{
    if (row->kind != RV_CVK_CLASS) return RV_CV_CONF_OTHER;
    switch (row->cls) {
    case RV_CV_CLASS_P:   return RV_CV_CONF_P;
    case RV_CV_CLASS_LP:  return RV_CV_CONF_LP;
    case RV_CV_CLASS_VUS: return RV_CV_CONF_VUS;
    case RV_CV_CLASS_LB:  return RV_CV_CONF_LB;
    case RV_CV_CLASS_B:   return RV_CV_CONF_B;
    default:              return RV_CV_CONF_OTHER;
    }
}

static const int slot_class[RV_CV_CONF_OTHER] = {
    RV_CV_CLASS_P, RV_CV_CLASS_LP, RV_CV_CLASS_VUS, RV_CV_CLASS_LB, RV_CV_CLASS_B
};

static int parse_conf(const char *s, size_t n, rv_clinvar *out, rv_err *err)
{
    size_t i = 0;
    while (i <= n) {
        size_t j = i;
        while (j < n && s[j] != '|' && !is_value_comma(s, n, j)) j++;
        const char *t = s + i;
        size_t tn = j - i;
        trim(&t, &tn);
        const char *open = tn ? memchr(t, '(', tn) : NULL;
        if (!open || t[tn - 1] != ')' || open + 1 >= t + tn - 1)
            return rv_err_set(err, RV_ESOURCE, "CLNSIGCONF: item '%.*s' is not Term(count)",
                              (int)tn, t);
        long count = 0;
        for (const char *p = open + 1; p < t + tn - 1; p++) {
            if (!isdigit((unsigned char)*p) || count > 1000000)
                return rv_err_set(err, RV_ESOURCE, "CLNSIGCONF: bad count in '%.*s'",
                                  (int)tn, t);
            count = count * 10 + (*p - '0');
        }
        size_t name_n = (size_t)(open - t);
        const rv_cv_sigterm *row = find_sig(t, name_n);
        if (!row)
            return rv_err_set(err, RV_ESOURCE, "CLNSIGCONF: unknown term '%.*s'",
                              (int)name_n, t);
        out->legacy |= row->legacy;
        out->conf[conf_slot(row)] += (int)count;
        out->conf_total += (int)count;
        i = j + 1;
    }
    out->has_conf = 1;
    for (int k = 0; k < RV_CV_CONF_OTHER; k++)
        if (out->conf[k]) { out->conf_most_path = slot_class[k]; break; }
    for (int k = RV_CV_CONF_OTHER - 1; k >= 0; k--)
        if (out->conf[k]) { out->conf_most_benign = slot_class[k]; break; }
    return 0;
}

static void reset(rv_clinvar *out)
{
    memset(out, 0, sizeof *out);
    out->stars = -1;
}

int rv_clinvar_parse(const char *clnsig, size_t n1, const char *revstat, size_t n2,
                     const char *conf, size_t n3, rv_clinvar *out, rv_err *err)
{
    reset(out);
    int rc = 0;
    if (clnsig) trim(&clnsig, &n1);
    if (revstat) trim(&revstat, &n2);
    if (conf) trim(&conf, &n3);
    if (!absent(clnsig, n1)) rc = parse_clnsig(clnsig, n1, out, err);
    if (rc == 0 && !absent(revstat, n2)) rc = parse_revstat(revstat, n2, out, err);
    if (rc == 0 && !absent(conf, n3)) rc = parse_conf(conf, n3, out, err);
    if (rc) reset(out);
    return rc;
}

int rv_clinvar_stars(const char *revstat, size_t n, rv_err *err)
{
    rv_clinvar cv;
    reset(&cv);
    if (!revstat) n = 0;
    else trim(&revstat, &n);
    if (absent(revstat, n))
        return rv_err_set(err, RV_ESOURCE, "CLNREVSTAT: empty review status");
    int rc = parse_revstat(revstat, n, &cv, err);
    return rc ? rc : cv.stars;
}

static const char *const tier_names[RV_CV_TIER_N] = {
    [RV_CV_TIER_NONE] = "None", [RV_CV_TIER_PLP] = "P/LP", [RV_CV_TIER_VUS] = "VUS",
    [RV_CV_TIER_BLB] = "B/LB", [RV_CV_TIER_CONFLICT] = "Conflicting",
    [RV_CV_TIER_RISK] = "Risk", [RV_CV_TIER_OTHER] = "Other",
};
static const char *const class_names[RV_CV_CLASS_N] = {
    [RV_CV_CLASS_NONE] = "None", [RV_CV_CLASS_P] = "P", [RV_CV_CLASS_PLP] = "P/LP",
    [RV_CV_CLASS_LP] = "LP", [RV_CV_CLASS_VUS] = "VUS", [RV_CV_CLASS_LB] = "LB",
    [RV_CV_CLASS_BLB] = "B/LB", [RV_CV_CLASS_B] = "B",
};

const char *rv_clinvar_tier_name(int tier)
{
    return tier >= 0 && tier < RV_CV_TIER_N ? tier_names[tier] : "?";
}

const char *rv_clinvar_class_name(int cls)
{
    return cls >= 0 && cls < RV_CV_CLASS_N ? class_names[cls] : "?";
}

int rv_clinvar_tier_parse(const char *s)
{
    for (int i = 0; i < RV_CV_TIER_N; i++)
        if (s && strcmp(s, tier_names[i]) == 0) return i;
    return -1;
}

int rv_clinvar_format(const rv_clinvar *cv, char *buf, size_t n)
{
    char stars[16] = "";
    if (cv->stars >= 0) snprintf(stars, sizeof stars, " %d*", cv->stars);
    if (cv->tier == RV_CV_TIER_CONFLICT && cv->has_conf)
        return snprintf(buf, n, "Conflicting%s P:%d,LP:%d,VUS:%d,LB:%d,B:%d", stars,
                        cv->conf[RV_CV_CONF_P], cv->conf[RV_CV_CONF_LP],
                        cv->conf[RV_CV_CONF_VUS], cv->conf[RV_CV_CONF_LB],
                        cv->conf[RV_CV_CONF_B]);
    return snprintf(buf, n, "%s (%s)%s", rv_clinvar_tier_name(cv->tier),
                    cv->n_terms ? cv->terms[0] : "-", stars);
}

int rv_clinvar_vocab(int i, const char **field, const char **term, const char **legacy,
                     int *tier_or_stars)
{
    if (i < 0) return -1;
    if (i < rv_cv_n_sigterms) {
        const rv_cv_sigterm *r = &rv_cv_sigterms[i];
        rv_clinvar cv;
        rv_clinvar_parse(r->spelling, strlen(r->spelling), NULL, 0, NULL, 0, &cv, NULL);
        *field = "CLNSIG";
        *term = r->canonical;
        *legacy = r->legacy ? r->spelling : NULL;
        *tier_or_stars = cv.tier;
        return 0;
    }
    i -= rv_cv_n_sigterms;
    if (i < rv_cv_n_revterms) {
        const rv_cv_revterm *r = &rv_cv_revterms[i];
        *field = "CLNREVSTAT";
        *term = r->canonical;
        *legacy = r->legacy ? r->spelling : NULL;
        *tier_or_stars = r->stars;
        return 0;
    }
    return -1;
}
