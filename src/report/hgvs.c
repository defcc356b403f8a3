/* report/hgvs.c: HGVS as a clinician reads it.
 *
 * Inputs carry HGVS in several spellings: VEP's HGVSc starts with its transcript
 * ("ENST00000376087.4:c.2697+101G>A") while the transcript field holds the same id again,
 * VEP percent-encodes '=' ("p.%3D"), bcftools and SnpEff may write one-letter amino acids.
 * A report writes the transcript once and the protein change in three-letter amino acids,
 * as the HGVS recommendations ask for reports. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "report/model.h"

/* One-letter amino-acid codes and their three-letter names (IUPAC-IUB); '*' and 'X' are stop. */
static const struct { char one; const char *three; } amino[] = {
    { 'A', "Ala" }, { 'R', "Arg" }, { 'N', "Asn" }, { 'D', "Asp" }, { 'C', "Cys" },
    { 'Q', "Gln" }, { 'E', "Glu" }, { 'G', "Gly" }, { 'H', "His" }, { 'I', "Ile" },
    { 'L', "Leu" }, { 'K', "Lys" }, { 'M', "Met" }, { 'F', "Phe" }, { 'P', "Pro" },
    { 'S', "Ser" }, { 'T', "Thr" }, { 'W', "Trp" }, { 'Y', "Tyr" }, { 'V', "Val" },
    { 'U', "Sec" }, { 'O', "Pyl" }, { '*', "Ter" }, { 'X', "Ter" },
};

static const char *three_of(char c)
{
    for (size_t i = 0; i < sizeof amino / sizeof *amino; i++)
        if (amino[i].one == c) return amino[i].three;
    return NULL;
}

/* Copy s (n bytes) into out at *k with %XX read as its byte; -1 when out is full. */
static int put_decoded(char *out, size_t n, size_t *k, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '%' && i + 2 < len && isxdigit((unsigned char)s[i + 1]) && isxdigit((unsigned char)s[i + 2])) {
            char hex[3] = { s[i + 1], s[i + 2], 0 };
            c = (char)strtol(hex, NULL, 16);
            i += 2;
        }
        if (*k + 1 >= n) return -1;
        out[(*k)++] = c;
    }
    out[*k] = '\0';
    return 0;
}

/* The part after the accession ("ACC:c.1A>G" -> "c.1A>G"), and the accession's length. */
static const char *after_accession(const char *s, size_t *acc_len)
{
    const char *colon = strchr(s, ':');
    *acc_len = colon ? (size_t)(colon - s) : 0;
    return colon ? colon + 1 : s;
}

int rv_hgvsp_three_letter(const char *hgvsp, char *out, size_t n)
{
    size_t acc, k = 0;
    char plain[256];
    const char *p = after_accession(hgvsp, &acc);
    if (n == 0 || put_decoded(plain, sizeof plain, &k, p, strlen(p)) < 0) return -1;
    k = 0;
    out[0] = '\0';
    const char *q = plain;
    if (strncmp(q, "p.", 2) != 0) return snprintf(out, n, "%s", plain) < (int)n ? 0 : -1;
    /* already three-letter ("p.Arg117His", "p.(Arg117His)")? */
    const char *first = q + 2 + (q[2] == '(');
    int three = isupper((unsigned char)first[0]) && islower((unsigned char)first[1]) &&
                islower((unsigned char)first[2]);
    for (; *q; q++) {
        const char *t = !three && q >= plain + 2 ? three_of(*q) : NULL;
        /* a one-letter code is an upper-case letter (or '*'); lower-case words such as
         * "fs", "del", "ins", "ext" and digits are kept as they are */
        size_t len = t ? 3 : 1;
        if (k + len + 1 > n) return -1;
        if (t) memcpy(out + k, t, 3); else out[k] = *q;
        k += len;
    }
    out[k] = '\0';
    return 0;
}

const char *rv_report_hgvs(rv_report *r, const char *transcript, const char *hgvsc, const char *hgvsp)
{
    if ((!hgvsc || !*hgvsc) && (!hgvsp || !*hgvsp)) return NULL;
    char out[768], prot[256];
    size_t k = 0;
    out[0] = '\0';
    if (hgvsc && *hgvsc) {
        size_t acc;
        const char *c = after_accession(hgvsc, &acc);
        /* the versioned id inside HGVSc names the transcript more exactly than the bare
         * transcript field; another id there wins too (it is what the change refers to) */
        if (acc) k = (size_t)snprintf(out, sizeof out, "%.*s:", (int)acc, hgvsc);
        else if (transcript && *transcript) k = (size_t)snprintf(out, sizeof out, "%s:", transcript);
        if (k >= sizeof out || put_decoded(out, sizeof out, &k, c, strlen(c)) < 0) return NULL;
    }
    if (hgvsp && *hgvsp && rv_hgvsp_three_letter(hgvsp, prot, sizeof prot) == 0 && *prot) {
        int w = snprintf(out + k, sizeof out - k, "%s%s", k ? " " : "", prot);
        if (w < 0 || (size_t)w >= sizeof out - k) return NULL;
    }
    return rv_report_str(r, out);
}
