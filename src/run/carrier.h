/* run/carrier.h: the cohort carrier index: per registered sample, the variants it carries
 * that could ever matter to a run, with their genotype, in one compact sorted file
 * $REVUS_HOME/carriers/SAMPLE.rvc (0600, folder 0700), decoded into memory when opened.
 *
 * "Could ever matter" is a loose prefilter (pipeline config reanalysis.carriers): the
 * variant has a gene in the input's own consequence annotation, or lies within
 * exon_padding bp of an exon of a gene-model source (when one is active; else within
 * gene_padding bp of an interval of a gene-regions source), or is known to a
 * clinical-assertion or lab-classification source; and it is not common (its AF is at most
 * carriers.max_af in some population source, or absent from one) unless such a source
 * knows it. The lab's reported variants are always kept. The file records the source
 * releases the prefilter used (its snapshot), so that later "would the prefilter have kept
 * this key, had the sample carried it?" can be answered from the key alone
 * (rv_prefilter_covers): when yes and the key is not in the file, the sample does not
 * carry it. Nothing in the file depends on a release staying active, so a new release
 * never forces a rebuild.
 *
 * Building checks the VCF's checksum first: the index stands for the registered content.
 * The file is never trusted: a missing file, a foreign or truncated one, a checksum
 * (CRC32) mismatch, another VCF checksum than the sample's registered one, or other
 * prefilter settings make rv_carriers_open fail with RV_ENOTFOUND, and
 * rv_carriers_ensure rebuilds it. It is written to a temporary name, flushed and renamed.
 *
 * The sample's VCF lines of the entries are copied, as they are, into a records file
 * $REVUS_HOME/carriers/SAMPLE.rvr (the VCF's header and those lines, BGZF-compressed in
 * small blocks): re-reading a carried variant reads its own line there (one small block
 * inflated, no index loaded), and the reader normalises it exactly as it would in the
 * VCF. Its size and CRC32 are in the index's header: a records file that does not match
 * makes the index stale. A BCF input has no records file; its entries are read from the
 * VCF by region.
 *
 * File format (version 2, little-endian as written by this machine, checked by magic; a
 * version-1 file is stale and rebuilt):
 *   header: magic "REVUSCAR", u32 version, u32 n_snapshot, u64 n_entries, u32 crc32 of
 *           snapshot and stream, u32 gene_padding, f64 max_af, char vcf_sha256[72],
 *           i64 vcf_size, i64 vcf_mtime_ns (the VCF's stat when built), u64 stream_bytes,
 *           u64 records_size, u32 records_crc, u32 exon_padding
 *   snapshot: n_snapshot x { char source[64], version[64], role[32] }
 *   stream: the entries sorted by (contig, pos, allele hash): per contig, varint contig
 *           and varint count; per entry varint(pos delta << 3 | zygosity << 1 | has_line),
 *           u16 allele hash and, with a line, the zigzag varint delta of its virtual
 *           offset in the records file. Decoded into memory when opened. */
#ifndef RV_RUN_CARRIER_H
#define RV_RUN_CARRIER_H

#include <stdint.h>
#include "base/err.h"
#include "state/cohort.h"
#include "state/runconf.h"
#include "state/runs.h"
#include "variant/varkey.h"

#define RV_CARRIER_DIR "carriers"

typedef enum { RV_ZYG_UNKNOWN = 0, RV_ZYG_HET, RV_ZYG_HOM, RV_ZYG_HEMI } rv_zygosity;

typedef struct rv_carrier_entry {
    uint32_t pos;
    uint16_t allele_hash;
    uint8_t contig, zygosity;
    uint64_t line;          /* virtual offset of its VCF line in the records file + 1; 0: none */
} rv_carrier_entry;

typedef struct rv_carriers rv_carriers;

typedef struct rv_carrier_stats {
    int64_t records;        /* normalised records read */
    int64_t kept;           /* entries written */
    int64_t bytes;          /* index file size */
    int64_t records_bytes;  /* records file size */
    double seconds;
} rv_carrier_stats;

/* Hash of a key's alleles, 16 bits (stable across runs and machines; two alleles at one
 * position sharing it can only add work). */
uint32_t rv_carrier_allele_hash(const rv_varkey *k);

