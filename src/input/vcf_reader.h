/* input/vcf_reader.h: stream a VCF/VCF.gz/BCF (or "-") and yield normalised biallelic records.
 *
 * Each input record becomes one output record per ALT: split, trimmed, left-aligned when
 * a FASTA is given, contig canonicalised for the key while keeping the original name
 * for output. Parsing is lazy: most records are tokenised (CHROM..ALT) and passed on as
 * text; the full htslib parse is done only for records that need it (multiallelic
 * splits, BCF input/output, rv_reader_bcf). Nothing holds the whole VCF in memory.
 *
 * Used by norm, annotate, run and the VCF source compiler. */
#ifndef RV_VCF_READER_H
#define RV_VCF_READER_H

#include <stdint.h>
#include <htslib/kstring.h>
#include <htslib/vcf.h>
#include "variant/contig.h"
#include "base/err.h"
#include "variant/varkey.h"

typedef struct rv_reader rv_reader;

typedef struct rv_reader_opts {
    const char *fasta;        /* reference FASTA (faidx): left-align indels, check REF */
    rv_build    build;        /* RV_BUILD_UNKNOWN: detect from ##contig lengths */
    int         skip_bad;     /* skip and count malformed records instead of failing */
    int         drop_ref_mismatch; /* with fasta: drop records whose REF differs (else keep, count) */
    int         threads;      /* extra decompression threads (0 = none) */
    htsThreadPool *pool;      /* a thread pool shared with the writer: used instead of threads */
    int         full_parse;   /* 1: parse every record into bcf1_t (BCF output, genotypes) */
    int         align_window; /* most bases an indel may move left; 0 = RV_ALIGN_WINDOW */
    const struct rv_region_list *regions; /* read only these (input/vcf_regions.h); needs the
                                         input's index (.tbi/.csi): RV_EUSAGE without one */
    const char *samples;      /* keep only these samples: "A,B" ("^A,B" drops them), or a file */
    int         samples_is_file;
} rv_reader_opts;

/* Default left-alignment window, as bcftools norm --site-win. Output stays sorted: a record
 * is released once the input has moved this far past it. */
#define RV_ALIGN_WINDOW 1000

/* One normalised biallelic record. Valid until the next rv_reader_next(). */
typedef struct rv_nrec {
    rv_varkey   key;          /* canonical contig id, pos, trimmed/left-aligned ref, alt */
    const char *chrom;        /* contig name as written in the input (NUL-terminated) */
    int         alt_index;    /* 1-based index of this ALT in the input record */
    int         n_alt;        /* number of ALTs in the input record */
    int64_t     line_no;      /* input line number (text) or record number (BCF) */
    int         no_alt;       /* ALT was '.': a reference-only record (key.alt_len == 0) */
    int         symbolic;     /* ALT is symbolic (<DEL>, *, breakend): not matchable. A gVCF's
                               * <*> / <NON_REF> next to a real ALT is dropped at the split;
                               * alone (a reference block) it is a symbolic record */
    int         gvcf_block;   /* symbolic, and that ALT is a gVCF's <*> / <NON_REF>: no variant */
    /* The allele as the input wrote it, before split, trim and left-alignment (for fields
     * that name alleles in their own way, such as VEP's CSQ Allele). Not NUL-terminated. */
    int64_t     input_pos;
    const char *input_ref, *input_alt;   /* input_alt: this ALT only ("" when ALT is '.') */
    uint32_t    input_ref_len, input_alt_len;
} rv_nrec;

typedef struct rv_reader_stats {
    int64_t records_in;       /* input records read */
    int64_t records_out;      /* normalised records produced */
    int64_t split;            /* input records with more than one ALT */
    int64_t trimmed;          /* records whose alleles were trimmed */
    int64_t realigned;        /* records moved left by left-alignment */
    int64_t ref_mismatch;     /* REF differs from the FASTA */
    int64_t bad_skipped;      /* malformed records skipped (skip_bad) */
} rv_reader_stats;

