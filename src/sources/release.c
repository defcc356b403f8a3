/* sources/release.c: fetch or import a source release into the store (sources/release.h). */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <regex.h>
#include <zlib.h>
#include <cjson/cJSON.h>
#include "base/md5.h"
#include "sources/release.h"
#include "sources/format_internal.h"
#include "base/textfile.h"
#include "base/sha256.h"

#define SIDECAR_MAX_BYTES (1 << 20)
#define JSON_VERSION_MAX_BYTES (256 << 20)

/* ---- small helpers ------------------------------------------------------------ */

static int is_hex_token(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isxdigit((unsigned char)s[i])) return 0;
    return 1;
}

/* Last path component of a URL or path, without a query or a trailing slash. */
static void last_component(const char *s, char *out, size_t n)
{
    size_t len = strcspn(s, "?#");
    while (len > 0 && s[len - 1] == '/') len--;
    size_t start = len;
    while (start > 0 && s[start - 1] != '/') start--;
    size_t k = len - start < n - 1 ? len - start : n - 1;
    memcpy(out, s + start, k);
    out[k] = '\0';
}

/* File name for the raw release inside the version folder: the source's own name when
 * it has one (keeps .gz/.bgz visible), else NAME + the format's extension. */
static void raw_file_name(const rv_descriptor *d, const char *src, char *out, size_t n)
{
    char b[256];
    last_component(src, b, sizeof b);
    for (char *p = b; *p; p++)
        if (!(isalnum((unsigned char)*p) || *p == '.' || *p == '_' || *p == '-')) *p = '_';
    if (b[0] && b[0] != '.' && strchr(b, '.') && strcmp(b, RV_STORE_MANIFEST_NAME) != 0
        && strcmp(b, RV_STORE_INDEX_NAME) != 0) {
        snprintf(out, n, "%s", b);
        return;
    }
    const rv_format *f = rv_format_find(d->format);
    snprintf(out, n, "%s%s", d->name, f ? f->ext : "");
}

static void now_utc(char *out, size_t n)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int copy_file(const char *from, const char *to, rv_err *err)
{
    if (link(from, to) == 0) return RV_OK;      /* same file system: no copy needed */
    int in = open(from, O_RDONLY | O_CLOEXEC);
    if (in < 0) return rv_err_set(err, RV_EIO, "%s: cannot open: %s", from, strerror(errno));
    int out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (out < 0) {
        close(in);
        return rv_err_set(err, RV_EIO, "%s: cannot write: %s", to, strerror(errno));
    }
    char buf[1 << 16];          /* on the stack: imports may run in several threads */
    ssize_t k;
    int rc = RV_OK;
    while ((k = read(in, buf, sizeof buf)) > 0) {
        for (ssize_t off = 0; off < k;) {
            ssize_t w = write(out, buf + off, (size_t)(k - off));
            if (w < 0) { rc = rv_err_set(err, RV_EIO, "%s: write error: %s", to, strerror(errno)); break; }
            off += w;
        }
        if (rc < 0) break;
    }
    if (k < 0 && rc == RV_OK) rc = rv_err_set(err, RV_EIO, "%s: read error: %s", from, strerror(errno));
    close(in);
    if (close(out) != 0 && rc == RV_OK) rc = rv_err_set(err, RV_EIO, "%s: write error", to);
    return rc;
}

/* ---- checksums and versions --------------------------------------------------- */

static int version_by_regex(const char *rx, const char *subject, char *out, size_t n)
{
    regex_t re;
    if (regcomp(&re, rx, REG_EXTENDED) != 0) return -1;
    regmatch_t m[2];
    int rc = regexec(&re, subject, 2, m, 0);
    regfree(&re);
    if (rc != 0) return -1;
    int g = m[1].rm_so >= 0 ? 1 : 0;
    size_t k = (size_t)(m[g].rm_eo - m[g].rm_so);
    if (k == 0 || k >= n) return -1;
    memcpy(out, subject + m[g].rm_so, k);
    out[k] = '\0';
    return 0;
}

