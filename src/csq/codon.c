/* csq/codon.c: the standard genetic code (NCBI translation table 1) and HGVS amino-acid names. */
#include "csq/codon.h"

/* Codons in TCAG order: index 16*b1 + 4*b2 + b3 with T=0, C=1, A=2, G=3 (NCBI's table layout). */
static const char table1[65] =
    "FFLLSSSSYY**CC*WLLLLPPPPHHQQRRRRIIIMTTTTNNKKSSRRVVVVAAAADDEEGGGG";

static int base_index(char b)
{
    switch (b) {
    case 'T': return 0;
    case 'C': return 1;
    case 'A': return 2;
    case 'G': return 3;
    }
    return -1;
}

char rv_codon_aa(const char *s)
{
    int a = base_index(s[0]), b = base_index(s[1]), c = base_index(s[2]);
    if (a < 0 || b < 0 || c < 0) return 'X';
    return table1[16 * a + 4 * b + c];
}

static const char *const aa3[26] = {
    "Ala", "Asx", "Cys", "Asp", "Glu", "Phe", "Gly", "His", "Ile", "Xaa", "Lys", "Leu", "Met",
    "Asn", "Pyl", "Pro", "Gln", "Arg", "Ser", "Thr", "Sec", "Val", "Trp", "Xaa", "Tyr", "Glx"
};

const char *rv_aa3(char aa)
{
    if (aa == '*') return "Ter";
    if (aa >= 'A' && aa <= 'Z') return aa3[aa - 'A'];
    return "Xaa";
}

void rv_revcomp(const char *s, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++) {
        char b = s[n - 1 - i], c;
        switch (b) {
        case 'A': c = 'T'; break;
        case 'C': c = 'G'; break;
        case 'G': c = 'C'; break;
        case 'T': c = 'A'; break;
        case 'a': c = 't'; break;
        case 'c': c = 'g'; break;
        case 'g': c = 'c'; break;
        case 't': c = 'a'; break;
        default:  c = 'N';
        }
        out[i] = c;
    }
}