/* Build (or rebuild) the sample's file from its VCF and the active releases of home.
 * reported: the lab's reported variant keys of the sample (always kept). */
int rv_carriers_build(const char *home, const rv_runconf *conf, const rv_sample *s,
                      char *const *reported, int n_reported, rv_carrier_stats *st, rv_err *err);
/* Open the sample's file; RV_ENOTFOUND (message says why) when missing or stale. */
int rv_carriers_open(rv_carriers **c, const char *home, const rv_runconf *conf, const rv_sample *s,
                     rv_err *err);
/* Open, rebuilding first when missing or stale; *rebuilt = 1 when it did. */
int rv_carriers_ensure(rv_carriers **c, const char *home, const rv_runconf *conf, const rv_sample *s,
                       char *const *reported, int n_reported, int *rebuilt, rv_err *err);
void rv_carriers_close(rv_carriers *c);     /* accepts NULL */
/* Where the sample's VCF index (CSI) for region reads is kept, when the VCF is
 * bgzip-compressed: HOME/carriers/SAMPLE.vcfidx. */
void rv_carriers_vcf_index_path(char *buf, size_t n, const char *home, const char *sample);
/* The VCF's index for region reads (buf: its path), written there the first time a run
 * needs it (the lab's folder may be read-only; a rebuild of the carrier index removes it);
 * NULL when the VCF cannot have one (not bgzip-compressed) or it cannot be written. Call
 * only once the VCF is known to be the registered one. */
const char *rv_carriers_vcf_index(const char *home, const rv_sample *s, char *buf, size_t n);
/* The records file: HOME/carriers/SAMPLE.rvr. */
void rv_carriers_records_path(char *buf, size_t n, const char *home, const char *sample);
int rv_carriers_has_records(const rv_carriers *c);
/* Remove the sample's files (cohort remove); missing is fine. */
void rv_carriers_remove(const char *home, const char *sample);

int64_t rv_carriers_n(const rv_carriers *c);
/* 1 when the sample's VCF has the size and modification time it had when its (valid)
 * index was built from the registered content: a run that reads nothing from the file
 * need not hash it again. 0 otherwise (then check the checksum). */
int rv_carriers_vcf_unchanged(const char *home, const rv_runconf *conf, const rv_sample *s);
/* The entry for this key, or NULL when the sample carries no variant with this position
 * and allele hash (a hash shared by two alleles at one position can only add work). */
const rv_carrier_entry *rv_carriers_find(const rv_carriers *c, const rv_varkey *k);
/* The line of every entry with k's position and allele hash (rv_carrier_entry.line: the
 * virtual offset in the records file + 1, or 0 when it has none), at most max; returns how
 * many entries, 0 when the sample carries no such key. */
int rv_carriers_lines(const rv_carriers *c, const rv_varkey *k, uint64_t *voff, int max);
/* The releases the prefilter used. */
const rv_source_ver *rv_carriers_snapshot(const rv_carriers *c, int *n);

/* The prefilter over a set of releases (a file's snapshot, or the active releases). */
typedef struct rv_prefilter rv_prefilter;
int rv_prefilter_open(rv_prefilter **pf, const char *home, const rv_runconf *conf,
                      const rv_source_ver *releases, int n, rv_err *err);
void rv_prefilter_close(rv_prefilter *pf);   /* accepts NULL */
/* 1 when the prefilter keeps a carried variant with this key (has_gene: the input's own
 * annotation gives it a gene). */
int rv_prefilter_keep(rv_prefilter *pf, const rv_varkey *k, int has_gene);
/* 1 when the prefilter would keep the key whatever the input's annotation says: then a
 * key absent from a file built with these releases is a key the sample does not carry. */
int rv_prefilter_covers(rv_prefilter *pf, const rv_varkey *k);
/* 1 when no clinical-assertion or lab-classification release of pf knows k and every
 * population release has it at an AF above carriers.max_af (so above candidates.max_af):
 * over the releases a run reads, such a variant cannot become a candidate by its gene (it
 * is not rare) nor by ClinVar (it is not known), whatever the sample carries. */
int rv_prefilter_common_unknown(rv_prefilter *pf, const rv_varkey *k);

#endif
