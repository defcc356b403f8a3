/* classify/vcf_tags.h: classification inside a VCF stream (`revus annotate`, `revus run`).
 *
 * One object per input: the rules, the input's consequence annotation (CSQ/ANN/BCSQ from
 * its header) and the declared population source. Per record the caller does:
 *
 *     rv_evidence_init(&ev, &rec->key);
 *     rv_vcf_classify_consequence(v, r, rec, &ev, &err);   // before the annotator, so
 *     rv_annotator_fill(a, &rec->key, &ev);                // gene-level lookups see the gene
 *     rv_vcf_classify_tags(v, &ev, &res, &tags, &err);     // appends ;RV_CLASS=...
 *
 * and once, before writing the header, rv_vcf_classify_header(v, hdr, &err). */
#ifndef RV_CLASSIFY_VCF_H
#define RV_CLASSIFY_VCF_H

#include <htslib/kstring.h>
#include <htslib/vcf.h>
#include "classify/classifier.h"
#include "input/vcf_csq.h"
#include "input/vcf_reader.h"

typedef struct rv_vcf_classify rv_vcf_classify;

/* rules: path of the ACMG rules (see rv_vcf_classify_rules_path). in_hdr: the input's
 * header (for its CSQ/ANN/BCSQ). build: the input's build (BA1 exception coordinates).
 * RV_OK with *v set (caller frees with rv_vcf_classify_close); the codes of rv_classifier_open
 * and rv_csq_open, RV_ENOMEM. */
int rv_vcf_classify_open(rv_vcf_classify **v, const char *rules, const bcf_hdr_t *in_hdr,
                         rv_build build, rv_err *err) RV_MUST_CHECK;
void rv_vcf_classify_close(rv_vcf_classify *v);         /* accepts NULL */
rv_classifier *rv_vcf_classify_classifier(rv_vcf_classify *v);

/* The rules file for a pipeline config: "acmg.json" beside it
 * (pipeline/default.json -> pipeline/acmg.json). */
void rv_vcf_classify_rules_path(const char *config, char *buf, size_t n);

/* Tell the classifier about an active source (role name as in sources/role.h); a
 * population-frequency source makes absent sites count as absent (PM2). */
void rv_vcf_classify_source(rv_vcf_classify *v, const char *name, const char *version,
                            const char *role);

/* Add the RV_* ##INFO lines.
 * RV_OK; RV_ENOMEM. */
int rv_vcf_classify_header(rv_vcf_classify *v, bcf_hdr_t *hdr, rv_err *err);

/* Fill ev's consequence fields from the reader's current record (its own annotation).
 * Returns 1 filled, 0 no annotation for this allele, < 0 error. */
int rv_vcf_classify_consequence(rv_vcf_classify *v, rv_reader *r, const rv_nrec *rec,
                                rv_evidence *ev, rv_err *err);

/* The same without the object: consequence fields from the reader's current record with
 * a parser from rv_csq_open(rv_reader_header(r), NULL, &csq, err). For a caller that
 * drives rv_classify itself; call it before rv_annotator_fill.
 * Returns 1 when ev got consequence fields, 0 when the record has none, < 0 (err set) on a
 * malformed annotation. */
int rv_csq_fill_reader(rv_csq *csq, rv_reader *r, const rv_nrec *rec, rv_evidence *ev,
                       rv_err *err);

/* Classify ev into res and append the INFO tags to tags (with a ';' first when tags is
 * not empty). Returns 0, or the classifier's error (an unknown ClinVar term ...), in
 * which case nothing is appended. */
int rv_vcf_classify_tags(rv_vcf_classify *v, const rv_evidence *ev, rv_classification *res,
                         kstring_t *tags, rv_err *err);

#endif
