/* Unit tests (issue 12): coverage of a compiled release. Region texts and BED files are
 * parsed, sorted and merged; a release with declared regions covers only them; without
 * a declaration it covers the contigs holding records; an index of format 1 (compiled
 * before coverage was recorded, fixture from tag base-session9) is still read, with that
 * same rule; the annotator marks an uncovered variant as a gap, not as absent. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sources/annotator.h"
#include "sources/coverage.h"
#include "sources/descriptor.h"
#include "sources/index.h"
#include "testhelp.h"

static char dir[] = "/tmp/revus-test-coverage.XXXXXX";

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f) return;
    fputs(text, f);
    fclose(f);
}

static void test_regions(void)
{
    rv_err err; rv_err_clear(&err);
    rv_regions r = { 0 };
    TEST_CASE("region texts");
    CHECK_INT(rv_regions_add_text(&r, "chr2:100-200", RV_BUILD_GRCH38, &err), 0);
    CHECK_INT(rv_regions_add_text(&r, "2:150-300", RV_BUILD_GRCH38, &err), 0);    /* overlaps: merged */
    CHECK_INT(rv_regions_add_text(&r, "2:301", RV_BUILD_GRCH38, &err), 0);        /* touches: merged */
    CHECK_INT(rv_regions_add_text(&r, "chr1:1,000-2,000", RV_BUILD_GRCH38, &err), 0);
    CHECK_INT(rv_regions_add_text(&r, "chrX", RV_BUILD_GRCH38, &err), 0);
    rv_regions_normalise(&r);
    CHECK_INT(r.n, 3);
    if (r.n == 3) {
        CHECK_INT(r.v[0], 0); CHECK_INT(r.v[1], 1000); CHECK_INT(r.v[2], 2000);
        CHECK_INT(r.v[3], 1); CHECK_INT(r.v[4], 100); CHECK_INT(r.v[5], 301);
        CHECK_INT(r.v[6], RV_CONTIG_X); CHECK_INT(r.v[7], 1); CHECK_INT(r.v[8], 156040895);
    }
    TEST_CASE("bad region texts refused");
    CHECK_INT(rv_regions_add_text(&r, "chr1:200-100", RV_BUILD_GRCH38, &err), RV_EINPUT);
    CHECK(strstr(err.msg, "chr1:200-100") != NULL);
    CHECK_INT(rv_regions_add_text(&r, "chrUn_x:1-5", RV_BUILD_GRCH38, &err), RV_EINPUT);
    CHECK_INT(rv_regions_add_text(&r, "chr1:abc", RV_BUILD_GRCH38, &err), RV_EINPUT);
    CHECK_INT(rv_regions_add_text(&r, "chr1", RV_BUILD_UNKNOWN, &err), RV_EINPUT);
    rv_regions_free(&r);

    TEST_CASE("BED file: 0-based starts, header lines, non-primary contigs skipped");
    char bed[600];
    snprintf(bed, sizeof bed, "%s/cov.bed", dir);
    write_file(bed, "track name=exome\n#comment\nchr1\t99\t200\tEXON1\nchr1_alt\t5\t10\n1\t150\t400\n");
    CHECK_INT(rv_regions_add_bed(&r, bed, &err), 0);
    rv_regions_normalise(&r);
    CHECK_INT(r.n, 1);
    if (r.n == 1) { CHECK_INT(r.v[1], 100); CHECK_INT(r.v[2], 400); }
    rv_regions_free(&r);
    write_file(bed, "chr1\t99\t200\nchr1\t300\n");
    CHECK_INT(rv_regions_add_bed(&r, bed, &err), RV_EINPUT);
    CHECK(strstr(err.msg, "cov.bed:2") != NULL);
    rv_regions_free(&r);
}

static const char *table =
    "#chrom\tpos\tref\talt\taf\tan\n"
    "1\t150\tA\tG\t0.001\t10000\n"
    "1\t5000\tC\tT\t0.2\t10000\n"
    "21\t100\tG\tA\t0.0001\t10000\n";

