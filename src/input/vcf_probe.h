/* input/vcf_probe.h: what registration needs to know about a sample's VCF before storing
 * it: the genome build, which column is the sample's, and how heterozygous its calls on X
 * outside the pseudo-autosomal regions are (to check the sex it was registered with). */
#ifndef RV_VCF_PROBE_H
#define RV_VCF_PROBE_H

#include "base/err.h"
#include "variant/contig.h"

typedef struct rv_vcf_probe {
    rv_build build;          /* detected from the header (##contig lengths), or unknown */
    int      n_samples;
    int      column;         /* 0-based sample column */
    long     x_calls;        /* called genotypes with two alleles on X outside the PARs */
    long     x_het;          /* ... of which heterozygous */
} rv_vcf_probe;

/* Open path and find the sample's column: `column` when given (it must exist), else `id`
 * (it must exist when the VCF has more than one sample; a single-sample VCF's only column
 * is taken whatever its name). RV_EINPUT naming the file and the columns it has when the
 * column is missing. With count_x, streams the file to count X calls. */
int rv_vcf_probe_open(const char *path, const char *id, const char *column, int count_x,
                      rv_vcf_probe *out, rv_err *err) RV_MUST_CHECK;

#endif
