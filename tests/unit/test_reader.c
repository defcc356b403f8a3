/* Unit tests: the streaming reader (split, trim, left-align, contigs, build, errors) and the
 * writer (temp file + rename, abort). Inputs are written to a temporary directory. */
#include <htslib/hts.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <htslib/vcf.h>
#include "input/vcf_reader.h"
#include "input/vcf_writer.h"
#include "testhelp.h"

static char dir[256];

/* The warning sink: the library hands warnings here instead of printing them. */
static int n_warnings;
static char last_warning[RV_ERR_MSG_MAX];
static void collect(void *ctx, int level, const char *msg)
{
    if (level != RV_MSG_WARN) return;
    (*(int *)ctx)++;
    snprintf(last_warning, sizeof last_warning, "%s", msg);
}

static const char *path_of(const char *name)
{
    static char p[4][512];
    static int i;
    i = (i + 1) % 4;
    snprintf(p[i], sizeof p[i], "%s/%s", dir, name);
    return p[i];
}

static const char *write_file(const char *name, const char *text)
{
    const char *p = path_of(name);
    FILE *f = fopen(p, "w");
    fputs(text, f);
    fclose(f);
    return p;
}

#define HDR_COMMON \
    "##fileformat=VCFv4.2\n" \
    "##INFO=<ID=AF,Number=A,Type=Float,Description=\"AF\">\n" \
    "##INFO=<ID=AC,Number=A,Type=Integer,Description=\"AC\">\n" \
    "##INFO=<ID=DB,Number=0,Type=Flag,Description=\"DB\">\n" \
    "##INFO=<ID=TAG,Number=A,Type=String,Description=\"per-ALT string\">\n" \
    "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"GT\">\n" \
    "##FORMAT=<ID=AD,Number=R,Type=Integer,Description=\"AD\">\n" \
    "##FORMAT=<ID=PL,Number=G,Type=Integer,Description=\"PL\">\n" \
    "##FORMAT=<ID=DP,Number=1,Type=Integer,Description=\"DP\">\n"
#define CHROM_LINE "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\tS2\n"

static const char *SPLIT_VCF =
    HDR_COMMON
    "##contig=<ID=chr1,length=248956422>\n"
    "##contig=<ID=chrM,length=16569>\n"
    CHROM_LINE
    "chr1\t100\trs1\tA\tC,G,T\t50.00\tPASS\tAF=0.1,0.2,0.3;AC=1,2,3;TAG=x,y,z;DB\tGT:AD:PL:DP\t1/2:10,5,6,0:0,1,2,3,4,5,6,7,8,9:21\t0|3:7,0,0,3:.:9\n"
    "chr1\t200\t.\tCAGT\tCT\t10\t.\tAF=0.5\tGT:DP\t0/1:3\t./.:.\n"
    "chrM\t300\t.\tG\tA\t.\t.\t.\tGT:DP\t1:4\t0:5\n";

