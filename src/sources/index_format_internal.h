/* sources/index_format_internal.h (internal): the on-disk layout of a compiled index, shared by the
 * writer (sources/index_build.c) and the reader (sources/index.c). Documented in docs/compiled-index.md
 * ("File format").
 *
 * File = header region, then body sections, each 8-byte aligned, little-endian:
 *
 *   header region  [0, header_size)
 *     fixed header       rv_idx_hdr (below)
 *     section table      RV_SEC_N x { u64 offset, u64 size } (absolute offsets)
 *     metadata           n_meta x "key\0value\0"
 *     field schema       n_fields x { u32 type, u32 width, u64 column offset, "name\0" }
 *   body           [header_size, file_size): the sections, covered by body_crc
 *
 * header_crc is zlib crc32 over the header region with header_crc itself zeroed; it
 * covers body_crc and file_size, so a truncated, patched or foreign file is refused on
 * open without reading the body. */
#ifndef RV_INDEX_FORMAT_INTERNAL_H
#define RV_INDEX_FORMAT_INTERNAL_H

#include <stdint.h>

#define RV_IDX_MAGIC      "REVUSIDX"
#define RV_IDX_VERSION    2u
/* Version 1 had no coverage section (RV_SEC_N was RV_SEC_COVER): such an index is still
 * read, and its coverage is the contigs that hold records. */
#define RV_IDX_V1_SECTIONS 10

/* Missing values in columns. */
#define RV_IDX_NA_I32     INT32_MIN
#define RV_IDX_NA_I64     INT64_MIN
#define RV_IDX_NA_STR     UINT32_MAX

typedef struct rv_idx_hdr {
    char     magic[8];
    uint32_t version;
    uint32_t kind;          /* rv_key_kind */
    uint64_t file_size;
    uint64_t n_records;
    uint32_t n_fields;
    uint32_t n_meta;
    uint32_t header_size;
    uint32_t header_crc;
    uint32_t body_crc;
    uint32_t reserved;
} rv_idx_hdr;

/* Body sections. Variant-keyed: CONTIG, POS, ALLELE, HEAP. Interval: CONTIG, POS
 * (start), END, MAXEND. Gene-keyed: GENE_SYM, GENE_HGNC. All: STRTAB, COLUMNS. */
enum {
    RV_SEC_CONTIG = 0,   /* u64[RV_N_CONTIGS + 1]: first record of each contig */
    RV_SEC_POS,          /* u32[n]: 1-based position (interval: start) */
    RV_SEC_ALLELE,       /* u32[n]: offset of the record's alleles in HEAP */
    RV_SEC_HEAP,         /* alleles: u16 ref_len, u16 alt_len, ref, alt (unaligned) */
    RV_SEC_STRTAB,       /* strings: u32 len, bytes (unaligned); ids are offsets */
    RV_SEC_COLUMNS,      /* one column per field, each 8-byte aligned */
    RV_SEC_GENE_SYM,     /* rv_idx_gene[]: runs sorted by upper-case symbol */
    RV_SEC_GENE_HGNC,    /* rv_idx_gene[]: the same runs sorted by HGNC id */
    RV_SEC_END,          /* u32[n]: interval end (1-based, inclusive) */
    RV_SEC_MAXEND,       /* u32[n]: running max of END within the contig */
    RV_SEC_COVER,        /* (version 2) u32[3 * k]: declared coverage regions, contig, start,
                          * end (1-based, inclusive), sorted and merged; empty = the release
                          * covers the contigs that hold records */
    RV_SEC_N
};

/* A run of consecutive gene-keyed records with one symbol and HGNC id. */
typedef struct rv_idx_gene {
    uint32_t key;        /* string id: upper-case symbol, or HGNC id */
    uint32_t first;
    uint32_t count;
    uint32_t reserved;
} rv_idx_gene;

#endif
