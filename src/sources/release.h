/* sources/release.h: bring a new release of a source into the store, the one path shared by
 * `sources fetch` (download) and `sources import` (a file copied in by hand):
 *
 *   stage folder -> raw file(s) -> checksum -> version -> header checks + fingerprint
 *   -> rv_index_compile -> manifest -> rename into store/SOURCE/VERSION -> activate
 *
 * Any failure removes the stage folder and leaves the store, and the active release,
 * exactly as they were; the error says why. */
#ifndef RV_RELEASE_H
#define RV_RELEASE_H

#include <stddef.h>
#include "sources/descriptor.h"
#include "base/err.h"
#include "sources/fetch.h"
#include "sources/index.h"
#include "sources/store.h"

typedef struct rv_release_opts {
    const char *home;             /* $REVUS_HOME */
    const char *version;          /* --version: overrides the descriptor's version rule */
    const char *md5, *sha256;     /* import: checksums given by hand (hex), or NULL */
    int force;                    /* fetch: skip the conditional GET */
    int no_activate;              /* store the release but leave the active one */
    int attempts;                 /* fetch: tries in all (0 = default) */
    double backoff_s;             /* fetch: first retry delay (0 = default) */
    rv_fetch_progress_fn progress;
    void *progress_ctx;
    struct rv_meter *compile_progress;  /* counts the records compiled, or NULL */
    const rv_ref_check *ref_check;      /* REF against the reference FASTA, or NULL (index.h) */
} rv_release_opts;

typedef enum {
    RV_UPDATE_NEW = 1,            /* a new version was stored (and activated unless no_activate) */
    RV_UPDATE_NOT_MODIFIED,       /* server said 304: nothing downloaded */
    RV_UPDATE_ALREADY_STORED      /* same version, same sha256 as a stored one: discarded */
} rv_update_kind;

typedef struct rv_update {
    rv_update_kind kind;
    rv_release rel;               /* the new (or matching stored) release */
    rv_compile_stats stats;       /* RV_UPDATE_NEW only */
    char previous[64];            /* version active before, "" when none */
    int activated;
} rv_update;

/* Both return RV_OK with u filled; RV_EUSAGE (no download URL, bad --version), RV_EINPUT
 * (import: file missing), RV_ESOURCE (download, checksum, version, header or compile problem),
 * RV_EIO, RV_EBUSY (another process updates the source), RV_ESTATE (store), RV_ENOMEM. On
 * failure the store is as it was. */
int rv_release_fetch(const rv_descriptor *d, const rv_release_opts *o, rv_update *u, rv_err *err) RV_MUST_CHECK;
int rv_release_import(const rv_descriptor *d, const char *file, const rv_release_opts *o, rv_update *u, rv_err *err) RV_MUST_CHECK;

/* Import a release of several files (docs/sources.md 3.2) as one version: each path is a
 * file of the set (its name one of the set's file names) or a folder, whose files with
 * such names are taken. Files of the set that are not given are missing: the release is
 * stored without them (u->rel.missing names them) and covers only where a file was read.
 * For a one-file descriptor, exactly one path (rv_release_import). The codes of
 * rv_release_import; RV_EINPUT for a file that is not of the set or given twice. */
int rv_release_import_set(const rv_descriptor *d, const char *const *paths, int n, const rv_release_opts *o,
                          rv_update *u, rv_err *err) RV_MUST_CHECK;

/* Re-check a stored release: each raw file's sha256 against the manifest, then the index.
 * RV_OK; RV_ESOURCE naming the release and the file that differs or cannot be read. */
int rv_release_verify(const rv_release *r, rv_err *err) RV_MUST_CHECK;

/* The digest for file_name in a checksum sidecar (md5sum, sha256sum or BSD style, one
 * or many lines): the first token of 32 (md5) or 64 (sha256) hex digits on the line
 * naming file_name, else the first such token in the text. Lower-case into out.
 * Returns 0, or -1 when the text holds no such digest. */
int rv_sidecar_digest(const char *text, const char *kind, const char *file_name, char *out, size_t n);

/* The same, but only the digest on a line naming file_name: one list of checksums for the
 * many files of a set must name each of them. */
int rv_sidecar_digest_named(const char *text, const char *kind, const char *file_name, char *out, size_t n);

/* Version from a header line: the text after prefix (the line may start with a quote),
 * past spaces, '=', ':' and quotes, up to the first character outside [A-Za-z0-9._-].
 * Returns 0, or -1 when the line has no version after prefix. */
int rv_version_from_line(const char *line, const char *prefix, char *out, size_t n);

/* Version from a dated header line (rule "header-date:PREFIX"): the text after prefix read
 * as a date, "2023-11-21", "21 Nov,2023", "21 Nov 2023", "21 November 2023" or "Nov 21,
 * 2023", written as YYYY-MM-DD. Returns 0, or -1 when the line does not start with prefix
 * or holds no such date (a title line before the date line). */
int rv_version_date_from_line(const char *line, const char *prefix, char *out, size_t n);

#endif
