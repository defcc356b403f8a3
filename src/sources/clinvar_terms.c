/* sources/clinvar_terms.c: the ClinVar vocabulary as data (docs/domain.md, section 4).
 *
 * Sources: ClinVar clinsig and review_status documentation; seqr-loading-pipelines
 * enums.py and clinvar.py (CLINVAR_GOLD_STARS_LOOKUP); ncbi/clinvar ReviewStatus.md;
 * the 2024 rename of "interpretations" to "classifications" (scout #5017, ncbi/clinvar
 * #6); pre-2017 numeric codes from the ClinVar VCF README of that format.
 * To accept a new ClinVar term: add one row here and one test value in
 * tests/unit/test_clinvar.c. Stars are ClinVar's definition of each review status, not
 * a tunable threshold (the star minimum for the effective class is in pipeline/acmg.json). */
#include "sources/clinvar.h"
#include "sources/clinvar_terms_internal.h"

#define C(sp, cls)        { sp, sp, 0, RV_CVK_CLASS, cls, 0 }
#define CL(sp, cls)       { sp, sp, 0, RV_CVK_CLASS, cls, 1 }
#define K(sp, kind)       { sp, sp, 0, kind, RV_CV_CLASS_NONE, 0 }
#define OLD(sp, canon, kind, cls) { sp, canon, 1, kind, cls, 0 }

const rv_cv_sigterm rv_cv_sigterms[] = {
    /* ACMG/AMP five tiers */
    C("Pathogenic",                RV_CV_CLASS_P),
    C("Likely_pathogenic",         RV_CV_CLASS_LP),
    C("Uncertain_significance",    RV_CV_CLASS_VUS),
    C("Likely_benign",             RV_CV_CLASS_LB),
    C("Benign",                    RV_CV_CLASS_B),
    /* ClinGen low-penetrance terms (Schmidt et al. 2024) written as one term */
    CL("Pathogenic,_low_penetrance",        RV_CV_CLASS_P),
    CL("Likely_pathogenic,_low_penetrance", RV_CV_CLASS_LP),
    /* conflicts: current and pre-2024 spelling */
    K("Conflicting_classifications_of_pathogenicity", RV_CVK_CONFLICT),
    OLD("Conflicting_interpretations_of_pathogenicity",
        "Conflicting_classifications_of_pathogenicity", RV_CVK_CONFLICT, RV_CV_CLASS_NONE),
    K("conflicting_data_from_submitters", RV_CVK_CONFLICT),
    /* risk alleles */
    K("Established_risk_allele",   RV_CVK_RISK),
    K("Likely_risk_allele",        RV_CVK_RISK),
    K("Uncertain_risk_allele",     RV_CVK_RISK),
    K("risk_factor",               RV_CVK_RISK),
    /* not an assertion of pathogenicity */
    K("drug_response",             RV_CVK_OTHER),
    K("association",               RV_CVK_OTHER),
    K("association_not_found",     RV_CVK_OTHER),
    K("protective",                RV_CVK_OTHER),
    K("Affects",                   RV_CVK_OTHER),
    K("confers_sensitivity",       RV_CVK_OTHER),
    K("other",                     RV_CVK_OTHER),
    K("not_provided",              RV_CVK_OTHER),
    K("histocompatibility",        RV_CVK_OTHER),
    K("no_classification_for_the_single_variant", RV_CVK_OTHER),
    OLD("no_interpretation_for_the_single_variant",
        "no_classification_for_the_single_variant", RV_CVK_OTHER, RV_CV_CLASS_NONE),
    K("no_classifications_from_unflagged_records", RV_CVK_OTHER),
    K("low_penetrance",            RV_CVK_QUALIFIER),
    /* pre-2017 numeric codes */
    OLD("0",   "Uncertain_significance", RV_CVK_CLASS, RV_CV_CLASS_VUS),
    OLD("1",   "not_provided",           RV_CVK_OTHER, RV_CV_CLASS_NONE),
    OLD("2",   "Benign",                 RV_CVK_CLASS, RV_CV_CLASS_B),
    OLD("3",   "Likely_benign",          RV_CVK_CLASS, RV_CV_CLASS_LB),
    OLD("4",   "Likely_pathogenic",      RV_CVK_CLASS, RV_CV_CLASS_LP),
    OLD("5",   "Pathogenic",             RV_CVK_CLASS, RV_CV_CLASS_P),
    OLD("6",   "drug_response",          RV_CVK_OTHER, RV_CV_CLASS_NONE),
    OLD("7",   "histocompatibility",     RV_CVK_OTHER, RV_CV_CLASS_NONE),
    OLD("255", "other",                  RV_CVK_OTHER, RV_CV_CLASS_NONE),
};
const int rv_cv_n_sigterms = (int)(sizeof rv_cv_sigterms / sizeof *rv_cv_sigterms);

const rv_cv_revterm rv_cv_revterms[] = {
    { "practice_guideline",                                  "practice_guideline", 0, 4 },
    { "reviewed_by_expert_panel",                            "reviewed_by_expert_panel", 0, 3 },
    { "criteria_provided,_multiple_submitters,_no_conflicts",
      "criteria_provided,_multiple_submitters,_no_conflicts", 0, 2 },
    /* somatic clinical impact aggregate (no conflict concept) */
    { "criteria_provided,_multiple_submitters", "criteria_provided,_multiple_submitters", 0, 2 },
    { "criteria_provided,_conflicting_classifications",
      "criteria_provided,_conflicting_classifications", 0, 1 },
    { "criteria_provided,_conflicting_interpretations",
      "criteria_provided,_conflicting_classifications", 1, 1 },
    { "criteria_provided,_single_submitter", "criteria_provided,_single_submitter", 0, 1 },
    { "no_assertion_criteria_provided",      "no_assertion_criteria_provided", 0, 0 },
    { "no_classification_provided",          "no_classification_provided", 0, 0 },
    { "no_assertion_provided",               "no_classification_provided", 1, 0 },
    { "no_classification_for_the_single_variant",
      "no_classification_for_the_single_variant", 0, 0 },
    { "no_interpretation_for_the_single_variant",
      "no_classification_for_the_single_variant", 1, 0 },
    /* 2015-2016 files */
    { "no_assertion_for_the_individual_variant",
      "no_classification_for_the_single_variant", 1, 0 },
    { "no_classifications_from_unflagged_records",
      "no_classifications_from_unflagged_records", 0, 0 },
    { "flagged_submission",                  "flagged_submission", 0, 0 },
    /* pre-2017 short codes */
    { "guideline",    "practice_guideline", 1, 4 },
    { "exp",          "reviewed_by_expert_panel", 1, 3 },
    { "mult",         "criteria_provided,_multiple_submitters,_no_conflicts", 1, 2 },
    { "conf",         "criteria_provided,_conflicting_classifications", 1, 1 },
    { "single",       "criteria_provided,_single_submitter", 1, 1 },
    { "no_criteria",  "no_assertion_criteria_provided", 1, 0 },
    { "no_assertion", "no_classification_provided", 1, 0 },
};
const int rv_cv_n_revterms = (int)(sizeof rv_cv_revterms / sizeof *rv_cv_revterms);
