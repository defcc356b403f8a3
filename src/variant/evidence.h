/* variant/evidence.h: typed evidence about one normalised variant, gathered from the input's own
 * annotation and from every active source, ready for the classifier.
 *
 * Filled by the annotator (its role adapters) and the consequence parsers; read by the
 * classifier, the state and the reports.
 * Strings are borrowed (they point into the reader's line or a mapped index) and are
 * valid only while the record is current; copy what must outlive it. Lengths are given
 * because borrowed strings are not NUL-terminated. A value is absent when its has_ flag
 * is 0 (never confuse "absent from gnomAD" with "AF 0"). */
#ifndef RV_EVIDENCE_H
#define RV_EVIDENCE_H

#include <stddef.h>
#include <stdint.h>
#include "variant/varkey.h"

/* A borrowed string. */
typedef struct rv_str { const char *s; size_t n; } rv_str;

/* Where a piece of evidence came from: "clinvar@2024-11-11". */
typedef struct rv_provenance {
    const char *source;    /* descriptor name, NUL-terminated, owned by the annotator */
    const char *version;   /* release version, NUL-terminated, owned by the annotator */
} rv_provenance;

#define RV_MAX_SCORES 8
#define RV_MAX_POPS   8

typedef struct rv_evidence {
    rv_varkey key;

    /* consequence, from the input's VEP CSQ / SnpEff ANN / bcftools BCSQ */
    int    has_csq;
    rv_str csq_source;        /* "CSQ", "ANN" or "BCSQ" */
    rv_str gene;              /* symbol of the chosen transcript's gene */
    rv_str hgnc_id;           /* "HGNC:1100" when the annotation has it */
    rv_str transcript;
    rv_str consequence;       /* most severe SO term(s), '&'-joined as in VEP */
    rv_str hgvsc, hgvsp;
    int    exon, n_exons;     /* 0 when unknown */
    int    protein_pos;       /* amino-acid position, 0 when unknown */
    int    protein_len;       /* protein length in amino acids, 0 when unknown (PVS1 last exon) */
    rv_str aa_ref, aa_alt;    /* one-letter or three-letter amino acids */
    int    nmd;               /* premature stop, from a gene model (csq/effect.h RV_NMD_*):
                               * 0 not known, 1 NMD predicted, 2 escapes (last exon),
                               * 3 escapes (within 55 nt of the last exon junction) */

    /* clinical-assertion (ClinVar) */
    int    has_clinvar;
    rv_str clnsig, clnrevstat, clnsigconf;
    rv_str clndn;             /* disease names ClinVar links the variant to (CLNDN) */
    int64_t variation_id;
    rv_provenance clinvar_src;

    /* population-frequency (gnomAD); has_pop = the variant's site was seen in the source */
    int    has_pop;
    double af, af_grpmax, faf95;   /* NAN when the source lacks the field */
    int64_t an, ac, nhomalt, nhemi; /* -1 when the source lacks the field */
    rv_provenance pop_src;

    /* Every population source that covers the variant, in source order: its
     * record (has = 1) or its silence (has = 0, absent from a covering source). The fields
     * above hold the first record, for tags and the stored call; the frequency criteria
     * read all of these. n_pops = 0: filled by a caller that knows one source only. */
    int n_pops;
    struct rv_pop {
        int has;
        double af, af_grpmax, faf95;      /* NAN when missing */
        int64_t an, ac, nhomalt, nhemi;   /* -1 when missing */
        rv_provenance src;
    } pops[RV_MAX_POPS];

    /* in-silico scores, one per score source */
    int    n_scores;
    struct { const char *name; double value; rv_provenance src; } scores[RV_MAX_SCORES];

    /* the lab's own classification source */
    /* de novo in a trio (run/family.c): 0 not known to be, 1 assumed (parentage not
     * confirmed), 2 confirmed; parents' depth and GQ were adequate (classify: PS2/PM6) */
    int    de_novo;
    int    has_lab;
    rv_str lab_class, lab_date;
    rv_provenance lab_src;

    /* gene-level: panel membership and validity for the variant's gene */
    int    has_panel;
    int    panel_confidence;  /* 3 green, 2 amber, 1 red, 0 removed */
    rv_str panel_moi, panel_version, panel_id, panel_mop; /* mop: mode of pathogenicity */
    rv_str panel_name;
    rv_provenance panel_src;
    int    has_validity;
    rv_str validity_class, validity_moi;
    rv_str validity_disease, validity_mondo;  /* disease label and MONDO id of the curation */
    rv_str validity_report;   /* address of the curation's online report */
    rv_provenance validity_src;
    int    lof_mechanism;     /* 1 known, 0 not known, -1 known NOT to cause disease */
    rv_provenance lof_src;    /* the gene-regions source that said lof_mechanism = 1 */
    int    lof_sources;       /* active sources that can say (gene-regions with lof_mechanism,
                               * gene-dosage): 0 = PVS1 has nothing to ask */
    rv_str hi_score;          /* ClinGen haploinsufficiency score of the gene ("3"), or empty */
    rv_provenance dosage_src; /* the gene-dosage source consulted for the gene */
    int    in_repeat;         /* 1 inside a repeat region (gene-regions source) */

    /* Coverage: a source of the role was active but does not cover this variant (its
     * contig holds no record, or the position is outside its declared regions), so its
     * silence is no evidence. Set only when no source of the role covers the variant;
     * pop_src / clinvar_src name a covering source that was consulted. */
    rv_provenance pop_gap, clinvar_gap;
    int pop_gap_partial;      /* the gap's source covers part of this contig (declared regions) */
} rv_evidence;

/* Reset all fields to "absent" (NAN / -1 / 0) for the given key. */
void rv_evidence_init(rv_evidence *ev, const rv_varkey *key);

#endif
