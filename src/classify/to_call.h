/* classify/to_call.h: a classification and its evidence turned into the state's rv_call
 * (classify/call.h), so `revus run` stores exactly what `revus annotate` prints. */
#ifndef RV_CLASSIFY_CALL_H
#define RV_CLASSIFY_CALL_H

#include "classify/call.h"
#include "classify/classifier.h"

/* Fill the evidence and classification fields of out (initialised with rv_call_init):
 * variant key, gene (from wherever the evidence got it), transcript, HGVS, consequence,
 * class, points, VUS tier, criteria (the JSON of rv_classification_criteria_str; read
 * the labels back with rv_criteria_labels), effective class and deciding rule, ClinVar
 * tier/CLNSIG/stars/id with its release, AF with its release, panel and validity.
 * Zygosity and the candidate fields are left to the caller, and so is the panel when the
 * caller judges it on other panels than the evidence's (`revus run` does, per indication).
 * Strings are copies owned by out (freed by rv_call_free).
 * Returns 0, RV_EINPUT when the variant has no key (a contig outside the primary
 * assembly), or RV_ENOMEM. */
int rv_call_from_classification(rv_call *out, const rv_classifier *c, const rv_evidence *ev,
                                const rv_classification *r);

#endif
