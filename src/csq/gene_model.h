/* csq/gene_model.h: the active gene model of a home as a consequence source for classification.
 *
 * `revus run` and `revus annotate` classify with the consequence the gene model computes
 * (docs/csq.md) when a gene-model release is active and a reference FASTA is given:
 * config consequence.source = "model" (the default then), "input" (the VCF's own CSQ, ANN
 * or BCSQ) or "input-then-model" (the model where the input has nothing for the allele).
 * One transcript per gene decides: MANE Select, else Ensembl canonical, else the longest
 * coding (rv_conseq_pick); among genes, the one whose transcript has the most severe term. */
#ifndef RV_CSQ_GENE_MODEL_H
#define RV_CSQ_GENE_MODEL_H

#include "base/err.h"
#include "csq/effect.h"
#include "variant/evidence.h"

typedef enum { RV_CONSEQ_MODEL = 0, RV_CONSEQ_INPUT, RV_CONSEQ_INPUT_THEN_MODEL } rv_conseq_source;

/* "model", "input", "input-then-model"; -1 for anything else. */
int rv_conseq_source_parse(const char *s);
const char *rv_conseq_source_name(rv_conseq_source s);

typedef struct rv_gene_model rv_gene_model;

/* The active gene-model release of the home's store with the FASTA. *gm is NULL (and 0
 * returned) when no gene-model source is active or fasta is NULL. More than one active:
 * the first by source name. Errors: the FASTA unreadable, or of another build. */
int rv_gene_model_open_home(rv_gene_model **gm, const char *home, const char *fasta, rv_err *err);
void rv_gene_model_close(rv_gene_model *gm);            /* accepts NULL */
const char *rv_gene_model_source(const rv_gene_model *gm);
const char *rv_gene_model_version(const rv_gene_model *gm);
/* "source@version" of the release, as criteria name it. */
const char *rv_gene_model_provenance(const rv_gene_model *gm);

/* A second view of gm's model with its own reference reader and buffers, so consequences
 * can be computed through it while the strings of gm's last evidence are still in use
 * (the PS1/PM5 residue table computes ClinVar's protein changes during a classification).
 * It borrows gm's model (close it before gm) and takes gm's conventions as they are now. */
int rv_gene_model_open_beside(const rv_gene_model *gm, rv_gene_model **out, rv_err *err);

/* Where a gene's transcripts lie: 1 with contig, beg, end (the span of all its transcripts
 * on the first contig by id that holds it), 0 when the model has no transcript of that
 * symbol, RV_ENOMEM. symbol need not be NUL-terminated. */
int rv_gene_model_gene_span(rv_gene_model *gm, const char *symbol, size_t n, int *contig, int64_t *beg, int64_t *end);

/* The conventions its consequences follow (csq/conventions.h; VEP's until set). Copied. */
void rv_gene_model_set_conventions(rv_gene_model *gm, const rv_csq_conv *cv);

/* Fill ev's consequence fields for key from the model: 1 filled, 0 no transcript (or REF
 * differs from the FASTA, or runs past its end), < 0 error. Strings point into gm until the next call. */
int rv_gene_model_evidence(rv_gene_model *gm, const rv_varkey *key, rv_evidence *ev, rv_err *err);

#endif
