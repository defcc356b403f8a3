/* state/runconf.h: the reanalysis part of the pipeline config (pipeline/default.json).
 *
 *   "reanalysis": {
 *     "reference_fasta": PATH|null, run: left-align indels against this FASTA (faidx)
 *                                  before matching; relative to the config file
 *     "ref_check": {               sources fetch/import: REF of a variant-keyed tsv, csv or vcf
 *       "first_records": N,        release against reference_fasta on its first N records
 *       "every": N,                and one in every N after them;
 *       "max_mismatch_fraction": X, refused when more than this share of the checked records
 *       "min_mismatches": N },     differ and at least N do (sources/compile/ref_check.h)
 *     "rules": PATH|null,          run/merge: the ACMG rules file; relative to the config
 *                                  file (null: DATA/pipeline/acmg.json)
 *     "interval_days": N,          plan: a sample is due when its last run is older
 *     "lock_wait_seconds": N,      run: how long a second run waits for the lock
 *     "candidates": {              which variants of a sample a run keeps
 *       "panel_min_confidence": N, gene on one of the indication's panels at >= N (3 green)
 *       "any_disease_gene": bool,  ... or (no panel for the indication) any disease gene:
 *       "disease_gene_validity": [..], a gene-validity class in this list, or on any panel
 *       "max_af": X,               and rare: population AF <= X (absent from the source = rare)
 *       "keep_clinvar": bool,      or known to ClinVar ...
 *       "clinvar_common_benign": bool, ... including common B/LB records (false: skip them)
 *       "keep_reported": bool,     or in the lab's reported table
 *       "consequences": [..],      gene-based candidates need one of these SO terms (or a
 *                                  splice prediction at PP3; classify/relevance.h)
 *       "clinvar_tiers": [..] },   ClinVar tiers that make a candidate (P/LP, VUS, ...)
 *     "carriers": {                the carrier index (run/carrier.h): which of a sample's
 *       "gene_padding": N,         variants could ever matter: within N bp of a gene-regions
 *       "max_af": X },             interval, or with a gene in the input's consequence
 *                                  annotation, or known to a clinical-assertion source; and
 *                                  not common (AF <= X, X >= candidates.max_af) unless known
 *     "flags": { "frequency_criteria": [..], "new_candidate_min_class": "VUS",
 *                "reported_downgrade_needs_benign_evidence": bool },   (state/flags.h)
 *     "family": {                  families and inheritance (docs/inheritance.md)
 *       "de_novo_min_dp": N, "de_novo_min_gq": N,   de novo needs the child's call and
 *                                  both parents' hom-ref calls at this depth and GQ
 *       "parentage_confirmed": bool, de novo is "confirmed" (PS2) rather than "assumed" (PM6)
 *       "carrier_flags": bool,     also raise flags for unaffected members (PED phenotype 1)
 *       "not_fitting_priority_drop": N, a flag whose genotype does not fit (or needs a
 *                                  second hit) is this much less urgent (at most 5)
 *       "second_hit_min_class": "LP", "second_hit_vus_tiers": [..], what qualifies as a
 *                                  partner of a compound heterozygous pair: this class up, or
 *                                  a VUS of one of these sub-tiers
 *       "sex_check_min_x_calls": N, "sex_check_male_max_het_fraction": X,
 *       "sex_check_female_min_het_fraction": X }  registration's warning on sex vs chrX } 
 *   "indications": { "CODE": { "name": "...", "panels": ["source", ...] } },
 *   "consequence": { "source": "model" | "input" | "input-then-model",   optional, default
 *                                  model: with reference_fasta and an active gene-model
 *                                  source, consequences come from it (docs/csq.md)
 *                    "conventions": "vep" | "bcftools" }  optional: the profile of
 *                                  pipeline/csq_conventions.json the model's consequences follow
 * Unknown keys and wrong types are errors naming the file and the JSON path. */
#ifndef RV_RUNCONF_H
#define RV_RUNCONF_H

