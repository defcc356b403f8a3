/* sources/store.c: versioned store of source releases (layout in sources/store.h).
 *
 * Everything that readers see changes by rename(): a version folder is assembled in a
 * staging folder, the manifest is written to a temp name, and the "active" symlink is
 * replaced by renaming a fresh symlink over it. A crash leaves either the old state or
 * the new one, plus at worst a stale .stage-* folder. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cjson/cJSON.h>
#include "base/private_file.h"
#include "sources/store.h"
#include "base/numtext.h"
#include "base/textfile.h"
#include "base/sha256.h"

#define MANIFEST_MAX (1 << 20)

static int path_join(char *out, size_t n, rv_err *err, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static int path_join(char *out, size_t n, rv_err *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(out, n, fmt, ap);
    va_end(ap);
    if (k < 0 || (size_t)k >= n) return rv_err_set(err, RV_EIO, "path too long: %.200s...", out);
    return RV_OK;
}

static int mkdir_p(const char *path, rv_err *err)
{
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s", path) >= (int)sizeof tmp)
        return rv_err_set(err, RV_EIO, "path too long: %.200s", path);
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/') continue;
        *p = '\0';
        int rc = rv_mkdir_private(tmp, err);
        if (rc < 0) return rc;
        *p = '/';
    }
    return rv_mkdir_private(tmp, err);
}

int rv_store_version_ok(const char *v)
{
    size_t n = strlen(v);
    if (n == 0 || n > 63 || v[0] == '.') return 0;
    for (const char *p = v; *p; p++)
        if (!(isalnum((unsigned char)*p) || *p == '.' || *p == '_' || *p == '-')) return 0;
    return 1;
}

int rv_store_version_cmp(const char *a, const char *b)
{
    while (*a && *b) {
        if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
            while (*a == '0' && isdigit((unsigned char)a[1])) a++;
            while (*b == '0' && isdigit((unsigned char)b[1])) b++;
            size_t la = 0, lb = 0;
            while (isdigit((unsigned char)a[la])) la++;
            while (isdigit((unsigned char)b[lb])) lb++;
            if (la != lb) return la < lb ? -1 : 1;
            int c = strncmp(a, b, la);
            if (c) return c < 0 ? -1 : 1;
            a += la;
            b += lb;
        } else {
            if (*a != *b) return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
            a++;
            b++;
        }
    }
    return *a ? 1 : *b ? -1 : 0;
}

/* The whole of a small store file, or NULL (why in err, when given). */
static char *slurp(const char *path, size_t max, size_t *len, rv_err *err)
{
    char *text;
    return rv_textfile_slurp(path, &text, len, max, err) < 0 ? NULL : text;
}

/* Write text to path through a temp file + fsync + rename. */
static int write_atomic(const char *path, const char *text, rv_err *err)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    int fd = rv_open_private(tmp, O_WRONLY | O_CREAT | O_TRUNC, err);
    if (fd < 0) return fd;
    FILE *fp = fdopen(fd, "wb");
    if (!fp) { close(fd); unlink(tmp); return rv_err_set(err, RV_EIO, "%s: cannot write: %s", tmp, strerror(errno)); }
    size_t n = strlen(text);
    int bad = fwrite(text, 1, n, fp) != n;
    bad |= fflush(fp) != 0;
    bad |= fsync(fileno(fp)) != 0;
    bad |= fclose(fp) != 0;
    if (bad || rename(tmp, path) != 0) {
        int e = errno;
        unlink(tmp);
        return rv_err_set(err, RV_EIO, "%s: cannot write: %s", path, strerror(e));
    }
    return RV_OK;
}

static void copy_str(char *dst, size_t n, const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (cJSON_IsString(v)) snprintf(dst, n, "%s", v->valuestring);
    else dst[0] = '\0';
}

static int64_t get_i64(const cJSON *obj, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    int64_t n;
    return cJSON_IsNumber(v) && rv_whole_number(v->valuedouble, -9.0e18, 9.0e18, &n) ? n : -1;
}