static void pop_descriptor(rv_descriptor *d, rv_field_map *f, char **cov, int n_cov)
{
    memset(d, 0, sizeof *d);
    d->name = "pop"; d->role = rv_role_find("population-frequency"); d->format = "tsv";
    d->build = RV_BUILD_GRCH38; d->delimiter = '\t';
    d->col_chrom = "chrom"; d->col_pos = "pos"; d->col_ref = "ref"; d->col_alt = "alt";
    f[0] = (rv_field_map){ "af", "af", RV_T_FLOAT, NULL };
    f[1] = (rv_field_map){ "an", "an", RV_T_INT, NULL };
    d->fields = f; d->n_fields = 2;
    d->coverage = cov; d->n_coverage = n_cov;
}

static void test_compiled(void)
{
    rv_err err; rv_err_clear(&err);
    char raw[600], out[600], out2[600];
    snprintf(raw, sizeof raw, "%s/pop.tsv", dir);
    snprintf(out, sizeof out, "%s/pop.rvx", dir);
    snprintf(out2, sizeof out2, "%s/pop-regions.rvx", dir);
    write_file(raw, table);
    rv_descriptor d; rv_field_map f[2];

    TEST_CASE("no declaration: the contigs holding records");
    pop_descriptor(&d, f, NULL, 0);
    CHECK_INT(rv_index_compile(&d, raw, "1", out, NULL, &err), 0);
    rv_index *idx = NULL;
    CHECK_INT(rv_index_open(&idx, out, &err), 0);
    if (!idx) { fprintf(stderr, "%s\n", err.msg); return; }
    CHECK_INT(rv_index_format_version(idx), 2);
    CHECK_INT(rv_index_n_coverage_regions(idx), 0);
    CHECK_INT(rv_index_covers(idx, 0, 1), 1);
    CHECK_INT(rv_index_covers(idx, 0, 200000000), 1);
    CHECK_INT(rv_index_covers(idx, 20, 5), 1);
    CHECK_INT(rv_index_covers(idx, 1, 100), 0);           /* chr2: no record */
    CHECK_INT(rv_index_covers(idx, RV_CONTIG_X, 100), 0);
    CHECK_STR(rv_index_meta(idx, "coverage"), "contigs with records");
    rv_index_close(idx);
    char text[512];
    CHECK_INT(rv_coverage_describe(out, text, sizeof text, &err), 0);
    CHECK_STR(text, "contigs with records: chr1, chr21");

    TEST_CASE("declared regions");
    char *cov[] = { "chr1:100-1000", "chr2" };
    pop_descriptor(&d, f, cov, 2);
    CHECK_INT(rv_index_compile(&d, raw, "1", out2, NULL, &err), 0);
    CHECK_INT(rv_index_open(&idx, out2, &err), 0);
    if (!idx) { fprintf(stderr, "%s\n", err.msg); return; }
    CHECK_INT(rv_index_n_coverage_regions(idx), 2);
    CHECK_INT(rv_index_covers(idx, 0, 99), 0);
    CHECK_INT(rv_index_covers(idx, 0, 100), 1);
    CHECK_INT(rv_index_covers(idx, 0, 1000), 1);
    CHECK_INT(rv_index_covers(idx, 0, 1001), 0);
    CHECK_INT(rv_index_covers(idx, 0, 5000), 0);         /* a record, but outside the declaration */
    CHECK_INT(rv_index_covers(idx, 1, 242193529), 1);    /* all of chr2, no record there */
    CHECK_INT(rv_index_covers(idx, 20, 100), 0);
    CHECK_INT(rv_index_verify(out2, &err), 0);
    rv_index_close(idx);
    CHECK_INT(rv_coverage_describe(out2, text, sizeof text, &err), 0);
    CHECK(strstr(text, "2 declared regions") == text);

    TEST_CASE("the annotator: uncovered is a gap, covered and missing is absent");
    rv_annotator *a = NULL;
    rv_annot_source src = { out2, NULL, NULL, NULL };
    CHECK_INT(rv_annotator_open(&a, &src, 1, &err), 0);
    if (!a) return;
    rv_evidence ev;
    rv_varkey k = { 0, 500, "A", "G", 1, 1 };
    rv_evidence_init(&ev, &k);
    rv_annotator_variant(a, &k, &ev);
    CHECK_INT(ev.has_pop, 0);
    CHECK_STR(ev.pop_src.source, "pop");
    CHECK(ev.pop_gap.source == NULL);
    k.pos = 5000; k.ref = "C"; k.alt = "T";
    rv_evidence_init(&ev, &k);
    rv_annotator_variant(a, &k, &ev);
    CHECK_INT(ev.has_pop, 0);
    CHECK(ev.pop_src.source == NULL);
    CHECK_STR(ev.pop_gap.source, "pop");
    CHECK_INT(ev.pop_gap_partial, 1);
    rv_annotator_close(a);

    TEST_CASE("two population sources: only the covering ones speak");
    rv_annot_source two[] = { { out, "whole", "1", NULL }, { out2, "regions", "1", NULL } };
    CHECK_INT(rv_annotator_open(&a, two, 2, &err), 0);
    if (!a) return;
    rv_varkey k2 = { 1, 5000, "A", "G", 1, 1 };          /* chr2: only "regions" covers it */
    rv_evidence_init(&ev, &k2);
    rv_annotator_variant(a, &k2, &ev);
    CHECK_INT(ev.n_pops, 1);
    CHECK_STR(ev.pops[0].src.source, "regions");
    CHECK_INT(ev.pops[0].has, 0);
    CHECK(ev.pop_gap.source == NULL);                    /* a covering source was consulted */
    rv_varkey k3 = { 0, 150, "A", "G", 1, 1 };           /* chr1:150: both cover, both have it */
    rv_evidence_init(&ev, &k3);
    rv_annotator_variant(a, &k3, &ev);
    CHECK_INT(ev.n_pops, 2);
    CHECK_INT(ev.pops[0].has, 1);
    CHECK_INT(ev.pops[1].has, 1);
    CHECK_DBL(ev.pops[1].af, 0.001, 1e-12);
    rv_varkey k4 = { 20, 100, "G", "A", 1, 1 };          /* chr21: only "whole" covers it */
    rv_evidence_init(&ev, &k4);
    rv_annotator_variant(a, &k4, &ev);
    CHECK_INT(ev.n_pops, 1);
    CHECK_STR(ev.pop_src.source, "whole");
    rv_annotator_close(a);
}

