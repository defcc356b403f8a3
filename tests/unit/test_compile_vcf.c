/* Unit tests: VCF compiler on real ClinVar and gnomAD fixtures (test-data/index), format
 * drift (old ClinVar format, a renamed INFO field, unknown terms), build mismatch. */
#include <htslib/hts.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "variant/contig.h"
#include "sources/descriptor.h"
#include "sources/index.h"
#include "testhelp.h"

#define TD "test-data/index/"
static char dir[] = "/tmp/revus-test-cvcf.XXXXXX";

static rv_field_map fm(const char *name, const char *from, rv_ftype t, const char *op)
{
    rv_field_map m = { (char *)name, (char *)from, t, (char *)op };
    return m;
}

static rv_varkey key(int contig, long long pos, const char *ref, const char *alt)
{
    rv_varkey k = { contig, pos, ref, alt, (uint32_t)strlen(ref), (uint32_t)strlen(alt) };
    return k;
}

static int str_is(const rv_index *idx, int64_t rec, const char *field, const char *want)
{
    const char *s; size_t n;
    int f = rv_index_field_id(idx, field);
    if (f < 0 || rv_index_get_str(idx, rec, f, &s, &n) < 0) return want == NULL;
    return want && n == strlen(want) && memcmp(s, want, n) == 0;
}

static double flt(const rv_index *idx, int64_t rec, const char *field)
{
    double v;
    return rv_index_get_float(idx, rec, rv_index_field_id(idx, field), &v) == 0 ? v : NAN;
}

static rv_field_map clinvar_fields[5];
static void clinvar_descriptor(rv_descriptor *d, rv_build build)
{
    memset(d, 0, sizeof *d);
    d->name = "clinvar"; d->role = rv_role_find("clinical-assertion"); d->format = "vcf"; d->build = build;
    clinvar_fields[0] = fm("clnsig", "CLNSIG", RV_T_STR, NULL);
    clinvar_fields[1] = fm("clnrevstat", "CLNREVSTAT", RV_T_STR, NULL);
    clinvar_fields[2] = fm("clnsigconf", "CLNSIGCONF", RV_T_STR, NULL);
    clinvar_fields[3] = fm("variation_id", "ID", RV_T_INT, NULL);
    clinvar_fields[4] = fm("gene", "GENEINFO", RV_T_STR, NULL);
    d->fields = clinvar_fields; d->n_fields = 5;
}

