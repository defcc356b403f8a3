/* Unit tests: variant key, contig canonicalisation, build vote. */
#include <string.h>
#include "variant/contig.h"
#include "variant/varkey.h"
#include "testhelp.h"

static rv_varkey mk(int contig, long long pos, const char *ref, const char *alt)
{
    rv_varkey k = { contig, pos, ref, alt, (uint32_t)strlen(ref), (uint32_t)strlen(alt) };
    return k;
}

int main(void)
{
    char buf[128];

    TEST_CASE("contig ids");
    CHECK_INT(rv_contig_id("chr1", 4), 0);
    CHECK_INT(rv_contig_id("1", 1), 0);
    CHECK_INT(rv_contig_id("22", 2), 21);
    CHECK_INT(rv_contig_id("chrX", 4), RV_CONTIG_X);
    CHECK_INT(rv_contig_id("Y", 1), RV_CONTIG_Y);
    CHECK_INT(rv_contig_id("chrM", 4), RV_CONTIG_MT);
    CHECK_INT(rv_contig_id("MT", 2), RV_CONTIG_MT);
    CHECK_INT(rv_contig_id("M", 1), RV_CONTIG_MT);
    CHECK_INT(rv_contig_id("23", 2), RV_CONTIG_OTHER);
    CHECK_INT(rv_contig_id("0", 1), RV_CONTIG_OTHER);
    CHECK_INT(rv_contig_id("chr1_KI270706v1_random", 22), RV_CONTIG_OTHER);
    CHECK_INT(rv_contig_id("GL000192.1", 10), RV_CONTIG_OTHER);
    CHECK_INT(rv_contig_id("chr", 3), RV_CONTIG_OTHER);
    CHECK_STR(rv_contig_name(RV_CONTIG_MT), "MT");

    TEST_CASE("build table and vote");
    CHECK_INT(rv_build_contig_length(RV_BUILD_GRCH37, 0), 249250621);
    CHECK_INT(rv_build_contig_length(RV_BUILD_GRCH38, 0), 248956422);
    CHECK_INT(rv_build_vote("chr1", 4, 248956422, NULL), RV_BUILD_GRCH38);
    CHECK_INT(rv_build_vote("1", 1, 249250621, NULL), RV_BUILD_GRCH37);
    CHECK_INT(rv_build_vote("1", 1, 12345, NULL), RV_BUILD_UNKNOWN);
    int hg19 = 0;
    CHECK_INT(rv_build_vote("chrM", 4, 16571, &hg19), RV_BUILD_UNKNOWN);
    CHECK_INT(hg19, 1);
    CHECK_INT(rv_build_parse("hg38"), RV_BUILD_GRCH38);
    CHECK_INT(rv_build_parse("grch37"), RV_BUILD_GRCH37);
    CHECK_INT(rv_build_parse("T2T"), RV_BUILD_UNKNOWN);

    TEST_CASE("trim suffix then prefix");
    rv_varkey k = mk(0, 100, "CAGT", "CT");   /* deletion AG, padded */
    rv_varkey_trim(&k);
    CHECK_INT(k.pos, 100); CHECK_INT(k.ref_len, 3); CHECK_INT(k.alt_len, 1);
    k = mk(0, 100, "ATG", "AAG");             /* MNV-looking SNV */
    rv_varkey_trim(&k);
    CHECK_INT(k.pos, 101); CHECK(k.ref_len == 1 && k.ref[0] == 'T' && k.alt[0] == 'A');
    k = mk(0, 100, "A", "G");
    CHECK_INT(rv_varkey_trim(&k), 0);
    k = mk(0, 100, "GGCA", "GGCAGCA");        /* insertion with extra context */
    rv_varkey_trim(&k);
    CHECK_INT(k.pos, 100); CHECK_INT(k.ref_len, 1); CHECK_INT(k.alt_len, 4);

    TEST_CASE("compare and hash");
    rv_varkey a = mk(0, 10, "A", "G"), b = mk(0, 10, "A", "T"), c = mk(1, 5, "A", "G");
    CHECK(rv_varkey_cmp(&a, &b) < 0);
    CHECK(rv_varkey_cmp(&b, &c) < 0);
    CHECK(rv_varkey_cmp(&a, &a) == 0);
    rv_varkey a2 = mk(0, 10, "A", "G");
    CHECK(rv_varkey_eq(&a, &a2));
    CHECK(rv_varkey_hash(&a) == rv_varkey_hash(&a2));
    CHECK(rv_varkey_hash(&a) != rv_varkey_hash(&b));
    rv_varkey d1 = mk(0, 10, "AC", "A"), d2 = mk(0, 10, "A", "CA");
    CHECK(rv_varkey_hash(&d1) != rv_varkey_hash(&d2));

    TEST_CASE("format and parse");
    CHECK_INT(rv_varkey_format(&c, buf, sizeof buf), 7);
    CHECK_STR(buf, "2-5-A-G");
    rv_varkey p;
    CHECK_INT(rv_varkey_parse("chrX:123:AT:A", &p), 0);
    CHECK_INT(p.contig, RV_CONTIG_X); CHECK_INT(p.pos, 123); CHECK_INT(p.ref_len, 2);
    CHECK_INT(rv_varkey_parse("1-0-A-G", &p), -1);
    CHECK_INT(rv_varkey_parse("1-5-A", &p), -1);
    CHECK_INT(rv_varkey_parse("chrUn-5-A-G", &p), -1);
    CHECK_INT(rv_varkey_parse("1-5x-A-G", &p), -1);
    TEST_CASE("a position that would overflow is refused, not wrapped (issue 11)");
    CHECK_INT(rv_varkey_parse("7-18446744073709551617-A-T", &p), -1);
    CHECK_INT(rv_varkey_parse("7-99999999999999999999999-A-T", &p), -1);
    CHECK_INT(rv_varkey_parse("7-1099511627776-A-T", &p), 0);      /* 2^40: the limit itself */

    return TEST_REPORT();
}