static void test_split(void)
{
    rv_reader *r;
    rv_err err;
    rv_nrec *rec;
    rv_reader_opts o = { 0 };
    TEST_CASE("split: open, build from ##contig lengths");
    CHECK_INT(rv_reader_open(&r, write_file("split.vcf", SPLIT_VCF), &o, &err), 0);
    if (!r) return;
    CHECK_INT(rv_reader_build(r), RV_BUILD_GRCH38);
    CHECK_STR(rv_reader_build_origin(r), "##contig lengths");

    const char *want_alt[3] = { "C", "G", "T" };
    const char *want_gt[3][2] = { { "1/0", "0|0" }, { "0/1", "0|0" }, { "0/0", "0|1" } };
    const int want_ad[3][2][2] = { { { 10, 5 }, { 7, 0 } }, { { 10, 6 }, { 7, 0 } }, { { 10, 0 }, { 7, 3 } } };
    const int want_pl[3][3] = { { 0, 1, 2 }, { 0, 3, 5 }, { 0, 6, 9 } };
    const float want_af[3] = { 0.1f, 0.2f, 0.3f };
    const char *want_tag[3] = { "x", "y", "z" };
    int32_t *iv = NULL; int niv = 0;
    float *fv = NULL; int nfv = 0;
    char **sv = NULL; int nsv = 0;
    for (int i = 0; i < 3; i++) {
        TEST_CASE("split: one record per ALT, Number=A/R/G and GT");
        CHECK_INT(rv_reader_next(r, &rec, &err), 1);
        CHECK_INT(rec->alt_index, i + 1);
        CHECK_INT(rec->n_alt, 3);
        CHECK_INT(rec->key.pos, 100);
        CHECK_INT(rec->key.contig, 0);
        CHECK_STR(rec->chrom, "chr1");
        CHECK(rec->key.alt_len == 1 && rec->key.alt[0] == want_alt[i][0]);
        CHECK(rec->input_alt_len == 1 && rec->input_alt[0] == want_alt[i][0]);
        CHECK_INT(rec->input_pos, 100);
        CHECK_INT(rec->line_no, 13);
        const char *v; size_t vl;
        CHECK_INT(rv_reader_info(r, "AF", &v, &vl), 1);
        CHECK_INT(rv_reader_info(r, "DB", &v, &vl), 1);
        CHECK_INT(vl, 0);
        CHECK_INT(rv_reader_info(r, "TAG", &v, &vl), 1);
        CHECK(vl == 1 && v[0] == want_tag[i][0]);
        CHECK_INT(rv_reader_info(r, "A", &v, &vl), 0);       /* prefix of AF/AC: not a match */
        bcf1_t *b = rv_reader_bcf(r, &err);
        CHECK(b != NULL);
        if (!b) break;
        bcf_hdr_t *h = rv_reader_header(r);
        CHECK_INT(b->n_allele, 2);
        CHECK_INT(bcf_get_info_float(h, b, "AF", &fv, &nfv), 1);
        CHECK_DBL(fv[0], want_af[i], 1e-6);
        CHECK_INT(bcf_get_info_int32(h, b, "AC", &iv, &niv), 1);
        CHECK_INT(iv[0], i + 1);
        CHECK_INT(bcf_get_format_int32(h, b, "AD", &iv, &niv), 4);
        for (int s = 0; s < 2; s++)
            for (int k = 0; k < 2; k++) CHECK_INT(iv[s * 2 + k], want_ad[i][s][k]);
        int n = bcf_get_format_int32(h, b, "PL", &iv, &niv);
        CHECK_INT(n, 6);
        for (int k = 0; k < 3; k++) CHECK_INT(iv[k], want_pl[i][k]);
        CHECK(iv[3] == bcf_int32_missing);                  /* sample 2 PL was "." */
        CHECK_INT(bcf_get_format_int32(h, b, "DP", &iv, &niv), 2);
        CHECK_INT(iv[0], 21);
        int ng = bcf_get_genotypes(h, b, &iv, &niv);
        CHECK_INT(ng, 4);
        for (int s = 0; s < 2; s++) {
            char gt[32];
            snprintf(gt, sizeof gt, "%d%c%d", bcf_gt_allele(iv[2 * s]), bcf_gt_is_phased(iv[2 * s + 1]) ? '|' : '/',
                     bcf_gt_allele(iv[2 * s + 1]));
            CHECK_STR(gt, want_gt[i][s]);
        }
        CHECK_INT(bcf_get_info_string(h, b, "TAG", &sv, &nsv) > 0, 1);
    }
    free(iv); free(fv); free(sv);

    TEST_CASE("trim: line rewritten in POS/REF/ALT only");
    CHECK_INT(rv_reader_next(r, &rec, &err), 1);
    CHECK_INT(rec->key.pos, 200);
    CHECK(rec->key.ref_len == 3 && memcmp(rec->key.ref, "CAG", 3) == 0);
    CHECK(rec->key.alt_len == 1 && rec->key.alt[0] == 'C');
    CHECK_STR(rv_reader_line(r)->s, "chr1\t200\t.\tCAG\tC\t10\t.\tAF=0.5\tGT:DP\t0/1:3\t./.:.");
    TEST_CASE("trim: the input alleles stay available");
    CHECK(rec->input_ref_len == 4 && memcmp(rec->input_ref, "CAGT", 4) == 0);
    CHECK(rec->input_alt_len == 2 && memcmp(rec->input_alt, "CT", 2) == 0);
    CHECK_INT(rec->input_pos, 200);

    TEST_CASE("contig canonical in the key, original name kept");
    CHECK_INT(rv_reader_next(r, &rec, &err), 1);
    CHECK_INT(rec->key.contig, RV_CONTIG_MT);
    CHECK_STR(rec->chrom, "chrM");
    CHECK_STR(rv_reader_line(r)->s, "chrM\t300\t.\tG\tA\t.\t.\t.\tGT:DP\t1:4\t0:5");

    TEST_CASE("end of input");
    CHECK_INT(rv_reader_next(r, &rec, &err), 0);
    const rv_reader_stats *st = rv_reader_get_stats(r);
    CHECK_INT(st->records_in, 3);
    CHECK_INT(st->records_out, 5);
    CHECK_INT(st->split, 1);
    CHECK_INT(st->trimmed, 1);
    rv_reader_close(r);
}

