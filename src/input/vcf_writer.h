/* input/vcf_writer.h: write VCF/VCF.gz/BCF output safely.
 *
 * Output goes to a temporary name beside the target and is renamed only by
 * rv_writer_commit(), so an interrupted or failed run never leaves a file that looks
 * complete. "-" writes to stdout directly (no rename).
 *
 * Used by norm, annotate and report --format vcf. */
#ifndef RV_VCF_WRITER_H
#define RV_VCF_WRITER_H

#include <htslib/hts.h>
#include <htslib/kstring.h>
#include <htslib/vcf.h>
#include "base/err.h"

typedef struct rv_writer rv_writer;

/* mode: 'v' VCF, 'z' bgzipped VCF, 'b' BCF, 'u' uncompressed BCF; 0 = from the file name.
 * hdr is written immediately (the caller adds its INFO/provenance lines first). */
int rv_writer_open(rv_writer **w, const char *path, char mode, bcf_hdr_t *hdr,
                   int threads, rv_err *err) RV_MUST_CHECK;
/* The same, compressing at level (0-9; -1 htslib's default) through a thread pool the caller
 * shares with its reader (one set of worker threads for both); pool NULL: none. The pool
 * must outlive the writer. */
int rv_writer_open_pool(rv_writer **w, const char *path, char mode, int level, bcf_hdr_t *hdr,
                        htsThreadPool *pool, rv_err *err) RV_MUST_CHECK;
int rv_writer_is_text(const rv_writer *w);              /* 'v' or 'z': lines may be written */
int rv_writer_line(rv_writer *w, const char *line, size_t len, rv_err *err); /* no newline */
/* Whole lines as they are, each ending in '\n' (a block of many lines in one call). RV_EIO. */
int rv_writer_text(rv_writer *w, const char *text, size_t len, rv_err *err);
/* RV_OK; RV_EIO on a write error, RV_EINPUT when htslib cannot format the record. */
int rv_writer_record(rv_writer *w, bcf1_t *rec, rv_err *err);
/* RV_OK; RV_EIO when flushing, closing or renaming fails (the temporary is removed). w is
 * freed either way. */
int rv_writer_commit(rv_writer *w, rv_err *err) RV_MUST_CHECK;        /* flush, close, rename; frees w */
/* Index a complete bgzipped VCF or BCF at path: tbi 1 writes PATH.tbi (VCF.gz only), 0
 * writes PATH.csi. RV_OK; RV_EIO naming the file when htslib cannot (not bgzipped, unsorted). */
int rv_writer_index(const char *path, int tbi, int threads, rv_err *err) RV_MUST_CHECK;
void rv_writer_abort(rv_writer *w);                     /* close, remove temp; frees w; NULL ok */

/* Append "##revusVersion=..." and "##revusCommand=..." provenance lines.
 * RV_OK; RV_EINPUT when htslib refuses a line, RV_ENOMEM. */
int rv_hdr_add_provenance(bcf_hdr_t *hdr, const char *command_line, rv_err *err);

#endif
