/* report/inherit.c: the inheritance object in words, and renamed (report/inherit.h). */
#include <stdio.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <cJSON.h>
#include "report/inherit.h"

static const char *str(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int num(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsNumber(v) ? v->valueint : 0;
}

/* Append printf-style text at *len, never past n. */
static void put(char *buf, size_t n, size_t *len, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void put(char *buf, size_t n, size_t *len, const char *fmt, ...)
{
    if (*len >= n) return;
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(buf + *len, n - *len, fmt, ap);
    va_end(ap);
    if (w > 0) *len += (size_t)w < n - *len ? (size_t)w : n - *len - 1;
}

int rv_inheritance_words(const char *json, char *buf, size_t n)
{
    size_t len = 0;
    if (n) buf[0] = '\0';
    cJSON *o = json ? cJSON_Parse(json) : NULL;
    if (!cJSON_IsObject(o) || !str(o, "fit")) { cJSON_Delete(o); return -1; }
    static const struct { const char *code, *words; } fits[] = {
        { "fits", "fits" }, { "second_hit_needed", "second hit needed" },
        { "does_not_fit", "does not fit" }, { "moi_unknown", "MOI unknown" },
    };
    const char *fit = str(o, "fit");
    for (size_t i = 0; i < sizeof fits / sizeof *fits; i++) if (strcmp(fit, fits[i].code) == 0) fit = fits[i].words;
    put(buf, n, &len, "%s", fit);
    if (str(o, "reason")) put(buf, n, &len, ": %s", str(o, "reason"));
    if (str(o, "moi_source")) put(buf, n, &len, " (%s from %s)", str(o, "moi"), str(o, "moi_source"));
    if (str(o, "de_novo")) put(buf, n, &len, "; de novo (%s)", str(o, "de_novo"));
    const cJSON *g = cJSON_GetObjectItemCaseSensitive(o, "genotype");
    if (str(g, "gt")) {
        put(buf, n, &len, "; genotype %s", str(g, "gt"));
        if (cJSON_GetObjectItemCaseSensitive(g, "dp")) put(buf, n, &len, " DP %d", num(g, "dp"));
        if (cJSON_GetObjectItemCaseSensitive(g, "gq")) put(buf, n, &len, " GQ %d", num(g, "gq"));
        const cJSON *af = cJSON_GetObjectItemCaseSensitive(g, "allele_fraction");
        if (cJSON_IsNumber(af)) put(buf, n, &len, " allele fraction %.2f", af->valuedouble);
    }
    const cJSON *fam = cJSON_GetObjectItemCaseSensitive(o, "family"), *m;
    cJSON_ArrayForEach(m, fam)
        put(buf, n, &len, "%s %s %s (%s) %s", m == fam->child ? ";" : ",", str(m, "relation") ? str(m, "relation") : "relative",
            str(m, "sample") ? str(m, "sample") : "?", str(m, "phenotype") ? str(m, "phenotype") : "unknown",
            str(m, "gt") ? str(m, "gt") : "?");
    const cJSON *sg = cJSON_GetObjectItemCaseSensitive(o, "segregation");
    if (sg)
        put(buf, n, &len, "; segregation: %d affected carrier(s), %d affected non-carrier(s), %d unaffected carrier(s), "
            "%d unaffected non-carrier(s)", num(sg, "affected_carriers"), num(sg, "affected_non_carriers"),
            num(sg, "unaffected_carriers"), num(sg, "unaffected_non_carriers"));
    cJSON_Delete(o);
    return 0;
}

char *rv_inheritance_rename(const char *json, const char *(*rename)(const char *id, void *ctx), void *ctx)
{
    cJSON *o = cJSON_Parse(json), *m;
    if (!o) return NULL;
    cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(o, "family")) {
        const char *id = str(m, "sample");
        if (id) cJSON_ReplaceItemInObjectCaseSensitive(m, "sample", cJSON_CreateString(rename(id, ctx)));
    }
    char *out = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    return out;
}
