/* sources/format_internal.h (internal): the registry of raw source formats, the one table that says what each
 * format can carry and how its file is read. Compilers are chosen by rv_format_id
 * (sources/compile/compile.c). */
#ifndef RV_FORMAT_INTERNAL_H
#define RV_FORMAT_INTERNAL_H

#include <stddef.h>
#include "sources/role.h"

typedef enum rv_format_id {
    RV_FMT_UNKNOWN = 0,
    RV_FMT_VCF, RV_FMT_TSV, RV_FMT_CSV, RV_FMT_PANELAPP_JSON, RV_FMT_CLINGEN_CSV, RV_FMT_BED, RV_FMT_GFF3,
    RV_FMT_N
} rv_format_id;

typedef struct rv_format {
    rv_format_id id;
    const char  *name;          /* as written in a descriptor: "panelapp-json" */
    unsigned     keys;          /* RV_FMT_KEY(kind) for each key kind it can carry */
    char         delimiter;     /* tabular formats: the column delimiter; 0 otherwise */
    const char  *ext;           /* extension of a raw file stored without a name of its own */
    int          hash_header;   /* header lines start with '#' (else: skip_lines + a column line) */
    int          json;          /* one JSON document (versions by json:KEY) */
} rv_format;

#define RV_FMT_KEY(kind) (1u << (kind))

/* The format called name, or NULL (also for NULL). Borrowed from the static registry. */
const rv_format *rv_format_find(const char *name);
/* Its id; RV_FMT_UNKNOWN for an unknown name or NULL. */
rv_format_id rv_format_id_of(const char *name);
/* 1 when records of format f can be keyed by k (a role's key kind). */
int rv_format_serves(const rv_format *f, rv_key_kind k);
/* The names, comma-separated, for messages ("vcf, tsv, ..."), into out; returns out. */
const char *rv_format_names(char *out, size_t n);

#endif
