/* csq/codon.h: the standard genetic code and amino-acid names (HGVS three-letter). */
#ifndef RV_CSQ_CODON_H
#define RV_CSQ_CODON_H

#include <stddef.h>

/* One-letter amino acid of codon s[0..2] (upper-case ACGT), '*' for a stop, 'X' when a base
 * is not ACGT. Mitochondrial transcripts are translated with the standard code too. */
char rv_codon_aa(const char *s);
/* "Arg", "Ter" for '*', "Xaa" for anything unknown. */
const char *rv_aa3(char aa);
/* Reverse complement of s[0..n) into out (n bytes, not terminated). */
void rv_revcomp(const char *s, size_t n, char *out);

#endif