static void test_order_and_passthrough(void)
{
    rv_reader *r;
    rv_err err;
    rv_nrec *rec;
    rv_reader_opts o = { 0 };
    const char *vcf =
        "##fileformat=VCFv4.2\n"
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
        "1\t100\t.\tACGTT\tACGTA\t1.50\t.\tX=1\n"     /* trims to 104 T>A */
        "1\t102\t.\tG\tA\t7\t.\t.\n"                   /* must come out first */
        "1\t150\t.\tA\t.\t.\t.\t.\n"                   /* ALT '.' */
        "1\t160\t.\tA\t<DEL>\t.\t.\tSVTYPE=DEL\n"
        "2\t5\t.\tC\tG\t.\t.\t.\n";
    TEST_CASE("order: trimmed record waits for later ones");
    CHECK_INT(rv_reader_open(&r, write_file("order.vcf", vcf), &o, &err), 0);
    if (!r) return;
    CHECK_INT(rv_reader_build(r), RV_BUILD_UNKNOWN);
    CHECK_INT(rv_reader_next(r, &rec, &err), 1);
    CHECK_INT(rec->key.pos, 102);
    CHECK_STR(rv_reader_line(r)->s, "1\t102\t.\tG\tA\t7\t.\t.");   /* byte for byte */
    CHECK_INT(rv_reader_next(r, &rec, &err), 1);
    CHECK_INT(rec->key.pos, 104);
    CHECK_STR(rv_reader_line(r)->s, "1\t104\t.\tT\tA\t1.50\t.\tX=1");
    TEST_CASE("ALT '.' and symbolic ALT");
    CHECK_INT(rv_reader_next(r, &rec, &err), 1);
    CHECK_INT(rec->no_alt, 1);
    CHECK_INT(rec->key.alt_len, 0);
    CHECK_INT(rec->n_alt, 0);
    CHECK_INT(rv_reader_next(r, &rec, &err), 1);
    CHECK_INT(rec->symbolic, 1);
    CHECK_INT(rec->no_alt, 0);
    CHECK_INT(rv_reader_next(r, &rec, &err), 1);
    CHECK_INT(rec->key.contig, 1);
    CHECK_INT(rv_reader_next(r, &rec, &err), 0);
    rv_reader_close(r);
}

