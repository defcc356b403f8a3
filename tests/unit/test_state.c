/* test_state.c: the state database: creation (mode, WAL, foreign keys), migrations from
 * an older schema, refusing a newer one, read-only opening, the VCF checksum check, and
 * storing a sample's calls through rv_run_apply_sample (transaction, flags, quiet re-run). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sqlite3.h>
#include "state/cohort.h"
#include "run/sample.h"
#include "state/runs.h"
#include "run/shard.h"
#include "state/db.h"
#include "state/schema.h"
#include "testhelp.h"

static char dir[256];

static void rmrf(const char *d)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", d);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", d);
}

static int db_int(rv_state *st, const char *sql)
{
    sqlite3_stmt *s = NULL;
    int v = -999;
    if (sqlite3_prepare_v2(rv_state_db(st), sql, -1, &s, NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
        v = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    return v;
}

static void raw_exec(const char *db, const char *sql)
{
    sqlite3 *h = NULL;
    sqlite3_open(db, &h);
    sqlite3_exec(h, sql, NULL, NULL, NULL);
    sqlite3_close(h);
}

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    if (fp) { fputs(text, fp); fclose(fp); }
}

static rv_call *add_call(rv_calls *v, const char *variant, const char *cls, const char *sig, const char *ver)
{
    rv_call *c = rv_calls_push(v);
    c->variant = strdup(variant);
    c->contig = 6;
    c->pos = 117176711;
    c->cls = strdup(cls);
    c->effective_class = strdup(cls);
    c->clinvar_sig = strdup(sig);
    c->clinvar_tier = strdup(strcmp(cls, "VUS") == 0 ? "VUS" : "P/LP");
    c->clinvar_stars = 1;
    c->clinvar_source = strdup("clinvar");
    c->clinvar_version = strdup(ver);
    c->candidate_reason = strdup("clinvar");
    return c;
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/revus-test-state.%ld", (long)getpid());
    rmrf(dir);
    char home[300], db[400];
    snprintf(home, sizeof home, "%s/home", dir);
    snprintf(db, sizeof db, "%s/revus.db", home);
    mkdir(dir, 0700);
    rv_err err = { 0 };
    rv_state *st = NULL;

    TEST_CASE("a new home is created with the current schema");
    CHECK_INT(rv_state_open(&st, home, &err), 0);
    CHECK_INT(db_int(st, "PRAGMA user_version"), RV_STATE_SCHEMA_VERSION);
    CHECK_INT(db_int(st, "PRAGMA foreign_keys"), 1);
    CHECK_INT(db_int(st, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name IN "
                         "('samples','indications','runs','run_sources','run_samples','call_history',"
                         "'reported','flags','acks','meta')"), 10);
    struct stat sb;
    CHECK(stat(db, &sb) == 0 && (sb.st_mode & 0777) == 0600);
    rv_state_close(st);
    st = NULL;
    {
        sqlite3 *h = NULL;
        sqlite3_open(db, &h);
        sqlite3_stmt *s = NULL;
        sqlite3_prepare_v2(h, "PRAGMA journal_mode", -1, &s, NULL);
        CHECK(sqlite3_step(s) == SQLITE_ROW && strcmp((const char *)sqlite3_column_text(s, 0), "wal") == 0);
        sqlite3_finalize(s);
        sqlite3_close(h);
    }

    TEST_CASE("an older (empty, version 0) database is upgraded in place");
    {
        char old_home[300], old_db[400];
        snprintf(old_home, sizeof old_home, "%s/old", dir);
        snprintf(old_db, sizeof old_db, "%s/revus.db", old_home);
        mkdir(old_home, 0700);
        raw_exec(old_db, "CREATE TABLE unrelated(x); PRAGMA user_version=0;");
        int v = -1;
        CHECK_INT(rv_state_file_version(old_db, &v, &err), 0);
        CHECK_INT(v, 0);
        CHECK_INT(rv_state_open_readonly(&st, old_home, &err), RV_ESTATE);
        CHECK(strstr(err.msg, "older") != NULL);
        CHECK_INT(rv_state_open(&st, old_home, &err), 0);
        CHECK_INT(db_int(st, "PRAGMA user_version"), RV_STATE_SCHEMA_VERSION);
        CHECK_INT(db_int(st, "SELECT count(*) FROM meta WHERE key='last_migrated_by'"), 1);
        CHECK_INT(db_int(st, "SELECT count(*) FROM unrelated"), 0);   /* other data kept */
        rv_state_close(st);
        st = NULL;
    }

    TEST_CASE("a newer database is refused and left untouched");
    {
        char new_home[300], new_db[400];
        snprintf(new_home, sizeof new_home, "%s/newer", dir);
        snprintf(new_db, sizeof new_db, "%s/revus.db", new_home);
        mkdir(new_home, 0700);
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA user_version=%d", RV_STATE_SCHEMA_VERSION + 1);
        raw_exec(new_db, sql);
        CHECK_INT(rv_state_open(&st, new_home, &err), RV_ESTATE);
        CHECK(strstr(err.msg, "newer than this revus") != NULL);
        CHECK(st == NULL);
        CHECK_INT(rv_state_open_readonly(&st, new_home, &err), RV_ESTATE);
        int v = -1;
        CHECK_INT(rv_state_file_version(new_db, &v, &err), 0);
        CHECK_INT(v, RV_STATE_SCHEMA_VERSION + 1);
    }

    TEST_CASE("every migration step exists and the last one is the current version");
    CHECK_INT(rv_schema_n_migrations(), RV_STATE_SCHEMA_VERSION);
    for (int i = 0; i < RV_STATE_SCHEMA_VERSION; i++) CHECK(rv_schema_migration(i) != NULL);
    CHECK(rv_schema_migration(RV_STATE_SCHEMA_VERSION) == NULL);

    TEST_CASE("a changed or missing VCF is caught by its checksum");
    CHECK_INT(rv_state_open(&st, home, &err), 0);
    char vcf[400];
    snprintf(vcf, sizeof vcf, "%s/s1.vcf", dir);
    write_file(vcf, "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n");
    CHECK_INT(rv_cohort_add(st, NULL, "S1", vcf, NULL, "F", NULL, &err), 0);
    CHECK_INT(rv_cohort_add(st, NULL, "S1", vcf, NULL, NULL, NULL, &err), RV_EUSAGE);
    CHECK_INT(rv_cohort_add(st, NULL, "S 2", vcf, NULL, NULL, NULL, &err), RV_EINPUT);
    CHECK_INT(rv_cohort_add(st, NULL, "S2", vcf, NULL, "X", NULL, &err), RV_EINPUT);
    rv_sample *s = NULL;
    int n = 0;
    CHECK_INT(rv_cohort_get(st, "S1", &s, &n, &err), 0);
    CHECK_INT(n, 1);
    char reason[1100];
    CHECK_INT(rv_sample_check_vcf(&s[0], reason, sizeof reason), 0);
    write_file(vcf, "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n1\t10\t.\tA\tT\t.\t.\t.\n");
    CHECK(rv_sample_check_vcf(&s[0], reason, sizeof reason) < 0);
    CHECK(strstr(reason, "VCF changed since it was registered") != NULL);
    unlink(vcf);
    CHECK(rv_sample_check_vcf(&s[0], reason, sizeof reason) < 0);
    CHECK(strstr(reason, "is missing") != NULL);
    rv_samples_free(s, n);

    TEST_CASE("one sample's calls and flags in one transaction; a re-run is quiet");
    {
        const char *fq[] = { "BA1", "BS1", "PM2" };
        rv_flag_rules rules = { fq, 3, 1, 1, NULL, 0, 0, 1 };
        rv_source_ver src = { "clinvar", "v1", "abc", "clinical-assertion" };
        int64_t run1, run2, run3;
        rv_apply_stats as;
        rv_calls c = { 0 };
        CHECK_INT(rv_run_begin(st, "direct", "hash", &src, 1, &run1, &err), 0);
        add_call(&c, "7-117176711-A-T", "LP", "Likely_pathogenic", "v1");
        CHECK_INT(rv_run_apply_sample(st, run1, "S1", &c, &rules, &as, &err), 0);
        CHECK_INT(as.n_calls, 1);
        CHECK_INT(as.n_flags, 0);                       /* first run: baseline */
        CHECK_INT(rv_run_finish(st, run1, &err), 0);
        rv_calls_free(&c);

        src.version = "v2";
        CHECK_INT(rv_run_begin(st, "direct", "hash", &src, 1, &run2, &err), 0);
        add_call(&c, "7-117176711-A-T", "VUS", "Uncertain_significance", "v2");
        CHECK_INT(rv_run_apply_sample(st, run2, "S1", &c, &rules, &as, &err), 0);
        CHECK_INT(as.n_flags, 1);
        CHECK_INT(db_int(st, "SELECT count(*) FROM flags WHERE category='plp_downgraded' AND old_version='v1' "
                             "AND new_version='v2' AND trigger_source='clinvar'"), 1);
        /* applying the same sample twice in one run replaces it and raises nothing new */
        CHECK_INT(rv_run_apply_sample(st, run2, "S1", &c, &rules, &as, &err), 0);
        CHECK_INT(db_int(st, "SELECT count(*) FROM classifications WHERE sample='S1'"), 2);
        rv_calls_free(&c);

        CHECK_INT(rv_run_begin(st, "direct", "hash", &src, 1, &run3, &err), 0);
        add_call(&c, "7-117176711-A-T", "VUS", "Uncertain_significance", "v2");
        CHECK_INT(rv_run_apply_sample(st, run3, "S1", &c, &rules, &as, &err), 0);
        CHECK_INT(as.n_flags, 0);                       /* same sources: no new flag */
        rv_calls_free(&c);

        /* a failing sample leaves nothing behind: an unknown sample breaks the FK */
        add_call(&c, "7-117176711-A-T", "VUS", "Uncertain_significance", "v2");
        int before = db_int(st, "SELECT count(*) FROM classifications");
        CHECK(rv_run_apply_sample(st, run3, "NOPE", &c, &rules, &as, &err) < 0);
        CHECK_INT(db_int(st, "SELECT count(*) FROM classifications"), before);
        CHECK_INT(db_int(st, "SELECT count(*) FROM run_samples WHERE sample='NOPE'"), 0);
        rv_calls_free(&c);

        /* a writer that stops on that error marks its run interrupted */
        rv_run_abandon(st, run3);
        CHECK_INT(db_int(st, "SELECT count(*) FROM runs WHERE status='interrupted'"), 1);
        int n_int = 0;
        CHECK_INT(rv_runs_mark_interrupted(st, &n_int, &err), 0);
        CHECK_INT(n_int, 1);                            /* run2 was never finished */
    }

    TEST_CASE("a variant listed twice in a VCF is stored once");
    {
        rv_calls c = { 0 };
        add_call(&c, "7-117176711-A-T", "VUS", "Uncertain_significance", "v2");
        add_call(&c, "7-117176711-A-T", "LP", "Likely_pathogenic", "v2");
        rv_call *o = add_call(&c, "7-117176711-A-G", "VUS", "Uncertain_significance", "v2");
        (void)o;
        rv_calls_sort(&c);
        CHECK_INT(rv_calls_dedup(&c), 1);
        CHECK_INT(c.n, 2);
        CHECK(rv_calls_find(&c, "7-117176711-A-T") != NULL);
        CHECK(rv_calls_find(&c, "7-117176711-A-G") != NULL);
        CHECK(rv_calls_find(&c, "7-117176711-A-C") == NULL);
        rv_calls_free(&c);
    }

    TEST_CASE("a shard round-trips every call field");
    {
        char path[400];
        snprintf(path, sizeof path, "%s/s.shard", dir);
        rv_shard a = { 0 }, b = { 0 };
        rv_source_ver src = { "clinvar", "v2", "abc", "clinical-assertion" };
        a.sample = "S1"; a.vcf_sha256 = "00"; a.revus_version = "0"; a.config_hash = "h";
        a.sources = &src; a.n_sources = 1;
        rv_call *c = add_call(&a.calls, "7-117176711-A-T", "VUS", "Uncertain_significance", "v2");
        c->has_af = 1; c->af = 0.1 + 0.2;            /* not exactly representable in short decimal */
        c->has_points = 1; c->points = -3;
        c->panel_confidence = 0;
        c->clinvar_id = 7105;
        CHECK_INT(rv_shard_write(path, &a, &err), 0);
        CHECK_INT(rv_shard_read(path, &b, &err), 0);
        CHECK_INT(b.calls.n, 1);
        CHECK(b.calls.x[0].af == 0.1 + 0.2);
        CHECK_INT(b.calls.x[0].points, -3);
        CHECK_INT(b.calls.x[0].panel_confidence, 0);
        CHECK_INT(b.calls.x[0].clinvar_stars, 1);
        CHECK_INT(b.calls.x[0].clinvar_id, 7105);
        CHECK_STR(b.calls.x[0].clinvar_version, "v2");
        CHECK(b.calls.x[0].vus_tier == NULL);
        CHECK_STR(b.sources[0].sha256, "abc");
        rv_shard_free(&b);
        rv_calls_free(&a.calls);
        write_file(path, "{\"format\": \"revus-shard\", \"format_version\": 1, \"sample\": \"S1\"");
        CHECK_INT(rv_shard_read(path, &b, &err), RV_EINPUT);
    }
    rv_state_close(st);
    rmrf(dir);
    return TEST_REPORT();
}
