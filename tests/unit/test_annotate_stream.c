/* Unit tests: `revus annotate` as a library call (run/annotate.h): every record written
 * with its classification, the same tags in VCF text and in BCF, warnings and counts
 * through the sink, no classification without rules, and no output left behind on a
 * failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <htslib/vcf.h>
#include "run/annotate.h"
#include "testhelp.h"

typedef struct seen { char warn[512], info[2048]; } seen;

static void on_msg(void *ud, int level, const char *msg)
{
    seen *s = ud;
    char *buf = level == RV_MSG_WARN ? s->warn : s->info;
    size_t cap = level == RV_MSG_WARN ? sizeof s->warn : sizeof s->info, n = strlen(buf);
    snprintf(buf + n, cap - n, "%s\n", msg);
}

/* The whole file as text (small files only); NULL when absent. */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) return NULL;
    static char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/* "RV_POINTS=N" of every record of a VCF or BCF, read back with htslib. */
static void points_of(const char *path, kstring_t *out)
{
    htsFile *f = hts_open(path, "r");
    bcf_hdr_t *h = f ? bcf_hdr_read(f) : NULL;
    bcf1_t *b = bcf_init();
    int32_t *v = NULL;
    int nv = 0;
    while (h && bcf_read(f, h, b) == 0) {
        int got = bcf_get_info_int32(h, b, "RV_POINTS", &v, &nv);
        ksprintf(out, "%lld:%d;", (long long)b->pos + 1, got == 1 ? v[0] : -99);
    }
    free(v);
    bcf_destroy(b);
    if (h) bcf_hdr_destroy(h);
    if (f) hts_close(f);
}

int main(void)
{
    hts_set_log_level(HTS_LOG_ERROR);
    char dir[] = "/tmp/revus-test-annotate.XXXXXX";
    if (!mkdtemp(dir)) { perror("mkdtemp"); return 1; }
    char home[128], vcf[128], bcf[128], bad[128];
    snprintf(home, sizeof home, "%s/home", dir);      /* no store: no source is active */
    snprintf(vcf, sizeof vcf, "%s/out.vcf", dir);
    snprintf(bcf, sizeof bcf, "%s/out.bcf", dir);
    snprintf(bad, sizeof bad, "%s/bad.vcf", dir);
    const char *in = "test-data/classify/scout_643594.csq_ann_subset.vcf";
    rv_err err = { 0 };
    seen s = { 0 };
    rv_annotate_opts o = { .in = in, .out = vcf, .home = home, .rules = "pipeline/acmg.json",
                           .command_line = "revus annotate (unit test)", .msg = { on_msg, &s } };
    rv_annotate_report rep;

    TEST_CASE("VCF out: every record classified, counts and warnings to the sink");
    CHECK_INT(rv_annotate_stream(&o, &rep, &err), 0);
    CHECK_INT(rep.n_out, 12);
    CHECK_INT(rep.n_annotated, 0);
    CHECK_INT(rep.n_sources, 0);
    CHECK(strstr(s.warn, "annotate: no active sources in") != NULL);
    CHECK(strstr(s.info, "annotate: 12 records written, 0 annotated") != NULL);
    char *text = slurp(vcf);
    CHECK(text != NULL);
    if (text) {
        CHECK(strstr(text, "##INFO=<ID=RV_CRITERIA,") != NULL);
        CHECK(strstr(text, "##revusCommand=revus annotate (unit test)") != NULL);
        int n = 0;                                         /* records with class and points */
        for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n"))
            n += line[0] != '#' && strstr(line, "RV_CLASS=") && strstr(line, ";RV_POINTS=");
        CHECK_INT(n, 12);
    }

    TEST_CASE("BCF out carries the same typed tags");
    o.out = bcf;
    CHECK_INT(rv_annotate_stream(&o, &rep, &err), 0);
    CHECK_INT(rep.n_out, 12);
    kstring_t pv = { 0, 0, NULL }, pb = { 0, 0, NULL };
    points_of(vcf, &pv);
    points_of(bcf, &pb);
    CHECK(pv.l > 0 && strstr(pv.s, ":-99;") == NULL);
    CHECK_STR(pb.s, pv.s);
    free(pv.s);
    free(pb.s);

    TEST_CASE("no rules: source tags only");
    o.out = vcf;
    o.rules = NULL;
    CHECK_INT(rv_annotate_stream(&o, &rep, &err), 0);
    text = slurp(vcf);
    CHECK(text && strstr(text, "RV_CLASS") == NULL);

    TEST_CASE("failures leave no output");
    o.out = bad;
    o.rules = "no/such/acmg.json";
    CHECK(rv_annotate_stream(&o, &rep, &err) < 0);
    CHECK(access(bad, F_OK) != 0);
    o.rules = "pipeline/acmg.json";
    o.in = "no/such/input.vcf";
    CHECK(rv_annotate_stream(&o, &rep, &err) < 0);
    CHECK(strstr(err.msg, "no/such/input.vcf") != NULL);
    CHECK(access(bad, F_OK) != 0);
    o.in = in;
    o.names = (const char *const[]){ "not-a-source" };
    o.n_names = 1;
    CHECK_INT(rv_annotate_stream(&o, &rep, &err), RV_ENOTFOUND);
    CHECK(access(bad, F_OK) != 0);

    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
    return TEST_REPORT();
}