/* The text members of a manifest and where each lives in rv_release (read and written). */
#define MTEXT(key, field) { key, offsetof(rv_release, field), sizeof ((rv_release *)0)->field }
static const struct { const char *key; size_t off, size; } manifest_text[] = {
    MTEXT("url", url), MTEXT("sha256", sha256), MTEXT("fetched_at", fetched_at),
    MTEXT("checksum", checksum), MTEXT("header_fingerprint", header_fp), MTEXT("descriptor", descriptor),
    MTEXT("descriptor_sha256", descriptor_sha256), MTEXT("build", build), MTEXT("role", role),
    MTEXT("format", format), MTEXT("etag", etag), MTEXT("last_modified", last_modified),
};
#define N_MANIFEST_TEXT (sizeof manifest_text / sizeof *manifest_text)

int rv_store_get(const char *home, const char *source, const char *version, rv_release *out, rv_err *err)
{
    char dir[4096], mpath[4200];
    memset(out, 0, sizeof *out);
    if (!rv_store_version_ok(version))
        return rv_err_set(err, RV_ENOTFOUND, "'%s' is not a version name", version);
    int rc;
    if ((rc = path_join(dir, sizeof dir, err, "%s/store/%s/%s", home, source, version)) < 0) return rc;
    snprintf(mpath, sizeof mpath, "%s/%s", dir, RV_STORE_MANIFEST_NAME);
    size_t len;
    rv_err why;
    char *text = slurp(mpath, MANIFEST_MAX, &len, &why);
    if (!text) {
        if (access(dir, F_OK) != 0)
            return rv_err_set(err, RV_ENOTFOUND, "%s has no stored version %s", source, version);
        return rv_err_set(err, RV_ESTATE, "%s", why.msg);
    }
    cJSON *m = cJSON_ParseWithLength(text, len);
    free(text);
    if (!cJSON_IsObject(m)) {
        cJSON_Delete(m);
        return rv_err_set(err, RV_ESTATE, "%s: not a valid manifest", mpath);
    }
    snprintf(out->source, sizeof out->source, "%s", source);
    snprintf(out->version, sizeof out->version, "%s", version);
    char raw_file[1024];
    copy_str(raw_file, sizeof raw_file, m, "raw_file");
    for (size_t i = 0; i < N_MANIFEST_TEXT; i++)
        copy_str((char *)out + manifest_text[i].off, manifest_text[i].size, m, manifest_text[i].key);
    out->size = get_i64(m, "size");
    out->records = get_i64(m, "records");
    out->records_in = get_i64(m, "records_in");
    const cJSON *files = cJSON_GetObjectItemCaseSensitive(m, "files");
    out->n_files = cJSON_IsArray(files) && cJSON_GetArraySize(files) > 0 ? cJSON_GetArraySize(files) : 1;
    const cJSON *miss = cJSON_GetObjectItemCaseSensitive(m, "missing");
    size_t k = 0;
    for (const cJSON *e = cJSON_IsArray(miss) ? miss->child : NULL; e; e = e->next)
        if (cJSON_IsString(e) && k < sizeof out->missing)
            k += (size_t)snprintf(out->missing + k, sizeof out->missing - k, "%s%s", k ? ", " : "", e->valuestring);
    cJSON_Delete(m);
    if (!raw_file[0] || strchr(raw_file, '/') || !out->sha256[0])
        return rv_err_set(err, RV_ESTATE, "%s: manifest lacks raw_file or sha256", mpath);
    if ((rc = path_join(out->raw_path, sizeof out->raw_path, err, "%s/%s", dir, raw_file)) < 0) return rc;
    return path_join(out->index_path, sizeof out->index_path, err, "%s/%s", dir, RV_STORE_INDEX_NAME);
}

/* The version the "active" symlink names, or RV_ENOTFOUND. */
static int read_active(const char *home, const char *source, char *version, size_t n, rv_err *err)
{
    char link[4096];
    int rc;
    if ((rc = path_join(link, sizeof link, err, "%s/store/%s/active", home, source)) < 0) return rc;
    ssize_t k = readlink(link, version, n - 1);
    if (k < 0) {
        if (errno == ENOENT) return rv_err_set(err, RV_ENOTFOUND, "no release of %s is active", source);
        return rv_err_set(err, RV_ESTATE, "%s: %s", link, strerror(errno));
    }
    version[k] = '\0';
    return RV_OK;
}

