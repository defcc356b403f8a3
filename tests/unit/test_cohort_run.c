/* Unit tests: the cohort run and the shard run as library calls (run/cohort_run.h): samples
 * stored or skipped with their reason, warnings through the sink, the same calls whatever
 * the thread count, an unknown sample refused before anything is written, an interrupted
 * run noticed, and a shard holding what a direct run stores. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "state/cohort.h"
#include "state/db.h"
#include "state/runconf.h"
#include "run/cohort_run.h"
#include "run/shard.h"
#include "testhelp.h"

/* What the run handed to its caller. */
typedef struct seen { char skipped[256], warn[1024]; int n_skip, n_warn, n_info; } seen;

static void on_skip(const char *sample, const char *reason, void *ud)
{
    seen *s = ud;
    size_t n = strlen(s->skipped);
    snprintf(s->skipped + n, sizeof s->skipped - n, "%s:%s;", sample, strstr(reason, "is missing") ? "missing" : "other");
    s->n_skip++;
}

static void on_msg(void *ud, int level, const char *msg)
{
    seen *s = ud;
    if (level == RV_MSG_WARN) {
        size_t n = strlen(s->warn);
        snprintf(s->warn + n, sizeof s->warn - n, "%s\n", msg);
        s->n_warn++;
    } else {
        s->n_info++;
    }
}

