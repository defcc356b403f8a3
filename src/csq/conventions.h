/* csq/conventions.h: the definitions where consequence callers differ, as data.
 *
 * VEP and bcftools csq agree on the Sequence Ontology terms but not on every edge: where an
 * indel in a repeat is placed inside its record, whether an insertion between an exon and
 * its intron belongs to either, whether a splice site hides the splice region beside it, how
 * a deletion over an exon edge is judged. pipeline/csq_conventions.json holds named profiles
 * ("vep", "bcftools") of these choices and the numbers (splice-region extent, the NMD
 * distance); `revus csq --conventions NAME` and config consequence.conventions pick one
 * (docs/csq.md). */
#ifndef RV_CSQ_CONVENTIONS_H
#define RV_CSQ_CONVENTIONS_H

#include "base/err.h"

typedef struct rv_csq_conv {
    char name[64];
    int  splice_exon;          /* exonic bases of the splice region at each junction (3) */
    int  splice_intron;        /* last intronic base of the splice region (8: bases 3-8) */
    int  nmd_nt;               /* a stop this close to the last exon junction escapes NMD (55) */
    /* the choices: 0 is VEP's */
    int  trim_suffix_first;    /* allele_trimming: anchor-first 0, suffix-first 1 */
    int  ins_right_intronic;   /* insertion_at_exon_end: exon 0, intron-at-genomic-right-edge 1 */
    int  region_other_junction;/* splice_region_beside_splice_site: never 0, other-junction 1 */
    int  del_exonic_length;    /* deletion_over_exon_edge: unpredicted 0, exonic-part 1 */
    int  last_codon_stop;      /* cds_without_stop: no-stop 0, last-codon-is-the-stop 1 */
    int  symbolic_no_utr;      /* symbolic_utr_terms: true 0, false 1 */
    int  splice_kept_synonymous; /* splice_sequence_kept: ignored 0, synonymous 1 */
    int  ref_past_end_held;    /* ref_past_reference_end: unannotated 0, compare-held-bases 1 */
    int  utr_from_features;    /* utr_terms: exons-outside-cds 0, gff3-utr-lines 1 */
} rv_csq_conv;

/* VEP's choices and numbers, for an engine no profile was given to. */
void rv_csq_conv_vep(rv_csq_conv *c);

/* Profile name (NULL: the file's "default") of the conventions file path. RV_EINPUT naming
 * the file and the member for a bad file or an unknown name (the message lists the names). */
int rv_csq_conv_load(const char *path, const char *name, rv_csq_conv *out, rv_err *err) RV_MUST_CHECK;

#endif
