/* run/shard.c: write and read shard files (run/shard.h). One table maps call fields to JSON. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cJSON.h>
#include "run/shard.h"
#include "base/private_file.h"
#include "base/numtext.h"

typedef enum { F_STR, F_INT, F_I64, F_STARS, F_PANEL, F_POINTS, F_AF } ftype;
typedef struct field { const char *name; ftype t; size_t off; } field;

#define S(name, member) { name, F_STR, offsetof(rv_call, member) }
static const field call_fields[] = {
    S("variant", variant),
    { "contig", F_INT, offsetof(rv_call, contig) },
    { "pos", F_I64, offsetof(rv_call, pos) },
    S("gene", gene), S("hgnc_id", hgnc_id), S("transcript", transcript), S("hgvsc", hgvsc),
    S("hgvsp", hgvsp), S("consequence", consequence), S("zygosity", zygosity), S("class", cls),
    { "points", F_POINTS, offsetof(rv_call, points) },
    S("vus_tier", vus_tier), S("criteria", criteria), S("effective_class", effective_class),
    S("deciding_rule", deciding_rule), S("clinvar_tier", clinvar_tier), S("clinvar_sig", clinvar_sig),
    { "clinvar_stars", F_STARS, offsetof(rv_call, clinvar_stars) },
    { "clinvar_id", F_I64, offsetof(rv_call, clinvar_id) },
    S("clinvar_source", clinvar_source), S("clinvar_version", clinvar_version),
    { "af", F_AF, offsetof(rv_call, af) },
    S("pop_source", pop_source), S("pop_version", pop_version),
    { "panel_confidence", F_PANEL, offsetof(rv_call, panel_confidence) },
    S("panel_source", panel_source), S("panel_version", panel_version),
    S("validity_class", validity_class), S("validity_source", validity_source),
    S("validity_version", validity_version),
    S("clinvar_disease", clinvar_disease), S("panel_id", panel_id), S("panel_name", panel_name),
    S("condition", condition), S("mondo", mondo), S("validity_url", validity_url),
    { "candidate", F_INT, offsetof(rv_call, candidate) },
    S("candidate_reason", candidate_reason),
    S("moi", moi), S("fit", fit), S("partner", partner), S("inheritance", inheritance),
};
#define N_CALL_FIELDS (sizeof call_fields / sizeof *call_fields)

static cJSON *call_to_json(const rv_call *c)
{
    cJSON *o = cJSON_CreateObject();
    const char *base = (const char *)c;
    for (size_t i = 0; o && i < N_CALL_FIELDS; i++) {
        const field *f = &call_fields[i];
        const void *p = base + f->off;
        switch (f->t) {
        case F_STR: if (*(char *const *)p) cJSON_AddStringToObject(o, f->name, *(char *const *)p); break;
        case F_INT: cJSON_AddNumberToObject(o, f->name, *(const int *)p); break;
        case F_I64: if (*(const int64_t *)p) cJSON_AddNumberToObject(o, f->name, (double)*(const int64_t *)p); break;
        case F_STARS: case F_PANEL: if (*(const int *)p >= 0) cJSON_AddNumberToObject(o, f->name, *(const int *)p); break;
        case F_POINTS: if (c->has_points) cJSON_AddNumberToObject(o, f->name, c->points); break;
        case F_AF:
            if (c->has_af && !isnan(c->af)) {
                /* %.17g round-trips a double exactly, so a merged shard stores the same AF */
                char num[40];
                snprintf(num, sizeof num, "%.17g", c->af);
                cJSON_AddRawToObject(o, f->name, num);
            }
            break;
        }
    }
    return o;
}

