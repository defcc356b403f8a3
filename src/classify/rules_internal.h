/* classify/rules_internal.h (internal): the loaded, validated rules file (pipeline/acmg.json), internal to the
 * classifier (classify/classifier.c, classify/output.c). Field meanings: docs/classification.md. */
#ifndef RV_ACMG_RULES_INTERNAL_H
#define RV_ACMG_RULES_INTERNAL_H

#include <stdint.h>
#include "classify/classifier.h"

typedef struct rv_strlist { char **v; int n; } rv_strlist;

/* Consequence groups the criteria ask about. */
enum {
    RV_CG_NULL = 0, RV_CG_CANON_SPLICE, RV_CG_START_LOST, RV_CG_MISSENSE, RV_CG_INFRAME,
    RV_CG_STOP_LOST, RV_CG_SYNONYMOUS, RV_CG_INTRONIC, RV_CG_N
};

typedef struct rv_band { int strength; double thr; } rv_band;

#define RV_MAX_BANDS 4
typedef struct rv_predictor {
    char      *name;
    rv_strlist score_names;
    rv_band    pp3[RV_MAX_BANDS]; int n_pp3;   /* strongest first; met when score >= thr */
    rv_band    bp4[RV_MAX_BANDS]; int n_bp4;   /* strongest first; met when score <= thr */
} rv_predictor;

typedef struct rv_afrule {
    rv_strlist af_fields;     /* "af_grpmax", "faf95", "af": first one present is used */
    double     thr;
    int64_t    min_an;        /* -1 when not required */
} rv_afrule;

typedef struct rv_ba1_exception { int build; int contig; int64_t pos; char *ref, *alt; } rv_ba1_exception;

typedef struct rv_gene_override {
    char  *gene;
    int    has_bs1, has_pm2;
    double bs1_af_gt, pm2_af_le;
} rv_gene_override;

#define RV_MAX_VUS_TIERS 8
#define RV_MAX_ORDER 3

struct rv_classifier {
    char  *path;
    char   version[64];
    char   sha[20];
    int    build;
    rv_provenance pop_src;                /* declared population source (absent = not consulted) */
    char   pop_name[64], pop_version[64];
    rv_residue_lookup residues;
    void  *residues_ctx;
    void (*residues_free)(void *);        /* frees residues_ctx on close (owned), or NULL */
    char   residue_gap[160];              /* why there is no residue source ("" = none set) */

    int    points[RV_STR_N];              /* per strength; benign criteria negate */
    int    p_min, lp_min, lb_max, b_max;
    struct { char *name; int has_min; int min; } vus[RV_MAX_VUS_TIERS];
    int    n_vus;
    rv_strlist cons[RV_CG_N];

    rv_afrule ba1, bs1;
    rv_ba1_exception *ba1_exc; int n_ba1_exc;
    rv_afrule pm2; int pm2_strength;
    int64_t bs2_rec_nhomalt, bs2_dom_ac, bs2_xl_nhemi;
    /* PS2/PM6 (de novo): SVI points [0 assumed, 1 confirmed] for the configured phenotype
     * consistency, and the strength bands (strongest first) */
    double dn_points[2];
    struct { double min; int strength; } dn_band[4];
    int    n_dn_band;
    rv_gene_override *ovr; int n_ovr;

    int    pvs1_require_mech;
    int    pvs1_null_nmd, pvs1_null_penult, pvs1_last_ge, pvs1_last_lt, pvs1_last_unknown;
    double pvs1_last_fraction;
    int    pvs1_null_exon_unknown, pvs1_splice, pvs1_start_lost;
    rv_strlist pvs1_hi_scores;            /* ClinGen HI scores that make LoF a known mechanism */

    int    pm4, bp3, pm4_skip_pvs1;
    int    ps1, pm5, ps_min_stars;
    int    ps1_lp, pm5_lp, pm5_several, pm5_several_min;   /* comparator only LP; several at a residue */
    uint32_t ps_exclude_terms;            /* comparator consequences (1 << RV_SO_*) never used */
    int    pp2, bp1;
    int    has_pp2_genes, has_bp1_genes;
    rv_strlist pp2_genes, bp1_genes;

    rv_predictor *pred; int n_pred; int pred_sel;
    int    pm1_pp3_max;

    rv_strlist splice_names;
    double splice_pp3_min, splice_bp4_max, splice_bp7_max;
    int    splice_pp3, splice_bp4, splice_bp7;
    int    bp7_donor_min, bp7_acceptor_min;

    int    order[RV_MAX_ORDER]; int n_order;  /* rv_rule */
    int    cv_min_stars;
    int    cv_class[RV_CV_CLASS_N];          /* ClinVar class -> rv_class (0: does not decide) */
};

/* Load and validate pipeline/acmg.json into c (freed by rv_acmg_rules_free). RV_OK;
 * RV_EIO/RV_ENOTFOUND when a file cannot be read, RV_EINPUT "FILE: PATH: what" for a bad value
 * (base/json_check.h), RV_ENOMEM. */
int rv_acmg_rules_load(const char *path, rv_classifier *c, rv_err *err) RV_MUST_CHECK;
void rv_acmg_rules_free(rv_classifier *c);

/* Default strength of a Richards code ("PM2" -> Moderate); RV_STR_NONE when unknown. */
int rv_code_default_strength(const char *code);
/* 1 when the code is a benign criterion (starts with 'B'). */
int rv_code_is_benign(const char *code);
/* "Supporting", "Moderate", "Strong", "VeryStrong" as RV_STR_*; RV_STR_NONE when unknown. */
int rv_strength_parse(const char *s);

#endif