static void test_errors(void)
{
    rv_reader *r = NULL;
    rv_err err;
    rv_nrec *rec;
    rv_reader_opts o = { 0 };
    const char *bad =
        "##fileformat=VCFv4.2\n"
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
        "1\t100\t.\tA\tG\t.\t.\t.\n"
        "1\tabc\t.\tA\tG\t.\t.\t.\n"
        "1\t300\t.\tA\n"
        "1\t400\t.\tAXZ\tG\t.\t.\t.\n"
        "1\t500\t.\tA\tG,,T\t.\t.\t.\n"
        "1\t600\t.\tA\tT\t.\t.\t.\n";
    const char *p = write_file("bad.vcf", bad);
    TEST_CASE("malformed record: FILE:LINE error");
    CHECK_INT(rv_reader_open(&r, p, &o, &err), 0);
    CHECK_INT(rv_reader_next(r, &rec, &err), 1);
    CHECK_INT(rv_reader_next(r, &rec, &err), RV_EINPUT);
    char want[600];
    snprintf(want, sizeof want, "%s:4: POS 'abc' is not a positive integer", p);
    CHECK_STR(err.msg, want);
    rv_reader_close(r);

    TEST_CASE("skip_bad counts and continues");
    o.skip_bad = 1;
    CHECK_INT(rv_reader_open(&r, p, &o, &err), 0);
    int n = 0;
    while (rv_reader_next(r, &rec, &err) > 0) n++;
    CHECK_INT(n, 2);
    CHECK_INT(rv_reader_get_stats(r)->bad_skipped, 4);
    rv_reader_close(r);
    o.skip_bad = 0;

    TEST_CASE("records htslib would crash or exit() on are refused first (issue 11)");
    {
        static const char hostile[] =
            "##fileformat=VCFv4.2\n##FORMAT=<ID=GT,Number=1,Type=String,Description=\"GT\">\n"
            "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n"
            "1\t100\t.\tA\tG,T\t.\t.\t.\t:GT\t0/1\n"              /* line 4: empty FORMAT key */
            "1\t200\trs\0x\tA\tG,T\t.\t.\t.\tGT\t0/1\n"          /* line 5: NUL in ID */
            "1\t300\t.\tA\tG\t.\t.\t.\tGT:GT\t0/1:0/1\n"          /* line 6: key twice (lazy) */
            "1\t400\t.\tA\tG\t.\t.\t.\tGT\t0/1\n";
        const char *hp = path_of("hostile.vcf");
        FILE *hf = fopen(hp, "wb");
        fwrite(hostile, 1, sizeof hostile - 1, hf);
        fclose(hf);
        char msg[600];
        CHECK_INT(rv_reader_open(&r, hp, &o, &err), 0);
        CHECK_INT(rv_reader_next(r, &rec, &err), RV_EINPUT);
        snprintf(msg, sizeof msg, "%s:4: empty FORMAT key", hp);
        CHECK_STR(err.msg, msg);
        rv_reader_close(r);
        o.skip_bad = 1;
        CHECK_INT(rv_reader_open(&r, hp, &o, &err), 0);
        CHECK_INT(rv_reader_next(r, &rec, &err), 1);          /* lines 4 and 5 skipped */
        CHECK_INT(rec->key.pos, 300);
        CHECK(rv_reader_bcf(r, &err) == NULL);                /* parsed on demand: refused */
        snprintf(msg, sizeof msg, "%s:6: FORMAT key given twice", hp);
        CHECK_STR(err.msg, msg);
        CHECK_INT(rv_reader_next(r, &rec, &err), 1);
        CHECK_INT(rec->key.pos, 400);
        CHECK(rv_reader_bcf(r, &err) != NULL);
        CHECK_INT(rv_reader_get_stats(r)->bad_skipped, 2);
        rv_reader_close(r);
        o.skip_bad = 0;
    }

    TEST_CASE("missing header");
    p = write_file("nohdr.vcf", "1\t100\t.\tA\tG\t.\t.\t.\n");
    CHECK_INT(rv_reader_open(&r, p, &o, &err), RV_EINPUT);
    CHECK(r == NULL);
    CHECK(strstr(err.msg, ":1: missing VCF header") != NULL);
    p = write_file("empty.vcf", "");
    CHECK_INT(rv_reader_open(&r, p, &o, &err), RV_EINPUT);
    CHECK(strstr(err.msg, "empty input") != NULL);
    CHECK_INT(rv_reader_open(&r, path_of("does-not-exist.vcf"), &o, &err), RV_EIO);

    TEST_CASE("build: contradiction is an error, unknown is not");
    const char *h37 = "##fileformat=VCFv4.2\n##contig=<ID=1,length=249250621>\n"
                      "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n1\t5\t.\tA\tG\t.\t.\t.\n";
    p = write_file("b37.vcf", h37);
    o.build = RV_BUILD_GRCH38;
    CHECK_INT(rv_reader_open(&r, p, &o, &err), RV_EBUILD);
    CHECK(strstr(err.msg, "GRCh37") && strstr(err.msg, "GRCh38"));
    o.build = RV_BUILD_GRCH37;
    CHECK_INT(rv_reader_open(&r, p, &o, &err), 0);
    CHECK_INT(rv_reader_build(r), RV_BUILD_GRCH37);
    rv_reader_close(r);
    p = write_file("b_unknown.vcf", "##fileformat=VCFv4.2\n##contig=<ID=1,length=1000>\n"
                   "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n");
    o.build = RV_BUILD_GRCH38;
    CHECK_INT(rv_reader_open(&r, p, &o, &err), 0);
    CHECK_INT(rv_reader_build(r), RV_BUILD_GRCH38);
    CHECK_STR(rv_reader_build_origin(r), "given");
    rv_reader_close(r);
    o.build = RV_BUILD_UNKNOWN;
    p = write_file("b_ref.vcf", "##fileformat=VCFv4.2\n##reference=file:///ref/human_g1k_v37.fasta\n"
                   "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n");
    CHECK_INT(rv_reader_open(&r, p, &o, &err), 0);
    CHECK_INT(rv_reader_build(r), RV_BUILD_GRCH37);
    rv_reader_close(r);
    p = write_file("b_mt.vcf", "##fileformat=VCFv4.2\n##contig=<ID=chrM,length=16571>\n"
                   "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n");
    CHECK_INT(rv_reader_open(&r, p, &o, &err), 0);
    CHECK_INT(rv_reader_hg19_mt(r), 1);
    rv_reader_close(r);
}

