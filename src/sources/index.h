/* sources/index.h: the compiled index of one source release.
 *
 * A release is compiled once, at fetch/import time, into one file: records normalised
 * exactly like patient records and sorted by the normalised key (variant-keyed roles),
 * or small sorted tables by HGNC id and symbol (gene-keyed), or sorted intervals
 * (gene-regions). The file has a magic number, a format version and checksums; it is
 * memory-mapped read-only at run time, and a truncated or foreign file is refused.
 *
 * Used by annotate, run and sources diff. */
#ifndef RV_INDEX_H
#define RV_INDEX_H

#include <stdint.h>
#include <stdio.h>
#include "sources/descriptor.h"
#include "sources/compile/ref_check.h"
#include "base/err.h"

struct rv_meter;
#include "sources/role.h"
#include "variant/varkey.h"

typedef struct rv_index rv_index;

typedef struct rv_compile_stats {
    int64_t records_in;      /* raw records read */
    int64_t records_out;     /* index records written */
    int64_t skipped_filter;  /* not PASS (pass_only) */
    int64_t skipped_an;      /* AN below min_an */
    int64_t skipped_other;   /* non-primary contig, symbolic ALT, ... */
    double  seconds;
    int64_t duplicates;      /* records whose key repeats an earlier one (first wins) */
    int64_t warnings;        /* records kept but marked (gene model: incomplete CDS) */
    char    first_warning[256]; /* "FILE:LINE: what" of the first warning */
} rv_compile_stats;

/* Compile raw_path (the downloaded release) per descriptor d into out_path (written to a
 * temporary name, renamed at the end). meta_version is recorded in the index. Fails
 * loudly (RV_ESOURCE, "FILE:LINE: ...") on format drift: a missing required field, an
 * unknown ClinVar term, a build mismatch. */
int rv_index_compile(const rv_descriptor *d, const char *raw_path, const char *meta_version,
                     const char *out_path, rv_compile_stats *st, rv_err *err) RV_MUST_CHECK;
/* What a compile may also do (all optional). */
typedef struct rv_compile_opts {
    struct rv_meter *progress;   /* counts each raw record read (started by the caller) */
    const rv_ref_check *ref;     /* a variant-keyed tsv, csv or vcf release: REF checked against
                                    ref->fasta on a sample of records (sources/compile/ref_check.h) */
    const char *name;            /* what warnings call the raw file (the user's file or URL) */
} rv_compile_opts;
/* rv_index_compile with opts (NULL: none). Too many REF differences are RV_EBUILD naming the
 * first one; RV_EUSAGE when the FASTA cannot be read. */
int rv_index_compile_opts(const rv_descriptor *d, const char *raw_path, const char *meta_version,
                          const char *out_path, rv_compile_stats *st, const rv_compile_opts *opts,
                          rv_err *err) RV_MUST_CHECK;

/* One raw file of a release to compile: its path, for the file of one chromosome
 * (download.url with {chrom}) that chromosome's id, else -1, and what warnings call it
 * (the URL or the user's own path; NULL: path). */
typedef struct rv_compile_file { const char *path; int contig; const char *shown; } rv_compile_file;

/* A release of several files into one index (docs/sources.md 3.2): the records of every
 * file, in order (a duplicate key keeps the first). A chromosome's file holding records on
 * another contig is refused (RV_ESOURCE naming the file). `missing` has bit c set when the
 * set lacks the file of contig c: declared coverage regions there are dropped, so the
 * release covers only where a file was read; missing_text ("chr3, chr4", or NULL) is
 * recorded in the index metadata as "missing". Otherwise as rv_index_compile_opts (opts->name
 * is not used: each file names itself). */
int rv_index_compile_set(const rv_descriptor *d, const rv_compile_file *files, int n, uint32_t missing,
                         const char *missing_text, const char *meta_version, const char *out_path,
                         rv_compile_stats *st, const rv_compile_opts *opts, rv_err *err) RV_MUST_CHECK;