/* ---- header scan: fingerprint, required lines, header version ------------------ */

typedef struct header_scan {
    char fp[65];
    char version[64];            /* from a header: rule, "" when not found */
    int missing_rule;            /* index of the first require_header rule unmet, or -1 */
} header_scan;

/* Read one line (any length) from gz into *buf; 0 at EOF. */
static int gz_line(gzFile gz, char **buf, size_t *cap, size_t *len)
{
    *len = 0;
    for (;;) {
        if (*cap - *len < 4096) {
            size_t nc = *cap ? *cap * 2 : 65536;
            char *nb = realloc(*buf, nc);
            if (!nb) return -1;
            *buf = nb;
            *cap = nc;
        }
        if (!gzgets(gz, *buf + *len, (int)(*cap - *len))) return *len > 0;
        *len += strlen(*buf + *len);
        if (*len > 0 && (*buf)[*len - 1] == '\n') return 1;
    }
}

static int line_is_header(const rv_descriptor *d, const char *line, long lineno)
{
    const rv_format *f = rv_format_find(d->format);
    if (f && f->hash_header) return line[0] == '#';
    return lineno <= d->skip_lines + 1;          /* preamble + the column header line */
}

static int scan_text_header(const rv_descriptor *d, const char *raw, const char *prefix, header_scan *hs, rv_err *err)
{
    gzFile gz = gzopen(raw, "rb");
    if (!gz) return rv_err_set(err, RV_EIO, "%s: cannot open: %s", raw, strerror(errno));
    gzbuffer(gz, 1 << 17);
    char *buf = NULL;
    size_t cap = 0, len;
    long lineno = 0;
    int *met = calloc((size_t)d->n_require_header + 1, sizeof *met);
    rv_sha256 c;
    rv_sha256_init(&c);
    int rc = RV_OK, got;
    while ((got = gz_line(gz, &buf, &cap, &len)) > 0) {
        lineno++;
        if (lineno == 1 && rv_format_id_of(d->format) == RV_FMT_VCF && strncmp(buf, "##fileformat=VCF", 16) != 0) {
            rc = rv_err_set(err, RV_ESOURCE, "%s:1: not a VCF (first line is not ##fileformat=VCF...)", raw);
            break;
        }
        if (!line_is_header(d, buf, lineno)) break;
        rv_sha256_update(&c, buf, len);
        for (int i = 0; i < d->n_require_header; i++)
            if (!met[i] && strncmp(buf, d->require_header[i].prefix, strlen(d->require_header[i].prefix)) == 0)
                met[i] = 1;
        if (prefix && !hs->version[0]) {
            while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r')) buf[--len] = '\0';
            rv_version_from_line(buf, prefix, hs->version, sizeof hs->version);
        }
    }
    int zerr;
    const char *zmsg = gzerror(gz, &zerr);
    if (rc == RV_OK && got < 0) rc = rv_err_set(err, RV_ENOMEM, "out of memory");
    if (rc == RV_OK && zerr != Z_OK && zerr != Z_STREAM_END)
        rc = rv_err_set(err, RV_ESOURCE, "%s: damaged compressed data near line %ld: %s", raw, lineno, zmsg);
    if (rc == RV_OK && lineno == 0) rc = rv_err_set(err, RV_ESOURCE, "%s: the file is empty", raw);
    gzclose(gz);
    free(buf);
    hs->missing_rule = -1;
    for (int i = 0; rc == RV_OK && i < d->n_require_header; i++)
        if (!met[i]) { hs->missing_rule = i; break; }
    free(met);
    rv_sha256_hex(&c, hs->fp);
    return rc;
}

