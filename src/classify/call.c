/* classify/call.c: lifetime, ordering and class helpers for rv_call. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "classify/call.h"
#include "variant/varkey.h"

void rv_call_init(rv_call *c)
{
    memset(c, 0, sizeof *c);
    c->clinvar_stars = -1;
    c->panel_confidence = -1;
    c->candidate = 1;
}

/* Every string a call owns, for freeing and copying (one list). */
#define CALL_STRINGS(c) { \
    &(c)->variant, &(c)->gene, &(c)->hgnc_id, &(c)->transcript, &(c)->hgvsc, &(c)->hgvsp, \
    &(c)->consequence, &(c)->zygosity, &(c)->cls, &(c)->vus_tier, &(c)->criteria, \
    &(c)->effective_class, &(c)->deciding_rule, &(c)->clinvar_tier, &(c)->clinvar_sig, \
    &(c)->clinvar_source, &(c)->clinvar_version, &(c)->pop_source, &(c)->pop_version, \
    &(c)->panel_source, &(c)->panel_version, &(c)->validity_class, &(c)->validity_source, \
    &(c)->validity_version, &(c)->candidate_reason, &(c)->moi, &(c)->fit, &(c)->partner, \
    &(c)->inheritance, &(c)->moi_source }

void rv_call_free(rv_call *c)
{
    if (!c) return;
    char **strs[] = CALL_STRINGS(c);
    for (size_t i = 0; i < sizeof strs / sizeof *strs; i++) { free(*strs[i]); *strs[i] = NULL; }
}

int rv_call_copy(rv_call *dst, const rv_call *src)
{
    *dst = *src;
    char **strs[] = CALL_STRINGS(dst);
    int ok = 1;
    for (size_t i = 0; i < sizeof strs / sizeof *strs; i++) {   /* each slot: a copy or NULL */
        const char *o = *strs[i];
        *strs[i] = o ? strdup(o) : NULL;
        if (o && !*strs[i]) ok = 0;
    }
    if (!ok) { rv_call_free(dst); return -1; }
    return 0;
}

rv_call *rv_calls_push(rv_calls *v)
{
    if (v->n == v->m) {
        int m = v->m ? v->m * 2 : 16;
        rv_call *x = realloc(v->x, (size_t)m * sizeof *x);
        if (!x) return NULL;
        v->x = x;
        v->m = m;
    }
    rv_call *c = &v->x[v->n++];
    rv_call_init(c);
    return c;
}

void rv_calls_free(rv_calls *v)
{
    for (int i = 0; i < v->n; i++) rv_call_free(&v->x[i]);
    free(v->x);
    v->x = NULL;
    v->n = v->m = 0;
}

static int cmp_call(const void *a, const void *b)
{
    const rv_call *x = a, *y = b;
    if (x->contig != y->contig) return x->contig < y->contig ? -1 : 1;
    if (x->pos != y->pos) return x->pos < y->pos ? -1 : 1;
    return strcmp(x->variant, y->variant);
}

void rv_calls_sort(rv_calls *v)
{
    if (v->n > 1) qsort(v->x, (size_t)v->n, sizeof *v->x, cmp_call);
}

int rv_calls_dedup(rv_calls *v)
{
    int out = 0, dropped = 0;
    for (int i = 0; i < v->n; i++) {
        if (out > 0 && strcmp(v->x[out - 1].variant, v->x[i].variant) == 0) {
            rv_call_free(&v->x[i]);
            dropped++;
            continue;
        }
        if (out != i) v->x[out] = v->x[i];
        out++;
    }
    v->n = out;
    return dropped;
}

const rv_call *rv_calls_find_at(const rv_calls *v, int contig, int64_t pos, const char *variant)
{
    int lo = 0, hi = v->n;
    while (lo < hi) {   /* first call at or after (contig, pos) */
        int mid = lo + (hi - lo) / 2;
        const rv_call *m = &v->x[mid];
        if (m->contig < contig || (m->contig == contig && m->pos < pos)) lo = mid + 1;
        else hi = mid;
    }
    for (int i = lo; i < v->n && v->x[i].contig == contig && v->x[i].pos == pos; i++)
        if (strcmp(v->x[i].variant, variant) == 0) return &v->x[i];
    return NULL;
}

const rv_call *rv_calls_find(const rv_calls *v, const char *variant)
{
    rv_varkey k;
    if (rv_varkey_parse(variant, &k) == 0) return rv_calls_find_at(v, k.contig, k.pos, variant);
    for (int i = 0; i < v->n; i++)   /* not a key string: no order to use */
        if (strcmp(v->x[i].variant, variant) == 0) return &v->x[i];
    return NULL;
}

static const struct { const char *cls; int tier; } class_tiers[] = {
    { "P", 2 }, { "LP", 2 }, { "VUS", 1 }, { "LB", 0 }, { "B", 0 },
};

char *rv_clinvar_tier_current(char *t)
{
    static const char *const legacy[][2] = { { "CONFLICT", "Conflicting" }, { "RISK", "Risk" }, { "OTHER", "Other" } };
    for (size_t k = 0; t && k < sizeof legacy / sizeof *legacy; k++)
        if (strcmp(t, legacy[k][0]) == 0) {
            char *n = strdup(legacy[k][1]);
            if (n) { free(t); return n; }
        }
    return t;
}

int rv_class_tier(const char *cls)
{
    if (!cls) return -1;
    for (size_t i = 0; i < sizeof class_tiers / sizeof *class_tiers; i++)
        if (strcmp(cls, class_tiers[i].cls) == 0) return class_tiers[i].tier;
    return -1;
}

int rv_class_valid(const char *s)
{
    return rv_class_tier(s) >= 0;
}

char *rv_strndup0(const char *s, size_t n)
{
    if (!s) return NULL;
    char *d = malloc(n + 1);
    if (!d) return NULL;
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

const char *rv_criteria_labels(const char *stored, char *buf, size_t n)
{
    if (!n) return NULL;
    buf[0] = '\0';
    if (!stored || !*stored) return NULL;
    if (stored[0] != '{') {                       /* an older revus stored the labels */
        snprintf(buf, n, "%s", stored);
        return buf;
    }
    cJSON *js = cJSON_Parse(stored);
    const cJSON *k;
    size_t len = 0;
    cJSON_ArrayForEach(k, cJSON_GetObjectItemCaseSensitive(js, "criteria")) {
        const char *label = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(k, "label"));
        if (!label) continue;
        size_t ln = strlen(label);
        if (len + (len > 0) + ln + 1 > n) break;  /* keep whole labels only */
        if (len) buf[len++] = ',';
        memcpy(buf + len, label, ln + 1);
        len += ln;
    }
    cJSON_Delete(js);
    return len ? buf : NULL;
}
