/* classify/classifier.h: ACMG/AMP criteria from evidence, on the Bayesian points scale, beside
 * ClinVar's interpretation, with the effective class reanalysis compares.
 *
 * Every threshold, calibration, strength, point value, cut-off and policy comes from the
 * rules file (pipeline/acmg.json, documented in docs/classification.md); none is in C.
 * A classification keeps its trail: each criterion met with its strength, points, the
 * value that triggered it and source@version, and a note for each criterion that could
 * not be evaluated and why. Results hold their own copies (no pointer into evidence),
 * so they outlive the record. rv_classify() does not allocate. */
#ifndef RV_CLASSIFY_H
#define RV_CLASSIFY_H

#include <htslib/kstring.h>
#include <htslib/vcf.h>
#include "sources/clinvar.h"
#include "variant/contig.h"
#include "base/err.h"
#include "variant/evidence.h"
#include "classify/residue.h"

typedef enum {
    RV_CLASS_NONE = 0, RV_CLASS_P, RV_CLASS_LP, RV_CLASS_VUS, RV_CLASS_LB, RV_CLASS_B,
    RV_CLASS_N
} rv_class;

typedef enum {
    RV_STR_NONE = 0, RV_STR_SUPPORTING, RV_STR_MODERATE, RV_STR_STRONG,
    RV_STR_VERYSTRONG, RV_STR_STANDALONE, RV_STR_N
} rv_strength;

/* Which rule decided the effective class. */
typedef enum { RV_RULE_NONE = 0, RV_RULE_LAB, RV_RULE_CLINVAR, RV_RULE_ACMG, RV_RULE_N } rv_rule;

#define RV_MAX_CRITERIA 20
#define RV_MAX_NOTES    20
#define RV_CRIT_VALUE   72
#define RV_CRIT_SOURCE  64
#define RV_NOTE_LEN     160

typedef struct rv_criterion {
    char code[8];                 /* "PVS1", "PM2", "BP4" (Richards code) */
    int  strength;                /* rv_strength as applied */
    int  points;                  /* signed points (0 for BA1, a stand-alone override) */
    char value[RV_CRIT_VALUE];    /* what triggered it: "REVEL=0.941", "AF=0.12,AN=150000" */
    char source[RV_CRIT_SOURCE];  /* "gnomad@4.1", "input@CSQ" */
} rv_criterion;

typedef struct rv_classification {
    int acmg_class;               /* rv_class computed from the criteria */
    int points;                   /* sum of criterion points */
    int vus_tier;                 /* index into the rules' VUS sub-tiers; -1 when not VUS */
    const char *vus_tier_name;    /* "hot", "warm", ...; NULL when not VUS (rules-owned) */
    int n_criteria;
    rv_criterion criteria[RV_MAX_CRITERIA];
    int n_notes;                  /* "PVS1: not evaluated: no consequence annotation" */
    char notes[RV_MAX_NOTES][RV_NOTE_LEN];
    int has_clinvar;              /* ClinVar beside the criteria (never a criterion) */
    rv_clinvar clinvar;
    int effective_class;          /* rv_class reanalysis compares */
    int rule;                     /* rv_rule that decided it */
    char rule_text[48];           /* "lab", "clinvar>=2*", "acmg" */
    int splice_pp3;               /* a splice predictor reaches PP3 (SpliceAI >= splice.pp3_min),
                                   * whether or not PP3 was counted from it (classify/relevance.h) */
} rv_classification;

typedef struct rv_classifier rv_classifier;

/* Load and validate the rules file. Errors (RV_EINPUT) name the file and JSON path:
 * "pipeline/acmg.json: $.pp3_bp4.predictors.REVEL.pp3[0].min: expected a number".
 * Data files the rules name (BA1 exceptions, gene lists) are read relative to the rules
 * file's directory. */
int rv_classifier_open(const char *path, rv_classifier **c, rv_err *err) RV_MUST_CHECK;
void rv_classifier_close(rv_classifier *c);          /* accepts NULL */

/* Genome build of the variants to classify (for the BA1 exception list's coordinates).
 * RV_BUILD_UNKNOWN (the default) matches the exceptions of either build. */
void rv_classifier_set_build(rv_classifier *c, rv_build build);

/* Declare that a population-frequency source was consulted for every variant (name and
 * version, copied). A variant whose evidence has no population record (has_pop == 0 and
 * no pop_src) then counts as absent from that source (PM2) instead of "not evaluated".
 * NULL name: no source declared (the default). */