int rv_store_active(const char *home, const char *source, rv_release *out, rv_err *err)
{
    char version[256];
    int rc = read_active(home, source, version, sizeof version, err);
    if (rc < 0) return rc;
    rc = rv_store_get(home, source, version, out, err);
    if (rc == RV_ENOTFOUND)
        return rv_err_set(err, RV_ESTATE, "%s: active version %s is missing from the store", source, version);
    return rc;
}

static int cmp_release_version(const void *a, const void *b)
{
    return rv_store_version_cmp(((const rv_release *)a)->version, ((const rv_release *)b)->version);
}

static int cmp_release_source(const void *a, const void *b)
{
    return strcmp(((const rv_release *)a)->source, ((const rv_release *)b)->source);
}

static int push(rv_release **arr, int *n, int *cap, const rv_release *r, rv_err *err)
{
    if (*n == *cap) {
        int nc = *cap ? *cap * 2 : 8;
        rv_release *na = realloc(*arr, (size_t)nc * sizeof *na);
        if (!na) return rv_err_set(err, RV_ENOMEM, "out of memory");
        *arr = na;
        *cap = nc;
    }
    (*arr)[(*n)++] = *r;
    return RV_OK;
}

/* One release per entry of dir that get() accepts (1 = *r filled, 0 = skip, < 0 = error),
 * sorted by cmp; a missing dir is an empty list. */
typedef int (*entry_fn)(const char *home, const char *source, const char *entry, rv_release *r, rv_err *err);

static int list_releases(const char *home, const char *source, const char *dir, entry_fn get,
                         int (*cmp)(const void *, const void *), rv_release **out, int *n_out, rv_err *err)
{
    *out = NULL;
    *n_out = 0;
    DIR *dp = opendir(dir);
    if (!dp) return errno == ENOENT ? RV_OK : rv_err_set(err, RV_ESTATE, "%s: %s", dir, strerror(errno));
    rv_release *arr = NULL, r;
    int n = 0, cap = 0, rc = RV_OK;
    struct dirent *e;
    while ((e = readdir(dp))) {
        if ((rc = get(home, source, e->d_name, &r, err)) < 0) break;
        if (rc == 0) continue;
        if ((rc = push(&arr, &n, &cap, &r, err)) < 0) break;
    }
    closedir(dp);
    if (rc < 0) { free(arr); return rc; }
    if (n > 1) qsort(arr, (size_t)n, sizeof *arr, cmp);
    *out = arr;
    *n_out = n;
    return RV_OK;
}

/* A stored version of source (a folder with a manifest). */
static int version_entry(const char *home, const char *source, const char *entry, rv_release *r, rv_err *err)
{
    if (!rv_store_version_ok(entry) || strcmp(entry, "active") == 0 || strcmp(entry, "http.json") == 0)
        return 0;
    char m[4400];
    snprintf(m, sizeof m, "%s/store/%s/%s/%s", home, source, entry, RV_STORE_MANIFEST_NAME);
    if (access(m, F_OK) != 0) return 0;
    int rc = rv_store_get(home, source, entry, r, err);
    return rc < 0 ? rc : 1;
}

/* A source folder with an active release. */
static int active_entry(const char *home, const char *source, const char *entry, rv_release *r, rv_err *err)
{
    (void)source;
    if (entry[0] == '.') return 0;
    int rc = rv_store_active(home, entry, r, err);
    if (rc == RV_ENOTFOUND) { rv_err_clear(err); return 0; }
    return rc < 0 ? rc : 1;
}

int rv_store_list_versions(const char *home, const char *source, rv_release **out, int *n_out, rv_err *err)
{
    char dir[4096];
    int rc;
    *out = NULL;
    *n_out = 0;
    if ((rc = path_join(dir, sizeof dir, err, "%s/store/%s", home, source)) < 0) return rc;
    return list_releases(home, source, dir, version_entry, cmp_release_version, out, n_out, err);
}

