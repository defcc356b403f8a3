/* classify/relevance.h: can a variant matter for a diagnosis?
 *
 * A run keeps as candidates the variants a clinician may need to look at; every other
 * variant is noise on the flag list. A variant is a candidate when
 *   - its gene is of interest (on the indication's panel, or a disease gene) and it is rare,
 *     AND its consequence can matter: a term of `candidates.consequences` (by default loss
 *     of function, missense, in-frame indels, start/stop changes, splice donor, acceptor
 *     and region), or a splice predictor reaches PP3 (rv_classification.splice_pp3);
 *     a variant without any consequence annotation is kept, its reason says so;
 *   - or ClinVar classifies it with a tier of `candidates.clinvar_tiers` (by default P/LP,
 *     VUS, Conflicting; a common B/LB record only with clinvar_common_benign);
 *   - or the lab reported it.
 * The decision comes with its reasons in words, stored with the call, also when the
 * variant is not kept. docs/state.md, "What a run does". */
#ifndef RV_RELEVANCE_H
#define RV_RELEVANCE_H

#include <stddef.h>
#include "classify/classifier.h"

typedef struct rv_relevance_conf {
    char *const *consequences; int n_consequences;   /* SO terms that can matter */
    char *const *clinvar_tiers; int n_clinvar_tiers;  /* "P/LP", "VUS", "Conflicting", ... */
    int clinvar_common_benign;                        /* a common B/LB ClinVar record counts */
} rv_relevance_conf;

/* What the run knows about one variant before deciding. */
typedef struct rv_relevance_in {
    const char *gene_reason;   /* "panel", "disease-gene", or NULL: the gene is not of interest */
    int rare;                  /* population AF at most candidates.max_af (or unknown) */
    int clinvar;               /* candidates.keep_clinvar and ClinVar has a record */
    int reported;              /* candidates.keep_reported and the lab reported it */
} rv_relevance_in;

/* 1 when the variant is a candidate, 0 when not. why gets the reasons, comma-separated:
 * kept "panel:missense_variant", "disease-gene:splice-PP3", "panel:consequence-unknown",
 * "clinvar:VUS", "reported"; not kept "not-relevant:intron_variant", "clinvar-tier:B/LB",
 * "not-rare", "gene-not-of-interest". */
int rv_relevance_decide(const rv_relevance_conf *c, const rv_relevance_in *in, const rv_evidence *ev,
                        const rv_classification *cl, char *why, size_t n);

#endif
