/* base/json_check.h: read a JSON file and check its members, with one message style for
 * every configuration file revus reads (descriptors, acmg.json, the pipeline config).
 *
 * Every failure is RV_EINPUT with "FILE: PATH: what", where PATH names the member the way
 * it is written in the file: keys joined by '.', array elements as [i] ("fields.af.from",
 * "vus_tiers[1].min"); the whole document is "(top)". A type error says what it expected
 * and what it found ("expected object, found an array"). */
#ifndef RV_JSON_CHECK_H
#define RV_JSON_CHECK_H

#include <stddef.h>
#include <stdint.h>
#include <cjson/cJSON.h>
#include "base/err.h"

typedef struct rv_json_ctx {
    const char *file;     /* named in every message */
    rv_err *err;
} rv_json_ctx;

/* Read path whole (plain or gzip, at most max bytes) and parse it. On success *root is the
 * document (caller frees with cJSON_Delete) and, when text is non-NULL, *text the bytes
 * read (caller frees) and *len their length. Returns RV_OK; RV_EIO/RV_ENOTFOUND when the
 * file cannot be read, RV_ESOURCE when larger than max, RV_EINPUT "FILE:LINE: not valid
 * JSON", RV_ENOMEM. */
int rv_json_load(const char *path, size_t max, cJSON **root, char **text, size_t *len, rv_err *err) RV_MUST_CHECK;

/* PATH of a member: "parent.key", or "key" when parent is empty or "(top)". */
void rv_json_path(char *out, size_t n, const char *parent, const char *key);
/* PATH of an array element: "parent[i]". */
void rv_json_elem_path(char *out, size_t n, const char *parent, int i);

/* Record "FILE: PATH: what" (PATH = parent.key; key may be NULL) as RV_EINPUT; returns it. */
int rv_json_fail(const rv_json_ctx *j, const char *parent, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* "a string", "a number", "an array", ... for messages (static strings). */
const char *rv_json_kind(const cJSON *v);

/* Every key of obj is one of allowed (NULL-terminated) and appears once: RV_OK, or
 * RV_EINPUT "unknown key (expected one of: ...)" / "duplicate key". */
int rv_json_keys_only(const rv_json_ctx *j, const cJSON *obj, const char *path, const char *const *allowed);

/* Typed members of obj. Each returns RV_OK or RV_EINPUT. When the member is absent it
 * fails with "missing (required)" if required, else returns RV_OK leaving *out untouched
 * (pointers: set to NULL). What they return is borrowed from obj. */
/* Any member: RV_OK with *out the member or NULL when absent (and not required). */
int rv_json_member(const rv_json_ctx *j, const cJSON *obj, const char *path, const char *key,
                   int required, const cJSON **out);
int rv_json_object(const rv_json_ctx *j, const cJSON *obj, const char *path, const char *key,
                   int required, const cJSON **out);
int rv_json_array(const rv_json_ctx *j, const cJSON *obj, const char *path, const char *key,
                  int required, const cJSON **out);
/* A non-empty string.
 * A non-empty string; *out is borrowed from obj. */
int rv_json_string(const rv_json_ctx *j, const cJSON *obj, const char *path, const char *key,
                   int required, const char **out);
/* A finite number.
 * A finite number. */
int rv_json_number(const rv_json_ctx *j, const cJSON *obj, const char *path, const char *key,
                   int required, double *out);
/* A whole number in [lo, hi].
 * A whole number in [lo, hi]. */
int rv_json_integer(const rv_json_ctx *j, const cJSON *obj, const char *path, const char *key,
                    int required, int64_t lo, int64_t hi, int64_t *out);
/* true or false, as 1 or 0.
 * true or false, as 1 or 0. */
int rv_json_bool(const rv_json_ctx *j, const cJSON *obj, const char *path, const char *key,
                 int required, int *out);

#endif
