/* base/tsv.h: small tab-separated tables the lab writes (manifests, reported classes), read
 * whole with their line numbers, and the list of problems found in them.
 *
 * Blank lines and lines starting with '#' are skipped. When the first remaining line's
 * first field equals header_first (case-insensitive), it is the header and is skipped. */
#ifndef RV_TSV_H
#define RV_TSV_H

#include "base/err.h"

typedef struct rv_tsv_row {
    int    line;        /* 1-based line number in the file */
    int    n;           /* number of fields */
    char **f;           /* fields (point into the row's own buffer) */
    char  *buf;
} rv_tsv_row;

typedef struct rv_tsv { rv_tsv_row *rows; int n; } rv_tsv;

/* Read a whole TSV file (plain or gzip) into t (caller frees with rv_tsv_free): blank and
 * '#' lines skipped, and the first line when its first column is header_first. RV_OK;
 * RV_EIO/RV_ENOTFOUND when it cannot be read, RV_ENOMEM. */
int rv_tsv_read(const char *path, const char *header_first, rv_tsv *t, rv_err *err) RV_MUST_CHECK;
void rv_tsv_free(rv_tsv *t);

/* Problems found while validating rows: "FILE:LINE: what" each. */
typedef struct rv_problems { char **msg; int n, m; } rv_problems;
void rv_problems_add(rv_problems *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void rv_problems_free(rv_problems *p);

#endif
