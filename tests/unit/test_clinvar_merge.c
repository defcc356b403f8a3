/* Unit tests (issue 12): several ClinVar records for one allele are merged when the
 * release is compiled: one conflicting record for two ACMG tiers, the better-reviewed
 * record for one tier, the record with an ACMG tier over one without. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sources/descriptor.h"
#include "sources/index.h"
#include "testhelp.h"

static char dir[] = "/tmp/revus-test-cvmerge.XXXXXX";

static const char *vcf =
    "##fileformat=VCFv4.1\n##fileDate=2024-01-01\n"
    "##INFO=<ID=ALLELEID,Number=1,Type=Integer,Description=\"a\">\n"
    "##INFO=<ID=CLNREVSTAT,Number=.,Type=String,Description=\"r\">\n"
    "##INFO=<ID=CLNSIG,Number=.,Type=String,Description=\"s\">\n"
    "##INFO=<ID=CLNSIGCONF,Number=.,Type=String,Description=\"c\">\n"
    "##INFO=<ID=GENEINFO,Number=1,Type=String,Description=\"g\">\n"
    "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
    /* two ACMG tiers for one allele (the second written as a longer, trimmed allele) */
    "1\t100\t11\tA\tG\t.\t.\tALLELEID=1;CLNREVSTAT=criteria_provided,_single_submitter;CLNSIG=Pathogenic\n"
    "1\t100\t12\tAC\tGC\t.\t.\tALLELEID=2;CLNREVSTAT=criteria_provided,_single_submitter;CLNSIG=Benign\n"
    /* one tier: the expert panel's record wins */
    "1\t200\t21\tC\tT\t.\t.\tALLELEID=3;CLNREVSTAT=criteria_provided,_single_submitter;CLNSIG=Likely_pathogenic\n"
    "1\t200\t22\tC\tT\t.\t.\tALLELEID=4;CLNREVSTAT=reviewed_by_expert_panel;CLNSIG=Pathogenic\n"
    /* no ACMG tier first: the classified record wins */
    "1\t300\t31\tG\tA\t.\t.\tALLELEID=5;CLNREVSTAT=no_assertion_provided;CLNSIG=not_provided\n"
    "1\t300\t32\tG\tA\t.\t.\tALLELEID=6;CLNREVSTAT=criteria_provided,_single_submitter;CLNSIG=Uncertain_significance\n";

static void check(rv_index *idx, long long pos, const char *ref, const char *alt, const char *sig,
                  const char *conf, long long id)
{
    rv_index_cursor cur = { 0, 0 };
    rv_varkey k = { 0, pos, ref, alt, (uint32_t)strlen(ref), (uint32_t)strlen(alt) };
    int64_t r = rv_index_find(idx, &cur, &k);
    CHECK(r >= 0);
    if (r < 0) return;
    const char *s; size_t n;
    CHECK(rv_index_get_str(idx, r, rv_index_field_id(idx, "clnsig"), &s, &n) == 0 && n == strlen(sig) && !memcmp(s, sig, n));
    if (conf) CHECK(rv_index_get_str(idx, r, rv_index_field_id(idx, "clnsigconf"), &s, &n) == 0 && n == strlen(conf) && !memcmp(s, conf, n));
    int64_t v;
    CHECK(rv_index_get_int(idx, r, rv_index_field_id(idx, "variation_id"), &v) == 0 && v == id);
}

int main(void)
{
    if (!mkdtemp(dir)) { perror("mkdtemp"); return 1; }
    char raw[600], out[600];
    snprintf(raw, sizeof raw, "%s/cv.vcf", dir);
    snprintf(out, sizeof out, "%s/cv.rvx", dir);
    FILE *f = fopen(raw, "w");
    if (!f) return 1;
    fputs(vcf, f);
    fclose(f);
    rv_err err; rv_err_clear(&err);
    rv_descriptor *d = NULL;
    TEST_CASE("several ClinVar records for one allele become one");
    CHECK_INT(rv_descriptor_load("annotations/clinvar-grch37.json", &d, &err), 0);
    if (!d) { fprintf(stderr, "%s\n", err.msg); return TEST_REPORT(); }
    rv_compile_stats st;
    CHECK_INT(rv_index_compile(d, raw, "2024-01-01", out, &st, &err), 0);
    CHECK_INT(st.duplicates, 3);
    rv_index *idx = NULL;
    CHECK_INT(rv_index_open(&idx, out, &err), 0);
    if (idx) {
        CHECK_INT(rv_index_n_records(idx), 3);
        check(idx, 100, "A", "G", "Conflicting_classifications_of_pathogenicity", "Pathogenic(1)|Benign(1)", 11);
        check(idx, 200, "C", "T", "Pathogenic", NULL, 22);
        check(idx, 300, "G", "A", "Uncertain_significance", NULL, 32);
        rv_index_close(idx);
    }
    rv_descriptor_free(d);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
    return TEST_REPORT();
}