/* Write SPLIT_VCF through the writer as mode, return the path. */
static const char *rewrite(const char *name, char mode)
{
    rv_reader *r;
    rv_writer *w;
    rv_err err;
    rv_nrec *rec;
    rv_reader_opts o = { .full_parse = mode == 'b' };
    const char *out = path_of(name);
    if (rv_reader_open(&r, write_file("src.vcf", SPLIT_VCF), &o, &err) < 0) return NULL;
    CHECK_INT(rv_hdr_add_provenance(rv_reader_header(r), "revus norm test", &err), 0);
    CHECK_INT(rv_writer_open(&w, out, mode, rv_reader_header(r), 0, &err), 0);
    while (rv_reader_next(r, &rec, &err) > 0) {
        if (rv_writer_is_text(w)) {
            const kstring_t *l = rv_reader_line(r);
            rv_writer_line(w, l->s, l->l, &err);
        } else rv_writer_record(w, rv_reader_bcf(r, &err), &err);
    }
    CHECK_INT(rv_writer_commit(w, &err), 0);
    rv_reader_close(r);
    return out;
}

static void test_writer_and_formats(void)
{
    rv_reader *r;
    rv_err err;
    rv_nrec *rec;
    rv_reader_opts o = { 0 };
    struct stat st;

    TEST_CASE("writer: bgzipped VCF round trip, provenance header");
    const char *gz = rewrite("out.vcf.gz", 0);
    CHECK(gz && stat(gz, &st) == 0);
    CHECK_INT(rv_reader_open(&r, gz, &o, &err), 0);
    if (r) {
        int n = 0;
        while (rv_reader_next(r, &rec, &err) > 0) n++;
        CHECK_INT(n, 5);
        CHECK(bcf_hdr_get_hrec(rv_reader_header(r), BCF_HL_GEN, "revusVersion", NULL, NULL) != NULL);
        CHECK(bcf_hdr_get_hrec(rv_reader_header(r), BCF_HL_GEN, "revusCommand", NULL, NULL) != NULL);
        rv_reader_close(r);
    }

    TEST_CASE("truncated bgzip is detected");
    char cmd[1200];
    const char *cut = path_of("cut.vcf.gz");
    snprintf(cmd, sizeof cmd, "head -c $(( $(stat -c %%s %s) - 28 )) %s > %s", gz, gz, cut);
    CHECK_INT(system(cmd), 0);
    CHECK_INT(rv_reader_open(&r, cut, &o, &err), 0);
    if (r) {
        int rc;
        while ((rc = rv_reader_next(r, &rec, &err)) > 0) {}
        CHECK_INT(rc, RV_EINPUT);
        CHECK(strstr(err.msg, "truncated") != NULL);
        rv_reader_close(r);
    }

    TEST_CASE("BCF output and BCF input");
    const char *bcf = rewrite("out.bcf", 'b');
    CHECK_INT(rv_reader_open(&r, bcf, &o, &err), 0);
    if (r) {
        int n = 0;
        while (rv_reader_next(r, &rec, &err) > 0) {
            n++;
            if (n == 4) CHECK_STR(rv_reader_line(r)->s, "chr1\t200\t.\tCAG\tC\t10\t.\tAF=0.5\tGT:DP\t0/1:3\t./.:.");
        }
        CHECK_INT(n, 5);
        rv_reader_close(r);
    }

    TEST_CASE("writer abort leaves nothing behind");
    rv_writer *w;
    CHECK_INT(rv_reader_open(&r, write_file("src2.vcf", SPLIT_VCF), &o, &err), 0);
    const char *ab = path_of("aborted.vcf");
    CHECK_INT(rv_writer_open(&w, ab, 'v', rv_reader_header(r), 0, &err), 0);
    CHECK(stat(ab, &st) != 0);                          /* not there before commit */
    rv_writer_abort(w);
    CHECK(stat(ab, &st) != 0);
    snprintf(cmd, sizeof cmd, "ls %s | grep -c part- >/dev/null", dir);
    CHECK(system(cmd) != 0);                            /* no temporary left */
    rv_reader_close(r);
}