/* JSON sources: the fingerprint is the list of top-level keys; the version a key path. */
static int scan_json(const rv_descriptor *d, const char *raw, const char *key, header_scan *hs, rv_err *err)
{
    char *text;
    size_t n;
    int rc = rv_textfile_slurp(raw, &text, &n, JSON_VERSION_MAX_BYTES, err);
    if (rc == RV_ESOURCE) return rv_err_set(err, RV_ESOURCE, "%s: too large for a JSON source", raw);
    if (rc < 0) return rc;
    cJSON *root = cJSON_ParseWithLength(text, n);
    free(text);
    if (!cJSON_IsObject(root)) {
        cJSON_Delete(root);
        return rv_err_set(err, RV_ESOURCE, "%s: not a JSON object (%s expects the panel API's JSON)", raw, d->format);
    }
    rv_sha256 c;
    rv_sha256_init(&c);
    for (const cJSON *e = root->child; e; e = e->next) {
        rv_sha256_update(&c, e->string, strlen(e->string));
        rv_sha256_update(&c, "\n", 1);
    }
    rv_sha256_hex(&c, hs->fp);
    hs->missing_rule = -1;
    if (key) {
        const cJSON *v = root;
        char path[256];
        snprintf(path, sizeof path, "%s", key);
        for (char *save = NULL, *part = strtok_r(path, ".", &save); part && v; part = strtok_r(NULL, ".", &save))
            v = cJSON_GetObjectItemCaseSensitive(v, part);
        if (cJSON_IsString(v)) snprintf(hs->version, sizeof hs->version, "%s", v->valuestring);
        else if (cJSON_IsNumber(v)) snprintf(hs->version, sizeof hs->version, "%g", v->valuedouble);
    }
    cJSON_Delete(root);
    return RV_OK;
}

/* ---- the shared path ------------------------------------------------------------ */

typedef struct intake {
    const char *raw_path;        /* in the stage folder */
    const char *display;         /* what the user knows it as: the URL or their file */
    const char *origin;          /* URL (fetch) or file path (import): for filename: rules */
    const char *url;             /* recorded in the manifest */
    const char *checksum_note;   /* how the bytes were verified so far */
    const char *etag, *last_modified;
    const char *sha256;          /* digested while downloading, or NULL: hash the file */
} intake;

static int determine_version(const rv_descriptor *d, const rv_release_opts *o, const intake *in,
                             const header_scan *hs, char *version, size_t n, rv_err *err)
{
    const char *rule = d->version_rule;
    if (o->version) {
        snprintf(version, n, "%s", o->version);
    } else if (strncmp(rule, "fixed:", 6) == 0) {
        snprintf(version, n, "%s", rule + 6);
    } else if (strncmp(rule, "header:", 7) == 0 || strncmp(rule, "json:", 5) == 0) {
        if (!hs->version[0])
            return rv_err_set(err, RV_ESOURCE, "%s: no version: the %s has no %s '%s' (version_rule %s); give --version",
                              in->raw_path, strncmp(rule, "json:", 5) == 0 ? "JSON" : "header",
                              strncmp(rule, "json:", 5) == 0 ? "key" : "line starting", strchr(rule, ':') + 1, rule);
        snprintf(version, n, "%s", hs->version);
    } else if (strncmp(rule, "filename:", 9) == 0) {
        if (version_by_regex(rule + 9, in->origin, version, n) < 0)
            return rv_err_set(err, RV_EUSAGE, "%s: no version: '%s' does not match %s; give --version",
                              d->name, in->origin, rule);
    } else {
        return rv_err_set(err, RV_EUSAGE, "%s: the version of this source is given by hand: add --version V", d->name);
    }
    if (!rv_store_version_ok(version))
        return rv_err_set(err, o->version ? RV_EUSAGE : RV_ESOURCE,
                          "%s: '%s' cannot name a version (1-63 of letters, digits, '.', '_', '-')", d->name, version);
    return RV_OK;
}

