/* variant/varkey.h: the normalised variant key, the identity every stage uses.
 *
 * A key is (canonical contig id, 1-based POS, REF, ALT) of one biallelic, trimmed and
 * (given a FASTA) left-aligned allele. Sources, state, flags and reports all match on
 * it by exact equality; never on rsID or position alone.
 *
 * Keys do not own their allele strings: ref/alt point into the caller's buffer (a VCF
 * line, an mmapped index), so building one costs no allocation on the hot path. */
#ifndef RV_VARKEY_H
#define RV_VARKEY_H

#include <stddef.h>
#include <stdint.h>

typedef struct rv_varkey {
    int32_t     contig;    /* rv_contig_id(); RV_CONTIG_OTHER for non-primary contigs */
    int64_t     pos;       /* 1-based position of the first REF base */
    const char *ref;       /* not NUL-terminated; ref_len bytes */
    const char *alt;
    uint32_t    ref_len, alt_len;
} rv_varkey;

/* Total order: contig id, pos, ref (bytewise, shorter first on a tie), alt. */
int rv_varkey_cmp(const rv_varkey *a, const rv_varkey *b);
int rv_varkey_eq(const rv_varkey *a, const rv_varkey *b);

/* 64-bit hash of the whole key (for hash joins and dedup). */
uint64_t rv_varkey_hash(const rv_varkey *k);

/* Parsimony trim in place: drop the common suffix, then the common prefix, keeping at
 * least one base in each allele (VCF padding base), advancing pos for each leading base
 * dropped. Returns the number of bases trimmed. Alleles are compared case-insensitively. */
int rv_varkey_trim(rv_varkey *k);

/* Write "CHROM-POS-REF-ALT" (canonical contig name) into buf of size n.
 * Returns the length written (excluding NUL), or -1 when it does not fit or the contig
 * is not primary. */
int rv_varkey_format(const rv_varkey *k, char *buf, size_t n);

/* Parse "CHROM-POS-REF-ALT" or "CHROM:POS:REF:ALT" (chr prefix allowed). The key's
 * allele pointers point into s (alleles as written: the caller upper-cases them when it
 * stores the key). Returns 0, or -1 on a malformed string or a POS beyond 2^40. */
int rv_varkey_parse(const char *s, rv_varkey *k);

#endif
