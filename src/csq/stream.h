/* csq/stream.h: annotate a whole VCF stream with RV_CSQ (what `revus csq` runs).
 *
 * The calling thread reads records and cuts them into batches; the batches' consequences and
 * output lines are computed in a thread pool (each worker has its own engine and reference
 * handle) and written back in input order, so the output is the same bytes whatever the
 * number of threads. Without a pool the batches are computed in the calling thread. */
#ifndef RV_CSQ_STREAM_H
#define RV_CSQ_STREAM_H

#include <htslib/thread_pool.h>
#include "base/err.h"
#include "csq/conventions.h"
#include "csq/model.h"
#include "input/vcf_reader.h"
#include "input/vcf_writer.h"

typedef struct rv_csq_stream_stats {
    long long records;        /* records written (one per ALT) */
    long long hits;           /* of them, with an RV_CSQ entry */
    long long ref_mismatch;   /* REF differs from the reference: written unannotated */
    long long ref_held_only;  /* REF past the reference's end, checked over the bases held */
} rv_csq_stream_stats;

/* Read every record of r, add RV_CSQ (model m, reference FASTA at fasta, conventions conv) and
 * write it to w,
 * whose header already declares the tag (rv_csq_header). pool: the pool the reader and writer
 * use (NULL: none, all work in this thread). in names the input in messages. The first REF
 * mismatch, and the first REF compared only over the bases the reference holds, is warned
 * (rv_log_warn) with its file and line. Returns RV_OK, or the reader's, writer's or engine's
 * error with "IN:LINE: ..." in err; records before the failing one are
 * written. w is neither committed nor aborted: the caller does that. */
int rv_csq_stream(rv_reader *r, rv_writer *w, const rv_model *m, const char *fasta, const rv_csq_conv *conv,
                  htsThreadPool *pool, const char *in, rv_csq_stream_stats *st, rv_err *err) RV_MUST_CHECK;

#endif