static int check_given_digests(const rv_descriptor *d, const rv_release_opts *o, const char *raw,
                               const char *sha, char *note, size_t note_n, rv_err *err)
{
    if (d->sha256) {
        if (strcmp(d->sha256, sha) != 0)
            return rv_err_set(err, RV_ESOURCE, "%s: checksum mismatch: sha256 is %s, the descriptor says %s",
                              raw, sha, d->sha256);
        snprintf(note, note_n, "sha256 from descriptor");
    }
    if (o->sha256) {
        if (strlen(o->sha256) != 64 || !is_hex_token(o->sha256, 64))
            return rv_err_set(err, RV_EUSAGE, "--sha256 wants 64 hexadecimal digits");
        if (strcasecmp(o->sha256, sha) != 0)
            return rv_err_set(err, RV_ESOURCE, "%s: checksum mismatch: sha256 is %s, --sha256 says %s", raw, sha, o->sha256);
        snprintf(note, note_n, "sha256 given by hand");
    }
    if (o->md5) {
        if (strlen(o->md5) != 32 || !is_hex_token(o->md5, 32))
            return rv_err_set(err, RV_EUSAGE, "--md5 wants 32 hexadecimal digits");
        char md5[33];
        int rc = rv_md5_file(raw, md5, err);
        if (rc < 0) return rc;
        if (strcasecmp(o->md5, md5) != 0)
            return rv_err_set(err, RV_ESOURCE, "%s: checksum mismatch: md5 is %s, --md5 says %s", raw, md5, o->md5);
        snprintf(note, note_n, "md5 given by hand");
    }
    return RV_OK;
}

/* Messages about the staged copy should name what the user knows: the URL or their file. */
static void name_for_user(rv_err *err, const intake *in)
{
    if (!err) return;
    char *hit = strstr(err->msg, in->raw_path);
    if (!hit) return;
    char buf[RV_ERR_MSG_MAX];
    snprintf(buf, sizeof buf, "%.*s%s%s", (int)(hit - err->msg), err->msg, in->display, hit + strlen(in->raw_path));
    memcpy(err->msg, buf, sizeof buf);
}

static int take_in_staged(const rv_descriptor *d, const rv_release_opts *o, const char *stage, const intake *in,
                          rv_update *u, rv_err *err);

static int take_in(const rv_descriptor *d, const rv_release_opts *o, const char *stage, const intake *in,
                   rv_update *u, rv_err *err)
{
    int rc = take_in_staged(d, o, stage, in, u, err);
    if (rc < 0) name_for_user(err, in);
    return rc;
}

