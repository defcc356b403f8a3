/* run/family.h: a sample's relatives' genotypes at its candidate variants, and what they
 * say about inheritance (docs/inheritance.md).
 *
 * rv_family_open reads each relative's VCF once (members may share the sample's
 * multi-sample VCF or have their own) and keeps their genotypes at the sample's calls.
 * rv_family_de_novo says whether a call is de novo (absent from both parents, each called
 * homozygous reference at adequate depth and GQ, config reanalysis.family); the run then
 * classifies those calls with PS2/PM6. rv_family_assess fills every call's moi, fit,
 * partner and inheritance (JSON): genotype and phase, the gene's MOI and its source,
 * whether the genotype fits it (AD, AR homozygous or compound heterozygous in trans, XLR,
 * XLD, MT), the relatives' genotypes and segregation counts. No phasing of its own: phase
 * comes from the VCF (GT '|' and PS) or from the parents' genotypes. */
#ifndef RV_FAMILY_H
#define RV_FAMILY_H

#include "classify/call.h"
#include "base/err.h"
#include "input/genotype.h"
#include "state/cohort.h"
#include "state/runconf.h"

typedef struct rv_family rv_family;

/* calls: the sample's calls, sorted (rv_calls_sort). A relative whose VCF is missing or
 * changed is left out with a warning (rv_log_warn). RV_OK with *f set (caller frees with
 * rv_family_close); the codes of rv_reader_open and rv_reader_next for a relative's VCF,
 * RV_ENOMEM. */
int rv_family_open(rv_family **f, const rv_sample *s, const rv_runconf *conf, int reader_threads,
                   const rv_calls *calls, rv_err *err) RV_MUST_CHECK;
void rv_family_close(rv_family *f);                    /* accepts NULL */

/* 0 not de novo (or not known), 1 assumed, 2 confirmed (reanalysis.family.parentage_confirmed)
 * for the sample's genotype g at variant key on contig. haploid: male outside the PARs. */
int rv_family_de_novo(const rv_family *f, const char *key, int contig, const rv_genotype *g, int haploid);
/* How many of calls are de novo. */
int rv_family_n_de_novo(const rv_family *f, const rv_calls *calls);

/* Fill moi-fit-partner-inheritance of every call (calls sorted). RV_OK; RV_ENOMEM. */
int rv_family_assess(const rv_family *f, const rv_sample *s, rv_calls *calls, rv_err *err);

#endif
