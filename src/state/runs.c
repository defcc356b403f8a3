/* state/runs.c: run rows, source snapshots, and applying one sample's results (state/runs.h). */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>
#include <sqlite3.h>
#include "base/private_file.h"
#include "state/runs.h"
#include "state/flag_merge.h"
#include "state/history.h"
#include "base/version.h"

void rv_source_vers_free(rv_source_ver *v, int n)
{
    for (int i = 0; v && i < n; i++) { free(v[i].source); free(v[i].version); free(v[i].sha256); free(v[i].role); }
    free(v);
}

/* ---- the writer lock ---- */

struct rv_run_lock { int fd; };

int rv_run_lock_take(const char *home, int wait_seconds, rv_run_lock **out, rv_err *err)
{
    *out = NULL;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", home, RV_STATE_LOCK_NAME);
    int fd = rv_open_private(path, O_RDWR | O_CREAT, err);   /* never truncates, never follows a link */
    if (fd < 0) return fd;
    /* poll every 100 ms so the wait is bounded */
    for (int waited = 0;; waited += 100) {
        if (flock(fd, LOCK_EX | LOCK_NB) == 0) break;
        if (errno != EWOULDBLOCK && errno != EINTR) {
            int rc = rv_err_set(err, RV_EIO, "%s: %s", path, strerror(errno));
            close(fd);
            return rc;
        }
        if (waited >= wait_seconds * 1000) {
            char pid[32] = "";
            ssize_t n = pread(fd, pid, sizeof pid - 1, 0);
            pid[n > 0 ? n : 0] = '\0';
            pid[strcspn(pid, "\n")] = '\0';
            close(fd);
            return rv_err_set(err, RV_EBUSY,
                              "%s: another revus run or merge (pid %s) is writing this home; "
                              "waited %d s, try again when it has finished",
                              home, pid[0] ? pid : "unknown", wait_seconds);
        }
        struct timespec ts = { 0, 100 * 1000 * 1000 };
        nanosleep(&ts, NULL);
    }
    char pid[32];
    int n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
    if (ftruncate(fd, 0) != 0 || pwrite(fd, pid, (size_t)n, 0) != n) { /* the pid is only a hint */ }
    rv_run_lock *lk = malloc(sizeof *lk);
    if (!lk) { close(fd); return rv_err_set(err, RV_ENOMEM, "out of memory"); }
    lk->fd = fd;
    *out = lk;
    return 0;
}

void rv_run_lock_release(rv_run_lock *lk)
{
    if (!lk) return;
    close(lk->fd);   /* closing drops the flock */
    free(lk);
}

/* ---- run rows ---- */

int rv_runs_mark_interrupted(rv_state *st, int *n, rv_err *err)
{
    char now[32];
    rv_state_now(now, sizeof now);
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(rv_state_db(st),
            "UPDATE runs SET status='interrupted', ended_at=?1 WHERE status='running'", -1, &s, NULL) != SQLITE_OK)
        return rv_state_fail(st, err, "marking interrupted runs");
    sqlite3_bind_text(s, 1, now, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) return rv_state_fail(st, err, "marking interrupted runs");
    *n = sqlite3_changes(rv_state_db(st));
    return 0;
}

int rv_run_begin(rv_state *st, const char *kind, const char *config_hash,
                 const rv_source_ver *src, int n_src, int64_t *run, rv_err *err)
{
    sqlite3 *db = rv_state_db(st);
    char now[32];
    rv_state_now(now, sizeof now);
    int rc = rv_state_begin(st, err);
    if (rc < 0) return rc;
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(db, "INSERT INTO runs(started_at, status, kind, revus_version, config_hash, pid) "
                               "VALUES (?1, 'running', ?2, ?3, ?4, ?5)", -1, &s, NULL) != SQLITE_OK)
        goto fail;
    sqlite3_bind_text(s, 1, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 2, kind, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, rv_version(), -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, config_hash, -1, SQLITE_STATIC);
    sqlite3_bind_int64(s, 5, (sqlite3_int64)getpid());
    if (sqlite3_step(s) != SQLITE_DONE) goto fail;
    sqlite3_finalize(s);
    s = NULL;
    *run = sqlite3_last_insert_rowid(db);
    if (sqlite3_prepare_v2(db, "INSERT INTO run_sources(run, source, version, sha256, role) VALUES (?1, ?2, ?3, ?4, ?5)",
                           -1, &s, NULL) != SQLITE_OK)
        goto fail;
    for (int i = 0; i < n_src; i++) {
        sqlite3_reset(s);
        sqlite3_bind_int64(s, 1, *run);
        sqlite3_bind_text(s, 2, src[i].source, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 3, src[i].version, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 4, src[i].sha256 ? src[i].sha256 : "", -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 5, src[i].role ? src[i].role : "", -1, SQLITE_STATIC);
        if (sqlite3_step(s) != SQLITE_DONE) goto fail;
    }
    sqlite3_finalize(s);
    return rv_state_commit(st, err);
