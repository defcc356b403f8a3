/* sources/descriptor.h: a knowledge source described as data (annotations/NAME.json).
 *
 * The schema is documented in docs/sources.md. Loading validates it fully: unknown
 * keys, wrong types, an unknown role or format, or a role's required field left
 * unmapped give one error naming the file and the JSON path (base/json_check.h). */
#ifndef RV_DESCRIPTOR_H
#define RV_DESCRIPTOR_H

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
    int64_t max_bytes;     /* download size cap */

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

/* Find a descriptor by name in a loaded set; NULL when absent. */
rv_descriptor *rv_descriptor_find(rv_descriptor **ds, int n, const char *name);

/* Load every annotations/ *.json descriptor in dir (sorted by name).
 * RV_OK with *ds (caller frees with rv_descriptor_free_all) and *n set; RV_EIO when dir cannot
 * be read, the codes of rv_descriptor_load. */
int rv_descriptor_load_dir(const char *dir, rv_descriptor ***ds, int *n, rv_err *err) RV_MUST_CHECK;
void rv_descriptor_free_all(rv_descriptor **ds, int n);

#endif
