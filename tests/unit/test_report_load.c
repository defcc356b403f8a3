/* Unit tests: the report loader and the statistics on an in-memory database with the
 * state's schema (every migration) and the synthetic rows of test-data/reports. */
#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include "report/load.h"
#include "report/model.h"
#include "state/schema.h"
#include "report/stats.h"
#include "testhelp.h"

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    if (s && fread(s, 1, (size_t)n, f) != (size_t)n) { free(s); s = NULL; }
    if (s) s[n] = '\0';
    fclose(f);
    return s;
}

static const rv_report_line *find(const rv_report *r, int64_t flag)
{
    for (size_t i = 0; i < r->n_lines; i++) if (r->lines[i].flag_id == flag) return &r->lines[i];
    return NULL;
}

static const rv_stats_row *row(const rv_stats *s, rv_period_type t, const char *period, const char *ind)
{
    for (size_t i = 0; i < s->n_rows; i++) {
        const rv_stats_row *r = &s->rows[i];
        if (r->ptype == t && !strcmp(r->period, period) &&
            ((!ind && !r->indication) || (ind && r->indication && !strcmp(ind, r->indication))))
            return r;
    }
    return NULL;
}

int main(void)
{
    sqlite3 *db;
    rv_err err;
    char *msg = NULL;
    CHECK(sqlite3_open(":memory:", &db) == SQLITE_OK);
    for (int v = 0; v < rv_schema_n_migrations(); v++) {
        CHECK(sqlite3_exec(db, rv_schema_migration(v), NULL, NULL, &msg) == SQLITE_OK);
        sqlite3_free(msg); msg = NULL;
    }

    TEST_CASE("empty database");
    rv_report *r = NULL;
    rv_report_query q = { 0 };
    CHECK_INT(rv_report_load(db, &q, &r, &err), RV_ENOTFOUND);      /* no run yet */
    CHECK(strstr(err.msg, "no complete reanalysis run") != NULL);
    rv_stats *st = NULL;
    CHECK_INT(rv_stats_load(db, &st, &err), 0);
    CHECK_INT(st->n_rows, 1);                                         /* the all-time total */
    CHECK_INT(st->rows[0].flags, 0);
    rv_stats_free(st);

    char *rows = slurp("test-data/reports/state-rows.sql");
    CHECK(rows != NULL);
    if (!rows) return TEST_REPORT();
    CHECK(sqlite3_exec(db, rows, NULL, NULL, &msg) == SQLITE_OK);
    if (msg) { fprintf(stderr, "%s\n", msg); sqlite3_free(msg); }
    free(rows);

    TEST_CASE("latest run: lines, sides, reported class, sources");
    CHECK_INT(rv_report_load(db, &q, &r, &err), 0);
    CHECK_INT(r->n_lines, 5);
    CHECK_INT(r->n_runs, 1);
    CHECK_INT(r->run_ids[0], 2);
    CHECK_STR(r->run_date, "2026-11-20T08:00:00Z");
    CHECK_STR(r->config_hash, "c0ffee02");
    CHECK_INT(r->n_sources, 3);
    CHECK_STR(r->sources[0].name, "clinvar");
    CHECK_STR(r->sources[0].release_date, "2026-11-02");   /* a date version is its release date */
    CHECK(r->sources[1].release_date == NULL);             /* gnomAD 4.1 is not a date */
    CHECK_STR(r->selection, "run 2");
    CHECK_INT(r->n_skipped, 1);
    if (r->n_skipped) { CHECK_STR(r->skipped[0].sample, "S004"); CHECK_INT(r->skipped[0].run, 2); }
    static const int64_t order[] = { 4, 3, 1, 2, 5 };
    for (size_t i = 0; i < 5 && i < r->n_lines; i++) CHECK_INT(r->lines[i].flag_id, order[i]);
    const rv_report_line *l = find(r, 1);
    CHECK(l != NULL);
    if (l) {
        CHECK_STR(l->gene, "BRCA1");
        CHECK_STR(l->hgvsc, "c.5123C>A");
        CHECK_STR(l->before.klass, "LP");
        CHECK_INT(l->before.run_id, 1);
        CHECK_INT(l->before.points, 7);
        CHECK(!l->before.has_af);                           /* NULL af: absent, not 0 */
        CHECK_STR(l->now.klass, "VUS");
        CHECK_STR(l->now.vus_tier, "warm");
        CHECK(l->now.has_af);
        CHECK_DBL(l->now.af, 0.000012, 1e-12);
        CHECK_STR(l->now.panel_confidence, "green");
        CHECK_STR(l->reported_class, "LP");
        CHECK_STR(l->reported_by, "Dr A. O'Neil");
        CHECK_STR(l->trigger_new_version, "2026-11-02");
        CHECK_STR(l->indication_name, "Inherited breast cancer and ovarian cancer");
        CHECK(rv_report_line_significant(l));
        CHECK(!l->acked);
    }
    l = find(r, 4);                                         /* new candidate: no before side */
    CHECK(l && l->before.run_id == 0 && l->before.klass == NULL && l->old_class == NULL);
    l = find(r, 2);
    CHECK(l && l->acked && !strcmp(l->ack_by, "A. Jones"));
    rv_report_free(r); r = NULL;

    TEST_CASE("criteria stored as JSON are shown by label, beside older label lists");
    CHECK(sqlite3_exec(db, "UPDATE classifications SET criteria = '{\"class\":\"VUS\",\"criteria\":["
                           "{\"code\":\"PM1\",\"label\":\"PM1\",\"points\":2,\"value\":\"x\",\"source\":\"a@1\"},"
                           "{\"code\":\"PP3\",\"label\":\"PP3_Strong\",\"points\":4,\"value\":\"REVEL=0.95\",\"source\":\"b@2\"}]}' "
                           "WHERE run = 2 AND variant = '17-43057078-G-T'", NULL, NULL, NULL) == SQLITE_OK);
    CHECK_INT(rv_report_load(db, &q, &r, &err), 0);
    l = r ? find(r, 1) : NULL;
    CHECK(l != NULL);
    if (l) {
        CHECK_STR(l->now.criteria, "PM1,PP3_Strong");
        CHECK_STR(l->before.criteria, "PM1,PM2_Supporting,PP3_Strong");
    }
    rv_report_free(r); r = NULL;

    TEST_CASE("selections");
    rv_report_query q1 = { .run = 1 };
    CHECK_INT(rv_report_load(db, &q1, &r, &err), 0);
    CHECK_INT(r->n_lines, 0);
    CHECK_INT(r->n_sources, 3);                             /* the run's sources, even when empty */
    CHECK_STR(r->sources[0].version, "2026-05-04");
    rv_report_free(r); r = NULL;
    rv_report_query q2 = { .since = "2026-11-01", .indication = "R208" };
    CHECK_INT(rv_report_load(db, &q2, &r, &err), 0);
    CHECK_INT(r->n_lines, 3);
    CHECK_INT(r->n_skipped, 0);                             /* S004 is R135 */
    CHECK_STR(r->selection, "flags raised since 2026-11-01, indication R208");
    rv_report_free(r); r = NULL;
    rv_report_query q3 = { .sample = "S003" };
    CHECK_INT(rv_report_load(db, &q3, &r, &err), 0);
    CHECK_INT(r->n_lines, 1);
    rv_report_free(r); r = NULL;
    rv_report_query bad1 = { .run = 9 }, bad2 = { .since = "2026/11/01" }, bad3 = { .sample = "X" },
                    bad4 = { .indication = "R999" }, bad5 = { .run = 2, .since = "2026-01-01" };
    CHECK_INT(rv_report_load(db, &bad1, &r, &err), RV_ENOTFOUND);
    CHECK_INT(rv_report_load(db, &bad2, &r, &err), RV_EUSAGE);
    CHECK_INT(rv_report_load(db, &bad3, &r, &err), RV_ENOTFOUND);
    CHECK_INT(rv_report_load(db, &bad4, &r, &err), RV_ENOTFOUND);
    CHECK_INT(rv_report_load(db, &bad5, &r, &err), RV_EUSAGE);

    TEST_CASE("statistics");
    CHECK_INT(rv_stats_load(db, &st, &err), 0);
    const rv_stats_row *all = row(st, RV_PERIOD_ALL, "", NULL);
    CHECK(all != NULL);
    if (all) {
        CHECK_INT(all->runs, 2);
        CHECK_INT(all->samples_run, 3);
        CHECK_INT(all->samples_reanalysed, 3);
        CHECK_INT(all->flags, 5);
        CHECK_INT(all->acknowledged, 1);
        CHECK_INT(all->by_category[0], 1);                  /* plp_downgraded */
        CHECK_INT(all->patients_changed, 3);                /* S001 LP->VUS, S002 VUS->LB, S003 VUS->LP */
        CHECK_INT(all->patients_new_plp, 2);                /* S002 new P, S003 VUS->LP */
        int med = -1, max = -1;
        CHECK(rv_stats_delay(all, &med, &max));
        CHECK_INT(med, 18);                                 /* ClinVar 2026-11-02 -> flags 2026-11-20 */
        CHECK_INT(max, 18);
    }
    const rv_stats_row *may = row(st, RV_PERIOD_MONTH, "2026-05", "R208");
    CHECK(may && may->samples_run == 2 && may->samples_reanalysed == 0 && may->flags == 0);
    const rv_stats_row *r135 = row(st, RV_PERIOD_YEAR, "2026", "R135");
    CHECK(r135 && r135->flags == 2 && r135->patients_changed == 1);
    CHECK(row(st, RV_PERIOD_MONTH, "2026-11", NULL) != NULL);
    CHECK(st->rows[0].ptype == RV_PERIOD_ALL && st->rows[0].indication == NULL);   /* totals first */
    rv_stats_free(st);

    TEST_CASE("dates");
    char d[11];
    CHECK_INT(rv_version_date("2025-01-06", d), 0); CHECK_STR(d, "2025-01-06");
    CHECK_INT(rv_version_date("20250106", d), 0); CHECK_STR(d, "2025-01-06");
    CHECK_INT(rv_version_date("2025-01", d), 0); CHECK_STR(d, "2025-01-01");
    CHECK_INT(rv_version_date("4.1", d), -1);
    CHECK_INT(rv_version_date("v3.1", d), -1);
    CHECK_INT(rv_version_date(NULL, d), -1);
    CHECK_INT(rv_days_from_date("1970-01-01"), 0);
    CHECK_INT(rv_days_from_date("2000-03-01") - rv_days_from_date("2000-02-28"), 2);   /* leap year */
    CHECK_INT(rv_days_from_date("2026-11-20T08:01:00Z") - rv_days_from_date("2026-11-02"), 18);
    CHECK_INT(rv_days_from_date("junk"), -1);

    sqlite3_close(db);
    return TEST_REPORT();
}