fail:
    rc = rv_state_fail(st, err, "starting a run");
    sqlite3_finalize(s);
    rv_state_rollback(st);
    return rc;
}

int rv_run_finish(rv_state *st, int64_t run, rv_err *err)
{
    char now[32];
    rv_state_now(now, sizeof now);
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(rv_state_db(st), "UPDATE runs SET status='complete', ended_at=?2 WHERE id=?1",
                           -1, &s, NULL) != SQLITE_OK)
        return rv_state_fail(st, err, "finishing a run");
    sqlite3_bind_int64(s, 1, run);
    sqlite3_bind_text(s, 2, now, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : rv_state_fail(st, err, "finishing a run");
}

void rv_run_abandon(rv_state *st, int64_t run)
{
    char now[32];
    rv_state_now(now, sizeof now);
    sqlite3_stmt *s = NULL;
    rv_state_rollback(st);
    if (sqlite3_prepare_v2(rv_state_db(st), "UPDATE runs SET status='interrupted', ended_at=?2 "
                           "WHERE id=?1 AND status='running'", -1, &s, NULL) == SQLITE_OK) {
        sqlite3_bind_int64(s, 1, run);
        sqlite3_bind_text(s, 2, now, -1, SQLITE_TRANSIENT);
        sqlite3_step(s);
    }
    sqlite3_finalize(s);
}

static int run_sample_row(rv_state *st, int64_t run, const char *sample, const char *status,
                          const char *reason, int n_calls, int n_flags, rv_err *err)
{
    char now[32];
    rv_state_now(now, sizeof now);
    /* the run's counts move by this row alone (a sample stored again in the same run
     * replaces its row): constant work per sample, whatever the cohort's size */
    sqlite3_stmt *s = rv_state_stmt(st, "SELECT status='done', status='skipped' FROM run_samples WHERE run=?1 AND sample=?2");
    if (!s) return rv_state_fail(st, err, "recording a sample");
    sqlite3_bind_int64(s, 1, run);
    sqlite3_bind_text(s, 2, sample, -1, SQLITE_STATIC);
    int was_done = 0, was_skipped = 0;
    if (sqlite3_step(s) == SQLITE_ROW) { was_done = sqlite3_column_int(s, 0); was_skipped = sqlite3_column_int(s, 1); }
    sqlite3_reset(s);
    if (!(s = rv_state_stmt(st,
            "INSERT OR REPLACE INTO run_samples(run, sample, status, reason, finished_at, n_candidates, n_flags) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")))
        return rv_state_fail(st, err, "recording a sample");
    sqlite3_bind_int64(s, 1, run);
    sqlite3_bind_text(s, 2, sample, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, status, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, reason, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(s, 6, n_calls);
    sqlite3_bind_int(s, 7, n_flags);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    if (rc != SQLITE_DONE) return rv_state_fail(st, err, "recording a sample");
    int d_done = (strcmp(status, "done") == 0) - was_done, d_skipped = (strcmp(status, "skipped") == 0) - was_skipped;
    if (!d_done && !d_skipped) return 0;
    if (!(s = rv_state_stmt(st, "UPDATE runs SET n_done=n_done+?2, n_skipped=n_skipped+?3 WHERE id=?1")))
        return rv_state_fail(st, err, "counting");
    sqlite3_bind_int64(s, 1, run);
    sqlite3_bind_int(s, 2, d_done);
    sqlite3_bind_int(s, 3, d_skipped);
    rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : rv_state_fail(st, err, "counting");
}

int rv_run_skip_sample(rv_state *st, int64_t run, const char *sample, const char *reason, rv_err *err)
{
    int rc = rv_state_begin(st, err);
    if (rc < 0) return rc;
    if ((rc = run_sample_row(st, run, sample, "skipped", reason, 0, 0, err)) < 0) { rv_state_rollback(st); return rc; }
    return rv_state_commit(st, err);
}

static void bind_str(sqlite3_stmt *s, int i, const char *v) { sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC); }

