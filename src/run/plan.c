/* run/plan.c: what is due for reanalysis (run/plan.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "run/incremental.h"
#include "run/plan.h"
#include "sources/store.h"

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

/* The lines of a sample whose last done run is `run`: what changed since, as `revus run`
 * decides it (rv_incr_sample_changed), and each source release that moved (added,
 * removed, another version, a rollback, re-imported). Both snapshots sorted by source. */
static int changed_since(rv_state *st, items *v, const char *id, int64_t run, const char *config_hash,
                         const rv_source_ver *active, int n_active, rv_err *err)
{
    rv_run_info info;
    rv_sample *sm = NULL;
    int ns = 0, oom = 0, rc;
    long long r = (long long)run;
    char reason[1024], why[400];
    if ((rc = rv_run_info_get(st, run, id, &info, err)) < 0) return rc;
    if ((rc = rv_cohort_get(st, id, &sm, &ns, err)) < 0) { rv_run_info_free(&info); return rc; }
    if (ns == 1 && config_hash && rv_incr_sample_changed(&info, &sm[0], config_hash, why, sizeof why)) {
        snprintf(reason, sizeof reason, "%s (its last run: run %lld)", why, r);
        oom |= add(v, id, "changed", reason);
    }
    for (int i = 0, j = 0; i < info.n_sources || j < n_active;) {
        const rv_source_ver *a = i < info.n_sources ? &info.sources[i] : NULL, *b = j < n_active ? &active[j] : NULL;
        int c = !a ? 1 : !b ? -1 : strcmp(a->source, b->source);
        reason[0] = '\0';
        if (c < 0)
            snprintf(reason, sizeof reason, "%s %s was used by its last run (run %lld) and is no longer active",
                     a->source, a->version, r);
        else if (c > 0)
            snprintf(reason, sizeof reason, "%s %s is active; its last run (run %lld) did not use %s", b->source,
                     b->version, r, b->source);
        else if (strcmp(a->version, b->version) != 0)
            snprintf(reason, sizeof reason, "%s %s is active; its last run (run %lld) used %s%s", b->source, b->version,
                     r, a->version, rv_store_version_cmp(b->version, a->version) < 0 ? " (a rollback to an older release)" : "");
        else if (strcmp(a->sha256 ? a->sha256 : "", b->sha256 ? b->sha256 : "") != 0)
            snprintf(reason, sizeof reason, "%s %s is active with other content than its last run (run %lld) used "
                     "(re-imported)", b->source, b->version, r);
        if (c <= 0) i++;
        if (c >= 0) j++;
        if (reason[0]) oom |= add(v, id, "source", reason);
    }
    /* classes the lab reported after that run stored the sample: the next run compares
     * its calls with them */
    sqlite3_stmt *q = rv_state_stmt(st, "SELECT count(*), max(imported_at) FROM reported WHERE sample=?1 AND "
                                        "rowid > (SELECT reported_seen FROM run_samples WHERE run=?2 AND sample=?1)");
    if (!q) { rv_samples_free(sm, ns); rv_run_info_free(&info); return rv_state_fail(st, err, "planning"); }
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 2, run);
    if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0) > 0) {
        int k = sqlite3_column_int(q, 0);
        snprintf(reason, sizeof reason, "%d reported class%s imported %.10s, after its last run (run %lld)", k,
                 k == 1 ? "" : "es", (const char *)sqlite3_column_text(q, 1), r);
        oom |= add(v, id, "reported", reason);
    }
    sqlite3_reset(q);
    rv_samples_free(sm, ns);
    rv_run_info_free(&info);
    return oom ? rv_err_set(err, RV_ENOMEM, "out of memory") : 0;
}

int rv_plan(rv_state *st, const rv_runconf *conf, const char *config_hash, const rv_source_ver *active, int n_active,
            const char *now, rv_plan_item **out, int *n, rv_err *err)
{
    sqlite3 *db = rv_state_db(st);
    items v = { 0 };
    sqlite3_stmt *s = NULL;
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
            "FROM samples s ORDER BY s.id", -1, &s, NULL) != SQLITE_OK)
        return rv_state_fail(st, err, "planning");
    sqlite3_bind_text(s, 1, now, -1, SQLITE_STATIC);
    int rc, oom = 0, bad = 0;
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
        if ((bad = changed_since(st, &v, id, done_run, config_hash, active, n_active, err)) < 0) break;
        if (conf->interval_days > 0 && age > conf->interval_days) {
            snprintf(reason, sizeof reason, "last reanalysed %.10s, %d days ago (interval %d days)",
                     done_at ? done_at : "?", (int)age, conf->interval_days);
            oom |= add(&v, id, "interval", reason);
        }
    }
    if (bad < 0 || rc != SQLITE_DONE) {
        if (bad >= 0) bad = rv_state_fail(st, err, "planning");
        sqlite3_finalize(s);
        rv_plan_items_free(v.x, v.n);
        return bad;
    }
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