static void test_clinvar(void)
{
    rv_descriptor d;
    rv_err err; rv_compile_stats st;
    char out[512];
    snprintf(out, sizeof out, "%s/clinvar.rvi", dir);

    TEST_CASE("ClinVar 2024 GRCh38 (real records)");
    clinvar_descriptor(&d, RV_BUILD_GRCH38);
    CHECK_INT(rv_index_compile(&d, TD "clinvar_20241111.GRCh38.seqr_11_records.vcf", "2024-11-11", out, &st, &err), 0);
    if (err.code) fprintf(stderr, "%s\n", err.msg);
    CHECK_INT(st.records_in, 11);
    CHECK_INT(st.records_out, 11);
    rv_index *idx = NULL;
    CHECK_INT(rv_index_open(&idx, out, &err), 0);
    if (idx) {
        rv_index_cursor cur = { 0, 0 };
        rv_varkey k = key(0, 69134, "A", "G");
        int64_t r = rv_index_find(idx, &cur, &k);
        CHECK(r >= 0);
        CHECK(str_is(idx, r, "clnsig", "Likely_benign"));
        CHECK(str_is(idx, r, "clnrevstat", "criteria_provided,_single_submitter"));   /* commas kept */
        CHECK(str_is(idx, r, "clnsigconf", NULL));
        CHECK(str_is(idx, r, "gene", "OR4F5:79501"));
        int64_t vid;
        CHECK_INT(rv_index_get_int(idx, r, rv_index_field_id(idx, "variation_id"), &vid), 0);
        CHECK_INT(vid, 1);
        k = key(0, 925956, "C", "T");
        r = rv_index_find(idx, &cur, &k);
        CHECK(r >= 0);
        CHECK(str_is(idx, r, "clnsig", "Likely_benign"));
        k = key(0, 925956, "C", "A");
        CHECK_INT(rv_index_find(idx, &cur, &k), -1);
        rv_index_close(idx);
    }

    TEST_CASE("ClinVar 2021 GRCh37");
    clinvar_descriptor(&d, RV_BUILD_GRCH37);
    CHECK_INT(rv_index_compile(&d, TD "clinvar_20210302.GRCh37.10_records.vcf", "2021-03-02", out, &st, &err), 0);
    if (err.code) fprintf(stderr, "%s\n", err.msg);
    CHECK_INT(st.records_out + st.skipped_other, st.records_in);
    CHECK(st.records_out >= 9);

    TEST_CASE("ClinVar old (2017) format refused");
    clinvar_descriptor(&d, RV_BUILD_GRCH37);
    unlink(out);
    CHECK_INT(rv_index_compile(&d, TD "clinvar_20170404.GRCh37.old_format_13_records.vcf", "2017-04-04", out, &st, &err), RV_ESOURCE);
    CHECK(strstr(err.msg, "old ClinVar VCF format") != NULL);
    CHECK(strstr(err.msg, "clinvar_20170404") != NULL);
    CHECK(access(out, F_OK) != 0);

    TEST_CASE("ClinVar drift: a required INFO field renamed");
    clinvar_descriptor(&d, RV_BUILD_GRCH38);
    clinvar_fields[0].from = "CLNSIG_NEW";
    CHECK_INT(rv_index_compile(&d, TD "clinvar_20241111.GRCh38.seqr_11_records.vcf", "x", out, &st, &err), RV_ESOURCE);
    CHECK(strstr(err.msg, "CLNSIG_NEW") != NULL && strstr(err.msg, "clnsig") != NULL);

    TEST_CASE("ClinVar drift: numeric CLNSIG in a new-style file");
    char bad[512];
    snprintf(bad, sizeof bad, "%s/numeric.vcf", dir);
    FILE *f = fopen(bad, "w");
    fprintf(f, "##fileformat=VCFv4.1\n##INFO=<ID=CLNSIG,Number=.,Type=String,Description=\"x\">\n"
               "##INFO=<ID=CLNREVSTAT,Number=.,Type=String,Description=\"x\">\n"
               "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
               "1\t100\t5\tA\tG\t.\t.\tCLNSIG=Pathogenic;CLNREVSTAT=practice_guideline\n"
               "1\t200\t6\tA\tG\t.\t.\tCLNSIG=5;CLNREVSTAT=practice_guideline\n");
    fclose(f);
    clinvar_descriptor(&d, RV_BUILD_GRCH37);
    CHECK_INT(rv_index_compile(&d, bad, "x", out, &st, &err), RV_ESOURCE);
    CHECK(strstr(err.msg, "numeric.vcf:6:") != NULL);

#if defined(__has_include)
#  if __has_include("sources/clinvar.h")
    TEST_CASE("ClinVar drift: unknown CLNSIG term stops the compile");
    f = fopen(bad, "w");
    fprintf(f, "##fileformat=VCFv4.1\n##INFO=<ID=CLNSIG,Number=.,Type=String,Description=\"x\">\n"
               "##INFO=<ID=CLNREVSTAT,Number=.,Type=String,Description=\"x\">\n"
               "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
               "1\t100\t5\tA\tG\t.\t.\tCLNSIG=Pathogenic;CLNREVSTAT=practice_guideline\n"
               "1\t200\t6\tA\tG\t.\t.\tCLNSIG=Almost_pathogenic;CLNREVSTAT=practice_guideline\n");
    fclose(f);
    CHECK_INT(rv_index_compile(&d, bad, "x", out, &st, &err), RV_ESOURCE);
    CHECK(strstr(err.msg, "numeric.vcf:6:") != NULL && strstr(err.msg, "Almost_pathogenic") != NULL);
    f = fopen(bad, "w");
    fprintf(f, "##fileformat=VCFv4.1\n##INFO=<ID=CLNSIG,Number=.,Type=String,Description=\"x\">\n"
               "##INFO=<ID=CLNREVSTAT,Number=.,Type=String,Description=\"x\">\n"
               "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
               "1\t100\t5\tA\tG\t.\t.\tCLNSIG=Pathogenic;CLNREVSTAT=reviewed_by_robots\n");
    fclose(f);
    CHECK_INT(rv_index_compile(&d, bad, "x", out, &st, &err), RV_ESOURCE);
    CHECK(strstr(err.msg, "numeric.vcf:5:") != NULL && strstr(err.msg, "reviewed_by_robots") != NULL);
#  endif
#endif
}