static char *col_str(sqlite3_stmt *s, int i)
{
    const unsigned char *v = sqlite3_column_text(s, i);
    return v ? strdup((const char *)v) : NULL;
}

int rv_run_last_done(rv_state *st, const char *sample, int64_t exclude_run, int64_t *run, rv_err *err)
{
    *run = 0;
    sqlite3_stmt *s = rv_state_stmt(st, "SELECT max(run) FROM run_samples WHERE sample=?1 AND status='done' AND run<>?2");
    if (!s) return rv_state_fail(st, err, "finding the previous run");
    bind_str(s, 1, sample);
    sqlite3_bind_int64(s, 2, exclude_run);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) *run = sqlite3_column_int64(s, 0);
    sqlite3_reset(s);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : rv_state_fail(st, err, "finding the previous run");
}

int rv_run_previous(rv_state *st, const char *sample, int64_t exclude_run, int64_t *prev_run,
                    rv_calls *out, rv_err *err)
{
    int rc = rv_run_last_done(st, sample, exclude_run, prev_run, err);
    if (rc < 0 || !*prev_run) return rc;
    return rv_history_read(st, sample, *prev_run, out, err);
}

int rv_run_previous_light(rv_state *st, const char *sample, int64_t exclude_run, int64_t *prev_run,
                          rv_text_filter keep_text, void *ud, rv_calls *out, rv_err *err)
{
    int rc = rv_run_last_done(st, sample, exclude_run, prev_run, err);
    if (rc < 0 || !*prev_run) return rc;
    return rv_history_read_light(st, sample, *prev_run, keep_text, ud, out, err);
}

/* The lab's current class per variant: the row with the latest date. */
typedef struct reported_list { char **variant, **cls; int n, m; } reported_list;

static void reported_free(reported_list *r)
{
    for (int i = 0; i < r->n; i++) { free(r->variant[i]); free(r->cls[i]); }
    free(r->variant);
    free(r->cls);
}

static int reported_load(rv_state *st, const char *sample, reported_list *r, rv_err *err)
{
    memset(r, 0, sizeof *r);
    sqlite3_stmt *s = rv_state_stmt(st,
            "SELECT variant, class FROM reported r WHERE sample=?1 AND reported_on="
            "(SELECT max(reported_on) FROM reported q WHERE q.sample=r.sample AND q.variant=r.variant) "
            "ORDER BY variant");
    if (!s) return rv_state_fail(st, err, "reading reported classes");
    bind_str(s, 1, sample);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (r->n == r->m) {
            int m = r->m ? 2 * r->m : 16;
            char **v = realloc(r->variant, (size_t)m * sizeof *v);
            if (v) r->variant = v;
            char **c = realloc(r->cls, (size_t)m * sizeof *c);
            if (c) r->cls = c;
            if (!v || !c) { sqlite3_reset(s); return rv_err_set(err, RV_ENOMEM, "out of memory"); }
            r->m = m;
        }
        r->variant[r->n] = col_str(s, 0);
        r->cls[r->n] = col_str(s, 1);
        r->n++;
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : rv_state_fail(st, err, "reading reported classes");
}

int rv_reported_keys(rv_state *st, const char *sample, char ***keys, int *n, rv_err *err)
{
    reported_list r;
    int rc = reported_load(st, sample, &r, err);
    if (rc < 0) { reported_free(&r); return rc; }
    for (int i = 0; i < r.n; i++) free(r.cls[i]);
    free(r.cls);
    *keys = r.variant;
    *n = r.n;
    return 0;
}

static const char *reported_class(const reported_list *r, const char *variant)
{
    for (int i = 0; i < r->n; i++)
        if (strcmp(r->variant[i], variant) == 0) return r->cls[i];
    return NULL;
}

