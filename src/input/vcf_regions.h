/* input/vcf_regions.h: the regions a streaming command reads (bcftools -r / -R).
 *
 * A list "chr1:100-200,chr2" (-r) or a file (-R) of tab-separated CHROM, POS or
 * CHROM, BEG, END lines (1-based, inclusive; a name ending .bed or .bed.gz is BED: 0-based
 * start, end exclusive). Reading regions needs the input's index (.tbi or .csi): the reader
 * (input/vcf_reader.h) queries them in the file's contig order, each record once. */
#ifndef RV_VCF_REGIONS_H
#define RV_VCF_REGIONS_H

#include <stdint.h>
#include "base/err.h"

typedef struct rv_region_spec {
    char   *chrom;
    int64_t beg, end;        /* 0-based, end exclusive; end INT64_MAX = to the contig's end */
    int     tid;             /* contig id in the input's index; -1 not there (skipped) */
} rv_region_spec;

typedef struct rv_region_list { rv_region_spec *x; int n, m; } rv_region_list;

/* Parse a comma-separated list of CHROM[:BEG[-END]]. RV_EUSAGE naming a bad region. */
int rv_region_list_parse(const char *list, rv_region_list *out, rv_err *err);
/* Read a regions file (see above). RV_EIO (cannot open) or RV_EINPUT naming FILE:LINE. */
int rv_region_list_read(const char *path, rv_region_list *out, rv_err *err);
void rv_region_list_free(rv_region_list *r);

#endif