#include "base/digest.h"
#include "base/err.h"
#include "csq/conventions.h"
#include "state/flags.h"

typedef struct rv_indication_conf {
    char *code, *name;
    char *panels;              /* comma-joined panel source names */
} rv_indication_conf;

typedef struct rv_runconf {
    char   *path;
    char    hash[RV_SHA256_HEX];       /* sha256 of the config file */
    char   *reference_fasta;           /* NULL: no left-alignment */
    int     ref_check_first, ref_check_every, ref_check_min_mismatches;   /* ref_check */
    double  ref_check_max_fraction;
    char   *rules;                     /* NULL: the data folder's pipeline/acmg.json */
    int     interval_days;
    int     lock_wait_seconds;
    int     panel_min_confidence;
    int     any_disease_gene;
    char  **disease_gene_validity; int n_disease_gene_validity;
    double  max_af;
    int     keep_clinvar, clinvar_common_benign, keep_reported;
    char  **consequences; int n_consequences;     /* SO terms that can matter (classify/relevance.h) */
    char  **clinvar_tiers; int n_clinvar_tiers;   /* ClinVar tiers that make a candidate */
    int     carrier_gene_padding;      /* carriers.gene_padding */
    double  carrier_max_af;            /* carriers.max_af */
    int     carrier_exon_padding;      /* carriers.exon_padding: near an exon of a gene model (-1: not used) */
    char  **freq_criteria; int n_freq_criteria;
    int     new_candidate_min_tier;    /* rv_class_tier */
    int     reported_downgrade_needs_benign;
    int     de_novo_min_dp, de_novo_min_gq, parentage_confirmed, carrier_flags;
    int     not_fitting_priority_drop;
    int     second_hit_min_tier;       /* rv_class_tier */
    char  **second_hit_vus_tiers; int n_second_hit_vus_tiers;
    int     sex_check_min_x_calls;
    double  sex_check_male_max_het, sex_check_female_min_het;
    rv_indication_conf *indications; int n_indications;
    int     consequence_source;        /* rv_conseq_source (csq/gene_model.h) */
    char   *consequence_conventions;   /* a profile of pipeline/csq_conventions.json; NULL: its default */
    rv_csq_conv conv;                  /* that profile once rv_runconf_conventions() read it; VEP's before */
} rv_runconf;

/* Load and validate; every key is required. Free with rv_runconf_free().
 * RV_OK with *out set; RV_EIO/RV_ENOTFOUND when the file cannot be read, RV_EINPUT "FILE:
 * PATH: what" for invalid JSON or a bad value, RV_ENOMEM. */
int rv_runconf_load(const char *path, rv_runconf **out, rv_err *err) RV_MUST_CHECK;
/* Told which keys a config lacked and took from the defaults file ("a.b, c"). */
typedef void (*rv_runconf_warn_fn)(void *ctx, const char *path, const char *defaults, const char *keys);
/* rv_runconf_load of a lab's config written for an older revus: every key it lacks is taken
 * from defaults (the shipped pipeline/default.json; NULL: none), objects merged member by
 * member, and warn (may be NULL) is told which. The config hash then covers the merged
 * document. Keys the lab wrote are never changed; the indications are the lab's alone. */
int rv_runconf_load_over(const char *path, const char *defaults, rv_runconf_warn_fn warn, void *warn_ctx,
                         rv_runconf **out, rv_err *err) RV_MUST_CHECK;
void rv_runconf_free(rv_runconf *c);     /* accepts NULL */
/* Read the profile the config names (consequence.conventions, else the file's default) from
 * the conventions file path into c->conv. RV_EINPUT naming the file for an unknown name. */
int rv_runconf_conventions(rv_runconf *c, const char *path, rv_err *err) RV_MUST_CHECK;
const rv_indication_conf *rv_runconf_indication(const rv_runconf *c, const char *code);
/* The flag rules the config sets (borrowing its strings). */
void rv_runconf_flag_rules(const rv_runconf *c, rv_flag_rules *r);

#endif