static void test_gnomad(void)
{
    rv_err err; rv_compile_stats st;
    char out[512];
    snprintf(out, sizeof out, "%s/gnomad.rvi", dir);
    rv_descriptor d; memset(&d, 0, sizeof d);

    TEST_CASE("gnomAD v2.1.1 exomes GRCh37: PASS only, min AN, v2 field names");
    rv_field_map f2[6] = { fm("af", "AF", RV_T_FLOAT, NULL), fm("an", "AN", RV_T_INT, NULL), fm("ac", "AC", RV_T_INT, NULL),
                           fm("nhomalt", "nhomalt", RV_T_INT, NULL), fm("af_grpmax", "AF_popmax", RV_T_FLOAT, NULL),
                           fm("faf95", "faf95", RV_T_FLOAT, NULL) };
    d.name = "gnomad_v2"; d.role = rv_role_find("population-frequency"); d.format = "vcf"; d.build = RV_BUILD_GRCH37;
    d.fields = f2; d.n_fields = 6; d.pass_only = 1; d.min_an = 1000;
    CHECK_INT(rv_index_compile(&d, TD "gnomad.exomes.r2.1.1.GRCh37.PCSK9_1-55505599-55516888.vcf.bgz", "2.1.1", out, &st, &err), 0);
    if (err.code) fprintf(stderr, "%s\n", err.msg);
    CHECK_INT(st.records_in, 293);
    CHECK_INT(st.skipped_filter, 44);
    CHECK_INT(st.records_out, 249);      /* bcftools view -f PASS -i 'AN>=1000' */
    rv_index *idx = NULL;
    CHECK_INT(rv_index_open(&idx, out, &err), 0);
    if (idx) {
        rv_index_cursor cur = { 0, 0 };
        rv_varkey k = key(0, 55505599, "C", "G");
        int64_t r = rv_index_find(idx, &cur, &k);
        CHECK(r >= 0);
        CHECK_DBL(flt(idx, r, "af"), 1.11546e-05, 1e-12);
        CHECK_DBL(flt(idx, r, "af_grpmax"), 2.68197e-05, 1e-12);
        CHECK_DBL(flt(idx, r, "faf95"), 1.85e-06, 1e-12);
        int64_t an;
        CHECK_INT(rv_index_get_int(idx, r, rv_index_field_id(idx, "an"), &an), 0);
        CHECK_INT(an, 179298);
        k = key(0, 55505603, "G", "GGAGGAC");      /* an insertion */
        r = rv_index_find(idx, &cur, &k);
        CHECK(r >= 0);
        CHECK_DBL(flt(idx, r, "af"), 0.000115368, 1e-12);
        rv_index_close(idx);
    }

    TEST_CASE("gnomAD v4 genomes GRCh38: v4 field names, missing values");
    rv_field_map f4[5] = { fm("af", "AF", RV_T_FLOAT, NULL), fm("an", "AN", RV_T_INT, NULL),
                           fm("af_grpmax", "AF_grpmax", RV_T_FLOAT, NULL), fm("faf95", "fafmax_faf95_max", RV_T_FLOAT, NULL),
                           fm("nhomalt", "nhomalt", RV_T_INT, NULL) };
    d.name = "gnomad_v4"; d.build = RV_BUILD_GRCH38; d.fields = f4; d.n_fields = 5; d.min_an = 0;
    CHECK_INT(rv_index_compile(&d, TD "gnomad.genomes.v4.0.GRCh38.PCSK9_22records.vcf.bgz", "4.0", out, &st, &err), 0);
    CHECK_INT(st.records_out, 22);
    CHECK_INT(rv_index_open(&idx, out, &err), 0);
    if (idx) {
        rv_index_cursor cur = { 0, 0 };
        rv_varkey k = key(0, 55039894, "G", "C");
        int64_t r = rv_index_find(idx, &cur, &k);
        CHECK_DBL(flt(idx, r, "faf95"), 9.562e-05, 1e-12);
        k = key(0, 55039903, "C", "T");
        r = rv_index_find(idx, &cur, &k);
        CHECK(r >= 0);
        CHECK(isnan(flt(idx, r, "af_grpmax")));       /* absent, not 0 */
        k = key(0, 55039943, "G", "T");              /* second allele at one position */
        r = rv_index_find(idx, &cur, &k);
        CHECK_DBL(flt(idx, r, "af_grpmax"), 0.000192456, 1e-12);
        rv_index_close(idx);
    }

    TEST_CASE("gnomAD v4 exomes: PASS only, two alleles at one position");
    d.pass_only = 1;
    CHECK_INT(rv_index_compile(&d, TD "gnomad.exomes.v4.0.GRCh38.PCSK9_chr1-55039893-55039951.vcf.bgz", "4.0", out, &st, &err), 0);
    CHECK_INT(st.records_in, 101);
    CHECK_INT(st.records_out, 56);             /* bcftools view -f PASS */
    CHECK_INT(st.skipped_filter, 45);
    CHECK_INT(rv_index_open(&idx, out, &err), 0);
    if (idx) {
        rv_index_cursor cur = { 0, 0 };
        rv_varkey k = key(0, 55039894, "G", "GCTC");
        int64_t r = rv_index_find(idx, &cur, &k);
        CHECK(r >= 0);
        CHECK_DBL(flt(idx, r, "af"), 7.07648e-07, 1e-15);
        CHECK(isnan(flt(idx, r, "faf95")));
        k = key(0, 55039894, "G", "C");
        r = rv_index_find(idx, &cur, &k);
        CHECK_DBL(flt(idx, r, "faf95"), 5.98e-05, 1e-15);
        rv_index_close(idx);
    }
    d.pass_only = 0;

    TEST_CASE("build mismatch: a GRCh38 file under a GRCh37 descriptor");
    d.build = RV_BUILD_GRCH37;
    CHECK_INT(rv_index_compile(&d, TD "gnomad.genomes.v4.0.GRCh38.PCSK9_22records.vcf.bgz", "4.0", out, &st, &err), RV_EBUILD);
    CHECK(strstr(err.msg, "GRCh38") != NULL && strstr(err.msg, "GRCh37") != NULL);

    TEST_CASE("min_an without an 'an' mapping is a descriptor error");
    rv_field_map f1[1] = { fm("af", "AF", RV_T_FLOAT, NULL) };
    d.build = RV_BUILD_GRCH38; d.fields = f1; d.n_fields = 1; d.min_an = 10;
    CHECK_INT(rv_index_compile(&d, TD "gnomad.genomes.v4.0.GRCh38.PCSK9_22records.vcf.bgz", "4.0", out, &st, &err), RV_EUSAGE);
}

int main(void)
{
    hts_set_log_level(HTS_LOG_OFF);   /* as the CLI does: errors arrive through rv_err */
    if (!mkdtemp(dir)) { perror("mkdtemp"); return 1; }
    test_clinvar();
    test_gnomad();
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
    return TEST_REPORT();
}