static int take_in_staged(const rv_descriptor *d, const rv_release_opts *o, const char *stage, const intake *in,
                          rv_update *u, rv_err *err)
{
    rv_release *r = &u->rel;
    memset(r, 0, sizeof *r);
    int rc;
    if (in->sha256 && in->sha256[0]) {
        struct stat st;
        if (stat(in->raw_path, &st) != 0) return rv_err_set(err, RV_EIO, "%s: %s", in->raw_path, strerror(errno));
        snprintf(r->sha256, sizeof r->sha256, "%s", in->sha256);
        r->size = (int64_t)st.st_size;
    } else if ((rc = rv_sha256_file(in->raw_path, r->sha256, &r->size, err)) < 0) {
        return rc;
    }
    if (d->max_bytes > 0 && r->size > d->max_bytes)
        return rv_err_set(err, RV_ESOURCE, "%s: %lld bytes, more than the descriptor's max_bytes (%lld)",
                          in->raw_path, (long long)r->size, (long long)d->max_bytes);
    char note[80];
    snprintf(note, sizeof note, "%s", in->checksum_note);
    if ((rc = check_given_digests(d, o, in->raw_path, r->sha256, note, sizeof note, err)) < 0) return rc;

    header_scan hs = { .missing_rule = -1 };
    const char *rule = d->version_rule;
    const rv_format *f = rv_format_find(d->format);
    if (f && f->json)
        rc = scan_json(d, in->raw_path, strncmp(rule, "json:", 5) == 0 ? rule + 5 : NULL, &hs, err);
    else
        rc = scan_text_header(d, in->raw_path, strncmp(rule, "header:", 7) == 0 ? rule + 7 : NULL, &hs, err);
    if (rc < 0) return rc;
    if (hs.missing_rule >= 0)
        return rv_err_set(err, RV_ESOURCE, "%s: header has no line starting '%s': %s", in->raw_path,
                          d->require_header[hs.missing_rule].prefix, d->require_header[hs.missing_rule].why);

    char version[64];
    if ((rc = determine_version(d, o, in, &hs, version, sizeof version, err)) < 0) return rc;

    rv_release stored;
    rv_err quiet;
    if (rv_store_get(o->home, d->name, version, &stored, &quiet) == RV_OK) {
        if (strcmp(stored.sha256, r->sha256) != 0)
            return rv_err_set(err, RV_ESOURCE,
                              "%s %s is already stored with sha256 %.12s..., the new file has %.12s...: "
                              "the provider changed the file without changing its version; nothing was changed",
                              d->name, version, stored.sha256, r->sha256);
        u->kind = RV_UPDATE_ALREADY_STORED;
        *r = stored;
        return RV_OK;
    }

    snprintf(r->source, sizeof r->source, "%s", d->name);
    snprintf(r->version, sizeof r->version, "%s", version);
    snprintf(r->raw_path, sizeof r->raw_path, "%s", in->raw_path);
    snprintf(r->url, sizeof r->url, "%s", in->url);
    snprintf(r->checksum, sizeof r->checksum, "%s", note);
    snprintf(r->header_fp, sizeof r->header_fp, "%s", hs.fp);
    snprintf(r->descriptor, sizeof r->descriptor, "%s", d->name);
    snprintf(r->build, sizeof r->build, "%s", d->build ? rv_build_name(d->build) : "");
    snprintf(r->role, sizeof r->role, "%s", d->role->name);
    snprintf(r->format, sizeof r->format, "%s", d->format);
    snprintf(r->etag, sizeof r->etag, "%s", in->etag ? in->etag : "");
    snprintf(r->last_modified, sizeof r->last_modified, "%s", in->last_modified ? in->last_modified : "");
    now_utc(r->fetched_at, sizeof r->fetched_at);
    if ((rc = rv_sha256_file(d->path, r->descriptor_sha256, NULL, err)) < 0) return rc;

    char index_path[4200];
    snprintf(index_path, sizeof index_path, "%s/%s", stage, RV_STORE_INDEX_NAME);
    memset(&u->stats, 0, sizeof u->stats);
    rv_compile_opts co = { o->compile_progress, o->ref_check, in->display };
    rc = rv_index_compile_opts(d, in->raw_path, version, index_path, &u->stats, &co, err);
    if (rc < 0) {
        rv_err_prefix(err, "%s %s: compile failed", d->name, version);
        if (err && err->code == RV_EINPUT) err->code = RV_ESOURCE;   /* format drift is a source problem */
        return err ? err->code : RV_ESOURCE;
    }
    /* read back what was written (and stamp it verified, so runs trust it with one stat) */
    if ((rc = rv_index_verify_stamp(index_path, err)) < 0) return rc;
    r->records = u->stats.records_out;
    r->records_in = u->stats.records_in;
    if ((rc = rv_store_write_manifest(stage, r, err)) < 0) return rc;
    if ((rc = rv_store_commit(o->home, d->name, version, stage, err)) < 0) return rc;
    u->kind = RV_UPDATE_NEW;
    /* paths now point into the version folder */
    if ((rc = rv_store_get(o->home, d->name, version, r, err)) < 0) {
        rv_err_prefix(err, "%s %s is stored but its manifest cannot be read back", d->name, version);
        return rc;
    }
    if (!o->no_activate) {
        if ((rc = rv_store_activate(o->home, d->name, version, err)) < 0) {
            rv_err_prefix(err, "%s %s is stored but could not be activated", d->name, version);
            return rc;
        }
        u->activated = 1;
    }
    return RV_OK;
}

static void note_previous(const char *home, const char *source, rv_update *u)
{
    rv_release act;
    if (rv_store_active(home, source, &act, NULL) == RV_OK)
        snprintf(u->previous, sizeof u->previous, "%s", act.version);
}