/* mmap an index; checks magic, version, size and header checksum.
 * RV_OK with *idx set (caller frees with rv_index_close); RV_ENOTFOUND, RV_EIO, RV_ESOURCE for
 * a truncated, damaged or foreign file, RV_ENOMEM. */
int rv_index_open(rv_index **idx, const char *path, rv_err *err) RV_MUST_CHECK;
void rv_index_close(rv_index *idx);          /* accepts NULL */
/* Full body checksum (slower; used by `revus sources verify`).
 * RV_OK; the codes of rv_index_open, RV_ESOURCE when a checksum differs. */
int rv_index_verify(const char *path, rv_err *err) RV_MUST_CHECK;
/* The same, and on success a stamp beside the index (PATH.verified: size, inode, mtime and
 * ctime of the file) that rv_index_open_trusted() accepts: for indexes of the store. */
int rv_index_verify_stamp(const char *path, rv_err *err) RV_MUST_CHECK;

/* Open an index that a run or `annotate` is about to trust: rv_index_open()'s checks
 * (size, magic, version, header and section-table checksum), and when the file is not
 * the one last verified (its stamp is missing or names another size, inode, mtime or
 * ctime: it was rewritten, patched or copied since) the full body checksum too, so a
 * byte changed on disk is an error (RV_ESOURCE) rather than a silently wrong answer.
 * It writes no stamp (only rv_index_verify_stamp does), so an index given by path
 * is never written beside, and is checked whole each time.
 * An unchanged file costs one stat. */
int rv_index_open_trusted(rv_index **idx, const char *path, rv_err *err) RV_MUST_CHECK;

rv_key_kind rv_index_kind(const rv_index *idx);
int64_t rv_index_n_records(const rv_index *idx);
/* Metadata written at compile time: "source", "version", "role", "build", "format"; NULL
 * when absent. Strings are borrowed from the index (valid until rv_index_close). */
const char *rv_index_meta(const rv_index *idx, const char *key);

/* The fields of the index; names borrow from the index. */
int rv_index_n_fields(const rv_index *idx);
const char *rv_index_field_name(const rv_index *idx, int field);
rv_ftype rv_index_field_type(const rv_index *idx, int field);
int rv_index_field_id(const rv_index *idx, const char *name);    /* -1 when absent */

/* Coverage of a variant- or interval-keyed release: where the release can speak, so
 * that absence from it is evidence. With declared regions (descriptor `coverage`,
 * index format 2) it is those regions; otherwise (and for format-1 indexes, written
 * before coverage was recorded) the contigs that hold at least one record. */
int rv_index_format_version(const rv_index *idx);
int rv_index_covers(const rv_index *idx, int contig, int64_t pos);
int rv_index_contig_has_records(const rv_index *idx, int contig);
int64_t rv_index_n_coverage_regions(const rv_index *idx);          /* 0: contigs with records */
void rv_index_coverage_region(const rv_index *idx, int64_t i, int *contig, int64_t *start, int64_t *end);

/* Variant-keyed lookup. A cursor makes a sorted sweep O(1) amortised (it gallops from
 * the last hit); any order is still answered correctly. Zero-initialise the cursor.
 * Returns the record number, or -1 when the key is not in the index. */
typedef struct rv_index_cursor { int64_t rec; int contig; } rv_index_cursor;
int64_t rv_index_find(const rv_index *idx, rv_index_cursor *cur, const rv_varkey *key);
void rv_index_key(const rv_index *idx, int64_t rec, rv_varkey *out);
/* A sweep over the variant-keyed records of one contig from a position: the first record
 * at or after contig:pos, with *end set to one past the contig's last record (so the sweep
 * is rec < *end, reading each key's pos to stop). Both 0 for another kind of index. */
int64_t rv_index_first_at(const rv_index *idx, int contig, int64_t pos, int64_t *end);

/* Field values of a record: 0 = value set, -1 = missing in the source. Strings point
 * into the mapped file (not NUL-terminated). */