static int call_from_json(const cJSON *o, rv_call *c, const char *path, int idx, rv_err *err)
{
    if (!cJSON_IsObject(o)) return rv_err_set(err, RV_EINPUT, "%s: calls[%d]: expected an object", path, idx);
    char *base = (char *)c;
    unsigned char seen[N_CALL_FIELDS] = { 0 };
    for (const cJSON *it = o->child; it; it = it->next) {
        size_t i;
        for (i = 0; i < N_CALL_FIELDS; i++) if (strcmp(it->string, call_fields[i].name) == 0) break;
        if (i == N_CALL_FIELDS) return rv_err_set(err, RV_EINPUT, "%s: calls[%d].%s: unknown field", path, idx, it->string);
        if (seen[i]++) return rv_err_set(err, RV_EINPUT, "%s: calls[%d].%s: given twice", path, idx, it->string);
        const field *f = &call_fields[i];
        void *p = base + f->off;
        if (f->t == F_STR) {
            if (!cJSON_IsString(it)) return rv_err_set(err, RV_EINPUT, "%s: calls[%d].%s: expected a string", path, idx, f->name);
            if (!(*(char **)p = strdup(it->valuestring))) return rv_err_set(err, RV_ENOMEM, "out of memory");
            continue;
        }
        if (!cJSON_IsNumber(it)) return rv_err_set(err, RV_EINPUT, "%s: calls[%d].%s: expected a number", path, idx, f->name);
        int64_t n = 0;
        if (f->t != F_AF && !rv_whole_number(it->valuedouble, f->t == F_I64 ? -9.0e18 : INT_MIN,
                                             f->t == F_I64 ? 9.0e18 : INT_MAX, &n))
            return rv_err_set(err, RV_EINPUT, "%s: calls[%d].%s: expected a whole number, found %g", path, idx,
                              f->name, it->valuedouble);
        switch (f->t) {
        case F_INT: case F_STARS: case F_PANEL: *(int *)p = (int)n; break;
        case F_I64: *(int64_t *)p = n; break;
        case F_POINTS: c->has_points = 1; c->points = (int)n; break;
        case F_AF: c->has_af = 1; c->af = it->valuedouble; break;
        case F_STR: break;
        }
    }
    if (!c->variant) return rv_err_set(err, RV_EINPUT, "%s: calls[%d].variant: missing", path, idx);
    c->clinvar_tier = rv_clinvar_tier_current(c->clinvar_tier);   /* shards of an older revus */
    if (c->cls && !rv_class_valid(c->cls))
        return rv_err_set(err, RV_EINPUT, "%s: calls[%d].class: '%s' is not P, LP, VUS, LB or B", path, idx, c->cls);
    return 0;
}

/* One JSON value as one line; 0 or RV_EIO/RV_ENOMEM. */
static int put_line(FILE *fp, cJSON *v, const char *path, rv_err *err)
{
    char *text = v ? cJSON_PrintUnformatted(v) : NULL;
    cJSON_Delete(v);
    if (!text) return rv_err_set(err, RV_ENOMEM, "out of memory");
    int bad = fputs(text, fp) < 0 || fputc('\n', fp) == EOF;
    cJSON_free(text);
    return bad ? rv_err_set(err, RV_EIO, "%s: write failed: %s", path, strerror(errno)) : 0;
}

int rv_shard_write(const char *path, const rv_shard *sh, rv_err *err)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    int fd = rv_open_private(tmp, O_WRONLY | O_CREAT | O_TRUNC, err);   /* patient calls: 0600 */
    if (fd < 0) return fd;
    FILE *fp = fdopen(fd, "w");
    if (!fp) { close(fd); unlink(tmp); return rv_err_set(err, RV_EIO, "%s: %s", tmp, strerror(errno)); }

    cJSON *head = cJSON_CreateObject();
    if (head) {
        cJSON_AddStringToObject(head, "format", "revus-shard");
        cJSON_AddNumberToObject(head, "format_version", RV_SHARD_FORMAT_VERSION);
        cJSON_AddStringToObject(head, "sample", sh->sample);
        cJSON_AddStringToObject(head, "vcf_sha256", sh->vcf_sha256);
        cJSON_AddStringToObject(head, "revus_version", sh->revus_version);
        cJSON_AddStringToObject(head, "config_hash", sh->config_hash);
        if (sh->skipped) cJSON_AddStringToObject(head, "skipped", sh->skipped);
        if (sh->prev_run >= 0) cJSON_AddNumberToObject(head, "prev_run", (double)sh->prev_run);
        cJSON_AddStringToObject(head, "mode", sh->mode ? sh->mode : "full");
        cJSON_AddNumberToObject(head, "n_calls", sh->calls.n);
        cJSON *src = cJSON_AddArrayToObject(head, "sources");
        for (int i = 0; src && i < sh->n_sources; i++) {
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "source", sh->sources[i].source);
            cJSON_AddStringToObject(o, "version", sh->sources[i].version);
            cJSON_AddStringToObject(o, "sha256", sh->sources[i].sha256 ? sh->sources[i].sha256 : "");
            cJSON_AddStringToObject(o, "role", sh->sources[i].role ? sh->sources[i].role : "");
            cJSON_AddItemToArray(src, o);
        }
    }
    int rc = put_line(fp, head, tmp, err);
    for (int i = 0; rc == 0 && i < sh->calls.n; i++) rc = put_line(fp, call_to_json(&sh->calls.x[i]), tmp, err);
    if (rc == 0) {   /* the end line: a shard cut short is refused, never half-merged */
        cJSON *end = cJSON_CreateObject();
        if (end) cJSON_AddNumberToObject(end, "end", sh->calls.n);
        rc = put_line(fp, end, tmp, err);
    }
    int bad = fflush(fp) != 0 || fsync(fileno(fp)) != 0;
    bad |= fclose(fp) != 0;
    if (rc == 0 && bad) rc = rv_err_set(err, RV_EIO, "%s: write failed: %s", tmp, strerror(errno));
    if (rc == 0 && rename(tmp, path) != 0) rc = rv_err_set(err, RV_EIO, "%s: %s", path, strerror(errno));
    if (rc) unlink(tmp);
    return rc;
}

