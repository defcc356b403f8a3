/* classify/residue_index.h: the PS1/PM5 residue table built from the active ClinVar release.
 *
 * PS1 and PM5 ask what ClinVar says at the same amino-acid residue. The answer comes from
 * the ClinVar release the run or annotate already uses: every P/LP record whose protein
 * change the release carries (the clinical-assertion field `protein`, e.g. mapped from
 * variant_summary's Name "NM_000492.4(CFTR):c.350G>A (p.Arg117His)") becomes a row of
 * gene, residue, reference and alternate amino acid. ClinVar's VCF carries no protein
 * changes: then the active gene model computes them (below). */
#ifndef RV_RESIDUE_INDEX_H
#define RV_RESIDUE_INDEX_H

#include "base/err.h"
#include "classify/classifier.h"
#include "classify/residue.h"
#include "csq/gene_model.h"
#include "sources/annotator.h"

/* Parse a protein change "p.Arg117His", "(p.R117H)", "NP_1.1:p.Arg117His": 1 when it is a
 * single-residue substitution (ref, pos, alt set), 0 otherwise. */
int rv_protein_change_parse(const char *s, size_t n, char *ref, int *pos, char *alt);

/* Give the classifier the residue table of the first clinical-assertion source of the
 * annotator (it owns it):
 *  - the release carries protein changes (a `protein` and a `gene` field): every P/LP one,
 *    read now; *rows says how many;
 *  - else, with gm (the run's gene model and FASTA): computed with that model, gene by
 *    gene on the first lookup of a gene: each P/LP record within the span of the gene's
 *    transcripts is put through the same consequence path as a patient's variant (the
 *    deciding transcript: MANE Select, else canonical, else longest coding), and kept
 *    when it is a missense change of that gene. The hits name both releases
 *    ("clinvar@2024-11-11+mane-select-grch38@1.5") and carry the record's consequence
 *    terms. gm must outlive the classifier's use of the table (a view beside it is kept);
 *  - else tell the classifier why PS1/PM5 are not evaluated. */
int rv_residues_attach(rv_classifier *c, const rv_annotator *a, const rv_gene_model *gm, int *rows,
                       rv_err *err) RV_MUST_CHECK;

#endif
