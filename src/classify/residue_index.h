/* classify/residue_index.h: the PS1/PM5 residue table built from the active ClinVar release.
 *
 * PS1 and PM5 ask what ClinVar says at the same amino-acid residue. The answer comes from
 * the ClinVar release the run or annotate already uses: every P/LP record whose protein
 * change the release carries (the clinical-assertion field `protein`, e.g. mapped from
 * variant_summary's Name "NM_000492.4(CFTR):c.350G>A (p.Arg117His)") becomes a row of
 * gene, residue, reference and alternate amino acid. A release without protein changes
 * (ClinVar's VCF has none) leaves PS1/PM5 "not evaluated: protein change unknown (none in
 * SOURCE VERSION)" until the gene-model issue computes them. */
#ifndef RV_RESIDUE_INDEX_H
#define RV_RESIDUE_INDEX_H

#include "base/err.h"
#include "classify/classifier.h"
#include "classify/residue.h"
#include "sources/annotator.h"

/* Parse a protein change "p.Arg117His", "(p.R117H)", "NP_1.1:p.Arg117His": 1 when it is a
 * single-residue substitution (ref, pos, alt set), 0 otherwise. */
int rv_protein_change_parse(const char *s, size_t n, char *ref, int *pos, char *alt);

/* Build the residue table from the first clinical-assertion source of the annotator and
 * give it to the classifier, which owns it; without protein changes, tell the classifier
 * why PS1/PM5 are not evaluated. *rows: the table's size (0 when none was built). */
int rv_residues_attach(rv_classifier *c, const rv_annotator *a, int *rows, rv_err *err) RV_MUST_CHECK;

#endif