int rv_release_fetch(const rv_descriptor *d, const rv_release_opts *o, rv_update *u, rv_err *err)
{
    memset(u, 0, sizeof *u);
    char *url = rv_descriptor_url(d);
    if (!url)
        return rv_err_set(err, RV_EUSAGE, "%s has no download.url: bring the file in with `revus sources import %s FILE`",
                          d->name, d->name);
    int lock = -1, rc;
    char stage[4200] = "";
    if ((rc = rv_store_lock(o->home, d->name, &lock, err)) < 0) { free(url); return rc; }
    rv_store_clean_stale(o->home, d->name);
    note_previous(o->home, d->name, u);

    /* conditional GET only when the release it describes is still in the store */
    rv_http_memo memo;
    rv_release tmp;
    int have_memo = !o->force && rv_store_get_memo(o->home, d->name, &memo) == 0 && strcmp(memo.url, url) == 0
                    && memo.version[0] && rv_store_get(o->home, d->name, memo.version, &tmp, NULL) == RV_OK;

    char raw_name[300], raw_path[4600], part[4700];
    raw_file_name(d, url, raw_name, sizeof raw_name);
    if ((rc = rv_store_stage(o->home, d->name, stage, sizeof stage, err)) < 0) goto out;
    snprintf(raw_path, sizeof raw_path, "%s/%s", stage, raw_name);
    snprintf(part, sizeof part, "%s.part", raw_path);

    rv_fetch_opts fo = { .max_bytes = d->max_bytes, .attempts = o->attempts, .backoff_s = o->backoff_s,
                         .etag = have_memo ? memo.etag : NULL, .last_modified = have_memo ? memo.last_modified : NULL,
                         .progress = o->progress, .progress_ctx = o->progress_ctx, .hash = 1 };
    rv_fetch_result fr;
    if ((rc = rv_fetch_url(url, part, &fo, &fr, err)) < 0) {
        rv_err_prefix(err, "%s: download failed", d->name);
        goto out;
    }
    if (fr.not_modified) {
        u->kind = RV_UPDATE_NOT_MODIFIED;
        u->rel = tmp;
        goto out;
    }

    char note[80] = "none (sha256 recorded)";
    if (d->checksum_url) {
        char side_name[300], side_path[4600], want[65], got[65];
        last_component(d->checksum_url, side_name, sizeof side_name);
        for (char *p = side_name; *p; p++)
            if (!(isalnum((unsigned char)*p) || *p == '.' || *p == '_' || *p == '-')) *p = '_';
        snprintf(side_path, sizeof side_path, "%s/checksum-%s", stage, side_name);
        rv_fetch_opts so = { .max_bytes = SIDECAR_MAX_BYTES, .attempts = o->attempts, .backoff_s = o->backoff_s };
        rv_fetch_result sr;
        if ((rc = rv_fetch_url(d->checksum_url, side_path, &so, &sr, err)) < 0) {
            rv_err_prefix(err, "%s: checksum download failed", d->name);
            goto out;
        }
        char *text;
        size_t text_len;
        if ((rc = rv_textfile_slurp(side_path, &text, &text_len, SIDECAR_MAX_BYTES, err)) < 0) goto out;
        char file_name[300];
        last_component(url, file_name, sizeof file_name);
        int found = rv_sidecar_digest(text, d->checksum_kind, file_name, want, sizeof want);
        free(text);
        if (found < 0) {
            rc = rv_err_set(err, RV_ESOURCE, "%s: %s holds no %s digest", d->name, d->checksum_url, d->checksum_kind);
            goto out;
        }
        const char *streamed = strcmp(d->checksum_kind, "md5") == 0 ? fr.md5 : fr.sha256;
        if (streamed[0]) snprintf(got, sizeof got, "%s", streamed);
        else if (strcmp(d->checksum_kind, "md5") == 0) rc = rv_md5_file(part, got, err);
        else rc = rv_sha256_file(part, got, NULL, err);
        if (rc < 0) goto out;
        if (strcmp(want, got) != 0) {
            rc = rv_err_set(err, RV_ESOURCE, "%s: checksum mismatch: downloaded file has %s %s, %s says %s",
                            d->name, d->checksum_kind, got, d->checksum_url, want);
            goto out;
        }
        snprintf(note, sizeof note, "%s from %.60s", d->checksum_kind, side_name);
    }
    if (rename(part, raw_path) != 0) {
        rc = rv_err_set(err, RV_EIO, "%s: %s", raw_path, strerror(errno));
        goto out;
    }
    intake in = { raw_path, url, url, url, note, fr.etag, fr.last_modified, fr.sha256 };
    if ((rc = take_in(d, o, stage, &in, u, err)) < 0) goto out;
    if (u->kind == RV_UPDATE_NEW) stage[0] = '\0';     /* it became the version folder */
    rv_http_memo m = { .url = "" };
    snprintf(m.url, sizeof m.url, "%s", url);
    snprintf(m.etag, sizeof m.etag, "%s", fr.etag);
    snprintf(m.last_modified, sizeof m.last_modified, "%s", fr.last_modified);
    snprintf(m.version, sizeof m.version, "%s", u->rel.version);
    if (rv_store_put_memo(o->home, d->name, &m, NULL) < 0)
        rv_log_warn("%s: could not remember the download's ETag; the next fetch downloads again", d->name);
out:
    if (stage[0]) rv_store_rmtree(stage);
    rv_store_unlock(lock);
    free(url);
    return rc;
}

