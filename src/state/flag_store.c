/* state/flag_store.c: list and acknowledge flags (state/flag_store.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "state/flag_store.h"

static char *col(sqlite3_stmt *s, int i)
{
    const unsigned char *v = sqlite3_column_text(s, i);
    return v ? strdup((const char *)v) : NULL;
}

int rv_flags_list(rv_state *st, const rv_flag_filter *f, rv_flag_row **rows, int *n, rv_err *err)
{
    *rows = NULL;
    *n = 0;
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(rv_state_db(st),
            "SELECT f.id, f.run, f.priority, f.sample, f.variant, f.category, f.basis, f.old_class, f.new_class, "
            "f.trigger_source, f.old_version, f.new_version, f.field, f.old_value, f.new_value, f.detail, "
            "f.fingerprint, f.created_at, c.gene, coalesce(c.hgvsp, c.hgvsc), a.by_name, a.note, a.at, c.fit, c.inheritance "
            "FROM flags f LEFT JOIN acks a ON a.flag=f.id "
            "LEFT JOIN call_history c ON c.sample=f.sample AND c.variant=f.variant AND c.valid_from<=f.run "
            "AND (c.valid_to IS NULL OR c.valid_to>f.run) "
            "WHERE (?1=0 OR f.run=?1) AND (?2=0 OR f.priority<=?2) AND (?3 OR a.flag IS NULL) "
            "AND (?4 IS NULL OR f.sample=?4) "
            "ORDER BY f.priority, f.sample, coalesce(c.contig, 99), coalesce(c.pos, 0), f.variant, f.id",
            -1, &s, NULL) != SQLITE_OK)
        return rv_state_fail(st, err, "listing flags");
    sqlite3_bind_int64(s, 1, f->run);
    sqlite3_bind_int(s, 2, f->max_priority);
    sqlite3_bind_int(s, 3, f->include_acked);
    sqlite3_bind_text(s, 4, f->sample, -1, SQLITE_STATIC);
    int m = 0, rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == m) {
            m = m ? 2 * m : 32;
            rv_flag_row *x = realloc(*rows, (size_t)m * sizeof *x);
            if (!x) { sqlite3_finalize(s); return rv_err_set(err, RV_ENOMEM, "out of memory"); }
            *rows = x;
        }
        rv_flag_row *r = &(*rows)[(*n)++];
        int i = 0;
        r->id = sqlite3_column_int64(s, i++);
        r->run = sqlite3_column_int64(s, i++);
        r->priority = sqlite3_column_int(s, i++);
        char **strs[] = { &r->sample, &r->variant, &r->category, &r->basis, &r->old_class, &r->new_class,
                          &r->trigger_source, &r->old_version, &r->new_version, &r->field, &r->old_value,
                          &r->new_value, &r->detail, &r->fingerprint, &r->created_at, &r->gene, &r->hgvs,
                          &r->ack_by, &r->ack_note, &r->ack_at, &r->fit, &r->inheritance };
        for (size_t k = 0; k < sizeof strs / sizeof *strs; k++) *strs[k] = col(s, i++);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : rv_state_fail(st, err, "listing flags");
}

void rv_flag_rows_free(rv_flag_row *rows, int n)
{
    for (int i = 0; i < n; i++) {
        rv_flag_row *r = &rows[i];
        char *strs[] = { r->sample, r->variant, r->category, r->basis, r->old_class, r->new_class,
                         r->trigger_source, r->old_version, r->new_version, r->field, r->old_value,
                         r->new_value, r->detail, r->fingerprint, r->created_at, r->gene, r->hgvs,
                         r->ack_by, r->ack_note, r->ack_at, r->fit, r->inheritance };
        for (size_t k = 0; k < sizeof strs / sizeof *strs; k++) free(strs[k]);
    }
    free(rows);
}

int rv_flag_ack(rv_state *st, int64_t id, const char *by, const char *note, rv_err *err)
{
    sqlite3 *db = rv_state_db(st);
    if (!by || !*by) return rv_err_set(err, RV_EUSAGE, "ack needs --by NAME");
    int rc = rv_state_begin(st, err);
    if (rc < 0) return rc;
    sqlite3_stmt *s = NULL;
    char who[256] = "", when[64] = "";
    int found = 0, acked = 0;
    if (sqlite3_prepare_v2(db, "SELECT a.by_name, a.at FROM flags f LEFT JOIN acks a ON a.flag=f.id WHERE f.id=?1",
                           -1, &s, NULL) != SQLITE_OK) goto sqlfail;
    sqlite3_bind_int64(s, 1, id);
    if (sqlite3_step(s) == SQLITE_ROW) {
        found = 1;
        if (sqlite3_column_type(s, 0) != SQLITE_NULL) {
            acked = 1;
            snprintf(who, sizeof who, "%s", (const char *)sqlite3_column_text(s, 0));
            snprintf(when, sizeof when, "%s", (const char *)sqlite3_column_text(s, 1));
        }
    }
    sqlite3_finalize(s);
    s = NULL;
    if (!found) { rc = rv_err_set(err, RV_ENOTFOUND, "no flag %lld (see `revus flags --all`)", (long long)id); goto fail; }
    if (acked) { rc = rv_err_set(err, RV_EUSAGE, "flag %lld was already acknowledged by %s at %s", (long long)id, who, when); goto fail; }
    char now[32];
    rv_state_now(now, sizeof now);
    if (sqlite3_prepare_v2(db, "INSERT INTO acks(flag, sample, variant, by_name, note, at, fingerprint) "
                               "SELECT id, sample, variant, ?2, ?3, ?4, fingerprint FROM flags WHERE id=?1",
                           -1, &s, NULL) != SQLITE_OK) goto sqlfail;
    sqlite3_bind_int64(s, 1, id);
    sqlite3_bind_text(s, 2, by, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, note, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, now, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(s) != SQLITE_DONE) goto sqlfail;
    sqlite3_finalize(s);
    return rv_state_commit(st, err);
sqlfail:
    rc = rv_state_fail(st, err, "acknowledging a flag");
fail:
    sqlite3_finalize(s);
    rv_state_rollback(st);
    return rc;
}

int rv_runs_latest(rv_state *st, int64_t *run, rv_err *err)
{
    sqlite3_stmt *s = NULL;
    *run = 0;
    if (sqlite3_prepare_v2(rv_state_db(st), "SELECT coalesce(max(id), 0) FROM runs", -1, &s, NULL) != SQLITE_OK)
        return rv_state_fail(st, err, "reading runs");
    if (sqlite3_step(s) == SQLITE_ROW) *run = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    return 0;
}

int rv_run_exists(rv_state *st, int64_t run)
{
    sqlite3_stmt *s = NULL;
    int found = 0;
    if (sqlite3_prepare_v2(rv_state_db(st), "SELECT 1 FROM runs WHERE id=?1", -1, &s, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(s, 1, run);
        found = sqlite3_step(s) == SQLITE_ROW;
    }
    sqlite3_finalize(s);
    return found;
}
