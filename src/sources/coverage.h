/* sources/coverage.h: the regions a variant-keyed release declares it covers.
 *
 * A descriptor may say where its release can speak (`coverage`: a BED file, or a list of
 * regions "chr1:1000-2000" / whole contigs "chr21"), for exome, panel or partial
 * releases. The regions are compiled into the index (sources/index.h, format 2), so that
 * absence from the release counts as evidence only inside them. Without a declaration a
 * release covers the contigs that hold its records. docs/sources.md, section 3.8. */
#ifndef RV_COVERAGE_H
#define RV_COVERAGE_H

#include <stddef.h>
#include <stdint.h>
#include "base/err.h"
#include "variant/contig.h"

/* A growing list of regions: contig, start, end triples (1-based, inclusive). */
typedef struct rv_regions {
    uint32_t *v;
    int64_t n, cap;
} rv_regions;

void rv_regions_free(rv_regions *r);

/* Parse one region text: "chr1:1000-2000", "1:1000" (one base) or "chrX" (the whole
 * contig, with its length in build b). 0, or RV_EINPUT with a message naming the text. */
int rv_regions_add_text(rv_regions *r, const char *text, rv_build b, rv_err *err) RV_MUST_CHECK;

/* Add every line of a BED file (0-based start, end exclusive; `track`, `browser` and `#`
 * lines skipped; non-primary contigs skipped). A bad line is RV_EINPUT naming file:line. */
int rv_regions_add_bed(rv_regions *r, const char *path, rv_err *err) RV_MUST_CHECK;

/* Sort and merge overlapping or touching regions in place. */
void rv_regions_normalise(rv_regions *r);

/* One line saying what a compiled release covers, for `revus sources show`:
 * "3 declared regions, 12345 bp on chr1, chr2" or "contigs with records: chr1, chr21"
 * (with "(index format 1)" for an index compiled before coverage was recorded, and
 * "; no file for chr3 (not covered)" for a release of several files that lacks some). */
int rv_coverage_describe(const char *index_path, char *buf, size_t n, rv_err *err) RV_MUST_CHECK;

#endif
