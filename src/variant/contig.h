/* variant/contig.h: canonical contig identity (chr1/1, chrX/X, chrM/MT/M) and genome builds.
 *
 * Every stage keys variants on the canonical contig id, so "chr1" in a gnomAD v4 file
 * and "1" in ClinVar meet. Primary assembly contigs only: 1..22, X, Y, MT. Other
 * contigs (alt, decoy, unplaced) get RV_CONTIG_OTHER and are never matched. */
#ifndef RV_CONTIG_H
#define RV_CONTIG_H

#include <stddef.h>
#include <stdint.h>

#define RV_CONTIG_X      22
#define RV_CONTIG_Y      23
#define RV_CONTIG_MT     24
#define RV_N_CONTIGS     25   /* ids 0..24: 1..22, X, Y, MT */
#define RV_CONTIG_OTHER  (-1)

/* Canonical id of a contig name of length len (no NUL needed), or RV_CONTIG_OTHER. */
int rv_contig_id(const char *name, size_t len);

/* Canonical name of an id: "1".."22", "X", "Y", "MT". NULL for an invalid id. */
const char *rv_contig_name(int id);

typedef enum { RV_BUILD_UNKNOWN = 0, RV_BUILD_GRCH37 = 37, RV_BUILD_GRCH38 = 38 } rv_build;

/* "GRCh37"/"GRCh38" (also accepts hg19/hg38/b37, any case). RV_BUILD_UNKNOWN otherwise. */
rv_build rv_build_parse(const char *s);
const char *rv_build_name(rv_build b);     /* "GRCh37", "GRCh38" or "unknown" */

/* Length of canonical contig id in build b from pipeline/genome_builds.tsv, 0 if unknown. */
int64_t rv_build_contig_length(rv_build b, int contig_id);

/* Vote for a build from one (name, length) pair of a ##contig line:
 * returns RV_BUILD_GRCH37/38 when the length matches exactly one build, RV_BUILD_UNKNOWN
 * otherwise (also for MT, whose rCRS length is the same in both). *hg19_mt is set to 1 when
 * the pair is UCSC hg19 chrM (16571 bp), which cannot be matched to rCRS sources. */
rv_build rv_build_vote(const char *name, size_t len, int64_t length, int *hg19_mt);

/* Canonical id of a RefSeq chromosome accession ("NC_000013.10"), from the refseq column of
 * pipeline/genome_builds.tsv; *build (may be NULL) is the build that accession belongs to
 * (unknown for MT, the same in both). RV_CONTIG_OTHER for any other name. */
int rv_contig_id_refseq(const char *name, size_t len, rv_build *build);

#endif
