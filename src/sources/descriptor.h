/* sources/descriptor.h: a knowledge source described as data (annotations/NAME.json).
 *
 * The schema is documented in docs/sources.md. Loading validates it fully: unknown
 * keys, wrong types, an unknown role or format, or a role's required field left
 * unmapped give one error naming the file and the JSON path (base/json_check.h). */
#ifndef RV_DESCRIPTOR_H
#define RV_DESCRIPTOR_H

#include <stddef.h>
#include <stdint.h>
#include "variant/contig.h"
#include "base/err.h"
#include "sources/role.h"

/* One typed field of the role, taken from the raw source. */
typedef struct rv_field_map {
    char    *name;     /* role field ("af") or a free extra field name ("af_nfe") */
    char    *from;     /* where the value is in the raw file (docs/sources.md):
                        *   vcf: INFO tag, or "ID" / "QUAL" for those columns;
                        *   tsv/csv/clingen-csv: column name from the header line;
                        *   panelapp-json: dotted key path inside one genes[] entry
                        *     ("gene_data.hgnc_id"), or "panel.KEY" for the panel itself;
                        *   gff3: attribute key, or "type" (column 3); bed: see docs. */
    rv_ftype type;
    char    *op;       /* optional transform, NULL = as is (docs/sources.md):
                        *   "max" / "min" / "first" of a ','- or '|'-separated list;
                        *   "max-pipe:LO-HI" largest of '|'-items LO..HI (SpliceAI);
                        *   "types:gene,exon" (gff3 feature field) keeps those feature types. */
} rv_field_map;

/* One file of a release made of several (docs/sources.md 3.2, "Releases of several files"). */
typedef struct rv_part {
    char *url;             /* where this file comes from */
    char *checksum_url;    /* its sidecar, or the one list naming every file, or NULL */
    char *file;            /* its file name (last URL component): the name in the store, and
                            * the name a file given to `sources import` must have */
    char *label;           /* "chr21" for a {chrom} template, else the file name */
    int   contig;          /* canonical contig id of a {chrom} file, -1 for a listed file */
} rv_part;

typedef struct rv_descriptor {
    char *path;            /* file it was loaded from */
    char *name;            /* short id: [a-z0-9_-]+, the store folder name */
    char *title;
    const rv_role *role;
    char *format;          /* vcf | tsv | csv | panelapp-json | clingen-csv | bed | gff3 */
    rv_build build;        /* RV_BUILD_UNKNOWN for build-free (gene-keyed) sources */

    /* where it comes from */
    char *url;             /* https, http, ftp or file URL of the whole release */
    char *checksum_url;    /* sidecar (md5 or sha256 text), or NULL */
    char *checksum_kind;   /* "md5" or "sha256" (of checksum_url), or NULL */
    char *sha256;          /* fixed sha256 of the release, or NULL */
    char *version_rule;    /* "header:##fileDate", "filename:REGEX", "json:version", "manual" */
    int64_t max_bytes;     /* download size cap (per file for a set) */

    /* a release of several files: url holds "{chrom}" (one file per entry of
     * download.chroms, default the build's chromosomes 1-22, X, Y), or download.files
     * lists the URLs. n_parts == 0 for a release of one file. */
    rv_part *parts;
    int n_parts;

    /* field mapping */
    rv_field_map *fields;
    int n_fields;

    /* tabular formats: which columns hold the key */
    char *col_chrom, *col_pos, *col_ref, *col_alt;   /* variant-keyed tsv/csv */
    char *col_symbol, *col_hgnc;                     /* gene-keyed tsv/csv */
    int   skip_lines;      /* preamble lines before the header line */
    char  delimiter;       /* '\t' or ',' */

    /* options */
    int     pass_only;     /* vcf: keep FILTER=PASS (or '.') records only */
    int64_t min_an;        /* population-frequency: ignore records with AN below this */
    char   *panel_id;      /* panelapp-json: panel id (and optional version) */
    char   *panel_version;

    /* informational (shown by `revus sources show`), NULL when absent */
    char *homepage, *license, *notes;

    /* header lines the raw file must contain (checked before compiling): a file whose
     * header lacks one has a different layout (e.g. ClinVar's pre-2017 format). */
    struct rv_header_rule { char *prefix; char *why; } *require_header;
    int n_require_header;

    /* declared coverage (variant-keyed roles, docs/sources.md 3.8): a BED file (path
     * resolved against the descriptor's folder) or region texts; both NULL/0 = the
     * release covers the contigs that hold its records */
    char  *coverage_bed;
    char **coverage;
    int    n_coverage;
} rv_descriptor;

/* Load and validate one descriptor. Free with rv_descriptor_free().
 * RV_OK; RV_EIO/RV_ENOTFOUND when the file cannot be read, RV_EINPUT "FILE: PATH: what" for
 * invalid JSON or a schema error, RV_ENOMEM. */
int rv_descriptor_load(const char *path, rv_descriptor **d, rv_err *err) RV_MUST_CHECK;
void rv_descriptor_free(rv_descriptor *d);   /* accepts NULL */

/* The mapping of a role field, or NULL when the descriptor does not map it. */
const rv_field_map *rv_descriptor_field(const rv_descriptor *d, const char *name);

/* The download URL with "{panel_id}" replaced (and "?version=V" appended when the
 * descriptor pins a panel version). NULL when the descriptor has no URL. free() it. */
char *rv_descriptor_url(const rv_descriptor *d);

/* The last component of a URL or path, without query or trailing slash, as written. */
void rv_url_last_component(const char *url_or_path, char *out, size_t n);

/* The file name a URL or path gives a stored raw file: its last component without query
 * or trailing slash, characters outside [A-Za-z0-9._-] replaced by '_'. */
void rv_descriptor_file_name(const char *url_or_path, char *out, size_t n);

/* The part of a set whose file name is file_name (a path's last component), or NULL. */
const rv_part *rv_descriptor_part(const rv_descriptor *d, const char *file_name);

/* Find a descriptor by name in a loaded set; NULL when absent. */
rv_descriptor *rv_descriptor_find(rv_descriptor **ds, int n, const char *name);

/* Load every annotations/ *.json descriptor in dir (sorted by name).
 * RV_OK with *ds (caller frees with rv_descriptor_free_all) and *n set; RV_EIO when dir cannot
 * be read, the codes of rv_descriptor_load. */
int rv_descriptor_load_dir(const char *dir, rv_descriptor ***ds, int *n, rv_err *err) RV_MUST_CHECK;
void rv_descriptor_free_all(rv_descriptor **ds, int n);

#endif
