/* state/cohort.h: the samples a lab registers for reanalysis, and the classes it reported.
 *
 * Imports are atomic: every row is validated first, every bad row is reported with its
 * line, and nothing is written unless all rows are good (one transaction). */
#ifndef RV_COHORT_H
#define RV_COHORT_H

#include "base/err.h"
#include "state/runconf.h"
#include "state/db.h"
#include "base/tsv.h"

typedef struct rv_sample {
    char *id, *vcf_path, *vcf_sha256, *indication, *sex, *family, *added_at;
    char *last_done;     /* "RUN at TIME" of its last completed sample run; NULL = never run */
    char *father, *mother;   /* sample ids from the PED; NULL = not known */
    char *vcf_sample;        /* the VCF column when it is not named like the sample */
    int   phenotype;         /* PED: 2 affected, 1 unaffected, 0 unknown */
    /* rv_cohort_get: the other registered members of its family (their own relatives
     * are not loaded) */
    struct rv_sample *relatives;
    int   n_relatives;
} rv_sample;

/* What one registration names (cohort add, one manifest row). NULL = not given. */
typedef struct rv_member_in {
    const char *id, *vcf, *indication, *sex, *family;
    const char *vcf_sample;  /* VCF column, when it differs from id */
} rv_member_in;

/* Register one sample: checks the id, that the VCF exists (its checksum is recorded),
 * sex M|F, and creates the indication row (from conf when it knows the code). The VCF
 * path is stored absolute. RV_EUSAGE when the id is already registered. */
int rv_cohort_add(rv_state *st, const rv_runconf *conf, const char *id, const char *vcf,
                  const char *indication, const char *sex, const char *family, rv_err *err);

/* rv_cohort_add with a VCF column name and a PED file (NULL = none), state/pedigree.h.
 * The PED may name the new sample and members already registered (their father, mother,
 * sex, phenotype and family are updated in the same transaction); any other sample it
 * names is an error. On problems returns RV_EINPUT with one line each in problems and
 * stores nothing. Registration also refuses a VCF without the sample's column, and
 * members of one family on different genome builds; it warns (rv_log_warn) when the sex
 * disagrees with the heterozygosity of chrX (conf's family.sex_check_* values). */
int rv_cohort_add_member(rv_state *st, const rv_runconf *conf, const rv_member_in *in, const char *ped,
                         rv_problems *problems, rv_err *err);

/* rv_cohort_import with a PED file (NULL = none): the PED's individuals must be in the
 * manifest or registered. The manifest may have a sixth column, vcf_sample. Codes as
 * rv_cohort_import; a bad PED line is a problem row (RV_EINPUT). */
int rv_cohort_import_ped(rv_state *st, const rv_runconf *conf, const char *manifest, const char *ped,
                         int *n_added, rv_problems *problems, rv_err *err) RV_MUST_CHECK;

/* The sample's place in its family, from the PED: "father", "mother", "child" (has a
 * parent registered or named), or "member"; NULL when it has no family. */
const char *rv_sample_role(const rv_sample *s);

/* Point a registered sample at a new or re-generated VCF (its checksum is recorded
 * again), keeping its history; indication, sex, family and the VCF column change when
 * given (non-NULL), and a PED (NULL = none) sets its father, mother, sex and phenotype and
 * those of the registered members it names, with the checks of rv_cohort_add_member (the
 * VCF column, unknown samples, cycles, parents' sex, two families, one genome build per
 * family): on problems RV_EINPUT, one line each in problems, nothing stored.
 * RV_ENOTFOUND when the sample is unknown. */
int rv_cohort_update_member(rv_state *st, const rv_runconf *conf, const rv_member_in *in, const char *ped,
                            rv_problems *problems, rv_err *err);

/* Import a manifest: columns sample, vcf, indication, sex, family (header optional;
 * empty or '.' = not given; relative VCF paths are relative to the manifest). On bad
 * rows returns RV_EINPUT, fills problems (one per bad row) and writes nothing.
 * *n_added = rows registered. */
int rv_cohort_import(rv_state *st, const rv_runconf *conf, const char *manifest,
                     int *n_added, rv_problems *problems, rv_err *err) RV_MUST_CHECK;

/* Every sample ordered by id (or the one named); free with rv_samples_free.
 * RV_OK; RV_ESTATE on a database failure, RV_ENOMEM. */
int rv_cohort_get(rv_state *st, const char *only_id, rv_sample **out, int *n, rv_err *err) RV_MUST_CHECK;
void rv_samples_free(rv_sample *s, int n);
void rv_sample_clear(rv_sample *s);      /* frees one sample's strings */

/* Remove a sample and everything stored about it (results, flags, reported classes).
 * RV_ENOTFOUND when unknown. */
int rv_cohort_remove(rv_state *st, const char *id, rv_err *err);

/* Upsert every indication the config defines (name, panel sources). */
int rv_cohort_sync_indications(rv_state *st, const rv_runconf *conf, rv_err *err);

/* Import the lab's reported classes: columns sample, variant, class, date, reporter.
 * variant is "CHROM-POS-REF-ALT" or "CHROM:POS:REF:ALT" (stored normalised); class one
 * of P, LP, VUS, LB, B; date YYYY-MM-DD. A row already stored identically is skipped;
 * a different class for the same sample, variant and date is a bad row. Atomic like
 * rv_cohort_import.
 * RV_OK; RV_EINPUT when rows are bad (each in problems; nothing stored), RV_EIO, RV_ESTATE,
 * RV_ENOMEM. */
int rv_reported_import(rv_state *st, const char *path, int *n_added, int *n_same,
                       rv_problems *problems, rv_err *err) RV_MUST_CHECK;

/* 1 when id is a usable sample id ([A-Za-z0-9._-], 1..64 chars, not starting with '-'). */
int rv_sample_id_valid(const char *id);

#endif
