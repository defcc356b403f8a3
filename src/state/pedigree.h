/* state/pedigree.h: a PED file (PLINK .fam layout, six whitespace-separated columns:
 * family, individual, father, mother, sex 1 male / 2 female / 0 unknown, phenotype
 * 2 affected / 1 unaffected / 0 or -9 unknown; '#' lines are comments, further columns
 * are ignored) read and checked on its own: every problem is one "FILE:LINE: what" line.
 *
 * Checked here: six columns, sex and phenotype codes, an individual listed twice (in one
 * family or two), a parent who is not in the file (or is in another family), a father of
 * female sex or a mother of male sex, a pedigree cycle (someone their own ancestor). */
#ifndef RV_PEDIGREE_H
#define RV_PEDIGREE_H

#include "base/err.h"
#include "base/tsv.h"

typedef struct rv_ped_member {
    char *family, *id, *father, *mother;    /* father/mother NULL for '0' */
    int   sex;                               /* 0 unknown, 1 male, 2 female */
    int   phenotype;                         /* 0 unknown, 1 unaffected, 2 affected */
    int   line;
} rv_ped_member;

typedef struct rv_pedigree { char *path; rv_ped_member *m; int n; } rv_pedigree;

/* Read and check path. On problems returns RV_EINPUT with one problem per line found. */
int rv_ped_read(const char *path, rv_pedigree *ped, rv_problems *problems, rv_err *err);
void rv_ped_free(rv_pedigree *ped);
const rv_ped_member *rv_ped_find(const rv_pedigree *ped, const char *id);

/* "M", "F" or NULL for a PED sex code. */
const char *rv_ped_sex_letter(int sex);

#endif
