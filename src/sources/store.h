/* sources/store.h: the versioned store of source releases under $REVUS_HOME/store/.
 *
 *   store/SOURCE/VERSION/RAWFILE          the release as downloaded (or imported); a release
 *                                          of several files has one RAWFILE each
 *   store/SOURCE/VERSION/manifest.json    url, sha256, size, fetched-at, version, record
 *                                          counts, header fingerprint, descriptor + its sha256
 *   store/SOURCE/VERSION/index.rvx        the compiled index (sources/index.h)
 *   store/SOURCE/active -> VERSION        symlink, replaced atomically (rename)
 *   store/SOURCE/http.json                ETag / Last-Modified of the last download
 *   store/SOURCE/http-FILE.json           the same per file of a release of several files
 *   store/SOURCE/.lock                    flock()ed while a command changes SOURCE
 *
 * A version folder appears only complete: it is built in store/SOURCE/.stage-*, then
 * renamed into place. */
#ifndef RV_STORE_H
#define RV_STORE_H

#include <stdint.h>
#include "base/err.h"

#define RV_STORE_INDEX_NAME    "index.rvx"
#define RV_STORE_MANIFEST_NAME "manifest.json"

typedef struct rv_release {
    char source[64], version[64], raw_path[4096], index_path[4096], sha256[65], url[2048], fetched_at[32];
    int64_t size, records;
    /* more of the manifest */
    int64_t records_in;              /* raw records read by the compiler */
    char header_fp[65];              /* sha256 of the raw file's header lines */
    char descriptor[64];             /* descriptor name ... */
    char descriptor_sha256[65];      /* ... and the sha256 of its file at fetch time */
    char checksum[80];               /* how the download was verified, e.g. "md5 sidecar" */
    char build[16], role[32], format[24];
    char etag[256], last_modified[64];
    /* a release of several files (docs/sources.md 3.2): raw_path is the first of them and
     * sha256 the digest of the set (rv_store_set_digest); rv_store_files() lists them */
    int n_files;                     /* 1 for a release of one file */
    char missing[512];               /* files of the set that were not there, by label
                                      * ("chr3, chr4"), "" when none */
} rv_release;

/* One raw file of a stored release, as its manifest records it. */
typedef struct rv_release_file {
    char name[256];                  /* file name in the version folder */
    char label[256];                 /* "chr21", or the file name */
    char url[2048], sha256[65], checksum[80], header_fp[65], etag[256], last_modified[64];
    int64_t size;
} rv_release_file;

/* The raw files of a stored release (one entry for a one-file release). free() *files.
 * RV_OK; RV_ESTATE when the manifest cannot be read, RV_ENOMEM. */
int rv_store_files(const rv_release *r, rv_release_file **files, int *n, rv_err *err) RV_MUST_CHECK;

/* The sha256 that names a set of files: of the lines "SHA256  NAME\n", in set order. */
void rv_store_set_digest(const rv_release_file *files, int n, char out[65]);

/* The active release of source; RV_ENOTFOUND when none is active. */
int rv_store_active(const char *home, const char *source, rv_release *out, rv_err *err) RV_MUST_CHECK;
/* The active release of every source in the store (sorted by source). free() the array. */
int rv_store_list_active(const char *home, rv_release **out, int *n, rv_err *err) RV_MUST_CHECK;
/* Names of every source folder in the store (sorted); free each and the array. */
int rv_store_list_sources(const char *home, char ***names, int *n, rv_err *err);
/* Every stored version of source, oldest first (natural version order). free() the array.
 * RV_OK (a source never stored is an empty list); RV_ESTATE when the store cannot be read,
 * RV_ENOMEM. */
int rv_store_list_versions(const char *home, const char *source, rv_release **out, int *n, rv_err *err);
/* Make version the active one: atomic (new symlink renamed over "active"). */
int rv_store_activate(const char *home, const char *source, const char *version, rv_err *err);
/* One stored version (manifest read); RV_ENOTFOUND when absent. */
int rv_store_get(const char *home, const char *source, const char *version, rv_release *out, rv_err *err) RV_MUST_CHECK;

/* Remove one stored version; refuses the active one (RV_ESTATE). */
int rv_store_remove(const char *home, const char *source, const char *version, rv_err *err);

/* A usable version string: 1-63 of [A-Za-z0-9._-], not starting with '.'. */
int rv_store_version_ok(const char *version);
/* Natural order of versions: digit runs compare as numbers ("8.9" < "8.136"). */
int rv_store_version_cmp(const char *a, const char *b);

/* Exclusive lock on store/SOURCE (created as needed) for a changing command; RV_EBUSY
 * when another process holds it. Release with rv_store_unlock(fd). */
int rv_store_lock(const char *home, const char *source, int *fd, rv_err *err);
void rv_store_unlock(int fd);

/* Remove what an interrupted command left in store/SOURCE (.stage-*, .gone-*, temp
 * links). Call it holding the lock: then nobody else is using them. */
void rv_store_clean_stale(const char *home, const char *source);

/* rv_store_clean_stale() for every source nobody is changing right now: what a killed
 * fetch or import left (up to a release's size) goes at the next command, not only at
 * the next import of that source. */
void rv_store_sweep(const char *home);

/* Staging: a fresh folder store/SOURCE/.stage-PID-N to assemble a version in.
 * The folder's path goes into dir (n bytes). RV_OK; RV_EIO when it cannot be created. */
int rv_store_stage(const char *home, const char *source, char *dir, size_t n, rv_err *err) RV_MUST_CHECK;
/* Write manifest.json for r into dir (temp file + rename). */
int rv_store_write_manifest(const char *dir, const rv_release *r, rv_err *err);
/* The same for a release of several files: files[] in set order, and the labels of the
 * files the set lacks (r->missing, comma-separated) are recorded too. */
int rv_store_write_manifest_set(const char *dir, const rv_release *r, const rv_release_file *files, int n,
                                rv_err *err);
/* Rename a complete staging folder to store/SOURCE/VERSION; RV_ESTATE if it exists. */
int rv_store_commit(const char *home, const char *source, const char *version, const char *stage_dir, rv_err *err) RV_MUST_CHECK;
/* Remove a staging (or any) folder tree; used on failure. */
void rv_store_rmtree(const char *dir);

/* Conditional-GET validators remembered per source (store/SOURCE/http.json), or per file
 * of a set (file: its name; store/SOURCE/http-FILE.json); file NULL for a one-file release. */
typedef struct rv_http_memo { char url[2048], etag[256], last_modified[64], version[64]; } rv_http_memo;
int rv_store_get_memo(const char *home, const char *source, const char *file, rv_http_memo *m) RV_MUST_CHECK;   /* 0, or -1 none */
int rv_store_put_memo(const char *home, const char *source, const char *file, const rv_http_memo *m, rv_err *err);

#endif