static int get_str(const cJSON *root, const char *key, char **out, const char *path, rv_err *err)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, key);
    if (!cJSON_IsString(v)) return rv_err_set(err, RV_EINPUT, "%s: %s: missing or not a string", path, key);
    if (!(*out = strdup(v->valuestring))) return rv_err_set(err, RV_ENOMEM, "out of memory");
    return 0;
}

static int read_head(const cJSON *root, rv_shard *sh, const char *path, long *n_calls, rv_err *err)
{
    int rc;
    const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(root, "format");
    const cJSON *ver = cJSON_GetObjectItemCaseSensitive(root, "format_version");
    const cJSON *nc = cJSON_GetObjectItemCaseSensitive(root, "n_calls");
    if (!cJSON_IsString(fmt) || strcmp(fmt->valuestring, "revus-shard") != 0)
        return rv_err_set(err, RV_EINPUT, "%s: not a revus shard", path);
    if (!cJSON_IsNumber(ver) || (ver->valuedouble != RV_SHARD_FORMAT_VERSION && ver->valuedouble != 2))
        return rv_err_set(err, RV_EINPUT, "%s: shard format version %g, this revus reads 2 and %d", path,
                          cJSON_IsNumber(ver) ? ver->valuedouble : -1.0, RV_SHARD_FORMAT_VERSION);
    int64_t n;
    if (!cJSON_IsNumber(nc) || !rv_whole_number(nc->valuedouble, 0, INT_MAX, &n))
        return rv_err_set(err, RV_EINPUT, "%s: n_calls: missing or not a count", path);
    *n_calls = (long)n;
    if ((rc = get_str(root, "sample", &sh->sample, path, err)) < 0 ||
        (rc = get_str(root, "vcf_sha256", &sh->vcf_sha256, path, err)) < 0 ||
        (rc = get_str(root, "revus_version", &sh->revus_version, path, err)) < 0 ||
        (rc = get_str(root, "config_hash", &sh->config_hash, path, err)) < 0)
        return rc;
    if (cJSON_GetObjectItemCaseSensitive(root, "skipped") && (rc = get_str(root, "skipped", &sh->skipped, path, err)) < 0)
        return rc;
    sh->prev_run = -1;            /* not recorded (format 2: read in full, from a run it did not name) */
    if (ver->valuedouble >= 3) {
        const cJSON *pr = cJSON_GetObjectItemCaseSensitive(root, "prev_run");
        if (pr && (!cJSON_IsNumber(pr) || !rv_whole_number(pr->valuedouble, 0, 9.0e15, &sh->prev_run)))
            return rv_err_set(err, RV_EINPUT, "%s: prev_run: not a run id", path);
        if ((rc = get_str(root, "mode", &sh->mode, path, err)) < 0) return rc;
        if (strcmp(sh->mode, "full") != 0 && strcmp(sh->mode, "incremental") != 0)
            return rv_err_set(err, RV_EINPUT, "%s: mode: '%s' is not full or incremental", path, sh->mode);
    } else if (!(sh->mode = strdup("full")))
        return rv_err_set(err, RV_ENOMEM, "out of memory");
    const cJSON *src = cJSON_GetObjectItemCaseSensitive(root, "sources");
    if (!cJSON_IsArray(src)) return rv_err_set(err, RV_EINPUT, "%s: sources: expected a list", path);
    sh->sources = calloc((size_t)cJSON_GetArraySize(src) + 1, sizeof *sh->sources);
    if (!sh->sources) return rv_err_set(err, RV_ENOMEM, "out of memory");
    for (const cJSON *o = src->child; o; o = o->next) {
        rv_source_ver *v = &sh->sources[sh->n_sources++];
        char where[4200];
        snprintf(where, sizeof where, "%s: sources[%d]", path, sh->n_sources - 1);
        if ((rc = get_str(o, "source", &v->source, where, err)) < 0 ||
            (rc = get_str(o, "version", &v->version, where, err)) < 0 ||
            (rc = get_str(o, "sha256", &v->sha256, where, err)) < 0 ||
            (rc = get_str(o, "role", &v->role, where, err)) < 0)
            return rc;
    }
    return 0;
}

