/* variant/moi.h: a gene's mode of inheritance (from pipeline/moi.tsv) and where a male is
 * haploid (outside the pseudo-autosomal regions of pipeline/par.tsv). Both tables are data
 * compiled into the library. */
#ifndef RV_MOI_H
#define RV_MOI_H

#include <stddef.h>
#include <stdint.h>
#include "variant/contig.h"

typedef enum {
    RV_MOI_UNKNOWN = 0, RV_MOI_AD, RV_MOI_AR, RV_MOI_ADAR, RV_MOI_XLR, RV_MOI_XLD, RV_MOI_XL,
    RV_MOI_MT,
    RV_MOI_AD_IMP_MAT,   /* dominant, maternally imprinted: only the paternal allele is expressed */
    RV_MOI_AD_IMP_PAT,   /* dominant, paternally imprinted: only the maternal allele is expressed */
    RV_MOI_N
} rv_moi;

/* The MOI of a panel or validity string (PanelApp or ClinGen wording): the first row of
 * pipeline/moi.tsv whose prefix starts it; RV_MOI_UNKNOWN for none, NULL or empty. */
rv_moi rv_moi_parse(const char *s, size_t n);
/* "AD", "AR", "AD/AR", "XLR", "XLD", "XL", "MT", "AD_IMPRINTED_MAT", "AD_IMPRINTED_PAT",
 * "unknown"; and back (RV_MOI_UNKNOWN for anything else). */
const char *rv_moi_name(rv_moi m);
rv_moi rv_moi_from_name(const char *s);
/* 1 for the X-linked codes (XLR, XLD, XL). */
int rv_moi_is_x(rv_moi m);
/* For an imprinted code, the parent whose allele is silenced: 'M' (maternally imprinted)
 * or 'F' (paternally imprinted); 0 for any other code. */
char rv_moi_silenced_parent(rv_moi m);

/* 1 when a male carries one copy of this position: X or Y outside the build's
 * pseudo-autosomal regions. 0 elsewhere, and for an unknown build off X and Y; on X or Y
 * with an unknown build, 1 (no PAR is known to exempt it). */
int rv_male_haploid(rv_build b, int contig, int64_t pos);

#endif
