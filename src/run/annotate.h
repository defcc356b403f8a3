/* run/annotate.h: `revus annotate` as one library call, stateless (no database).
 *
 * Streams a VCF/BCF through the normaliser (input/vcf_reader.h), joins each record with
 * the given source releases in one forward sweep, classifies it through the record path
 * `revus run` also uses (classify/vcf_tags.h), and writes the records with the RV_* INFO
 * tags: source tags from the annotator, classification tags from the classifier. The
 * output is written to a temporary name and renamed when complete, so a failed stream
 * leaves no partial file. Warnings and counts go to the caller's sink (base/msg.h). */
#ifndef RV_RUN_ANNOTATE_H
#define RV_RUN_ANNOTATE_H

#include <stdint.h>
#include "base/err.h"
#include "base/msg.h"
#include "base/progress.h"
#include "input/vcf_reader.h"
#include "csq/gene_model.h"
#include "sources/annotator.h"

typedef struct rv_annotate_opts {
    const char *in, *out;               /* paths; "-" = stdin / stdout */
    char mode;                          /* writer: 'v', 'z', 'b', 'u'; 0 = from out's name */
    rv_reader_opts reader;              /* fasta, build, threads (full_parse is set here) */
    /* The sources: these compiled index files (n_index > 0), else the active releases of
     * home's store, all of them (n_names == 0) or the named ones in this order. */
    const rv_annot_source *index;
    int n_index;
    const char *home;
    const char *const *names;
    int n_names;
    const char *rules;                  /* ACMG/AMP rules file; NULL = source tags only */
    /* where the classifier's consequence comes from when home has an active gene model and
     * reader.fasta is set (csq/gene_model.h); default RV_CONSEQ_MODEL */
    rv_conseq_source consequence;
    const rv_csq_conv *conventions;     /* the model's consequence conventions; NULL: VEP's */
    const char *command_line;           /* recorded in the output header (provenance) */
    rv_msg_sink msg;                    /* warnings (no source active) and counts */
    rv_meter *progress;                 /* started by the caller, or NULL: records read and the
                                           share of the input read (base/progress.h) */
} rv_annotate_opts;

typedef struct rv_annotate_report {
    int64_t n_out;                      /* records written */
    int64_t n_annotated;                /* records some source matched */
    int n_sources;                      /* sources joined (0: the output carries no annotation) */
} rv_annotate_report;

/* Returns 0, or < 0 with err: RV_EINPUT/RV_EIO for bad input or output (naming file and
 * line), RV_ESOURCE/RV_EBUILD/RV_ENOTFOUND for a missing, damaged or foreign source or a
 * genome build mismatch. rep is filled on success. */
int rv_annotate_stream(const rv_annotate_opts *o, rv_annotate_report *rep, rv_err *err) RV_MUST_CHECK;

#endif