int rv_store_list_active(const char *home, rv_release **out, int *n_out, rv_err *err)
{
    char dir[4096];
    int rc;
    *out = NULL;
    *n_out = 0;
    if ((rc = path_join(dir, sizeof dir, err, "%s/store", home)) < 0) return rc;
    return list_releases(home, NULL, dir, active_entry, cmp_release_source, out, n_out, err);
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int rv_store_list_sources(const char *home, char ***names, int *n_out, rv_err *err)
{
    char dir[4096];
    int rc;
    *names = NULL;
    *n_out = 0;
    if ((rc = path_join(dir, sizeof dir, err, "%s/store", home)) < 0) return rc;
    DIR *dp = opendir(dir);
    if (!dp) return errno == ENOENT ? RV_OK : rv_err_set(err, RV_ESTATE, "%s: %s", dir, strerror(errno));
    char **arr = NULL;
    int n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dp))) {
        if (e->d_name[0] == '.') continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char **na = realloc(arr, (size_t)cap * sizeof *na);
            if (!na) { rc = rv_err_set(err, RV_ENOMEM, "out of memory"); break; }
            arr = na;
        }
        if (!(arr[n] = strdup(e->d_name))) { rc = rv_err_set(err, RV_ENOMEM, "out of memory"); break; }
        n++;
    }
    closedir(dp);
    if (rc < 0) {
        for (int i = 0; i < n; i++) free(arr[i]);
        free(arr);
        return rc;
    }
    if (n > 1) qsort(arr, (size_t)n, sizeof *arr, cmp_name);
    *names = arr;
    *n_out = n;
    return RV_OK;
}

static void fsync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd >= 0) { (void)fsync(fd); close(fd); }
}

int rv_store_activate(const char *home, const char *source, const char *version, rv_err *err)
{
    rv_release r;
    int rc = rv_store_get(home, source, version, &r, err);
    if (rc < 0) return rc;
    if (access(r.index_path, R_OK) != 0)
        return rv_err_set(err, RV_ESTATE, "%s %s has no compiled index (%s)", source, version, r.index_path);
    char dir[4096], link[4200], tmp[4300];
    if ((rc = path_join(dir, sizeof dir, err, "%s/store/%s", home, source)) < 0) return rc;
    snprintf(link, sizeof link, "%s/active", dir);
    snprintf(tmp, sizeof tmp, "%s/.active.tmp.%ld", dir, (long)getpid());
    unlink(tmp);
    if (symlink(version, tmp) != 0)
        return rv_err_set(err, RV_EIO, "%s: cannot create symlink: %s", tmp, strerror(errno));
    if (rename(tmp, link) != 0) {
        int e = errno;
        unlink(tmp);
        return rv_err_set(err, RV_EIO, "%s: cannot replace: %s", link, strerror(e));
    }
    fsync_dir(dir);
    return RV_OK;
}

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb; (void)ftw;
    return (flag == FTW_DP ? rmdir(path) : unlink(path)) != 0 ? -1 : 0;
}

