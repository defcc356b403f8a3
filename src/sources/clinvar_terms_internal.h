/* sources/clinvar_terms_internal.h (internal): the ClinVar vocabulary table, used by sources/clinvar.c.
 * One row per spelling: current terms, legacy spellings and pre-2017 numeric codes each
 * have a row naming the canonical (current) term they mean. */
#ifndef RV_CLINVAR_TERMS_INTERNAL_H
#define RV_CLINVAR_TERMS_INTERNAL_H

/* What a CLNSIG term says. */
typedef enum {
    RV_CVK_CLASS = 1,      /* an ACMG class (P, LP, VUS, LB, B) */
    RV_CVK_CONFLICT,       /* conflicting classifications */
    RV_CVK_RISK,           /* risk allele / risk factor */
    RV_CVK_OTHER,          /* not an assertion of pathogenicity */
    RV_CVK_QUALIFIER       /* low_penetrance: qualifies, does not classify */
} rv_cv_kind;

typedef struct rv_cv_sigterm {
    const char *spelling;  /* as written in a VCF (underscores) */
    const char *canonical; /* current spelling */
    int legacy;            /* 1: spelling retired by ClinVar */
    rv_cv_kind kind;
    int cls;               /* rv_clinvar_class when kind == RV_CVK_CLASS */
    int low_penetrance;    /* the term itself says low penetrance */
} rv_cv_sigterm;

typedef struct rv_cv_revterm {
    const char *spelling;
    const char *canonical;
    int legacy;
    int stars;             /* ClinVar's gold stars for this review status */
} rv_cv_revterm;

extern const rv_cv_sigterm rv_cv_sigterms[];
extern const int rv_cv_n_sigterms;
extern const rv_cv_revterm rv_cv_revterms[];
extern const int rv_cv_n_revterms;

#endif
