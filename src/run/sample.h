/* run/sample.h: one sample's reanalysis as a pure step: VCF + frozen source snapshot +
 * the sample's previous calls -> its calls now. Nothing is written to the state.
 *
 * `revus run` stores the result directly; `revus run --shard` writes it to a shard file
 * that `revus merge` stores later. Both go through this code, so a sharded run and a
 * direct run compute the same calls.
 *
 * Candidate filter (pipeline config, state/runconf.h): a variant the sample carries is kept
 * when it is in a gene of the sample's indication panels (confidence >= the minimum) or
 * any disease gene, and rare (AF <= max_af; absent from the population source counts as
 * rare); or when ClinVar knows it (common B/LB records only if configured); or when the
 * lab reported it. A variant that was a candidate in the previous run is kept with
 * candidate = 0 when it no longer passes, so leaving the set is flagged. */
#ifndef RV_RUN_SAMPLE_H
#define RV_RUN_SAMPLE_H

#include "classify/call.h"
#include "base/digest.h"
#include "state/cohort.h"
#include "base/err.h"
#include "state/runconf.h"
#include "state/runs.h"
#include "input/vcf_reader.h"

typedef struct rv_run_ctx rv_run_ctx;

/* Freeze the active releases of the home's store, open their indexes and the rules
 * file (ACMG classifier). One context serves one thread.
 * RV_OK with *ctx set (caller frees with rv_run_ctx_close); the codes of rv_index_open,
 * rv_annotator_open and rv_classifier_open, RV_ENOMEM. */
int rv_run_ctx_open(rv_run_ctx **ctx, const char *home, const rv_runconf *conf,
                    const char *rules_path, int reader_threads, rv_err *err) RV_MUST_CHECK;
void rv_run_ctx_close(rv_run_ctx *ctx);              /* accepts NULL */

/* The frozen snapshot, sorted by source name (owned by ctx). */
const rv_source_ver *rv_run_ctx_sources(const rv_run_ctx *ctx, int *n);
/* sha256 of the pipeline config and the rules file together: the run's config_hash. */
const char *rv_run_ctx_config_hash(const rv_run_ctx *ctx);

/* The run's config_hash: sha256 over the pipeline config's and the rules file's sha256.
 * RV_OK; RV_EIO when the rules file cannot be read. */
int rv_run_config_hash(const rv_runconf *conf, const char *rules_path, char out[RV_SHA256_HEX], rv_err *err);

/* Why a sample cannot be run now (VCF missing, checksum changed); 0 when it can.
 * reason gets one line naming the file. */
int rv_sample_check_vcf(const rv_sample *s, char *reason, size_t n);

/* Compute one sample's calls, sorted (rv_calls_sort). Each record goes through the record
 * path `revus annotate` uses (classify/vcf_tags.h), so a stored call holds what annotate
 * prints. panels: the indication's panel sources, comma-joined (NULL or "" = none).
 * reported: variant keys the lab reported. prev: the sample's calls in its previous run
 * (may be empty). Returns the number of variants the VCF listed more than once (>= 0;
 * the first of each is kept), or on a malformed VCF or an unknown source value < 0 with
 * err naming the file and line; out is then emptied. */
int rv_run_sample(rv_run_ctx *ctx, const rv_sample *s, const char *panels,
                  char *const *reported, int n_reported, const rv_calls *prev,
                  rv_calls *out, rv_err *err);

/* The same, computing only the variants whose keys (rv_varkey_format, sorted by strcmp)
 * are listed: what an incremental run re-reads (run/incremental.h). With regions and the
 * VCF's index (index_path), only records starting in those regions are read; without
 * (or when the file cannot be read by region) the file is streamed. Returns as
 * rv_run_sample. The family step is left to rv_run_sample_assess, on the whole call set;
 * a sample with relatives is never computed this way (run/incremental.h). */
int rv_run_sample_keys(rv_run_ctx *ctx, const rv_sample *s, const char *panels,
                       char *const *reported, int n_reported, const rv_calls *prev,
                       char *const *only, int n_only, const rv_region *reg, int n_reg,
                       const char *index_path, rv_calls *out, rv_err *err);
/* The same, reading only the lines at these BGZF virtual offsets of lines_path, a file
 * holding the VCF's header and some of its lines as they are (the carrier index's records
 * file, run/carrier.h): the reader normalises them as it would in the VCF. */
int rv_run_sample_lines(rv_run_ctx *ctx, const rv_sample *s, const char *panels,
                        char *const *reported, int n_reported, const rv_calls *prev,
                        char *const *only, int n_only, const char *lines_path, const uint64_t *lines, int n_lines,
                        rv_calls *out, rv_err *err);
/* The genotype fit of every call (moi, fit, partner, inheritance; run/family.h) of a
 * sample without relatives, as rv_run_sample ends with: a call's fit depends on the
 * sample's other calls in its gene (compound heterozygous). calls sorted. */
int rv_run_sample_assess(rv_run_ctx *ctx, const rv_sample *s, rv_calls *calls, rv_err *err);

#endif