int rv_shard_read(const char *path, rv_shard *sh, rv_err *err)
{
    memset(sh, 0, sizeof *sh);
    if (!(sh->path = strdup(path))) return rv_err_set(err, RV_ENOMEM, "out of memory");
    FILE *fp = fopen(path, "r");
    if (!fp) { int rc = rv_err_set(err, RV_EIO, "%s: %s", path, strerror(errno)); rv_shard_free(sh); return rc; }
    char *line = NULL;
    size_t cap = 0;
    long lineno = 0, n_calls = -1;
    int rc = 0, ended = 0;
    /* one JSON value per line: the head, the calls, the end line */
    while (rc == 0 && getline(&line, &cap, fp) >= 0) {
        lineno++;
        cJSON *v = cJSON_Parse(line);
        if (!v) { rc = rv_err_set(err, RV_EINPUT, "%s:%ld: not valid JSON (a damaged shard?)", path, lineno); break; }
        if (lineno == 1) rc = read_head(v, sh, path, &n_calls, err);
        else if (ended) rc = rv_err_set(err, RV_EINPUT, "%s:%ld: text after the end line", path, lineno);
        else if (cJSON_GetObjectItemCaseSensitive(v, "end")) {
            const cJSON *e = cJSON_GetObjectItemCaseSensitive(v, "end");
            if (!cJSON_IsNumber(e) || e->valuedouble != (double)n_calls || sh->calls.n != n_calls)
                rc = rv_err_set(err, RV_EINPUT, "%s:%ld: %d calls read, the shard says %ld", path, lineno,
                                sh->calls.n, n_calls);
            ended = 1;
        } else {
            rv_call *c = rv_calls_push(&sh->calls);
            if (!c) rc = rv_err_set(err, RV_ENOMEM, "out of memory");
            else rc = call_from_json(v, c, path, sh->calls.n - 1, err);
        }
        cJSON_Delete(v);
    }
    free(line);
    if (rc == 0 && ferror(fp)) rc = rv_err_set(err, RV_EIO, "%s: read error", path);
    fclose(fp);
    if (rc == 0 && lineno == 0) rc = rv_err_set(err, RV_EINPUT, "%s: empty file, not a revus shard", path);
    if (rc == 0 && !ended) rc = rv_err_set(err, RV_EINPUT, "%s: no end line: the shard is truncated", path);
    if (rc < 0) rv_shard_free(sh);
    return rc;
}

void rv_shard_free(rv_shard *sh)
{
    if (!sh) return;
    free(sh->skipped);
    free(sh->mode);
    free(sh->path); free(sh->sample); free(sh->vcf_sha256); free(sh->revus_version); free(sh->config_hash);
    rv_source_vers_free(sh->sources, sh->n_sources);
    rv_calls_free(&sh->calls);
    memset(sh, 0, sizeof *sh);
}

int rv_shard_same_snapshot(const rv_shard *a, const rv_shard *b, rv_err *err)
{
    if (strcmp(a->config_hash, b->config_hash) != 0)
        return rv_err_set(err, RV_EINPUT, "%s and %s were computed with different pipeline configs", a->path, b->path);
    if (a->n_sources != b->n_sources)
        return rv_err_set(err, RV_EINPUT, "%s and %s were computed from different sources (%d vs %d)",
                          a->path, b->path, a->n_sources, b->n_sources);
    for (int i = 0; i < a->n_sources; i++) {
        const rv_source_ver *x = &a->sources[i], *y = &b->sources[i];
        if (strcmp(x->source, y->source) || strcmp(x->version, y->version) || strcmp(x->sha256, y->sha256))
            return rv_err_set(err, RV_EINPUT, "%s and %s were computed from different sources (%s %s vs %s %s)",
                              a->path, b->path, x->source, x->version, y->source, y->version);
    }
    return 0;
}