/* A release of several files (one per chromosome) compiled into one index. */
static void test_set(void)
{
    rv_err err; rv_err_clear(&err);
    char f1[600], f21[600], fx[600], out[600];
    snprintf(f1, sizeof f1, "%s/set.chr1.tsv", dir);
    snprintf(f21, sizeof f21, "%s/set.chr21.tsv", dir);
    snprintf(fx, sizeof fx, "%s/set.chrX.tsv", dir);
    snprintf(out, sizeof out, "%s/set.rvx", dir);
    write_file(f1, "#chrom\tpos\tref\talt\taf\tan\n1\t150\tA\tG\t0.001\t10000\n1\t5000\tC\tT\t0.2\t10000\n");
    write_file(f21, "#chrom\tpos\tref\talt\taf\tan\nchr21\t100\tG\tA\t0.0001\t10000\n");
    write_file(fx, "#chrom\tpos\tref\talt\taf\tan\n1\t700\tG\tA\t0.0001\t10000\n");
    rv_descriptor d; rv_field_map f[2];

    TEST_CASE("a set: the records of every file, coverage their union, the gap recorded");
    pop_descriptor(&d, f, NULL, 0);
    rv_compile_file files[] = { { f1, 0, NULL }, { f21, 20, NULL } };
    uint32_t missing = 1u << RV_CONTIG_X;
    rv_compile_stats st;
    CHECK_INT(rv_index_compile_set(&d, files, 2, missing, "chrX", "1", out, &st, NULL, &err), 0);
    CHECK_INT(st.records_out, 3);
    rv_index *idx = NULL;
    CHECK_INT(rv_index_open(&idx, out, &err), 0);
    if (!idx) { fprintf(stderr, "%s\n", err.msg); return; }
    CHECK_INT(rv_index_covers(idx, 0, 1), 1);
    CHECK_INT(rv_index_covers(idx, 20, 1), 1);
    CHECK_INT(rv_index_covers(idx, RV_CONTIG_X, 1), 0);
    CHECK_STR(rv_index_meta(idx, "missing"), "chrX");
    CHECK_STR(rv_index_meta(idx, "files"), "2");
    rv_index_close(idx);
    char text[512];
    CHECK_INT(rv_coverage_describe(out, text, sizeof text, &err), 0);
    CHECK_STR(text, "contigs with records: chr1, chr21; no file for chrX (not covered)");

    TEST_CASE("a set: declared regions on a chromosome without its file are dropped");
    char *cov[] = { "chr1:100-1000", "chrX", "chr21" };
    pop_descriptor(&d, f, cov, 3);
    CHECK_INT(rv_index_compile_set(&d, files, 2, missing, "chrX", "1", out, NULL, NULL, &err), 0);
    CHECK_INT(rv_index_open(&idx, out, &err), 0);
    if (!idx) { fprintf(stderr, "%s\n", err.msg); return; }
    CHECK_INT(rv_index_n_coverage_regions(idx), 2);
    CHECK_INT(rv_index_covers(idx, 0, 500), 1);
    CHECK_INT(rv_index_covers(idx, 20, 40000000), 1);
    CHECK_INT(rv_index_covers(idx, RV_CONTIG_X, 1000), 0);   /* declared, but its file is missing */
    rv_index_close(idx);

    TEST_CASE("a set: a chromosome's file holding another chromosome is refused");
    pop_descriptor(&d, f, NULL, 0);
    rv_compile_file wrong[] = { { f1, 0, NULL }, { fx, RV_CONTIG_X, NULL } };
    CHECK_INT(rv_index_compile_set(&d, wrong, 2, 0, NULL, "1", out, NULL, NULL, &err), RV_ESOURCE);
    CHECK(strstr(err.msg, "set.chrX.tsv: holds records on chr1, but it is the file of chrX") != NULL);
    rv_compile_file listed[] = { { f1, -1, NULL }, { fx, -1, NULL } };      /* listed files: any contig */
    CHECK_INT(rv_index_compile_set(&d, listed, 2, 0, NULL, "1", out, &st, NULL, &err), 0);
    CHECK_INT(st.records_out, 3);
}

