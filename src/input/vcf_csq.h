/* input/vcf_csq.h: read the input's own consequence annotation (VEP CSQ, SnpEff ANN,
 * bcftools csq BCSQ) into the consequence fields of rv_evidence.
 *
 * Each annotation is found by its ##INFO header; CSQ and ANN field order is read from
 * the header's "Format: A|B|..." description, never assumed. For one ALT the parser picks
 * one transcript entry: entries inside a transcript (not up/downstream, intergenic or
 * regulatory) first, then VEP's PICK flag, MANE Select, CANONICAL=YES, and last the most
 * severe consequence (Ensembl's SO severity order, the table in input/vcf_csq.c).
 * Consequence terms are normalised to Ensembl SO names (SnpEff's
 * "disruptive_inframe_deletion" -> "inframe_deletion", BCSQ's "missense" ->
 * "missense_variant"). Scores carried in the annotation (REVEL, CADD_PHRED,
 * AlphaMissense, BayesDel, SpliceAI DS max) are added to ev->scores with source "input"
 * and version the tag ("CSQ"), unless a source already gave that score. */
#ifndef RV_CONSEQUENCE_H
#define RV_CONSEQUENCE_H

#include <stddef.h>
#include <htslib/vcf.h>
#include "base/err.h"
#include "variant/evidence.h"
#include "input/vcf_reader.h"

typedef struct rv_csq rv_csq;

/* Build a parser from the header. prefer: comma-separated tags in order of preference
 * (NULL = "CSQ,ANN,BCSQ,vep"; "vep" is VEP's layout as gnomAD names it); the first one
 * the header declares is used. *p is always set
 * on success; rv_csq_tag() is NULL when the input has none of them. RV_EINPUT when a
 * declared CSQ/ANN header has no readable "Format:" (names the tag). */
int rv_csq_open(const bcf_hdr_t *hdr, const char *prefer, rv_csq **p, rv_err *err) RV_MUST_CHECK;
void rv_csq_close(rv_csq *p);                       /* accepts NULL */
const char *rv_csq_tag(const rv_csq *p);            /* "CSQ", "ANN", "BCSQ", "vep" or NULL */

/* Fill ev's consequence fields (has_csq, csq_source, gene, hgnc_id, transcript,
 * consequence, hgvsc, hgvsp, exon, n_exons, protein_pos, protein_len, aa_ref, aa_alt) and
 * scores from the raw INFO value val (n bytes) of the current record. ref and alt are the
 * record's REF and this ALT as written in the input (untrimmed); alt_index is 1-based.
 * Entries are matched to the allele by ALLELE_NUM when present, else by the Allele column
 * (exactly, then with VEP's shared first base removed, "-" for empty), BCSQ by the ALT of
 * its dna_change; when every entry names the same allele they are taken as this ALT's.
 * Returns 1 when an entry for this allele was found, 0 when none (ev unchanged), or
 * RV_EINPUT on a malformed value. Strings set in ev point into val or into p (valid until
 * the next call on p); one parser per thread. */
int rv_csq_fill(rv_csq *p, const char *val, size_t n, const char *ref, size_t ref_n,
                const char *alt, size_t alt_n, int alt_index, rv_evidence *ev, rv_err *err);

/* The same for the reader's current record: REF and this ALT are taken from the input
 * line (which may still hold every ALT). Returns as rv_csq_fill; 0 when the record has no
 * such tag. */
int rv_csq_fill_reader(rv_csq *p, rv_reader *r, const rv_nrec *rec, rv_evidence *ev, rv_err *err);

/* Severity rank of an SO term (0 = most severe); a large value for unknown terms. */
int rv_so_severity(const char *term, size_t n);

#endif
