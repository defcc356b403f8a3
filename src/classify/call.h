/* classify/call.h: one classified variant of one sample, as the state stores it.
 *
 * A call is what a run keeps of a variant after annotation and classification: the
 * class and its trail, and the few evidence values that reanalysis compares between
 * runs, each with the source release it came from. It owns its strings (NULL = absent),
 * so it outlives the VCF record and can travel in a shard file. Columns of the
 * classifications table (state/db.h) map one to one. */
#ifndef RV_CALL_H
#define RV_CALL_H

#include <stddef.h>
#include <stdint.h>
#include "input/genotype.h"

typedef struct rv_call {
    char   *variant;            /* rv_varkey_format key */
    int     contig;             /* rv_contig_id */
    int64_t pos;
    char   *gene, *hgnc_id, *transcript, *hgvsc, *hgvsp, *consequence;
    char   *zygosity;           /* "het", "hom", "hemi" or NULL */

    char   *cls;                /* "P","LP","VUS","LB","B"; NULL = not classified */
    int     has_points;
    int     points;
    char   *vus_tier, *criteria, *effective_class, *deciding_rule;

    char   *clinvar_tier;       /* rv_clinvar_tier_name(): "P/LP","VUS","B/LB","Conflicting",
                                   "Risk","Other"; NULL = absent */
    char   *clinvar_sig;
    int     clinvar_stars;      /* -1 = absent */
    int64_t clinvar_id;         /* 0 = absent */
    char   *clinvar_source, *clinvar_version;

    int     has_af;
    double  af;
    char   *pop_source, *pop_version;

    int     panel_confidence;   /* 3 green .. 0 removed; -1 = on no panel */
    char   *panel_source, *panel_version;

    char   *validity_class, *validity_source, *validity_version;

    int     candidate;          /* 1 passed the candidate filter, 0 kept for comparison */
    char   *candidate_reason;   /* "panel,rare,clinvar,reported" ... */

    /* families and inheritance (docs/inheritance.md) */
    char   *moi;                /* gene's mode of inheritance: "AD","AR","AD/AR","XLR","XLD",
                                   "XL","MT"; NULL = unknown */
    char   *fit;                /* does the genotype fit it: "fits", "second_hit_needed",
                                   "does_not_fit", "moi_unknown" */
    char   *partner;            /* variant key of the compound heterozygous partner */
    char   *inheritance;        /* JSON object: genotype, MOI source, de novo, relatives'
                                   genotypes, segregation counts */
    /* computed by a run and not stored (the stored form is in inheritance) */
    rv_genotype gt;             /* the sample's genotype */
    char   *moi_source;         /* "source@version" the MOI came from */
    int     haploid;            /* the sample is male and the site is outside the PARs */
} rv_call;

/* A growable list of calls (x, n, m). */
typedef struct rv_calls {
    rv_call *x;
    int n, m;
    int n_symbolic;     /* symbolic or structural alleles of the input, not evaluated (said) */
} rv_calls;

/* Set every field to absent. */
void rv_call_init(rv_call *c);
void rv_call_free(rv_call *c);            /* frees the strings, not c */
/* dst = a deep copy of src; -1 on out of memory (dst then holds nothing). */
int rv_call_copy(rv_call *dst, const rv_call *src);
/* Append a zero-initialised (rv_call_init) call; NULL on out of memory. */
rv_call *rv_calls_push(rv_calls *v);
void rv_calls_free(rv_calls *v);
/* Sort by (contig, pos, variant) so outputs are stable. */
void rv_calls_sort(rv_calls *v);
/* After rv_calls_sort: keep the first call of each variant (a VCF may hold a variant
 * twice, e.g. once alone and once inside a multiallelic record). Returns how many were
 * dropped. */
int rv_calls_dedup(rv_calls *v);
/* Find by variant key in a list sorted by rv_calls_sort (binary search on contig and
 * position, then the key); NULL when absent. */
const rv_call *rv_calls_find(const rv_calls *v, const char *variant);
const rv_call *rv_calls_find_at(const rv_calls *v, int contig, int64_t pos, const char *variant);

/* The ClinVar tier name in today's words: calls stored by an older revus (database rows,
 * shard files) say "CONFLICT", "RISK", "OTHER" where rv_clinvar_tier_name() says
 * "Conflicting", "Risk", "Other". Takes ownership of t; returns the string to keep (t
 * itself when it needs no change, or on out of memory). */
char *rv_clinvar_tier_current(char *t);

/* The criteria of a stored call as a comma-separated list of labels ("PVS1,PM2_Supporting"),
 * which flags and reports compare and show. stored is the criteria column: the JSON of
 * rv_classification_criteria_str (each criterion with its label, points, value and
 * source), or the plain label list an older revus stored. Writes into buf (n bytes,
 * truncated at a label boundary when too small) and returns buf, or NULL when no
 * criterion is met (stored NULL, empty, or an empty JSON list). */
#define RV_CRITERIA_LABELS 512       /* room for the labels of every criterion */
const char *rv_criteria_labels(const char *stored, char *buf, size_t n);

/* Tier of an ACMG class: 2 = P/LP, 1 = VUS, 0 = LB/B, -1 = NULL or unknown. */
int rv_class_tier(const char *cls);
/* 1 when s is one of P, LP, VUS, LB, B. */
int rv_class_valid(const char *s);
/* Duplicate n bytes of s into a NUL-terminated string; NULL for s == NULL. */
char *rv_strndup0(const char *s, size_t n);

#endif