int rv_release_import(const rv_descriptor *d, const char *file, const rv_release_opts *o, rv_update *u, rv_err *err)
{
    memset(u, 0, sizeof *u);
    struct stat st;
    if (stat(file, &st) != 0) return rv_err_set(err, RV_EINPUT, "%s: %s", file, strerror(errno));
    if (!S_ISREG(st.st_mode)) return rv_err_set(err, RV_EINPUT, "%s: not a regular file", file);
    int lock = -1, rc;
    char stage[4200] = "";
    if ((rc = rv_store_lock(o->home, d->name, &lock, err)) < 0) return rc;
    rv_store_clean_stale(o->home, d->name);
    note_previous(o->home, d->name, u);
    char raw_name[300], raw_path[4600], abs[PATH_MAX], url[PATH_MAX + 8];
    raw_file_name(d, file, raw_name, sizeof raw_name);
    if (!realpath(file, abs)) snprintf(abs, sizeof abs, "%s", file);
    snprintf(url, sizeof url, "file://%s", abs);
    if ((rc = rv_store_stage(o->home, d->name, stage, sizeof stage, err)) < 0) goto out;
    snprintf(raw_path, sizeof raw_path, "%s/%s", stage, raw_name);
    if ((rc = copy_file(file, raw_path, err)) < 0) goto out;
    intake in = { raw_path, file, file, url, "none (sha256 recorded)", NULL, NULL, NULL };
    if ((rc = take_in(d, o, stage, &in, u, err)) < 0) goto out;
    if (u->kind == RV_UPDATE_NEW) stage[0] = '\0';
out:
    if (stage[0]) rv_store_rmtree(stage);
    rv_store_unlock(lock);
    return rc;
}

int rv_release_verify(const rv_release *r, rv_err *err)
{
    char sha[65];
    int rc = rv_sha256_file(r->raw_path, sha, NULL, err);
    if (rc < 0)     /* err->msg as an argument: rv_err_set formats through a temporary */
        return rv_err_set(err, RV_ESOURCE, "%s %s: raw file unreadable: %s", r->source, r->version, err ? err->msg : "");
    if (strcmp(sha, r->sha256) != 0)
        return rv_err_set(err, RV_ESOURCE, "%s %s: %s has sha256 %s, the manifest says %s (changed on disk)",
                          r->source, r->version, r->raw_path, sha, r->sha256);
    rc = rv_index_verify_stamp(r->index_path, err);
    if (rc < 0) {
        rv_err_prefix(err, "%s %s: index", r->source, r->version);
        return rc;
    }
    return RV_OK;
}
