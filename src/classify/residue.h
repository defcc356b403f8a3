/* classify/residue.h: "which ClinVar P/LP protein changes are known at this residue", for PS1
 * (same amino-acid change) and PM5 (a different missense change at the same residue).
 *
 * The classifier asks through a callback, so the answer can come from any source: the
 * small table below (a TSV, e.g. derived from ClinVar with protein changes), or a
 * future compiled index. Amino acids are compared after normalising to one letter
 * (Arg and R are the same; Ter, * and X mean stop). */
#ifndef RV_RESIDUE_H
#define RV_RESIDUE_H

#include <stddef.h>
#include <stdint.h>
#include "base/err.h"

typedef struct rv_residue_hit {
    char    aa_ref, aa_alt;      /* one-letter codes */
    int     tier;                /* rv_clinvar_tier of that variant */
    int     stars;               /* its review stars, -1 unknown */
    int     cls;                 /* rv_clinvar_class (P, LP, P/LP), NONE when not known */
    int64_t variation_id;        /* -1 unknown; the same id as the query variant is skipped */
    uint32_t terms;              /* its consequence as 1 << RV_SO_* when a gene model computed
                                  * it (csq/effect.h), 0 unknown */
    char    source[64];          /* "clinvar@2024-11-11", "clinvar@2024-11-11+mane@1.5" */
} rv_residue_hit;

/* Fill up to max hits at (gene, protein_pos). Returns the number written (>= 0), or a
 * negative RV_E* code. gene is not NUL-terminated. */
typedef int (*rv_residue_lookup)(void *ctx, const char *gene, size_t gene_n, int protein_pos,
                                 rv_residue_hit *hits, int max);

/* One-letter code of an amino acid written as one letter, three letters (any case) or
 * "Ter"/"*"/"X" (-> '*'); 0 when not an amino acid. */
char rv_aa_one_letter(const char *s, size_t n);

/* A small in-memory residue table loaded from TSV with the header
 *   gene  protein_pos  aa_ref  aa_alt  clnsig  clnrevstat  variation_id
 * (clnsig/clnrevstat in ClinVar's VCF spelling). Bad lines fail with "FILE:LINE: ...". */
typedef struct rv_residue_table rv_residue_table;
/* RV_OK with *t set (caller frees with rv_residue_table_free); RV_EIO/RV_ENOTFOUND
 * when the file cannot be read, RV_EINPUT for a bad line, RV_ENOMEM. */
int rv_residue_table_load(const char *path, const char *source, rv_residue_table **t, rv_err *err) RV_MUST_CHECK;
void rv_residue_table_free(rv_residue_table *t);
/* Build a table row by row: new (NULL when out of memory), add (0 or RV_ENOMEM), then
 * finish (sorts it) before the first lookup. */
rv_residue_table *rv_residue_table_new(void);
int rv_residue_table_add(rv_residue_table *t, const char *gene, size_t gene_n, int pos, char ref, char alt,
                         int tier, int stars, int64_t variation_id, const char *source);
/* The same with every field of the hit (its source copied). */
int rv_residue_table_add_hit(rv_residue_table *t, const char *gene, size_t gene_n, int pos, const rv_residue_hit *h);
void rv_residue_table_finish(rv_residue_table *t);
int rv_residue_table_size(const rv_residue_table *t);
/* The rv_residue_lookup for a table (ctx = the table).
 * Returns the number of hits written (at most max); hits borrow the table's strings. */
int rv_residue_table_lookup(void *ctx, const char *gene, size_t gene_n, int protein_pos,
                            rv_residue_hit *hits, int max);

#endif
