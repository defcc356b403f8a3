/* classify/to_call.h: a classification and its evidence turned into the state's rv_call
 * (classify/call.h), so `revus run` stores exactly what `revus annotate` prints. */
#ifndef RV_CLASSIFY_CALL_H
#define RV_CLASSIFY_CALL_H

#include "classify/call.h"
#include "classify/classifier.h"

/* Fill the evidence and classification fields of out (initialised with rv_call_init):
 * variant key, gene, transcript, HGVS, consequence, class, points, VUS tier, criteria
 * (the JSON of rv_classification_criteria_str), effective class and deciding rule,
 * ClinVar tier/CLNSIG/stars/id with its source, AF with its source, panel and validity.
 * zygosity and the candidate fields are left to the caller. Strings are copies owned by
 * out (freed by rv_call_free). Returns 0 or RV_ENOMEM. */
int rv_call_from_classification(rv_call *out, const rv_classifier *c, const rv_evidence *ev,
                                const rv_classification *r);

#endif