/* 1 when a flag with this fingerprint was already raised for the sample's variant. */
static int already_raised(sqlite3_stmt *q, const char *sample, const char *variant, const char *fp)
{
    sqlite3_reset(q);
    bind_str(q, 1, sample);
    bind_str(q, 2, variant);
    bind_str(q, 3, fp);
    return sqlite3_step(q) == SQLITE_ROW;
}

static void bind_or_null(sqlite3_stmt *s, int i, const char *v)
{
    if (v && *v) bind_str(s, i, v); else sqlite3_bind_null(s, i);
}

/* Every variant to compare: current, previous and reported, each once, in key order. */
static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Within the caller's transaction: the body of rv_run_apply_sample_prev. */
static int apply_in_tx(rv_state *st, int64_t run, const char *sample, int64_t prev_run, const rv_calls *prev_in,
                       rv_calls *calls, int n_total, const rv_flag_rules *rules, rv_apply_stats *stats, rv_err *err)
{
    sqlite3_stmt *q = NULL, *fl = NULL;
    const rv_calls prev = *prev_in;
    reported_list rep = { 0 };
    const char **keys = NULL;
    char now[32];
    rv_state_now(now, sizeof now);
    int rc;
    if ((rc = reported_load(st, sample, &rep, err)) < 0) goto fail;

    int n_written;
    if ((rc = rv_history_store(st, run, sample, &prev, calls, &n_written, err)) < 0) goto fail;
    stats->n_calls = n_total >= 0 ? n_total : calls->n;
    stats->n_written = n_written;

    /* an unaffected relative (PED phenotype 1) is evidence for the family, not a recipient
     * of flags, unless the config asks for carrier flags */
    int unaffected = 0;
    if (!rules->carrier_flags) {
        if (!(q = rv_state_stmt(st, "SELECT phenotype=1 FROM samples WHERE id=?1"))) goto sqlfail;
        bind_str(q, 1, sample);
        unaffected = sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0);
        sqlite3_reset(q);
        q = NULL;
    }

    /* the union of variants to compare */
    int nk = 0;
    keys = malloc(((size_t)calls->n + (size_t)prev.n + (size_t)rep.n + 1) * sizeof *keys);
    if (!keys) { rc = rv_err_set(err, RV_ENOMEM, "out of memory"); goto fail; }
    for (int i = 0; i < calls->n; i++) keys[nk++] = calls->x[i].variant;
    for (int i = 0; i < prev.n; i++) keys[nk++] = prev.x[i].variant;
    for (int i = 0; i < rep.n; i++) keys[nk++] = rep.variant[i];
    qsort(keys, (size_t)nk, sizeof *keys, cmp_str);

    /* a stored fingerprint may name several merged changes (state/flag_merge.h) */
    if (!(q = rv_state_stmt(st, "SELECT 1 FROM flags WHERE sample=?1 AND variant=?2 AND instr(fingerprint, ?3) > 0")) ||
        !(fl = rv_state_stmt(st, "INSERT INTO flags(run, sample, variant, category, priority, basis, old_class, "
                                 "new_class, trigger_source, old_version, new_version, field, old_value, new_value, "
                                 "detail, fingerprint, created_at) "
                                 "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17)")))
        goto sqlfail;
    for (int k = 0; k < nk; k++) {
        if (k > 0 && strcmp(keys[k], keys[k - 1]) == 0) continue;
        const rv_call *p = rv_calls_find(&prev, keys[k]);
        const rv_call *c = rv_calls_find(calls, keys[k]);
        const char *reported = reported_class(&rep, keys[k]);
        /* a call whose evidence did not move raises nothing against the previous run */
        if (!reported && p && c && rv_call_same_evidence(p, c)) continue;
        rv_flag f[RV_FLAGS_MAX];
        int n = rv_flags_compare(p, c, reported, prev_run != 0, rules, f);
        if (unaffected) { stats->n_quiet += n; n = 0; }
        /* changes raised before stay quiet; the rest become one flag (state/flag_merge.h) */
        int m = 0;
        for (int j = 0; j < n; j++) {
            if (already_raised(q, sample, keys[k], f[j].fingerprint)) stats->n_quiet++;
            else f[m++] = f[j];
        }
        char fps[sizeof f[0].fingerprint + sizeof f[0].also_fingerprints + 1];
        for (int j = 0; j < rv_flags_merge(f, m); j++) {
            rv_flag_stored_fingerprint(&f[j], fps, sizeof fps);
            sqlite3_reset(fl);
            sqlite3_bind_int64(fl, 1, run);
            bind_str(fl, 2, sample);
            bind_str(fl, 3, keys[k]);
            bind_str(fl, 4, f[j].category);
            sqlite3_bind_int(fl, 5, f[j].priority);
            bind_str(fl, 6, f[j].basis);
            bind_or_null(fl, 7, f[j].old_class);
            bind_or_null(fl, 8, f[j].new_class);
            bind_or_null(fl, 9, f[j].trigger_source);
            bind_or_null(fl, 10, f[j].old_version);
            bind_or_null(fl, 11, f[j].new_version);
            bind_or_null(fl, 12, f[j].field);
            bind_or_null(fl, 13, f[j].old_value);
            bind_or_null(fl, 14, f[j].new_value);
            bind_str(fl, 15, f[j].detail);
            bind_str(fl, 16, fps);
            bind_str(fl, 17, now);
            if (sqlite3_step(fl) != SQLITE_DONE) goto sqlfail;
            stats->n_flags++;
        }
    }
    rc = run_sample_row(st, run, sample, "done", NULL, stats->n_calls, stats->n_flags, err);
    goto out;