/* Open path ("-" = stdin). On failure returns RV_EINPUT/RV_EIO/RV_EBUILD with
 * "FILE:LINE: what" in err. Free with rv_reader_close(). Errors reach the caller through
 * err only; htslib's own log level is the caller's to set (hts_set_log_level). */
int rv_reader_open(rv_reader **r, const char *path, const rv_reader_opts *o, rv_err *err) RV_MUST_CHECK;
void rv_reader_close(rv_reader *r);   /* accepts NULL */

bcf_hdr_t *rv_reader_header(rv_reader *r);          /* input header, owned by the reader */
rv_build rv_reader_build(const rv_reader *r);       /* detected or given build */
const char *rv_reader_path(const rv_reader *r);

/* Next normalised record: 1 = *rec set, 0 = end of input, < 0 = error (err set;
 * the message names the file and line). */
int rv_reader_next(rv_reader *r, rv_nrec **rec, rv_err *err) RV_MUST_CHECK;

/* The current record as one VCF text line (no newline), owned by the reader. */
const kstring_t *rv_reader_line(rv_reader *r);

/* The first 8 columns of rv_reader_line()'s line (CHROM ... INFO), pointing into the
 * line (owned by the reader, valid until the next rv_reader_next): returns 8 with col/len
 * set, or 0 when there is no current record or the line has fewer than 8 columns. The
 * columns the reader split while reading are reused, so a line is walked at most once. */
int rv_reader_columns(rv_reader *r, const char **col, size_t *len);

/* The current record fully parsed (split, genotypes and Number=A/R/G fields subset),
 * parsed on demand; owned by the reader. NULL with err set on failure. */
bcf1_t *rv_reader_bcf(rv_reader *r, rv_err *err);

/* Raw value of INFO tag for the current record, without allocation: *val points into
 * the reader's buffer (not NUL-terminated), *len its length. Returns 1 when present
 * (a flag has len 0), 0 when absent. Values of Number=A tags are the current ALT's. */
int rv_reader_info(rv_reader *r, const char *tag, const char **val, size_t *len);

const rv_reader_stats *rv_reader_get_stats(const rv_reader *r);   /* owned by the reader */
/* How much of the input has been read, 0..1 (from the file offset, or the regions done);
 * -1 when not known (standard input). For progress reports. */
double rv_reader_fraction(const rv_reader *r);

/* Region reads: only records whose POS (as written in the input) lies in one of the
 * regions (1-based, inclusive; contig = rv_contig_id), in order, each once. Needs a
 * bgzip-compressed VCF or a BCF and its tabix/CSI index at index_path. Call after
 * rv_reader_open and before the first rv_reader_next. */
typedef struct rv_region { int contig; int64_t beg, end; } rv_region;
int rv_reader_set_regions(rv_reader *r, const char *index_path, const rv_region *reg, int n, rv_err *err);
/* Read only the lines starting at these BGZF virtual offsets (bgzf_tell before each line
 * was written) of a bgzip-compressed VCF, in offset order, each once; the header is read
 * as usual. Call after rv_reader_open and before the first rv_reader_next. RV_EUSAGE for a
 * BCF, an uncompressed file, or a reader given regions. */
int rv_reader_set_offsets(rv_reader *r, const uint64_t *voff, int n, rv_err *err);
/* Write a CSI index (VCF.gz or BCF) of path to index_path (temporary name, then
 * renamed; mode 0600). RV_EUSAGE when the file is not bgzip-compressed. */
int rv_reader_build_index(const char *path, const char *index_path, rv_err *err);

/* Where the build came from: "##contig lengths", "##reference line", "given", or "none"
 * (static strings). */
const char *rv_reader_build_origin(const rv_reader *r);
/* 1 when the header declares UCSC hg19 chrM (16571 bp): its calls cannot match rCRS sources. */
int rv_reader_hg19_mt(const rv_reader *r);

#endif
