/* run/plan.c: what is due for reanalysis (run/plan.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "run/plan.h"

typedef struct items { rv_plan_item *x; int n, m; } items;

static int add(items *v, const char *sample, const char *kind, const char *reason)
{
    if (v->n == v->m) {
        int m = v->m ? 2 * v->m : 16;
        rv_plan_item *x = realloc(v->x, (size_t)m * sizeof *x);
        if (!x) return -1;
        v->x = x;
        v->m = m;
    }
    rv_plan_item *it = &v->x[v->n++];
    it->sample = strdup(sample);
    it->kind = strdup(kind);
    it->reason = strdup(reason);
    return it->sample && it->kind && it->reason ? 0 : -1;
}

int rv_plan(rv_state *st, const rv_runconf *conf, const rv_source_ver *active, int n_active,
            const char *now, rv_plan_item **out, int *n, rv_err *err)
{
    sqlite3 *db = rv_state_db(st);
    items v = { 0 };
    sqlite3_stmt *s = NULL, *src = NULL;
    *out = NULL;
    *n = 0;
    /* per sample: its latest run row (done or skipped) and its latest done run */
    if (sqlite3_prepare_v2(db,
            "SELECT s.id, "
            " (SELECT max(run) FROM run_samples r WHERE r.sample=s.id AND r.status='done') AS done_run, "
            " (SELECT finished_at FROM run_samples r WHERE r.sample=s.id AND r.status='done' ORDER BY run DESC LIMIT 1), "
            " (SELECT status || char(9) || run || char(9) || coalesce(reason, '') FROM run_samples r "
            "   WHERE r.sample=s.id ORDER BY run DESC LIMIT 1), "
            " julianday(?1) - julianday((SELECT finished_at FROM run_samples r WHERE r.sample=s.id "
            "   AND r.status='done' ORDER BY run DESC LIMIT 1)) "
            "FROM samples s ORDER BY s.id", -1, &s, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "SELECT version FROM run_sources WHERE run=?1 AND source=?2", -1, &src, NULL) != SQLITE_OK) {
        int rc = rv_state_fail(st, err, "planning");
        sqlite3_finalize(s);
        return rc;
    }
    sqlite3_bind_text(s, 1, now, -1, SQLITE_STATIC);
    int rc, oom = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(s, 0);
        int64_t done_run = sqlite3_column_int64(s, 1);
        const char *done_at = (const char *)sqlite3_column_text(s, 2);
        const char *last = (const char *)sqlite3_column_text(s, 3);
        double age = sqlite3_column_double(s, 4);
        char reason[1024];
        if (last && strncmp(last, "skipped\t", 8) == 0) {
            const char *tab = strchr(last + 8, '\t');
            snprintf(reason, sizeof reason, "skipped in run %.*s: %s", tab ? (int)(tab - last - 8) : 0, last + 8,
                     tab ? tab + 1 : "");
            oom |= add(&v, id, "skipped", reason);
        }
        if (!done_run) { oom |= add(&v, id, "never-run", "never run"); continue; }
        for (int i = 0; i < n_active; i++) {
            sqlite3_reset(src);
            sqlite3_bind_int64(src, 1, done_run);
            sqlite3_bind_text(src, 2, active[i].source, -1, SQLITE_STATIC);
            if (sqlite3_step(src) == SQLITE_ROW) {
                const char *had = (const char *)sqlite3_column_text(src, 0);
                if (had && strcmp(had, active[i].version) == 0) continue;
                snprintf(reason, sizeof reason, "%s %s is active; its last run (run %lld) used %s",
                         active[i].source, active[i].version, (long long)done_run, had ? had : "none");
            } else {
                snprintf(reason, sizeof reason, "%s %s is active; its last run (run %lld) did not use %s",
                         active[i].source, active[i].version, (long long)done_run, active[i].source);
            }
            oom |= add(&v, id, "source", reason);
        }
        if (conf->interval_days > 0 && age > conf->interval_days) {
            snprintf(reason, sizeof reason, "last reanalysed %.10s, %d days ago (interval %d days)",
                     done_at ? done_at : "?", (int)age, conf->interval_days);
            oom |= add(&v, id, "interval", reason);
        }
    }
    sqlite3_finalize(src);
    if (rc != SQLITE_DONE) { rc = rv_state_fail(st, err, "planning"); sqlite3_finalize(s); rv_plan_items_free(v.x, v.n); return rc; }
    sqlite3_finalize(s);
    if (oom) { rv_plan_items_free(v.x, v.n); return rv_err_set(err, RV_ENOMEM, "out of memory"); }
    *out = v.x;
    *n = v.n;
    return 0;
}

void rv_plan_items_free(rv_plan_item *items, int n)
{
    for (int i = 0; i < n; i++) { free(items[i].sample); free(items[i].kind); free(items[i].reason); }
    free(items);
}
