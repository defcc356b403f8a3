/* Unit tests: left-alignment and REF check against an in-memory reference, and the
 * Number=A/R/G index arithmetic of the splitter. */
#include <stdlib.h>
#include <string.h>
#include "input/leftalign.h"
#include "variant/varkey.h"
#include "input/vcf_split.h"
#include "testhelp.h"

/* Reference: 1-based position 1 is seq[0]. */
static const char *SEQ = "GGATTACACACACAGTTTTTGCCAGCAGCAGTTATATATAC";
/* Expected results below were produced by `bcftools norm -f` on the same sequence. */

static kstring_t wr, wa;

/* Trim (as the reader does) then left-align; format "POS REF ALT". */
static const char *norm(long long pos, const char *ref, const char *alt, long long max_shift)
{
    static char buf[128];
    rv_refspan span = { SEQ, 0, (int64_t)strlen(SEQ) };
    rv_varkey k = { 0, pos, ref, alt, (uint32_t)strlen(ref), (uint32_t)strlen(alt) };
    rv_varkey_trim(&k);
    rv_aligned a;
    if (rv_left_align(&span, k.pos, k.ref, (int)k.ref_len, k.alt, (int)k.alt_len, max_shift, &wr, &wa, &a))
        snprintf(buf, sizeof buf, "%lld %.*s %.*s", (long long)a.pos, a.ref_len, a.ref, a.alt_len, a.alt);
    else
        snprintf(buf, sizeof buf, "unaligned %lld %.*s %.*s", (long long)k.pos, (int)k.ref_len, k.ref, (int)k.alt_len, k.alt);
    return buf;
}

int main(void)
{
    TEST_CASE("deletion in a CA repeat moves to the repeat start");
    /* ACACACACA at 6..14 after T at 5 */
    CHECK_STR(norm(12, "ACA", "A", 1000), "5 TAC T");
    CHECK_STR(norm(6, "ACA", "A", 1000), "5 TAC T");

    TEST_CASE("insertion in a CA repeat");
    CHECK_STR(norm(13, "C", "CAC", 1000), "5 T TAC");
    CHECK_STR(norm(14, "A", "AG", 1000), "14 A AG");            /* not a repeat: unchanged */

    TEST_CASE("homopolymer deletion and insertion");
    /* TTTTT at 16..20 after G at 15 */
    CHECK_STR(norm(19, "TT", "T", 1000), "15 GT G");
    CHECK_STR(norm(20, "T", "TT", 1000), "15 G GT");

    TEST_CASE("trinucleotide repeat with extra context on both ends");
    /* CAGCAGCAG at 23..31 after C at 22 */
    CHECK_STR(norm(28, "GCAG", "GCAGCAG", 1000), "22 C CCAG");

    TEST_CASE("window limits the shift");
    CHECK_STR(norm(12, "ACA", "A", 2), "unaligned 12 ACA A");

    TEST_CASE("SNV and MNV are only trimmed (no alignment of equal-length alleles)");
    rv_refspan span = { SEQ, 0, (int64_t)strlen(SEQ) };
    rv_aligned a;
    CHECK_INT(rv_left_align(&span, 3, "A", 1, "G", 1, 1000, &wr, &wa, &a), 1);
    CHECK_INT(a.pos, 3);
    CHECK_INT(a.shift, 0);

    TEST_CASE("at position 1 the padding base comes from the right");
    CHECK_STR(norm(2, "GA", "A", 1000), "1 GG G");             /* padded on the right */

    TEST_CASE("REF check");
    CHECK_INT(rv_ref_matches(&span, 3, "ATTA", 4), 1);
    CHECK_INT(rv_ref_matches(&span, 3, "attA", 4), 1);
    CHECK_INT(rv_ref_matches(&span, 3, "ATTC", 4), 0);
    CHECK_INT(rv_ref_matches(&span, 40, "ACGT", 4), 0);        /* runs off the end */

    TEST_CASE("split index arithmetic");
    int nk = 0;
    CHECK_INT(rv_split_index(BCF_VL_A, 2, 3, 2, 0, &nk), 1); CHECK_INT(nk, 1);
    CHECK_INT(rv_split_index(BCF_VL_R, 2, 3, 3, 0, &nk), 0); CHECK_INT(nk, 2);
    CHECK_INT(rv_split_index(BCF_VL_R, 2, 3, 3, 1, &nk), 2);
    /* diploid PL of 3 alleles: 00 01 11 02 12 22 -> ALT 2 keeps 00, 02, 22 */
    CHECK_INT(rv_split_index(BCF_VL_G, 2, 3, 6, 0, &nk), 0); CHECK_INT(nk, 3);
    CHECK_INT(rv_split_index(BCF_VL_G, 2, 3, 6, 1, &nk), 3);
    CHECK_INT(rv_split_index(BCF_VL_G, 2, 3, 6, 2, &nk), 5);
    /* haploid: one value per allele */
    CHECK_INT(rv_split_index(BCF_VL_G, 2, 3, 3, 1, &nk), 2); CHECK_INT(nk, 2);
    /* missing "." */
    CHECK_INT(rv_split_index(BCF_VL_G, 2, 3, 1, 0, &nk), -1); CHECK_INT(nk, 1);
    CHECK_INT(rv_split_index(BCF_VL_A, 3, 3, 1, 0, &nk), -1);  /* too few values */

    free(wr.s); free(wa.s);
    return TEST_REPORT();
}