static void test_fasta(void)
{
    rv_reader *r;
    rv_err err;
    rv_nrec *rec;
    /* 1-based: TTTTT at 16..20 after G at 15; ACACACACA at 6..14 after T at 5 */
    char fa[512];   /* path_of() recycles its buffers */
    snprintf(fa, sizeof fa, "%s", write_file("ref.fa", ">chr1\nGGATTACACACACAGTTTTTGCCAGCAGCAGTTATATATAC\n"));
    const char *vcf = write_file("fa.vcf",
        "##fileformat=VCFv4.2\n##contig=<ID=1,length=41>\n"
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"
        "1\t12\t.\tACA\tA\t.\t.\t.\n"
        "1\t19\t.\tTT\tT,TTT\t.\t.\t.\n"
        "1\t30\t.\tC\tT\t.\t.\t.\n"        /* REF mismatch: the reference has A */
        "1\t33\t.\tT\tC\t.\t.\t.\n");
    rv_reader_opts o = { .fasta = fa };
    TEST_CASE("fasta: left-align, REF check, contig chr/no-chr");
    n_warnings = 0;
    rv_msg_sink sink = { collect, &n_warnings };
    rv_msg_set_default(&sink);
    hts_set_log_level(HTS_LOG_ERROR);
    CHECK_INT(rv_reader_open(&r, vcf, &o, &err), 0);
    /* htslib's log level is process-wide: the caller's to set, never changed by a reader
     * (readers run in worker threads) */
    CHECK_INT(hts_get_log_level(), HTS_LOG_ERROR);
    hts_set_log_level(HTS_LOG_OFF);
    if (!r) { fprintf(stderr, "%s\n", err.msg); return; }
    CHECK_INT(rv_reader_next(r, &rec, &err), 1);
    CHECK_INT(rec->key.pos, 5);
    CHECK_STR(rv_reader_line(r)->s, "1\t5\t.\tTAC\tT\t.\t.\t.");
    CHECK_INT(rv_reader_next(r, &rec, &err), 1);
    CHECK_STR(rv_reader_line(r)->s, "1\t15\t.\tGT\tG\t.\t.\t.");
    CHECK_INT(rec->input_pos, 19);                     /* split, then left-aligned */
    CHECK(rec->input_alt_len == 1 && rec->input_alt[0] == 'T');
    CHECK_INT(rec->alt_index, 1);
    CHECK_INT(rv_reader_next(r, &rec, &err), 1);
    CHECK_STR(rv_reader_line(r)->s, "1\t15\t.\tG\tGT\t.\t.\t.");
    CHECK_INT(rv_reader_next(r, &rec, &err), 1);
    CHECK_INT(rec->key.pos, 30);                       /* mismatch kept by default */
    CHECK_INT(rv_reader_next(r, &rec, &err), 1);
    CHECK_INT(rv_reader_next(r, &rec, &err), 0);
    CHECK_INT(rv_reader_get_stats(r)->ref_mismatch, 1);
    CHECK_INT(rv_reader_get_stats(r)->realigned, 3);
    rv_reader_close(r);
    TEST_CASE("fasta: the REF mismatch reaches the caller's sink, naming file and line");
    CHECK_INT(n_warnings, 1);
    CHECK(strstr(last_warning, "fa.vcf:6: REF C differs from the FASTA at 1:30") != NULL);
    rv_msg_set_default(NULL);

    TEST_CASE("fasta: drop REF mismatches");
    o.drop_ref_mismatch = 1;
    CHECK_INT(rv_reader_open(&r, vcf, &o, &err), 0);
    int n = 0;
    while (rv_reader_next(r, &rec, &err) > 0) n++;
    CHECK_INT(n, 4);
    rv_reader_close(r);

    TEST_CASE("fasta of another assembly is refused");
    /* a FASTA whose chr21 has the GRCh37 length, against a GRCh38 header (a fai is enough) */
    const char *fa37 = write_file("b37.fa", ">21\nACGT\n");
    write_file("b37.fa.fai", "21\t48129895\t4\t4\t5\n");
    const char *vcf2 = write_file("fa2.vcf", "##fileformat=VCFv4.2\n##contig=<ID=chr21,length=46709983>\n"
                                  "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n");
    o.fasta = fa37;
    CHECK_INT(rv_reader_open(&r, vcf2, &o, &err), RV_EINPUT);
    CHECK(strstr(err.msg, "the FASTA is GRCh37") != NULL);
    TEST_CASE("fasta with none of the VCF's contigs is refused");
    o.fasta = fa;
    const char *vcf3 = write_file("fa3.vcf", "##fileformat=VCFv4.2\n##contig=<ID=chr7,length=100>\n"
                                  "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n");
    CHECK_INT(rv_reader_open(&r, vcf3, &o, &err), RV_EINPUT);
    CHECK(strstr(err.msg, "none of the 1 contigs") != NULL);
}

int main(void)
{
    hts_set_log_level(HTS_LOG_OFF);   /* as the CLI does: errors arrive through rv_err */
    snprintf(dir, sizeof dir, "%s/revus-unit-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(dir)) { perror("mkdtemp"); return 1; }
    test_split();
    test_order_and_passthrough();
    test_errors();
    test_writer_and_formats();
    test_fasta();
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
    return TEST_REPORT();
}