static long long db_int(rv_state *st, const char *sql)
{
    sqlite3_stmt *s = NULL;
    long long v = -1;
    if (sqlite3_prepare_v2(rv_state_db(st), sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return v;
}

/* Copy a VCF line by line; lines holding twice (when not NULL) are written twice. */
static void copy_file(const char *from, const char *to, const char *twice)
{
    FILE *in = fopen(from, "r"), *out = fopen(to, "w");
    char line[65536];
    while (in && out && fgets(line, sizeof line, in)) {
        fputs(line, out);
        if (twice && line[0] != '#' && strstr(line, twice)) fputs(line, out);
    }
    if (in) fclose(in);
    if (out) fclose(out);
}

int main(void)
{
    char dir[] = "/tmp/revus-test-cohort-run.XXXXXX";
    if (!mkdtemp(dir)) { perror("mkdtemp"); return 1; }
    char home[128], path[256], rep_path[256], shard[256];
    snprintf(home, sizeof home, "%s/home", dir);
    rv_err err = { 0 };
    rv_state *st = NULL;
    rv_runconf *conf = NULL;
    CHECK_INT(rv_state_open(&st, home, &err), 0);
    CHECK_INT(rv_runconf_load("pipeline/default.json", &conf, &err), 0);
    if (!st || !conf) return TEST_REPORT();

    /* four samples of the demo cohort, copied so that one can go missing */
    const char *ids[] = { "S01", "S02", "S03", "S04" };
    for (int i = 0; i < 4; i++) {
        char from[128];
        snprintf(from, sizeof from, "test-data/cohort/vcf/%s.vcf", ids[i]);
        snprintf(path, sizeof path, "%s/%s.vcf", dir, ids[i]);
        copy_file(from, path, i == 0 ? "\t117176711\t" : NULL);   /* S01 lists one variant twice */
        CHECK_INT(rv_cohort_add(st, conf, ids[i], path, NULL, NULL, NULL, &err), 0);
    }
    /* the lab's reported variants are the candidates (no source is active) */
    snprintf(rep_path, sizeof rep_path, "%s/reported.tsv", dir);
    FILE *f = fopen(rep_path, "w");
    fputs("sample\tvariant\tclass\tdate\treporter\n"
          "S01\t7-117176711-A-T\tLP\t2016-02-01\tlab\n"
          "S01\t7-117199644-ATCT-A\tP\t2016-02-01\tlab\n"
          "S02\t2-47707835-G-A\tLP\t2016-02-01\tlab\n"
          "S03\t3-38591878-G-C\tP\t2016-02-01\tlab\n", f);
    fclose(f);
    int added = 0, same = 0;
    rv_problems probs = { 0 };
    CHECK_INT(rv_reported_import(st, rep_path, &added, &same, &probs, &err), 0);
    CHECK_INT(added, 4);
    rv_problems_free(&probs);

    seen s1 = { 0 };
    rv_cohort_run_opts o = { .home = home, .conf = conf, .rules = "pipeline/acmg.json", .threads = 1,
                             .on_skip = on_skip, .skip_ud = &s1, .msg = { on_msg, &s1 } };
    rv_cohort_run_report rep;

    TEST_CASE("an unknown sample or a bad thread count: refused, nothing written");
    char *want[] = { "S01", "NOPE" };
    o.samples = want;
    o.n_samples = 2;
    CHECK_INT(rv_run_cohort(st, &o, &rep, &err), RV_ENOTFOUND);
    CHECK(strstr(err.msg, "no sample 'NOPE'") != NULL);
    o.samples = NULL;
    o.n_samples = 0;
    o.threads = 0;
    CHECK_INT(rv_run_cohort(st, &o, &rep, &err), RV_EUSAGE);
    o.threads = RV_RUN_MAX_THREADS + 1;
    CHECK_INT(rv_run_cohort(st, &o, &rep, &err), RV_EUSAGE);
    CHECK_INT(db_int(st, "SELECT count(*) FROM runs"), 0);

    TEST_CASE("one thread: stored, skipped with the reason, warnings to the sink");
    snprintf(path, sizeof path, "%s/S04.vcf", dir);
    unlink(path);
    o.threads = 1;
    CHECK_INT(rv_run_cohort(st, &o, &rep, &err), 0);
    CHECK_INT(rep.run, 1);
    CHECK_INT(rep.n_done, 3);
    CHECK_INT(rep.n_skipped, 1);
    CHECK_INT(rep.n_interrupted, 0);
    CHECK_STR(s1.skipped, "S04:missing;");
    CHECK(strstr(s1.warn, "no active sources") != NULL);
    CHECK(strstr(s1.warn, "S01.vcf: 1 variant listed more than once; the first of each is kept") != NULL);
    CHECK_INT(s1.n_info, 3);                          /* one progress line per stored sample */
    CHECK_INT(db_int(st, "SELECT count(*) FROM runs WHERE id=1 AND status='complete'"), 1);
    CHECK_INT(db_int(st, "SELECT count(*) FROM run_samples WHERE run=1 AND status='skipped' AND sample='S04'"), 1);
    long long n1 = db_int(st, "SELECT count(*) FROM classifications WHERE run=1");
    CHECK(n1 >= 3);                                   /* reported variants the samples carry */
    CHECK_INT(db_int(st, "SELECT count(*) FROM classifications WHERE run=1 AND criteria LIKE '{%'"), n1);

    TEST_CASE("three threads give the same calls; an interrupted run is noticed");
    CHECK_INT(db_int(st, "UPDATE runs SET status='running' WHERE id=1 RETURNING id"), 1);
    seen s2 = { 0 };
    o.skip_ud = &s2;
    o.msg.ud = &s2;
    o.threads = 3;
    CHECK_INT(rv_run_cohort(st, &o, &rep, &err), 0);
    CHECK_INT(rep.run, 2);
    CHECK_INT(rep.n_done, 3);
    CHECK_INT(rep.n_skipped, 1);
    CHECK_INT(rep.n_interrupted, 1);
    CHECK(strstr(s2.warn, "1 earlier run had been interrupted") != NULL);
    CHECK_INT(db_int(st, "SELECT count(*) FROM classifications WHERE run=2"), n1);
    CHECK_INT(db_int(st, "SELECT count(*) FROM (SELECT sample, variant, class, points, criteria, zygosity, candidate "
                         "FROM classifications WHERE run=1 EXCEPT SELECT sample, variant, class, points, criteria, "
                         "zygosity, candidate FROM classifications WHERE run=2)"), 0);

    TEST_CASE("only the named samples");
    char *only[] = { "S02" };
    o.samples = only;
    o.n_samples = 1;
    CHECK_INT(rv_run_cohort(st, &o, &rep, &err), 0);
    CHECK_INT(rep.n_done + rep.n_skipped, 1);
    CHECK_INT(db_int(st, "SELECT count(DISTINCT sample) FROM run_samples WHERE run=3"), 1);

    TEST_CASE("a shard holds what a direct run stores");
    snprintf(shard, sizeof shard, "%s/S01.shard", dir);
    rv_shard_report srep;
    seen s3 = { 0 };
    o.msg.ud = &s3;
    CHECK_INT(rv_run_shard(st, &o, "S01", shard, &srep, &err), 0);
    CHECK_INT(srep.skipped, 0);
    CHECK_INT(srep.n_calls, db_int(st, "SELECT count(*) FROM classifications WHERE run=2 AND sample='S01'"));
    rv_shard sh;
    memset(&sh, 0, sizeof sh);
    CHECK_INT(rv_shard_read(shard, &sh, &err), 0);
    CHECK_STR(sh.sample, "S01");
    CHECK_INT(sh.calls.n, srep.n_calls);
    CHECK(sh.skipped == NULL);
    /* it names the run it started from, which merge checks is still the sample's last */
    CHECK_INT(sh.prev_run, db_int(st, "SELECT max(run) FROM run_samples WHERE sample='S01' AND status='done'"));
    CHECK(sh.mode && (strcmp(sh.mode, "full") == 0 || strcmp(sh.mode, "incremental") == 0));
    rv_shard_free(&sh);

    TEST_CASE("a shard of a sample that cannot be computed says why");
    snprintf(shard, sizeof shard, "%s/S04.shard", dir);
    CHECK_INT(rv_run_shard(st, &o, "S04", shard, &srep, &err), 0);
    CHECK_INT(srep.skipped, 1);
    CHECK(strstr(s3.warn, "shard S04: sample skipped") != NULL);
    memset(&sh, 0, sizeof sh);
    CHECK_INT(rv_shard_read(shard, &sh, &err), 0);
    CHECK(sh.skipped && strstr(sh.skipped, "is missing") != NULL);
    rv_shard_free(&sh);
    snprintf(shard, sizeof shard, "%s/none.shard", dir);
    CHECK_INT(rv_run_shard(st, &o, "NOPE", shard, &srep, &err), RV_ENOTFOUND);
    CHECK(access(shard, F_OK) != 0);

    rv_state_close(st);
    rv_runconf_free(conf);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
    return TEST_REPORT();
}
