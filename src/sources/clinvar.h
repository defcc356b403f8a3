/* sources/clinvar.h: exact parsing of ClinVar's germline interpretation (CLNSIG, CLNREVSTAT,
 * CLNSIGCONF) into a normalised tier, review stars and conflict counts.
 *
 * The vocabulary (every term, its legacy spellings, its tier and its stars) is the table
 * in sources/clinvar_terms.c, documented in docs/classification.md. Matching is exact on whole
 * terms, ignoring case and treating ' ' and '_' alike (so variant_summary spellings
 * "Likely pathogenic" match too); never by substring. A term not in the table is an
 * error (RV_ESOURCE naming the term): a new ClinVar term must fail loudly.
 *
 * Separators (docs/domain.md, section 4):
 *   CLNSIG     '|' separates the primary classification from secondary terms;
 *              '/' joins agreeing terms; ",_low_penetrance" qualifies the preceding term
 *              (pass the raw INFO string: when htslib split it on ',' re-join with ',').
 *   CLNREVSTAT one value whose commas belong to it ("criteria_provided,_single_submitter").
 *   CLNSIGCONF "Term(count)" items separated by '|' (or ',' in files before ~2023).
 * Pre-2017 numeric CLNSIG codes (0,2,3,4,5,255...) and short CLNREVSTAT codes (single,
 * mult, conf, exp, guideline, no_criteria, no_assertion) are understood; their per-allele
 * ',' lists are refused (select the allele by CLNALLE first). */
#ifndef RV_CLINVAR_H
#define RV_CLINVAR_H

#include <stddef.h>
#include "base/err.h"

/* Normalised ClinVar tier, what reanalysis compares. */
typedef enum {
    RV_CV_TIER_NONE = 0,    /* no CLNSIG given */
    RV_CV_TIER_PLP,         /* Pathogenic, Likely pathogenic, or both (± low penetrance) */
    RV_CV_TIER_VUS,         /* Uncertain significance */
    RV_CV_TIER_BLB,         /* Benign, Likely benign, or both */
    RV_CV_TIER_CONFLICT,    /* Conflicting classifications/interpretations of pathogenicity */
    RV_CV_TIER_RISK,        /* risk alleles, risk factor (no ACMG class given) */
    RV_CV_TIER_OTHER,       /* drug response, association, protective, not provided, ... */
    RV_CV_TIER_N
} rv_clinvar_tier;

/* The ACMG five-tier class as ClinVar states it (finer than the tier). */
typedef enum {
    RV_CV_CLASS_NONE = 0,
    RV_CV_CLASS_P, RV_CV_CLASS_PLP, RV_CV_CLASS_LP, RV_CV_CLASS_VUS,
    RV_CV_CLASS_LB, RV_CV_CLASS_BLB, RV_CV_CLASS_B,
    RV_CV_CLASS_N
} rv_clinvar_class;

/* Submitted classes counted in CLNSIGCONF. */
typedef enum {
    RV_CV_CONF_P = 0, RV_CV_CONF_LP, RV_CV_CONF_VUS, RV_CV_CONF_LB, RV_CV_CONF_B,
    RV_CV_CONF_OTHER, RV_CV_CONF_N
} rv_clinvar_conf_slot;

#define RV_CLINVAR_MAX_TERMS 16

typedef struct rv_clinvar {
    int tier;               /* rv_clinvar_tier */
    int cls;                /* rv_clinvar_class; NONE when no ACMG term (or they disagree) */
    int stars;              /* 0..4; -1 when CLNREVSTAT absent */
    int low_penetrance;     /* a term carried ",_low_penetrance" (or the secondary term) */
    int legacy;             /* at least one pre-2024 spelling or pre-2017 code was seen */
    int n_terms;            /* terms of CLNSIG in order, canonical current spelling */
    const char *terms[RV_CLINVAR_MAX_TERMS];  /* static strings */
    const char *revstat;    /* canonical current spelling of CLNREVSTAT; NULL when absent */
    int has_conf;           /* CLNSIGCONF was given */
    int conf[RV_CV_CONF_N]; /* submitter counts per class */
    int conf_total;
    int conf_most_path;     /* rv_clinvar_class of the most pathogenic submitted; NONE */
    int conf_most_benign;   /* rv_clinvar_class of the most benign submitted; NONE */
} rv_clinvar;

/* Parse one record's values. Each string may be NULL (or n == 0) when absent; strings
 * need not be NUL-terminated. A '.' value counts as absent. Returns 0, or RV_ESOURCE
 * with "CLNSIG: unknown term 'X'" (or CLNREVSTAT/CLNSIGCONF) in err; out is then
 * reset to "absent". The caller adds file and line with rv_err_prefix. */
int rv_clinvar_parse(const char *clnsig, size_t n1, const char *revstat, size_t n2,
                     const char *conf, size_t n3, rv_clinvar *out, rv_err *err);

/* Stars of one CLNREVSTAT value: 0..4, or RV_ESOURCE (unknown value, err set). */
int rv_clinvar_stars(const char *revstat, size_t n, rv_err *err);

/* Names: tier "P/LP", "VUS", "B/LB", "Conflicting", "Risk", "Other", "None";
 * class "P", "P/LP", "LP", "VUS", "LB", "B/LB", "B", "None". "?" when out of range.
 * Static strings. */
const char *rv_clinvar_tier_name(int tier);
const char *rv_clinvar_class_name(int cls);
/* Parse a tier name back (as written by rv_clinvar_tier_name); -1 when unknown. */
int rv_clinvar_tier_parse(const char *s);

/* One-line summary for reports: "P/LP (Pathogenic/Likely_pathogenic) 2*" or for a
 * conflict "Conflicting 1* P:2,LP:1,VUS:3". Returns snprintf's result. */
int rv_clinvar_format(const rv_clinvar *cv, char *buf, size_t n);

/* The vocabulary table, for docs and tests: each call with i = 0,1,... yields one term
 * (field = "CLNSIG" or "CLNREVSTAT"), its canonical spelling, its legacy spelling or
 * NULL, and its tier (CLNSIG) or stars (CLNREVSTAT). Returns 0, or -1 past the end. */
int rv_clinvar_vocab(int i, const char **field, const char **term, const char **legacy,
                     int *tier_or_stars);

#endif