static void test_format1(void)
{
    rv_err err; rv_err_clear(&err);
    TEST_CASE("format 1 index still read: coverage is the contigs holding records");
    rv_index *idx = NULL;
    const char *p = "test-data/index/clinvar_10_records.format1.rvx";
    CHECK_INT(rv_index_open(&idx, p, &err), 0);
    if (!idx) { fprintf(stderr, "%s\n", err.msg); return; }
    CHECK_INT(rv_index_format_version(idx), 1);
    CHECK_INT(rv_index_n_records(idx), 10);
    CHECK_INT(rv_index_n_coverage_regions(idx), 0);
    CHECK_INT(rv_index_covers(idx, 0, 865568), 1);
    CHECK_INT(rv_index_covers(idx, 1, 865568), 0);
    rv_index_cursor cur = { 0, 0 };
    rv_varkey k = { 0, 865628, "G", "A", 1, 1 };
    CHECK(rv_index_find(idx, &cur, &k) >= 0);
    CHECK_INT(rv_index_verify(p, &err), 0);
    rv_index_close(idx);
    char text[512];
    CHECK_INT(rv_coverage_describe(p, text, sizeof text, &err), 0);
    CHECK_STR(text, "contigs with records: chr1 (index format 1, compiled before coverage was recorded)");
}

int main(void)
{
    if (!mkdtemp(dir)) { perror("mkdtemp"); return 1; }
    test_regions();
    test_compiled();
    test_set();
    test_format1();
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
    return TEST_REPORT();
}
