/* classify/vcf_tags.h: the one path from a VCF record to its classification.
 *
 * `revus annotate` prints the result as INFO tags; `revus run` and `revus run --shard`
 * store it as a call. Both go through this path, so for the same variant and the same
 * sources they see the same evidence and give the same class, points and criteria.
 *
 * One object per input stream: the input's own consequence parser (CSQ/ANN/BCSQ, from its
 * header), the gene model when one is set, the annotator and the classifier (borrowed). Per record:
 *
 *     rv_vcf_classify_evidence(v, r, rec, &ev, &err);    // input's annotation, then sources
 *     rv_vcf_classify_record(v, rec, &ev, &res, &err);   // ACMG/AMP classification
 *
 * then one of the outputs of that result, each written once:
 *     rv_classification_info(cls, &res, &tags)           VCF INFO text  (classify/classifier.h)
 *     rv_classification_bcf(cls, &res, hdr, b, &err)     a BCF record   (classify/classifier.h)
 *     rv_classification_not_evaluated(why, &tags)        a record not classified (symbolic)
 *     rv_call_from_classification(&call, cls, &ev, &res) the state's call (classify/to_call.h) */
#ifndef RV_CLASSIFY_VCF_H
#define RV_CLASSIFY_VCF_H

#include <htslib/vcf.h>
#include "classify/classifier.h"
#include "csq/gene_model.h"
#include "input/vcf_reader.h"
#include "sources/annotator.h"

typedef struct rv_vcf_classify rv_vcf_classify;

/* name: the input as messages name it (a path, or "-"); borrowed. in_hdr: the input's
 * header (for its CSQ/ANN/BCSQ). ann: the sources to join (borrowed; NULL = none). cls:
 * the classifier (borrowed; NULL = evidence only); its genome build is set to build
 * (BA1 exception coordinates). Returns 0, RV_EINPUT when a declared CSQ/ANN header is
 * unreadable (names the tag), or RV_ENOMEM. */
int rv_vcf_classify_open(rv_vcf_classify **v, const char *name, const bcf_hdr_t *in_hdr,
                         rv_build build, rv_annotator *ann, rv_classifier *cls, rv_err *err) RV_MUST_CHECK;
void rv_vcf_classify_close(rv_vcf_classify *v);         /* accepts NULL */

/* Take consequences from a gene model (borrowed; NULL = none) as `source` says
 * (csq/gene_model.h): RV_CONSEQ_MODEL, RV_CONSEQ_INPUT or RV_CONSEQ_INPUT_THEN_MODEL. */
void rv_vcf_classify_set_model(rv_vcf_classify *v, rv_gene_model *gm, rv_conseq_source source);

/* 1 when the input carries a consequence annotation (CSQ, ANN, BCSQ). */
int rv_vcf_classify_has_csq(const rv_vcf_classify *v);

/* The evidence for the reader's current record: rv_evidence_init, the input's own
 * consequence annotation, then every source (variant-keyed, then gene-level, which needs
 * the gene). Strings in ev point into the reader's record, the parser and the indexes:
 * valid until the next record. Returns 0 or < 0 with err naming file and line. */
int rv_vcf_classify_evidence(rv_vcf_classify *v, rv_reader *r, const rv_nrec *rec,
                             rv_evidence *ev, rv_err *err) RV_MUST_CHECK;

/* Classify ev into res. Returns 0, or the classifier's error (an unknown ClinVar term,
 * a lab class it cannot read) with err naming file and line. Needs a classifier. */
int rv_vcf_classify_record(rv_vcf_classify *v, const rv_nrec *rec, const rv_evidence *ev,
                           rv_classification *res, rv_err *err) RV_MUST_CHECK;

#endif
