/* sources/index_build_internal.h (internal): collect records in memory, then sort and write one index
 * file (format in sources/index_format_internal.h). Used by every format compiler (sources/compile/).
 *
 * A record is started by one of the add_* calls; its fields default to missing and are
 * set with the set_* calls until the next add. Strings and alleles are interned, so a
 * value repeated over millions of records is stored once. */
#ifndef RV_INDEX_BUILD_INTERNAL_H
#define RV_INDEX_BUILD_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "base/err.h"
#include "sources/role.h"
#include "variant/varkey.h"

typedef struct rv_ibuild rv_ibuild;

/* RV_OK with *b set (caller frees with rv_ibuild_free); RV_ENOMEM. */
int rv_ibuild_new(rv_ibuild **b, rv_key_kind kind, int n_fields, const char *const *names,
                  const rv_ftype *types, rv_err *err);
void rv_ibuild_free(rv_ibuild *b);                      /* accepts NULL */
int rv_ibuild_meta(rv_ibuild *b, const char *key, const char *value);

/* Start a record; 0, or RV_ENOMEM. Keys must be on a primary contig (id 0..24). */
int rv_ibuild_add_variant(rv_ibuild *b, const rv_varkey *k);
int rv_ibuild_add_interval(rv_ibuild *b, int contig, int64_t start, int64_t end);
/* A gene record; RV_EINPUT when symbol is not rv_gene_symbol_valid(). */
int rv_ibuild_add_gene(rv_ibuild *b, const char *symbol, size_t n, const char *hgnc, size_t hn);
/* 1 when s[0..n) can be a gene symbol: 1 to 64 letters, digits, '-', '.', '_' or '@'
 * (HGNC's alphabet); a tab, newline, space or empty symbol is a damaged source. */
int rv_gene_symbol_valid(const char *s, size_t n);
void rv_ibuild_drop_last(rv_ibuild *b);
/* Bit c set when a record from number `from` on lies on contig c (variant and interval
 * records; 0 for gene records). */
uint32_t rv_ibuild_contigs_since(const rv_ibuild *b, int64_t from);                 /* forget the record just added */
int64_t rv_ibuild_count(const rv_ibuild *b);

/* Set a field of the current record; 0, or RV_ENOMEM (or RV_EINPUT for a position or
 * string that does not fit the format). set_str reports through *is_new whether the
 * string was seen for the first time (so a vocabulary check runs once per value). */
int rv_ibuild_set_float(rv_ibuild *b, int field, double v);
int rv_ibuild_set_int(rv_ibuild *b, int field, int64_t v);
int rv_ibuild_set_str(rv_ibuild *b, int field, const char *s, size_t n, int *is_new);

/* Declared coverage regions (contig, start, end triples, 1-based inclusive, sorted and
 * merged by the caller: sources/coverage.c); copied. Without them the index covers the
 * contigs that hold records. 0, or RV_ENOMEM. */
int rv_ibuild_coverage(rv_ibuild *b, const uint32_t *triples, int64_t n) RV_MUST_CHECK;

/* Duplicate keys: the first record in input order is kept. A merge function, when set,
 * is called with the kept record and each later duplicate before the duplicate is dropped
 * (a ClinVar release merges the records of one allele: compile/clinvar_merge.c); it may
 * read and set the kept record's fields. 0, or an RV_E* code that fails the write. */
typedef int (*rv_ibuild_dup_fn)(rv_ibuild *b, int64_t kept, int64_t dup, void *ud);
void rv_ibuild_on_duplicate(rv_ibuild *b, rv_ibuild_dup_fn fn, void *ud);
int rv_ibuild_rec_str(const rv_ibuild *b, int64_t rec, int f, const char **s, size_t *n);  /* -1: missing */
int rv_ibuild_rec_set_str(rv_ibuild *b, int64_t rec, int f, const char *s, size_t n) RV_MUST_CHECK;
void rv_ibuild_rec_copy(rv_ibuild *b, int64_t to, int64_t from);   /* every field value */

/* Sort, drop duplicate keys (the first record in input order wins), write to a
 * temporary name beside path and rename.
 * RV_OK; RV_EIO, RV_ENOMEM. */
int rv_ibuild_write(rv_ibuild *b, const char *path, int64_t *n_out, int64_t *n_dup, rv_err *err);

#endif
