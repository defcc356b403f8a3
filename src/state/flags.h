/* state/flags.h: what changed for one variant of one sample, and how urgent it is.
 *
 * A pure function: given the variant's call in the sample's previous run, its call now
 * and the class the lab reported, it returns the flags to raise. No I/O, no database:
 * applying a sample to the state (rv_run_apply_sample, state/runs.c) decides which of them are
 * new (fingerprints, acknowledgements) and stores them; state/flag_store.c lists and acknowledges them.
 *
 * Categories, most urgent first (priority 1 = most urgent):
 *   plp_downgraded   1  P/LP -> VUS, LB or B; or, for a lab-reported P/LP, ClinVar's
 *                       tier left P/LP (to VUS, B/LB or Conflicting; or went further,
 *                       VUS/Conflicting -> B/LB) since the previous run, whatever the
 *                       class did
 *   vus_upgraded     2  VUS -> LP or P; or, for a lab-reported VUS, ClinVar's tier
 *                       newly P/LP since the previous run
 *   new_candidate    3  newly relevant: newly a candidate, or already one and its gene
 *                       rose to green on the indication's panel, its gene-disease
 *                       validity rose into the disease-gene classes (class at least
 *                       new_candidate_min_tier), or ClinVar newly asserts P/LP (any class)
 *   left_candidates  3  was a candidate, is no longer (or is no longer in the VCF)
 *   vus_downgraded   4  VUS -> LB or B
 *   evidence_changed 5  same tier, but: P<->LP or LB<->B, ClinVar stars up, ClinVar tier
 *                       changed (a new conflict), the gene left the panel's green list,
 *                       VUS sub-tier moved, a frequency criterion (BA1, BS1, PM2, ...)
 *                       newly met or no longer met
 *   second_hit       2  a heterozygous variant in a recessive gene newly has a qualifying
 *                       partner in the same gene (compound heterozygous, in trans or of
 *                       unknown phase; run/family.h); the detail names both variants
 * A vus_upgraded or new_candidate flag on a variant whose genotype does not fit its gene's
 * inheritance (fit "second_hit_needed" or "does_not_fit") is made
 * rules->not_fitting_priority_drop less urgent (at most 5), never dropped; its detail says so.
 * No noise from missing evidence (rules->reported_downgrade_needs_benign): a class decided
 * by the ACMG points alone that moved tier, against the reported class or the previous
 * run, is a move only with evidence on its side (points < 0 down, > 0 up).
 * At most one flag per category per call; the other changes are named in its detail, and
 * state/flag_merge.h makes the flags of one call one flag. A flag's category, classes and
 * detail agree (docs/state.md).
 * Each flag names its basis ('previous' run or lab's 'reported' class), the old and new
 * class, and the change that triggered it: source, old and new version, field or
 * criterion, old and new value. */
#ifndef RV_FLAGS_H
#define RV_FLAGS_H

#include "classify/call.h"
#include "base/digest.h"

typedef enum {
    RV_FLAG_PLP_DOWNGRADED = 0,
    RV_FLAG_VUS_UPGRADED,
    RV_FLAG_NEW_CANDIDATE,
    RV_FLAG_LEFT_CANDIDATES,
    RV_FLAG_VUS_DOWNGRADED,
    RV_FLAG_EVIDENCE_CHANGED,
    RV_FLAG_SECOND_HIT,
    RV_FLAG_N
} rv_flag_cat;

typedef struct rv_flag {
    rv_flag_cat cat;
    const char *category;          /* static name, e.g. "plp_downgraded" */
    int         priority;
    const char *basis;             /* "previous" or "reported" */
    char old_class[8], new_class[8];          /* "" = absent on that side */
    char trigger_source[64], old_version[64], new_version[64];
    char field[48], old_value[96], new_value[96];
    char detail[1024];
    char fingerprint[RV_SHA256_HEX];
    /* after rv_flags_merge (state/flag_merge.h): the fingerprints of the other changes
     * named in this flag's detail, space-separated ("" when none) */
    char also_fingerprints[4 * RV_SHA256_HEX];
} rv_flag;

typedef struct rv_flag_rules {
    const char *const *freq_criteria;   /* criterion codes of the frequency rules */
    int n_freq_criteria;
    int new_candidate_min_tier;         /* rv_class_tier a new candidate must reach (1 = VUS) */
    /* 1: against the reported class, a downgrade decided by the computed ACMG class alone
     * (deciding rule "acmg") is flagged only when benign evidence was met (points < 0);
     * 0 points means "no case-level evidence", not "benign". */
    int reported_downgrade_needs_benign;
    /* gene-disease validity classes that make a gene a disease gene (candidates.
     * disease_gene_validity): validity rising into them makes a new candidate */
    const char *const *disease_gene_validity;
    int n_disease_gene_validity;
    /* families (docs/inheritance.md): 1 = unaffected members get flags too */
    int carrier_flags;
    /* a flag whose genotype does not fit the gene's inheritance (or still needs a second
     * hit) is made this much less urgent (priority number up, at most 5) */
    int not_fitting_priority_drop;
} rv_flag_rules;

/* Most flags one comparison can return. */
#define RV_FLAGS_MAX 12

/* Compare one variant. prev: its call in the sample's previous run (NULL = not there);
 * cur: its call now (NULL = no longer in the sample's VCF); reported: the lab's current
 * class (NULL = never reported); has_previous_run: 0 on a sample's first run, which is a
 * baseline (only the comparison with the reported class raises flags). Writes at most
 * RV_FLAGS_MAX flags to out and returns how many. */
int rv_flags_compare(const rv_call *prev, const rv_call *cur, const char *reported,
                     int has_previous_run, const rv_flag_rules *rules, rv_flag *out);

/* Category by name ("plp_downgraded") or -1; its priority; its plain-words title. */
int rv_flag_category_find(const char *name);
int rv_flag_category_priority(rv_flag_cat c);
const char *rv_flag_category_name(rv_flag_cat c);
const char *rv_flag_category_title(rv_flag_cat c);

#endif
