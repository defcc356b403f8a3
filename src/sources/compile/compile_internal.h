/* sources/compile/compile_internal.h (internal): what the per-format compilers share. One compiler per raw
 * format (vcf_sites.c, table.c, panelapp.c, regions.c), all beside this file; the
 * format table and rv_index_compile() live in compile.c, the shared value handling in fields.c.
 *
 * Index fields are exactly the descriptor's field mappings, in order: field i of the
 * index holds d->fields[i]. A compiler reads raw records, starts one index record per
 * kept raw record and sets its fields through rv_compile_value(), which applies the
 * mapping's op, parses the type and runs the vocabulary check of the role. */
#ifndef RV_COMPILE_INTERNAL_H
#define RV_COMPILE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "sources/descriptor.h"
#include "sources/index.h"
#include "sources/index_build_internal.h"
#include "sources/compile/ref_check.h"

typedef struct rv_ref_sampler rv_ref_sampler;

typedef struct rv_compile_ctx {
    const rv_descriptor *d;
    const char *raw_path;
    const char *name;       /* what warnings call the raw file (the user's file or URL) */
    rv_ibuild *b;
    rv_compile_stats *st;
    rv_err *err;
    int check_clinvar;      /* clinical-assertion: validate CLNSIG/CLNREVSTAT terms */
    int *digits;            /* per field: most significant digits seen in the source */
    struct rv_meter *progress;  /* counts raw records read, or NULL */
    rv_ref_sampler *ref;        /* REF checked against the reference FASTA, or NULL */
} rv_compile_ctx;

/* The REF check of a variant-keyed tsv, csv or vcf release (ref_check.c): open sets c->ref,
 * or leaves it NULL for other sources, without a FASTA (a table then gets the warning that
 * its REF was not checked) and when the FASTA is on another build than the descriptor
 * (warned). 0; RV_EUSAGE when the FASTA cannot be read, RV_ENOMEM. */
int rv_compile_ref_open(rv_compile_ctx *c, const rv_ref_check *conf) RV_MUST_CHECK;
/* One variant record as the file wrote it, before trimming (ref[0..n) upper case), read at
 * line: compared when the sample takes it. 0; RV_EBUILD "FILE:LINE: ..." once the first
 * records hold too many differences; RV_EIO when the FASTA cannot be read. */
int rv_compile_ref(rv_compile_ctx *c, int contig, int64_t pos, const char *ref, size_t n, int64_t line) RV_MUST_CHECK;
/* After the last record: RV_EBUILD when too many sampled records differ, else 0 (a few
 * differences are one warning). */
int rv_compile_ref_finish(rv_compile_ctx *c) RV_MUST_CHECK;
void rv_compile_ref_close(rv_compile_ctx *c);

/* One raw record read: counted in the stats and on the progress meter (fields.c). */
void rv_compile_count(rv_compile_ctx *c);

typedef int (*rv_compile_fn)(rv_compile_ctx *c);

/* Each compiler reads c->raw_path into c->b: RV_OK; RV_ESOURCE "FILE:LINE: ..." for format
 * drift or a bad record, RV_EUSAGE for a descriptor that does not fit the format, RV_EBUILD
 * (vcf), RV_ENOMEM. */
int rv_compile_vcf(rv_compile_ctx *c) RV_MUST_CHECK;
int rv_compile_table(rv_compile_ctx *c) RV_MUST_CHECK;      /* tsv, csv, clingen-csv */
int rv_compile_panelapp(rv_compile_ctx *c) RV_MUST_CHECK;
int rv_compile_regions(rv_compile_ctx *c) RV_MUST_CHECK;    /* bed, gff3 */
int rv_compile_gene_model(rv_compile_ctx *c) RV_MUST_CHECK; /* gff3 for the gene-model role */

/* Set field i of the current record from raw text val[0..len) found at line `line`.
 * alt (may be NULL) is the record's ALT as written, for ops that select by allele.
 * "." and "" are missing. Returns 0, or RV_ESOURCE "FILE:LINE: ..." (not a number, unknown
 * ClinVar term, bad op), or RV_ENOMEM. */
int rv_compile_value(rv_compile_ctx *c, int i, const char *val, size_t len, int64_t line,
                     const char *alt, size_t alt_len);

/* Index of the descriptor mapping named name, or -1. */
int rv_compile_field(const rv_descriptor *d, const char *name);

/* Index field number of a field the role computes (RV_FIELD_COMPUTED): they follow the
 * descriptor's mappings, in role order. -1 when the role has no such field. */
int rv_compile_computed(const rv_descriptor *d, const char *name);

/* Value of attribute key in a GFF3 column 9 a[0..n) ("ID=x;Name=y;Dbxref=HGNC:HGNC:5,...").
 * key "DB:" form ("Dbxref:HGNC") picks the DB item of a ','-list. 1 found, 0 absent. */
int rv_gff_attr(const char *a, size_t n, const char *key, const char **v, size_t *vl);

/* Whether a role field is required (a record without it is skipped). */
int rv_compile_required(const rv_descriptor *d, int i);

#endif