void rv_classifier_set_population_source(rv_classifier *c, const char *name, const char *version);

/* Optional: where ClinVar P/LP protein changes at a residue come from (PS1/PM5). Without
 * it PS1/PM5 are "not evaluated". See classify/residue.h. */
void rv_classifier_set_residues(rv_classifier *c, rv_residue_lookup fn, void *ctx);
/* The same, the classifier owning ctx: free_ctx(ctx) when it is closed or replaced. */
void rv_classifier_own_residues(rv_classifier *c, rv_residue_lookup fn, void *ctx, void (*free_ctx)(void *));
/* Why there is no residue source, said by PS1/PM5 ("protein change unknown (none in
 * clinvar 2016-09-27)"); NULL: "no residue source". */
void rv_classifier_set_residue_gap(rv_classifier *c, const char *why);

/* Identity of the loaded rules: "revus-acmg-3" (raised whenever the rules change what
 * they compute) and a hash of the file (for provenance);
 * borrowed from c. */
const char *rv_classifier_rules_version(const rv_classifier *c);
const char *rv_classifier_rules_sha(const rv_classifier *c);

/* Classify one variant. Returns 0 (out filled), or a negative RV_E* on a malformed
 * evidence value such as an unknown ClinVar term (err set, out holds what was decided). */
int rv_classify(const rv_classifier *c, const rv_evidence *ev, rv_classification *out,
                rv_err *err);

/* Names. */
const char *rv_class_name(int cls);          /* "P", "LP", "VUS", "LB", "B", "." */
int rv_class_parse(const char *s, size_t n); /* P/LP/VUS/LB/B or the words; 0 unknown */
const char *rv_strength_name(int s);         /* "Supporting", ..., "StandAlone" */
const char *rv_rule_name(int rule);          /* "lab", "clinvar", "acmg", "none" */

/* Criterion label with the SVI strength suffix when it differs from the code's default
 * strength: "PVS1", "PM2_Supporting", "PP3_Strong". Returns snprintf's result. */
int rv_criterion_label(const rv_classifier *c, const rv_criterion *k, char *buf, size_t n);

/* VCF INFO text (no leading ';'), appended to out:
 * RV_CLASS=LP;RV_POINTS=7;RV_CRITERIA=PVS1|8|...|...,PM2_Supporting|1|...;RV_CLINVAR_TIER=P/LP;
 * RV_STARS=2;RV_EFFECTIVE=LP;RV_RULE=clinvar;RV_VUS_TIER=hot;RV_NOT_EVALUATED=PS1:...
 * Absent items are omitted. Values never contain ';', '=', ',' or whitespace. */
int rv_classification_info(const rv_classifier *c, const rv_classification *r, kstring_t *out);

/* The tag of a record the classifier does not evaluate, for reason ("symbolic allele"),
 * appended to out: RV_NOT_EVALUATED=ACMG:_not_evaluated:_symbolic_allele. RV_OK; RV_ENOMEM. */
int rv_classification_not_evaluated(const char *reason, kstring_t *out);

/* The same tags set on a BCF record with bcf_update_info (hdr must carry the lines of
 * rv_classification_hdr): rv_classification_bcf for a classification, and
 * rv_classification_tags_bcf for the text of rv_classification_info or
 * rv_classification_not_evaluated, so text and BCF output carry the same items.
 * RV_OK; RV_EINPUT when htslib refuses a tag (header lines missing), RV_ENOMEM. */
int rv_classification_bcf(const rv_classifier *c, const rv_classification *r,
                          const bcf_hdr_t *hdr, bcf1_t *rec, rv_err *err);
int rv_classification_tags_bcf(const char *tags, const bcf_hdr_t *hdr, bcf1_t *rec, rv_err *err);

/* Add the ##INFO lines for the tags above to hdr (existing ones are kept).
 * RV_OK; RV_ENOMEM. */
int rv_classification_hdr(bcf_hdr_t *hdr, rv_err *err);

/* Compact JSON of the result for the state and reports:
 * {"class":"LP","points":7,"vus_tier":null,"criteria":[{"code":"PVS1","label":"PVS1",
 *  "strength":"VeryStrong","points":8,"value":"...","source":"..."}],"not_evaluated":[..],
 *  "clinvar":{"tier":"P/LP","class":"P","stars":2},"effective":"LP","rule":"clinvar"}
 * Appends to out (the caller's kstring). RV_OK; RV_ENOMEM. */
int rv_classification_criteria_str(const rv_classifier *c, const rv_classification *r,
                                   kstring_t *out);

#endif
