/* sources/release.c: fetch or import a source release into the store (sources/release.h). */
#include <ctype.h>
#include <dirent.h>
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

/* File name for the raw release inside the version folder: the source's own name when
 * it has one (keeps .gz/.bgz visible), else NAME + the format's extension. */
static void raw_file_name(const rv_descriptor *d, const char *src, char *out, size_t n)
{
    char b[256];
    rv_descriptor_file_name(src, b, sizeof b);
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

static int scan_text_header(const rv_descriptor *d, const char *raw, const char *prefix, int dated, header_scan *hs,
                            rv_err *err)
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
            if (dated) rv_version_date_from_line(buf, prefix, hs->version, sizeof hs->version);
            else rv_version_from_line(buf, prefix, hs->version, sizeof hs->version);
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
    const rv_part *part;         /* the file of a set it is; NULL for a release of one file */
} intake;

/* The files one release is taken in from, in set order (one for most sources). */
typedef struct intake_set {
    intake *in;
    int n;
    uint32_t missing;            /* bit c: the set's file of contig c is not there */
    char missing_text[512];      /* labels of the files the set lacks, "chr3, chr4" */
} intake_set;

static int determine_version(const rv_descriptor *d, const rv_release_opts *o, const intake *in,
                             const header_scan *hs, char *version, size_t n, rv_err *err)
{
    const char *rule = d->version_rule;
    if (o->version) {
        snprintf(version, n, "%s", o->version);
    } else if (strncmp(rule, "fixed:", 6) == 0) {
        snprintf(version, n, "%s", rule + 6);
    } else if (strncmp(rule, "header:", 7) == 0 || strncmp(rule, "header-date:", 12) == 0 || strncmp(rule, "json:", 5) == 0) {
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

/* Messages about the staged copies should name what the user knows: the URL or their file. */
static void name_for_user(rv_err *err, const intake_set *s)
{
    if (!err) return;
    for (int i = 0; i < s->n; i++) {
        const intake *in = &s->in[i];
        char *hit = strstr(err->msg, in->raw_path);
        if (!hit) continue;
        char buf[RV_ERR_MSG_MAX];
        snprintf(buf, sizeof buf, "%.*s%s%s", (int)(hit - err->msg), err->msg, in->display, hit + strlen(in->raw_path));
        memcpy(err->msg, buf, sizeof buf);
    }
}

/* One file: its digest and size, the given checksums, the header checks, its version. */
static int take_in_file(const rv_descriptor *d, const rv_release_opts *o, const intake *in, rv_release_file *f,
                        char *version, size_t vn, rv_err *err)
{
    int rc;
    if (in->sha256 && in->sha256[0]) {
        struct stat st;
        if (stat(in->raw_path, &st) != 0) return rv_err_set(err, RV_EIO, "%s: %s", in->raw_path, strerror(errno));
        snprintf(f->sha256, sizeof f->sha256, "%s", in->sha256);
        f->size = (int64_t)st.st_size;
    } else if ((rc = rv_sha256_file(in->raw_path, f->sha256, &f->size, err)) < 0) {
        return rc;
    }
    if (d->max_bytes > 0 && f->size > d->max_bytes)
        return rv_err_set(err, RV_ESOURCE, "%s: %lld bytes, more than the descriptor's max_bytes (%lld)",
                          in->raw_path, (long long)f->size, (long long)d->max_bytes);
    snprintf(f->checksum, sizeof f->checksum, "%s", in->checksum_note);
    if ((rc = check_given_digests(d, o, in->raw_path, f->sha256, f->checksum, sizeof f->checksum, err)) < 0) return rc;

    header_scan hs = { .missing_rule = -1 };
    const char *rule = d->version_rule;
    const rv_format *fm = rv_format_find(d->format);
    if (fm && fm->json)
        rc = scan_json(d, in->raw_path, strncmp(rule, "json:", 5) == 0 ? rule + 5 : NULL, &hs, err);
    else
        rc = scan_text_header(d, in->raw_path, strncmp(rule, "header:", 7) == 0 ? rule + 7
                              : strncmp(rule, "header-date:", 12) == 0 ? rule + 12 : NULL,
                              strncmp(rule, "header-date:", 12) == 0, &hs, err);
    if (rc < 0) return rc;
    if (hs.missing_rule >= 0)
        return rv_err_set(err, RV_ESOURCE, "%s: header has no line starting '%s': %s", in->raw_path,
                          d->require_header[hs.missing_rule].prefix, d->require_header[hs.missing_rule].why);
    if ((rc = determine_version(d, o, in, &hs, version, vn, err)) < 0) return rc;
    const char *slash = strrchr(in->raw_path, '/');
    snprintf(f->name, sizeof f->name, "%s", slash ? slash + 1 : in->raw_path);
    snprintf(f->label, sizeof f->label, "%s", in->part ? in->part->label : f->name);
    snprintf(f->url, sizeof f->url, "%s", in->url);
    snprintf(f->header_fp, sizeof f->header_fp, "%s", hs.fp);
    snprintf(f->etag, sizeof f->etag, "%s", in->etag ? in->etag : "");
    snprintf(f->last_modified, sizeof f->last_modified, "%s", in->last_modified ? in->last_modified : "");
    return RV_OK;
}

/* How a set's files were checked, in one line: the note they share ("md5 from MD5SUMS"),
 * the kind of sidecar each had ("md5 from its own sidecar"), or "per file". */
static void set_checksum_note(const rv_release_file *files, int n, char *out, size_t on)
{
    int same = 1, same_kind = 1;
    const char *from = strstr(files[0].checksum, " from ");
    size_t kind = from ? (size_t)(from - files[0].checksum) : 0;
    for (int i = 1; i < n; i++) {
        same &= strcmp(files[i].checksum, files[0].checksum) == 0;
        same_kind &= kind && strncmp(files[i].checksum, files[0].checksum, kind + 6) == 0;
    }
    if (n == 1) snprintf(out, on, "1 file, %.60s", files[0].checksum);
    else if (same) snprintf(out, on, "%d files, each %.60s", n, files[0].checksum);
    else if (same_kind) snprintf(out, on, "%d files, each %.*s from its own sidecar", n, (int)kind, files[0].checksum);
    else snprintf(out, on, "%d files, checked per file (manifest)", n);
}

static int take_in_staged(const rv_descriptor *d, const rv_release_opts *o, const char *stage, const intake_set *s,
                          rv_update *u, rv_err *err)
{
    rv_release *r = &u->rel;
    memset(r, 0, sizeof *r);
    int rc = RV_OK, set = d->n_parts > 0;
    rv_release_file *files = calloc((size_t)s->n, sizeof *files);
    rv_compile_file *cf = calloc((size_t)s->n, sizeof *cf);
    char version[64] = "", v[64];
    if (!files || !cf) { rc = rv_err_set(err, RV_ENOMEM, "out of memory"); goto out; }
    for (int i = 0; i < s->n; i++) {
        if ((rc = take_in_file(d, o, &s->in[i], &files[i], v, sizeof v, err)) < 0) goto out;
        if (i == 0) {
            snprintf(version, sizeof version, "%s", v);
        } else if (strcmp(v, version) != 0) {
            rc = rv_err_set(err, RV_ESOURCE, "%s is version %s but %s is version %s: the files are not of one release",
                            s->in[0].raw_path, version, s->in[i].raw_path, v);
            goto out;
        }
        cf[i] = (rv_compile_file){ s->in[i].raw_path, s->in[i].part ? s->in[i].part->contig : -1, s->in[i].display };
        r->size += files[i].size;
    }
    if (set) rv_store_set_digest(files, s->n, r->sha256);
    else snprintf(r->sha256, sizeof r->sha256, "%s", files[0].sha256);

    rv_release stored;
    rv_err quiet;
    if (rv_store_get(o->home, d->name, version, &stored, &quiet) == RV_OK) {
        if (strcmp(stored.sha256, r->sha256) != 0)
            rc = rv_err_set(err, RV_ESOURCE,
                            "%s %s is already stored with sha256 %.12s..., the new %s %.12s...: "
                            "the provider changed the %s without changing its version; nothing was changed",
                            d->name, version, stored.sha256, set ? "set of files has" : "file has", r->sha256,
                            set ? "files" : "file");
        else {
            u->kind = RV_UPDATE_ALREADY_STORED;
            *r = stored;
        }
        goto out;
    }

    snprintf(r->source, sizeof r->source, "%s", d->name);
    snprintf(r->version, sizeof r->version, "%s", version);
    snprintf(r->raw_path, sizeof r->raw_path, "%s", s->in[0].raw_path);
    snprintf(r->url, sizeof r->url, "%s", set && d->url ? d->url : s->in[0].url);
    if (set) set_checksum_note(files, s->n, r->checksum, sizeof r->checksum);
    else snprintf(r->checksum, sizeof r->checksum, "%s", files[0].checksum);
    snprintf(r->header_fp, sizeof r->header_fp, "%s", files[0].header_fp);
    snprintf(r->descriptor, sizeof r->descriptor, "%s", d->name);
    snprintf(r->build, sizeof r->build, "%s", d->build ? rv_build_name(d->build) : "");
    snprintf(r->role, sizeof r->role, "%s", d->role->name);
    snprintf(r->format, sizeof r->format, "%s", d->format);
    snprintf(r->etag, sizeof r->etag, "%s", files[0].etag);
    snprintf(r->last_modified, sizeof r->last_modified, "%s", files[0].last_modified);
    snprintf(r->missing, sizeof r->missing, "%s", s->missing_text);
    r->n_files = s->n;
    now_utc(r->fetched_at, sizeof r->fetched_at);
    if ((rc = rv_sha256_file(d->path, r->descriptor_sha256, NULL, err)) < 0) goto out;

    char index_path[4200];
    snprintf(index_path, sizeof index_path, "%s/%s", stage, RV_STORE_INDEX_NAME);
    memset(&u->stats, 0, sizeof u->stats);
    rv_compile_opts co = { o->compile_progress, o->ref_check, NULL };
    rc = rv_index_compile_set(d, cf, s->n, s->missing, set ? s->missing_text : NULL, version, index_path, &u->stats,
                              &co, err);
    if (rc < 0) {
        rv_err_prefix(err, "%s %s: compile failed", d->name, version);
        if (err && err->code == RV_EINPUT) err->code = RV_ESOURCE;   /* format drift is a source problem */
        rc = err ? err->code : RV_ESOURCE;
        goto out;
    }
    /* read back what was written (and stamp it verified, so runs trust it with one stat) */
    if ((rc = rv_index_verify_stamp(index_path, err)) < 0) goto out;
    r->records = u->stats.records_out;
    r->records_in = u->stats.records_in;
    rc = set ? rv_store_write_manifest_set(stage, r, files, s->n, err) : rv_store_write_manifest(stage, r, err);
    if (rc < 0) goto out;
    if ((rc = rv_store_commit(o->home, d->name, version, stage, err)) < 0) goto out;
    u->kind = RV_UPDATE_NEW;
    /* paths now point into the version folder */
    if ((rc = rv_store_get(o->home, d->name, version, r, err)) < 0) {
        rv_err_prefix(err, "%s %s is stored but its manifest cannot be read back", d->name, version);
        goto out;
    }
    if (!o->no_activate) {
        if ((rc = rv_store_activate(o->home, d->name, version, err)) < 0) {
            rv_err_prefix(err, "%s %s is stored but could not be activated", d->name, version);
            goto out;
        }
        u->activated = 1;
    }
out:
    free(files);
    free(cf);
    return rc;
}

static int take_in(const rv_descriptor *d, const rv_release_opts *o, const char *stage, const intake_set *s,
                   rv_update *u, rv_err *err)
{
    int rc = take_in_staged(d, o, stage, s, u, err);
    if (rc < 0) name_for_user(err, s);
    return rc;
}

static void note_previous(const char *home, const char *source, rv_update *u)
{
    rv_release act;
    if (rv_store_active(home, source, &act, NULL) == RV_OK)
        snprintf(u->previous, sizeof u->previous, "%s", act.version);
}

/* ---- download ------------------------------------------------------------------- */

/* The digest checksum_url gives for the file at url. The sidecar goes into the stage
 * folder (kept with the release) unless it is there already: one list shared by the
 * files of a set is downloaded once. With named, only a line naming the file counts. */
static int sidecar_want(const rv_descriptor *d, const rv_release_opts *o, const char *stage, const char *checksum_url,
                        const char *url, int named, char want[65], char *side_name, size_t side_n, rv_err *err)
{
    char side_path[4600];
    rv_descriptor_file_name(checksum_url, side_name, side_n);
    snprintf(side_path, sizeof side_path, "%s/checksum-%s", stage, side_name);
    int rc;
    if (access(side_path, F_OK) != 0) {
        rv_fetch_opts so = { .max_bytes = SIDECAR_MAX_BYTES, .attempts = o->attempts, .backoff_s = o->backoff_s };
        rv_fetch_result sr;
        if ((rc = rv_fetch_url(checksum_url, side_path, &so, &sr, err)) < 0) {
            rv_err_prefix(err, "%s: checksum download failed", d->name);
            return rc;
        }
    }
    char *text;
    size_t text_len;
    if ((rc = rv_textfile_slurp(side_path, &text, &text_len, SIDECAR_MAX_BYTES, err)) < 0) return rc;
    char file_name[300];
    rv_url_last_component(url, file_name, sizeof file_name);
    int found = named ? rv_sidecar_digest_named(text, d->checksum_kind, file_name, want, 65)
                      : rv_sidecar_digest(text, d->checksum_kind, file_name, want, 65);
    free(text);
    if (found < 0)
        return rv_err_set(err, RV_ESOURCE, "%s: %s holds no %s digest%s%s", d->name, checksum_url, d->checksum_kind,
                          named ? " for " : "", named ? file_name : "");
    return RV_OK;
}

/* Download url into raw_path (through raw_path.part; conditional when memo is given) and
 * check it against checksum_url (or NULL). fr->not_modified: nothing was downloaded. */
static int download_file(const rv_descriptor *d, const rv_release_opts *o, const char *stage, const char *url,
                         const char *checksum_url, int named, const rv_http_memo *memo, const char *raw_path,
                         rv_fetch_result *fr, char *note, size_t note_n, rv_err *err)
{
    char part[4700];
    snprintf(part, sizeof part, "%s.part", raw_path);
    rv_fetch_opts fo = { .max_bytes = d->max_bytes, .attempts = o->attempts, .backoff_s = o->backoff_s,
                         .etag = memo ? memo->etag : NULL, .last_modified = memo ? memo->last_modified : NULL,
                         .progress = o->progress, .progress_ctx = o->progress_ctx, .hash = 1 };
    int rc;
    if ((rc = rv_fetch_url(url, part, &fo, fr, err)) < 0) {
        rv_err_prefix(err, "%s: download failed", d->name);
        return rc;
    }
    if (fr->not_modified) return RV_OK;
    snprintf(note, note_n, "none (sha256 recorded)");
    if (checksum_url) {
        char want[65], got[65], side_name[300];
        if ((rc = sidecar_want(d, o, stage, checksum_url, url, named, want, side_name, sizeof side_name, err)) < 0)
            return rc;
        const char *streamed = strcmp(d->checksum_kind, "md5") == 0 ? fr->md5 : fr->sha256;
        if (streamed[0]) snprintf(got, sizeof got, "%s", streamed);
        else if (strcmp(d->checksum_kind, "md5") == 0) rc = rv_md5_file(part, got, err);
        else rc = rv_sha256_file(part, got, NULL, err);
        if (rc < 0) return rc;
        if (strcmp(want, got) != 0) {
            char file_name[300];
            rv_url_last_component(url, file_name, sizeof file_name);
            return rv_err_set(err, RV_ESOURCE, "%s: checksum mismatch: downloaded file has %s %s, %s says %s for %s",
                              d->name, d->checksum_kind, got, checksum_url, want, file_name);
        }
        snprintf(note, note_n, "%s from %.60s", d->checksum_kind, side_name);
    }
    if (rename(part, raw_path) != 0) return rv_err_set(err, RV_EIO, "%s: %s", raw_path, strerror(errno));
    return RV_OK;
}

static void remember(const rv_release_opts *o, const rv_descriptor *d, const char *file, const char *url,
                     const char *etag, const char *last_modified, const char *version)
{
    rv_http_memo m = { .url = "" };
    snprintf(m.url, sizeof m.url, "%s", url);
    snprintf(m.etag, sizeof m.etag, "%s", etag);
    snprintf(m.last_modified, sizeof m.last_modified, "%s", last_modified);
    snprintf(m.version, sizeof m.version, "%s", version);
    if (rv_store_put_memo(o->home, d->name, file, &m, NULL) < 0)
        rv_log_warn("%s: could not remember the download's ETag; the next fetch downloads again", d->name);
}

/* The remembered validators of url (file: of a set, or NULL), when the release they
 * describe is still stored (then *kept is that release). */
static int usable_memo(const rv_release_opts *o, const rv_descriptor *d, const char *file, const char *url,
                       rv_http_memo *memo, rv_release *kept)
{
    return !o->force && rv_store_get_memo(o->home, d->name, file, memo) == 0 && strcmp(memo->url, url) == 0
           && memo->version[0] && rv_store_get(o->home, d->name, memo->version, kept, NULL) == RV_OK;
}

static int fetch_one(const rv_descriptor *d, const rv_release_opts *o, const char *stage, rv_update *u, rv_err *err)
{
    char *url = rv_descriptor_url(d);
    if (!url) return rv_err_set(err, RV_ENOMEM, "out of memory");
    rv_http_memo memo;
    rv_release kept;
    int have_memo = usable_memo(o, d, NULL, url, &memo, &kept);
    char raw_name[300], raw_path[4600], note[80];
    raw_file_name(d, url, raw_name, sizeof raw_name);
    snprintf(raw_path, sizeof raw_path, "%s/%s", stage, raw_name);
    rv_fetch_result fr;
    int rc = download_file(d, o, stage, url, d->checksum_url, 0, have_memo ? &memo : NULL, raw_path, &fr, note,
                           sizeof note, err);
    if (rc < 0) {
        /* download_file said what failed */
    } else if (fr.not_modified) {
        u->kind = RV_UPDATE_NOT_MODIFIED;
        u->rel = kept;
    } else {
        intake in = { raw_path, url, url, url, note, fr.etag, fr.last_modified, fr.sha256, NULL };
        intake_set s = { &in, 1, 0, "" };
        if ((rc = take_in(d, o, stage, &s, u, err)) == RV_OK)
            remember(o, d, NULL, url, fr.etag, fr.last_modified, u->rel.version);
    }
    free(url);
    return rc;
}

/* The version folder of a stored release. */
static void version_dir(const rv_release *r, char *out, size_t n)
{
    snprintf(out, n, "%s", r->index_path);
    char *slash = strrchr(out, '/');
    if (slash) *slash = '\0';
}

/* A file the server says is unchanged since the stored release kept: linked (or copied)
 * from there, with the digest its manifest recorded. */
static int reuse_file(const rv_release *kept, const char *name, const char *raw_path, rv_fetch_result *fr,
                      char *note, size_t note_n, rv_err *err)
{
    rv_release_file *files;
    int n, rc;
    if ((rc = rv_store_files(kept, &files, &n, err)) < 0) return rc;
    int k = 0;
    while (k < n && strcmp(files[k].name, name) != 0) k++;
    if (k == n) {
        free(files);
        return rv_err_set(err, RV_ESTATE, "%s %s holds no file %s", kept->source, kept->version, name);
    }
    char from[4400];
    version_dir(kept, from, sizeof from);
    size_t l = strlen(from);
    snprintf(from + l, sizeof from - l, "/%s", name);
    snprintf(fr->sha256, sizeof fr->sha256, "%s", files[k].sha256);
    snprintf(note, note_n, "%s", files[k].checksum);
    free(files);
    return copy_file(from, raw_path, err);
}

typedef struct part_state {
    char raw[4600], note[80];
    rv_fetch_result fr;
    rv_http_memo memo;
} part_state;

/* Every file of a set; the release is taken in only when all of them are there and
 * checked. Files the server reports unchanged come from the stored release. */
static int fetch_set(const rv_descriptor *d, const rv_release_opts *o, const char *stage, rv_update *u, rv_err *err)
{
    int n = d->n_parts, rc = RV_OK, all_unchanged = 1;
    part_state *ps = calloc((size_t)n, sizeof *ps);
    intake *in = calloc((size_t)n, sizeof *in);
    char unchanged_in[64] = "";
    if (!ps || !in) { free(ps); free(in); return rv_err_set(err, RV_ENOMEM, "out of memory"); }
    for (int i = 0; i < n && rc == RV_OK; i++) {
        const rv_part *p = &d->parts[i];
        part_state *q = &ps[i];
        rv_release kept;
        int have_memo = usable_memo(o, d, p->file, p->url, &q->memo, &kept);
        int shared = p->checksum_url && ((i > 0 && strcmp(d->parts[i - 1].checksum_url, p->checksum_url) == 0)
                                         || (i + 1 < n && strcmp(d->parts[i + 1].checksum_url, p->checksum_url) == 0));
        snprintf(q->raw, sizeof q->raw, "%s/%s", stage, p->file);
        rc = download_file(d, o, stage, p->url, p->checksum_url, shared, have_memo ? &q->memo : NULL, q->raw, &q->fr,
                           q->note, sizeof q->note, err);
        if (rc == RV_OK && q->fr.not_modified && reuse_file(&kept, p->file, q->raw, &q->fr, q->note, sizeof q->note, NULL) < 0) {
            /* the stored copy is gone or unreadable: download it whole */
            unlink(q->raw);
            rc = download_file(d, o, stage, p->url, p->checksum_url, shared, NULL, q->raw, &q->fr, q->note,
                               sizeof q->note, err);
        }
        if (rc == RV_OK && q->fr.not_modified) {
            snprintf(q->fr.etag, sizeof q->fr.etag, "%s", q->memo.etag);
            snprintf(q->fr.last_modified, sizeof q->fr.last_modified, "%s", q->memo.last_modified);
            if (!unchanged_in[0]) snprintf(unchanged_in, sizeof unchanged_in, "%s", kept.version);
            else if (strcmp(unchanged_in, kept.version) != 0) all_unchanged = 0;
        } else {
            all_unchanged = 0;
        }
        in[i] = (intake){ q->raw, p->url, p->url, p->url, q->note, q->fr.etag, q->fr.last_modified, q->fr.sha256, p };
    }
    if (rc == RV_OK && all_unchanged) {
        u->kind = RV_UPDATE_NOT_MODIFIED;
        rc = rv_store_get(o->home, d->name, unchanged_in, &u->rel, err);
    } else if (rc == RV_OK) {
        intake_set s = { in, n, 0, "" };
        if ((rc = take_in(d, o, stage, &s, u, err)) == RV_OK)
            for (int i = 0; i < n; i++)
                remember(o, d, d->parts[i].file, d->parts[i].url, ps[i].fr.etag, ps[i].fr.last_modified, u->rel.version);
    }
    free(ps);
    free(in);
    return rc;
}

int rv_release_fetch(const rv_descriptor *d, const rv_release_opts *o, rv_update *u, rv_err *err)
{
    memset(u, 0, sizeof *u);
    if (!d->url && !d->n_parts)
        return rv_err_set(err, RV_EUSAGE, "%s has no download.url: bring the file in with `revus sources import %s FILE`",
                          d->name, d->name);
    int lock = -1, rc;
    char stage[4200] = "";
    if ((rc = rv_store_lock(o->home, d->name, &lock, err)) < 0) return rc;
    rv_store_clean_stale(o->home, d->name);
    note_previous(o->home, d->name, u);
    if ((rc = rv_store_stage(o->home, d->name, stage, sizeof stage, err)) == RV_OK) {
        rc = d->n_parts ? fetch_set(d, o, stage, u, err) : fetch_one(d, o, stage, u, err);
        if (rc == RV_OK && u->kind == RV_UPDATE_NEW) stage[0] = '\0';     /* it became the version folder */
    }
    if (stage[0]) rv_store_rmtree(stage);
    rv_store_unlock(lock);
    return rc;
}

/* ---- import --------------------------------------------------------------------- */

/* The part of d that path names, into chosen[] (one path per part). */
static int choose_file(const rv_descriptor *d, const char *path, const char **chosen, rv_err *err)
{
    char name[256];
    rv_descriptor_file_name(path, name, sizeof name);
    const rv_part *p = rv_descriptor_part(d, name);
    if (!p)
        return rv_err_set(err, RV_EINPUT, "%s: not one of the files of %s (they are named like %s)", path, d->name,
                          d->parts[0].file);
    int k = (int)(p - d->parts);
    if (chosen[k]) return rv_err_set(err, RV_EINPUT, "%s: given twice (also %s)", p->file, chosen[k]);
    chosen[k] = path;
    return RV_OK;
}

/* The files of a folder that belong to d's set; paths[] owns the strings made. */
static int choose_folder(const rv_descriptor *d, const char *dir, const char **chosen, char **owned, rv_err *err)
{
    DIR *dp = opendir(dir);
    if (!dp) return rv_err_set(err, RV_EINPUT, "%s: %s", dir, strerror(errno));
    int found = 0, rc = RV_OK;
    struct dirent *e;
    while (rc == RV_OK && (e = readdir(dp))) {
        const rv_part *p = e->d_name[0] == '.' ? NULL : rv_descriptor_part(d, e->d_name);
        if (!p) continue;
        int k = (int)(p - d->parts);
        size_t l = strlen(dir) + strlen(e->d_name) + 2;
        if (!(owned[k] = malloc(l))) { rc = rv_err_set(err, RV_ENOMEM, "out of memory"); break; }
        snprintf(owned[k], l, "%s/%s", dir, e->d_name);
        if (chosen[k]) rc = rv_err_set(err, RV_EINPUT, "%s: given twice (also %s)", p->file, chosen[k]);
        chosen[k] = owned[k];
        found++;
    }
    closedir(dp);
    if (rc == RV_OK && !found)
        rc = rv_err_set(err, RV_EINPUT, "%s: holds no file of %s (they are named like %s)", dir, d->name, d->parts[0].file);
    return rc;
}

static int import_files(const rv_descriptor *d, const char **chosen, const rv_release_opts *o, rv_update *u,
                        rv_err *err)
{
    int n = d->n_parts, rc, lock = -1, k = 0;
    intake *in = calloc((size_t)n, sizeof *in);
    char (*raw)[4600] = calloc((size_t)n, sizeof *raw);
    char (*url)[PATH_MAX + 8] = calloc((size_t)n, sizeof *url);
    char stage[4200] = "";
    intake_set s = { in, 0, 0, "" };
    if (!in || !raw || !url) { rc = rv_err_set(err, RV_ENOMEM, "out of memory"); goto out; }
    for (int i = 0; i < n; i++) {
        if (chosen[i]) continue;
        size_t l = strlen(s.missing_text);
        snprintf(s.missing_text + l, sizeof s.missing_text - l, "%s%s", l ? ", " : "", d->parts[i].label);
        if (d->parts[i].contig >= 0) s.missing |= 1u << d->parts[i].contig;
    }
    if ((rc = rv_store_lock(o->home, d->name, &lock, err)) < 0) goto out;
    rv_store_clean_stale(o->home, d->name);
    note_previous(o->home, d->name, u);
    if ((rc = rv_store_stage(o->home, d->name, stage, sizeof stage, err)) < 0) goto out;
    for (int i = 0; i < n; i++) {
        if (!chosen[i]) continue;
        char abs[PATH_MAX];
        if (!realpath(chosen[i], abs)) snprintf(abs, sizeof abs, "%s", chosen[i]);
        snprintf(url[k], sizeof url[k], "file://%s", abs);
        snprintf(raw[k], sizeof raw[k], "%s/%s", stage, d->parts[i].file);
        if ((rc = copy_file(chosen[i], raw[k], err)) < 0) goto out;
        in[k] = (intake){ raw[k], chosen[i], chosen[i], url[k], "none (sha256 recorded)", NULL, NULL, NULL, &d->parts[i] };
        s.n = ++k;
    }
    if ((rc = take_in(d, o, stage, &s, u, err)) == RV_OK && u->kind == RV_UPDATE_NEW) stage[0] = '\0';
out:
    if (stage[0]) rv_store_rmtree(stage);
    rv_store_unlock(lock);
    free(in);
    free(raw);
    free(url);
    return rc;
}

int rv_release_import_set(const rv_descriptor *d, const char *const *paths, int n_paths, const rv_release_opts *o,
                          rv_update *u, rv_err *err)
{
    memset(u, 0, sizeof *u);
    if (!d->n_parts) {
        if (n_paths != 1)
            return rv_err_set(err, RV_EUSAGE, "%s is a release of one file: give one FILE (a set of files needs "
                              "download.url with {chrom} or download.files; docs/sources.md 3.2)", d->name);
        return rv_release_import(d, paths[0], o, u, err);
    }
    if ((o->md5 || o->sha256) && (n_paths != 1 || d->n_parts != 1))
        return rv_err_set(err, RV_EUSAGE, "--md5/--sha256 check one file; %s is a set of %d files", d->name, d->n_parts);
    const char **chosen = calloc((size_t)d->n_parts, sizeof *chosen);
    char **owned = calloc((size_t)d->n_parts, sizeof *owned);
    int rc = chosen && owned ? RV_OK : rv_err_set(err, RV_ENOMEM, "out of memory");
    for (int i = 0; rc == RV_OK && i < n_paths; i++) {
        struct stat st;
        if (stat(paths[i], &st) != 0) rc = rv_err_set(err, RV_EINPUT, "%s: %s", paths[i], strerror(errno));
        else if (S_ISDIR(st.st_mode)) rc = choose_folder(d, paths[i], chosen, owned, err);
        else if (S_ISREG(st.st_mode)) rc = choose_file(d, paths[i], chosen, err);
        else rc = rv_err_set(err, RV_EINPUT, "%s: not a regular file or folder", paths[i]);
    }
    if (rc == RV_OK) rc = import_files(d, chosen, o, u, err);
    for (int i = 0; owned && i < d->n_parts; i++) free(owned[i]);
    free(owned);
    free(chosen);
    return rc;
}

int rv_release_import(const rv_descriptor *d, const char *file, const rv_release_opts *o, rv_update *u, rv_err *err)
{
    if (d->n_parts) return rv_release_import_set(d, &file, 1, o, u, err);
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
    intake in = { raw_path, file, file, url, "none (sha256 recorded)", NULL, NULL, NULL, NULL };
    intake_set s = { &in, 1, 0, "" };
    if ((rc = take_in(d, o, stage, &s, u, err)) < 0) goto out;
    if (u->kind == RV_UPDATE_NEW) stage[0] = '\0';
out:
    if (stage[0]) rv_store_rmtree(stage);
    rv_store_unlock(lock);
    return rc;
}

int rv_release_verify(const rv_release *r, rv_err *err)
{
    rv_release_file *files;
    int n, rc;
    if ((rc = rv_store_files(r, &files, &n, err)) < 0) {
        rv_err_prefix(err, "%s %s", r->source, r->version);
        return RV_ESOURCE;
    }
    char dir[4400];
    version_dir(r, dir, sizeof dir);
    for (int i = 0; i < n && rc == RV_OK; i++) {
        char path[4800], sha[65];
        snprintf(path, sizeof path, "%s/%s", dir, files[i].name);
        if (rv_sha256_file(path, sha, NULL, err) < 0)     /* err->msg as an argument: rv_err_set formats through a temporary */
            rc = rv_err_set(err, RV_ESOURCE, "%s %s: raw file unreadable: %s", r->source, r->version, err ? err->msg : "");
        else if (strcmp(sha, files[i].sha256) != 0)
            rc = rv_err_set(err, RV_ESOURCE, "%s %s: %s has sha256 %s, the manifest says %s (changed on disk)",
                            r->source, r->version, path, sha, files[i].sha256);
    }
    free(files);
    if (rc < 0) return rc;
    rc = rv_index_verify_stamp(r->index_path, err);
    if (rc < 0) {
        rv_err_prefix(err, "%s %s: index", r->source, r->version);
        return rc;
    }
    return RV_OK;
}
