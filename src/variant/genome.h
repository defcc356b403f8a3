/* variant/genome.h: the reference FASTA (faidx) seen through canonical contig ids.
 *
 * Contig names of the FASTA ("1", "chr1", "NC_000001.11") are mapped to canonical ids once.
 * Bases are read through a window of 64 kb that moves with the input, so a
 * sorted VCF reads each part of the genome once. */
#ifndef RV_VARIANT_GENOME_H
#define RV_VARIANT_GENOME_H

#include <stdint.h>
#include "base/err.h"
#include "variant/contig.h"

typedef struct rv_genome rv_genome;

/* Open FASTA (it needs a .fai; htslib builds one when it can). RV_EINPUT when unreadable. */
int rv_genome_open(rv_genome **g, const char *fasta, rv_err *err);
void rv_genome_close(rv_genome *g);                 /* accepts NULL */

int rv_genome_has(const rv_genome *g, int contig);
int64_t rv_genome_length(const rv_genome *g, int contig);   /* 0 when absent */

/* The build the FASTA's chromosome lengths say (RV_BUILD_UNKNOWN when none matches one build
 * only); *contig is set to the chromosome that decided it. */
rv_build rv_genome_build(const rv_genome *g, int *contig);

/* Upper-case bases [beg, end] (1-based, inclusive) of contig, clipped to the contig: *got_beg
 * and *got_len say what was returned. Valid until the next call. NULL with err set when the
 * contig is absent or the read fails. */
const char *rv_genome_get(rv_genome *g, int contig, int64_t beg, int64_t end,
                          int64_t *got_beg, int64_t *got_len, rv_err *err);

#endif