sqlfail:
    rc = rv_state_fail(st, err, "storing results");
fail:
out:
    if (q) sqlite3_reset(q);
    if (fl) sqlite3_reset(fl);
    free(keys);
    reported_free(&rep);
    return rc;
}

/* Commit the sample's transaction, or roll it back on an error. */
static int end_tx(rv_state *st, const char *sample, int rc, rv_err *err)
{
    if (rc == 0 && (rc = rv_state_commit(st, err)) == 0) return 0;
    rv_state_rollback(st);
    rv_err_prefix(err, "sample %s", sample);
    return rc;
}

int rv_run_apply_sample(rv_state *st, int64_t run, const char *sample, rv_calls *calls,
                        const rv_flag_rules *rules, rv_apply_stats *stats, rv_err *err)
{
    memset(stats, 0, sizeof *stats);
    rv_calls_sort(calls);
    rv_calls_dedup(calls);
    rv_calls prev = { 0 };
    int64_t prev_run = 0;
    int rc = rv_state_begin(st, err);
    if (rc < 0) return rc;
    if ((rc = rv_run_previous(st, sample, run, &prev_run, &prev, err)) == 0)
        rc = apply_in_tx(st, run, sample, prev_run, &prev, calls, -1, rules, stats, err);
    rv_calls_free(&prev);
    return end_tx(st, sample, rc, err);
}

int rv_run_apply_sample_prev(rv_state *st, int64_t run, const char *sample, int64_t prev_run, const rv_calls *prev,
                             rv_calls *calls, const rv_flag_rules *rules, rv_apply_stats *stats, rv_err *err)
{
    memset(stats, 0, sizeof *stats);
    rv_calls_sort(calls);
    rv_calls_dedup(calls);
    int rc = rv_state_begin(st, err);
    if (rc < 0) return rc;
    return end_tx(st, sample, apply_in_tx(st, run, sample, prev_run, prev, calls, -1, rules, stats, err), err);
}

int rv_run_apply_sample_delta(rv_state *st, int64_t run, const char *sample, int64_t prev_run, const rv_calls *prev_sub,
                              rv_calls *delta, int n_total, const rv_flag_rules *rules, rv_apply_stats *stats,
                              rv_err *err)
{
    memset(stats, 0, sizeof *stats);
    rv_calls_sort(delta);
    rv_calls_dedup(delta);
    int rc = rv_state_begin(st, err);
    if (rc < 0) return rc;
    return end_tx(st, sample, apply_in_tx(st, run, sample, prev_run, prev_sub, delta, n_total, rules, stats, err), err);
}
/* The registration of sample ?2 that decides how it is read, as one text (schema 4). */
#define REGISTRATION \
    "(SELECT coalesce(s.sex, '') || '|' || coalesce(s.family, '') || '|' || coalesce(s.father, '') || '|' || " \
    "coalesce(s.mother, '') || '|' || coalesce(s.phenotype, '') || '|' || coalesce(s.vcf_sample, '') || '|' || " \
    "(SELECT count(*) FROM samples r WHERE r.family = s.family AND r.id <> s.id) FROM samples s WHERE s.id = ?2)"