int rv_index_get_float(const rv_index *idx, int64_t rec, int field, double *out);
int rv_index_get_int(const rv_index *idx, int64_t rec, int field, int64_t *out);
int rv_index_get_str(const rv_index *idx, int64_t rec, int field, const char **s, size_t *len);

/* Gene-keyed lookup by HGNC id ("HGNC:1100") or symbol (case-insensitive). Returns the
 * first matching record and sets *n_rows to the number of consecutive rows that match
 * (a gene can have several curations); -1 when absent. */
int64_t rv_index_find_gene(const rv_index *idx, const char *hgnc_or_symbol, int64_t *n_rows);
/* The same for a string that is not NUL-terminated (a borrowed rv_str). */
int64_t rv_index_find_gene_n(const rv_index *idx, const char *q, size_t n, int64_t *n_rows);

/* Interval lookup (gene-regions): up to max record numbers overlapping contig:pos.
 * Returns how many were written. */
int rv_index_overlaps(const rv_index *idx, int contig, int64_t pos, int64_t *recs, int max);
/* Intervals overlapping [beg, end] (1-based, inclusive). */
int rv_index_overlaps_range(const rv_index *idx, int contig, int64_t beg, int64_t end, int64_t *recs, int max);
/* End (1-based, inclusive) of an interval record; its start is rv_index_key()'s pos. */
int64_t rv_index_interval_end(const rv_index *idx, int64_t rec);

/* The file an index was opened from; metadata pair i (0, or -1 past the end). Both borrow
 * from the index (valid until rv_index_close). */
const char *rv_index_path(const rv_index *idx);
int rv_index_meta_at(const rv_index *idx, int i, const char **key, const char **value);

/* A forward sweep may call this with the cursor's record: mapped pages of the records
 * before it are dropped from the process (they stay in the page cache), so resident
 * memory follows a window of the file rather than all of it. */
void rv_index_release_before(const rv_index *idx, int64_t rec);

/* What changed between two releases of one source: one TSV line per added, removed or
 * changed record (per field), written to out; counts in st. */
typedef struct rv_diff_stats { int64_t added, removed, changed, unchanged; } rv_diff_stats;
/* RV_OK; RV_EUSAGE when a and b are of different kinds, RV_EIO when out fails, RV_ENOMEM. */
int rv_index_diff(const rv_index *a, const rv_index *b, FILE *out, rv_diff_stats *st, rv_err *err);
/* Variant-keyed releases a and b of one source: fn(ctx, key) for every key added, removed,
 * or with any field changed, in key order (fn < 0 stops: out of memory). RV_EUSAGE when
 * the releases do not map the same fields (then compare them whole). */
typedef int (*rv_diff_key_fn)(void *ctx, const rv_varkey *key);
int rv_index_diff_keys(const rv_index *a, const rv_index *b, rv_diff_key_fn fn, void *ctx, rv_diff_stats *st,
                       rv_err *err);
/* Gene-keyed (gene-panel, gene-validity) or interval (gene-regions) releases a and b of one
 * source: fn(ctx, gene) for every row added, removed or with any field changed (a changed
 * row: once per side), rows matched as `sources diff` matches them. gene: the row's
 * symbol and HGNC id (borrowed, not NUL-terminated, valid during the call; len 0 when
 * absent) and, for an interval row, its interval (contig -1 otherwise). RV_EUSAGE when
 * the releases are variant-keyed, of different kinds or do not map the same fields. */
typedef struct rv_diff_gene {
    const char *symbol, *hgnc_id;
    size_t symbol_len, hgnc_len;
    int contig;
    int64_t beg, end;
} rv_diff_gene;
typedef int (*rv_diff_gene_fn)(void *ctx, const rv_diff_gene *gene);
int rv_index_diff_genes(const rv_index *a, const rv_index *b, rv_diff_gene_fn fn, void *ctx, rv_diff_stats *st,
                        rv_err *err);

#endif