void rv_store_rmtree(const char *dir)
{
    if (dir && *dir) nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int rv_store_remove(const char *home, const char *source, const char *version, rv_err *err)
{
    char active[256], dir[4096];
    int rc;
    if (read_active(home, source, active, sizeof active, NULL) == RV_OK && strcmp(active, version) == 0)
        return rv_err_set(err, RV_ESTATE, "%s %s is the active release; activate another one first", source, version);
    if (!rv_store_version_ok(version))
        return rv_err_set(err, RV_ENOTFOUND, "'%s' is not a version name", version);
    if ((rc = path_join(dir, sizeof dir, err, "%s/store/%s/%s", home, source, version)) < 0) return rc;
    if (access(dir, F_OK) != 0) return rv_err_set(err, RV_ENOTFOUND, "%s has no stored version %s", source, version);
    /* rename first so a half-removed folder never looks like a version */
    char gone[4200];
    snprintf(gone, sizeof gone, "%s/store/%s/.gone-%s-%ld", home, source, version, (long)getpid());
    if (rename(dir, gone) != 0) return rv_err_set(err, RV_EIO, "%s: cannot remove: %s", dir, strerror(errno));
    rv_store_rmtree(gone);
    return RV_OK;
}

int rv_store_lock(const char *home, const char *source, int *fd, rv_err *err)
{
    char dir[4096], path[4200];
    int rc;
    *fd = -1;
    if ((rc = path_join(dir, sizeof dir, err, "%s/store/%s", home, source)) < 0) return rc;
    if ((rc = mkdir_p(dir, err)) < 0) return rc;
    snprintf(path, sizeof path, "%s/.lock", dir);
    int f = rv_open_private(path, O_RDWR | O_CREAT, err);
    if (f < 0) return f;
    if (flock(f, LOCK_EX | LOCK_NB) != 0) {
        close(f);
        return rv_err_set(err, RV_EBUSY, "%s: another revus process is changing source %s", path, source);
    }
    *fd = f;
    return RV_OK;
}

void rv_store_unlock(int fd)
{
    if (fd >= 0) close(fd);   /* closing drops the flock */
}

void rv_store_clean_stale(const char *home, const char *source)
{
    char dir[4096];
    if (path_join(dir, sizeof dir, NULL, "%s/store/%s", home, source) < 0) return;
    DIR *dp = opendir(dir);
    if (!dp) return;
    struct dirent *e;
    while ((e = readdir(dp))) {
        if (strncmp(e->d_name, ".stage-", 7) != 0 && strncmp(e->d_name, ".gone-", 6) != 0
            && strncmp(e->d_name, ".active.tmp.", 12) != 0)
            continue;
        char p[4400];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        rv_store_rmtree(p);
    }
    closedir(dp);
}

void rv_store_sweep(const char *home)
{
    char dir[4096];
    if (path_join(dir, sizeof dir, NULL, "%s/store", home) < 0) return;
    DIR *dp = opendir(dir);
    if (!dp) return;
    struct dirent *e;
    while ((e = readdir(dp))) {
        if (e->d_name[0] == '.') continue;
        int fd;
        if (rv_store_lock(home, e->d_name, &fd, NULL) < 0) continue;   /* busy: its owner cleans up */
        rv_store_clean_stale(home, e->d_name);
        rv_store_unlock(fd);
    }
    closedir(dp);
}

int rv_store_stage(const char *home, const char *source, char *dir, size_t n, rv_err *err)
{
    int rc;
    char parent[4096];
    if ((rc = path_join(parent, sizeof parent, err, "%s/store/%s", home, source)) < 0) return rc;
    if ((rc = mkdir_p(parent, err)) < 0) return rc;
    if ((rc = path_join(dir, n, err, "%s/.stage-XXXXXX", parent)) < 0) return rc;
    if (!mkdtemp(dir)) return rv_err_set(err, RV_EIO, "%s: cannot create staging folder: %s", parent, strerror(errno));
    return RV_OK;
}

/* The raw files of a set, as manifest members (text members named like the manifest's own). */
#define FTEXT(key, field) { key, offsetof(rv_release_file, field), sizeof ((rv_release_file *)0)->field }
static const struct { const char *key; size_t off, size; } file_text[] = {
    FTEXT("name", name), FTEXT("label", label), FTEXT("url", url), FTEXT("sha256", sha256),
    FTEXT("checksum", checksum), FTEXT("header_fingerprint", header_fp), FTEXT("etag", etag),
    FTEXT("last_modified", last_modified),
};
#define N_FILE_TEXT (sizeof file_text / sizeof *file_text)

static int add_files(cJSON *m, const rv_release *r, const rv_release_file *files, int n)
{
    cJSON *arr = cJSON_AddArrayToObject(m, "files");
    cJSON *miss = cJSON_AddArrayToObject(m, "missing");
    if (!arr || !miss) return 0;
    for (int i = 0; i < n; i++) {
        cJSON *f = cJSON_CreateObject();
        if (!f) return 0;
        cJSON_AddItemToArray(arr, f);
        for (size_t k = 0; k < N_FILE_TEXT; k++)
            if (!cJSON_AddStringToObject(f, file_text[k].key, (const char *)&files[i] + file_text[k].off)) return 0;
        if (!cJSON_AddNumberToObject(f, "size", (double)files[i].size)) return 0;
    }
    char buf[sizeof r->missing];
    snprintf(buf, sizeof buf, "%s", r->missing);
    for (char *save = NULL, *t = strtok_r(buf, ", ", &save); t; t = strtok_r(NULL, ", ", &save)) {
        cJSON *s = cJSON_CreateString(t);
        if (!s) return 0;
        cJSON_AddItemToArray(miss, s);
    }
    return 1;
}

int rv_store_write_manifest(const char *dir, const rv_release *r, rv_err *err)
{
    return rv_store_write_manifest_set(dir, r, NULL, 0, err);
}

int rv_store_write_manifest_set(const char *dir, const rv_release *r, const rv_release_file *files, int n_files,
                                rv_err *err)
{
    cJSON *m = cJSON_CreateObject();
    if (!m) return rv_err_set(err, RV_ENOMEM, "out of memory");
    const char *slash = strrchr(r->raw_path, '/');
    const char *raw_file = slash ? slash + 1 : r->raw_path;
    int ok = cJSON_AddStringToObject(m, "source", r->source) && cJSON_AddStringToObject(m, "version", r->version)
          && cJSON_AddStringToObject(m, "raw_file", raw_file)
          && cJSON_AddStringToObject(m, "index_file", RV_STORE_INDEX_NAME);
    for (size_t i = 0; i < N_MANIFEST_TEXT; i++)
        ok &= cJSON_AddStringToObject(m, manifest_text[i].key, (const char *)r + manifest_text[i].off) != NULL;
    ok &= cJSON_AddNumberToObject(m, "size", (double)r->size) != NULL;
    ok &= cJSON_AddNumberToObject(m, "records", (double)r->records) != NULL;
    ok &= cJSON_AddNumberToObject(m, "records_in", (double)r->records_in) != NULL;
    if (n_files > 0) ok &= add_files(m, r, files, n_files);
    char *text = ok ? cJSON_Print(m) : NULL;
    cJSON_Delete(m);
    if (!text) return rv_err_set(err, RV_ENOMEM, "out of memory");
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", dir, RV_STORE_MANIFEST_NAME);
    size_t l = strlen(text);
    char *withnl = realloc(text, l + 2);
    if (!withnl) { free(text); return rv_err_set(err, RV_ENOMEM, "out of memory"); }
    withnl[l] = '\n';
    withnl[l + 1] = '\0';
    int rc = write_atomic(path, withnl, err);
    free(withnl);
    return rc;
}

int rv_store_commit(const char *home, const char *source, const char *version, const char *stage_dir, rv_err *err)
{
    char dir[4096];
    int rc;
    if (!rv_store_version_ok(version))
        return rv_err_set(err, RV_EUSAGE, "'%s' is not a usable version name (letters, digits, '.', '_', '-')", version);
    if ((rc = path_join(dir, sizeof dir, err, "%s/store/%s/%s", home, source, version)) < 0) return rc;
    if (access(dir, F_OK) == 0)
        return rv_err_set(err, RV_ESTATE, "%s %s is already stored", source, version);
    if (rename(stage_dir, dir) != 0)
        return rv_err_set(err, RV_EIO, "%s: cannot move into place: %s", dir, strerror(errno));
    char parent[4096];
    snprintf(parent, sizeof parent, "%s/store/%s", home, source);
    fsync_dir(parent);
    return RV_OK;
}

int rv_store_files(const rv_release *r, rv_release_file **files, int *n, rv_err *err)
{
    *files = NULL;
    *n = 0;
    char mpath[4200];
    snprintf(mpath, sizeof mpath, "%s", r->index_path);
    char *slash = strrchr(mpath, '/');
    snprintf(slash ? slash + 1 : mpath, sizeof mpath - (size_t)(slash ? slash + 1 - mpath : 0), "%s",
             RV_STORE_MANIFEST_NAME);
    size_t len;
    char *text = slurp(mpath, MANIFEST_MAX, &len, err);
    if (!text) return rv_err_set(err, RV_ESTATE, "%s: cannot read", mpath);
    cJSON *m = cJSON_ParseWithLength(text, len);
    free(text);
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(m, "files");
    int k = cJSON_IsArray(arr) ? cJSON_GetArraySize(arr) : 0;
    rv_release_file *out = calloc((size_t)(k ? k : 1), sizeof *out);
    if (!out) { cJSON_Delete(m); return rv_err_set(err, RV_ENOMEM, "out of memory"); }
    int rc = RV_OK;
    if (k == 0) {                       /* a release of one file: the manifest's own members */
        const char *base = strrchr(r->raw_path, '/');
        snprintf(out->name, sizeof out->name, "%.255s", base ? base + 1 : r->raw_path);
        snprintf(out->label, sizeof out->label, "%s", out->name);
        snprintf(out->url, sizeof out->url, "%s", r->url);
        snprintf(out->sha256, sizeof out->sha256, "%s", r->sha256);
        snprintf(out->checksum, sizeof out->checksum, "%s", r->checksum);
        snprintf(out->header_fp, sizeof out->header_fp, "%s", r->header_fp);
        out->size = r->size;
        k = 1;
    }
    for (int i = 0; arr && i < k && rc == RV_OK; i++) {
        const cJSON *f = cJSON_GetArrayItem(arr, i);
        if (!f) break;
        for (size_t t = 0; t < N_FILE_TEXT; t++)
            copy_str((char *)&out[i] + file_text[t].off, file_text[t].size, f, file_text[t].key);
        out[i].size = get_i64(f, "size");
        if (!out[i].name[0] || strchr(out[i].name, '/') || out[i].name[0] == '.' || !out[i].sha256[0])
            rc = rv_err_set(err, RV_ESTATE, "%s: files[%d] lacks a usable name or sha256", mpath, i);
    }
    cJSON_Delete(m);
    if (rc < 0) { free(out); return rc; }
    *files = out;
    *n = k;
    return RV_OK;
}

void rv_store_set_digest(const rv_release_file *files, int n, char out[65])
{
    rv_sha256 c;
    rv_sha256_init(&c);
    for (int i = 0; i < n; i++) {
        rv_sha256_update(&c, files[i].sha256, strlen(files[i].sha256));
        rv_sha256_update(&c, "  ", 2);
        rv_sha256_update(&c, files[i].name, strlen(files[i].name));
        rv_sha256_update(&c, "\n", 1);
    }
    rv_sha256_hex(&c, out);
}

/* store/SOURCE/http.json, or http-FILE.json for one file of a set */
static int memo_path(const char *home, const char *source, const char *file, char *path, size_t n)
{
    int k = file ? snprintf(path, n, "%s/store/%s/http-%s.json", home, source, file)
                 : snprintf(path, n, "%s/store/%s/http.json", home, source);
    return k < 0 || (size_t)k >= n ? -1 : 0;
}

int rv_store_get_memo(const char *home, const char *source, const char *file, rv_http_memo *m)
{
    char path[4200];
    memset(m, 0, sizeof *m);
    if (memo_path(home, source, file, path, sizeof path) < 0) return -1;
    size_t len;
    char *text = slurp(path, MANIFEST_MAX, &len, NULL);
    if (!text) return -1;
    cJSON *j = cJSON_ParseWithLength(text, len);
    free(text);
    if (!cJSON_IsObject(j)) { cJSON_Delete(j); return -1; }
    copy_str(m->url, sizeof m->url, j, "url");
    copy_str(m->etag, sizeof m->etag, j, "etag");
    copy_str(m->last_modified, sizeof m->last_modified, j, "last_modified");
    copy_str(m->version, sizeof m->version, j, "version");
    cJSON_Delete(j);
    return 0;
}

int rv_store_put_memo(const char *home, const char *source, const char *file, const rv_http_memo *m, rv_err *err)
{
    char dir[4096], path[4200];
    int rc;
    if ((rc = path_join(dir, sizeof dir, err, "%s/store/%s", home, source)) < 0) return rc;
    if ((rc = mkdir_p(dir, err)) < 0) return rc;
    if (memo_path(home, source, file, path, sizeof path) < 0) return rv_err_set(err, RV_EIO, "%s: path too long", dir);
    cJSON *j = cJSON_CreateObject();
    if (!j) return rv_err_set(err, RV_ENOMEM, "out of memory");
    int ok = cJSON_AddStringToObject(j, "url", m->url) && cJSON_AddStringToObject(j, "etag", m->etag)
          && cJSON_AddStringToObject(j, "last_modified", m->last_modified)
          && cJSON_AddStringToObject(j, "version", m->version);
    char *text = ok ? cJSON_Print(j) : NULL;
    cJSON_Delete(j);
    if (!text) return rv_err_set(err, RV_ENOMEM, "out of memory");
    rc = write_atomic(path, text, err);
    free(text);
    return rc;
}