int rv_run_sample_read_with(rv_state *st, int64_t run, const char *sample, const char *vcf_sha256,
                            const char *mode, rv_err *err)
{
    sqlite3_stmt *s = rv_state_stmt(st, "UPDATE run_samples SET vcf_sha256=?3, mode=?4, "
                                    "indication=(SELECT indication FROM samples WHERE id=?2), "
                                    "registration=" REGISTRATION ", "
                                    "reported_seen=(SELECT coalesce(max(rowid), 0) FROM reported WHERE sample=?2) "
                                    "WHERE run=?1 AND sample=?2");
    if (!s) return rv_state_fail(st, err, "recording how a sample was read");
    sqlite3_bind_int64(s, 1, run);
    bind_str(s, 2, sample);
    bind_str(s, 3, vcf_sha256);
    bind_str(s, 4, mode);
    int rc = sqlite3_step(s);
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : rv_state_fail(st, err, "recording how a sample was read");
}

int rv_run_info_get(rv_state *st, int64_t run, const char *sample, rv_run_info *out, rv_err *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *s = rv_state_stmt(st, "SELECT r.config_hash, r.revus_version, rs.vcf_sha256, rs.indication, "
                                        "CASE WHEN rs.registration IS NULL THEN -1 "
                                        "WHEN rs.registration IS " REGISTRATION " THEN 0 ELSE 1 END FROM runs r "
                                        "LEFT JOIN run_samples rs ON rs.run=r.id AND rs.sample=?2 WHERE r.id=?1");
    if (!s) return rv_state_fail(st, err, "reading a run");
    sqlite3_bind_int64(s, 1, run);
    bind_str(s, 2, sample);
    int rc = sqlite3_step(s);
    if (rc == SQLITE_ROW) {
        out->config_hash = col_str(s, 0);
        out->revus_version = col_str(s, 1);
        out->vcf_sha256 = col_str(s, 2);
        out->indication = col_str(s, 3);
        out->registration_changed = sqlite3_column_int(s, 4);
    }
    sqlite3_reset(s);
    if (rc != SQLITE_ROW) return rc == SQLITE_DONE ? rv_err_set(err, RV_ENOTFOUND, "no run %lld", (long long)run)
                                                   : rv_state_fail(st, err, "reading a run");
    if (!(s = rv_state_stmt(st, "SELECT source, version, sha256, role FROM run_sources WHERE run=?1 ORDER BY source")))
        return rv_state_fail(st, err, "reading a run's sources");
    sqlite3_bind_int64(s, 1, run);
    int m = 0;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (out->n_sources == m) {
            m = m ? 2 * m : 8;
            rv_source_ver *x = realloc(out->sources, (size_t)m * sizeof *x);
            if (!x) { sqlite3_reset(s); return rv_err_set(err, RV_ENOMEM, "out of memory"); }
            out->sources = x;
        }
        rv_source_ver *v = &out->sources[out->n_sources++];
        v->source = col_str(s, 0); v->version = col_str(s, 1); v->sha256 = col_str(s, 2); v->role = col_str(s, 3);
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : rv_state_fail(st, err, "reading a run's sources");
}

void rv_run_info_free(rv_run_info *r)
{
    free(r->config_hash);
    free(r->revus_version);
    free(r->vcf_sha256);
    free(r->indication);
    rv_source_vers_free(r->sources, r->n_sources);
    memset(r, 0, sizeof *r);
}

void rv_run_test_pause(void)
{
    const char *v = getenv("REVUS_TEST_SLEEP_AFTER_SAMPLE");
    double secs = v ? atof(v) : 0;
    if (secs <= 0) return;
    struct timespec ts = { (time_t)secs, (long)((secs - (double)(time_t)secs) * 1e9) };
    nanosleep(&ts, NULL);
}
