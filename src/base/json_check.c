/* base/json_check.c: one reader and one set of member checks for revus's JSON files. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/json_check.h"
#include "base/textfile.h"

int rv_json_load(const char *path, size_t max, cJSON **root, char **text, size_t *len, rv_err *err)
{
    *root = NULL;
    if (text) *text = NULL;
    char *buf;
    size_t n;
    int rc = rv_textfile_slurp(path, &buf, &n, max, err);
    if (rc < 0) return rc;
    const char *end = NULL;
    *root = cJSON_ParseWithLengthOpts(buf, n + 1, &end, 1);   /* through the NUL: nothing may follow */
    if (!*root) {
        const char *at = end ? end : cJSON_GetErrorPtr();
        int line = 1;
        for (const char *q = buf; at && q < at && q < buf + n; q++) line += *q == '\n';
        free(buf);
        return rv_err_set(err, RV_EINPUT, "%s:%d: not valid JSON", path, line);
    }
    if (text) { *text = buf; if (len) *len = n; }
    else free(buf);
    return RV_OK;
}

void rv_json_path(char *out, size_t n, const char *parent, const char *key)
{
    int top = !parent || !*parent || strcmp(parent, "(top)") == 0;
    if (!key) snprintf(out, n, "%s", top ? "(top)" : parent);
    else if (top) snprintf(out, n, "%s", key);
    else snprintf(out, n, "%s.%s", parent, key);
}

void rv_json_elem_path(char *out, size_t n, const char *parent, int i)
{
    snprintf(out, n, "%s[%d]", parent, i);
}

int rv_json_fail(const rv_json_ctx *j, const char *parent, const char *key, const char *fmt, ...)
{
    char path[320], what[600];
    rv_json_path(path, sizeof path, parent, key);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return rv_err_set(j->err, RV_EINPUT, "%s: %s: %s", j->file, path, what);
}

const char *rv_json_kind(const cJSON *v)
{
    if (cJSON_IsString(v)) return "a string";
    if (cJSON_IsNumber(v)) return "a number";
    if (cJSON_IsBool(v)) return "a boolean";
    if (cJSON_IsNull(v)) return "null";
    if (cJSON_IsArray(v)) return "an array";
    if (cJSON_IsObject(v)) return "an object";
    return "something else";
}

int rv_json_keys_only(const rv_json_ctx *j, const cJSON *obj, const char *path, const char *const *allowed)
{
    for (const cJSON *k = obj->child; k; k = k->next) {
        int known = 0;
        for (const char *const *a = allowed; *a && !known; a++) known = strcmp(*a, k->string) == 0;
        if (!known) {
            char list[512] = "";
            for (const char *const *a = allowed; *a; a++) {
                strncat(list, *a, sizeof list - strlen(list) - 1);
                if (a[1]) strncat(list, ", ", sizeof list - strlen(list) - 1);
            }
            return rv_json_fail(j, path, k->string, "unknown key (expected one of: %s)", list);
        }
        for (const cJSON *d = obj->child; d != k; d = d->next)
            if (strcmp(d->string, k->string) == 0) return rv_json_fail(j, path, k->string, "duplicate key");
    }
    return RV_OK;
}

/* The member, or NULL; *rc set when a required one is missing. */
static const cJSON *member(const rv_json_ctx *j, const cJSON *obj, const char *path, const char *key,
                           int required, int *rc)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    *rc = !v && required ? rv_json_fail(j, path, key, "missing (required)") : RV_OK;
    return v;
}

int rv_json_member(const rv_json_ctx *j, const cJSON *obj, const char *path, const char *key,
                   int required, const cJSON **out)
{
    int rc;
    *out = member(j, obj, path, key, required, &rc);
    return rc;
}

int rv_json_object(const rv_json_ctx *j, const cJSON *obj, const char *path, const char *key,
                   int required, const cJSON **out)
{
    int rc;
    const cJSON *v = member(j, obj, path, key, required, &rc);
    *out = NULL;
    if (!v) return rc;
    if (!cJSON_IsObject(v)) return rv_json_fail(j, path, key, "expected object, found %s", rv_json_kind(v));
    *out = v;
    return RV_OK;
}

int rv_json_array(const rv_json_ctx *j, const cJSON *obj, const char *path, const char *key,
                  int required, const cJSON **out)
{
    int rc;
    const cJSON *v = member(j, obj, path, key, required, &rc);
    *out = NULL;
    if (!v) return rc;
    if (!cJSON_IsArray(v)) return rv_json_fail(j, path, key, "expected array, found %s", rv_json_kind(v));
    *out = v;
    return RV_OK;
}

int rv_json_string(const rv_json_ctx *j, const cJSON *obj, const char *path, const char *key,
                   int required, const char **out)
{
    int rc;
    const cJSON *v = member(j, obj, path, key, required, &rc);
    *out = NULL;
    if (!v) return rc;
    if (!cJSON_IsString(v)) return rv_json_fail(j, path, key, "expected string, found %s", rv_json_kind(v));
    if (!v->valuestring[0]) return rv_json_fail(j, path, key, "must not be empty");
    *out = v->valuestring;
    return RV_OK;
}

int rv_json_number(const rv_json_ctx *j, const cJSON *obj, const char *path, const char *key,
                   int required, double *out)
{
    int rc;
    const cJSON *v = member(j, obj, path, key, required, &rc);
    if (!v) return rc;
    if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble))
        return rv_json_fail(j, path, key, "expected number, found %s", rv_json_kind(v));
    *out = v->valuedouble;
    return RV_OK;
}

int rv_json_integer(const rv_json_ctx *j, const cJSON *obj, const char *path, const char *key,
                    int required, int64_t lo, int64_t hi, int64_t *out)
{
    int rc;
    const cJSON *v = member(j, obj, path, key, required, &rc);
    if (!v) return rc;
    if (!cJSON_IsNumber(v)) return rv_json_fail(j, path, key, "expected integer, found %s", rv_json_kind(v));
    double d = v->valuedouble, top = hi > (int64_t)9e18 ? 9e18 : (double)hi;   /* stays exact */
    if (d != floor(d) || d < (double)lo || d > top) {
        if (lo == 0 && hi == INT64_MAX)
            return rv_json_fail(j, path, key, "expected a non-negative integer, found %g", d);
        return rv_json_fail(j, path, key, "expected an integer from %lld to %lld, found %g",
                            (long long)lo, (long long)hi, d);
    }
    *out = (int64_t)d;
    return RV_OK;
}

int rv_json_bool(const rv_json_ctx *j, const cJSON *obj, const char *path, const char *key,
                 int required, int *out)
{
    int rc;
    const cJSON *v = member(j, obj, path, key, required, &rc);
    if (!v) return rc;
    if (!cJSON_IsBool(v)) return rv_json_fail(j, path, key, "expected true or false, found %s", rv_json_kind(v));
    *out = cJSON_IsTrue(v);
    return RV_OK;
}
