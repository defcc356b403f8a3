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
#include "base/version.h"

static int sql_fail(rv_state *st, rv_err *err, const char *what)
{
    return rv_err_set(err, RV_ESTATE, "%s/%s: %s: %s", rv_state_home(st), RV_STATE_DB_NAME, what,
                      sqlite3_errmsg(rv_state_db(st)));
}

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
        return sql_fail(st, err, "marking interrupted runs");
    sqlite3_bind_text(s, 1, now, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) return sql_fail(st, err, "marking interrupted runs");
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
    rc = sql_fail(st, err, "starting a run");
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
        return sql_fail(st, err, "finishing a run");
    sqlite3_bind_int64(s, 1, run);
    sqlite3_bind_text(s, 2, now, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : sql_fail(st, err, "finishing a run");
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
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(rv_state_db(st),
            "INSERT OR REPLACE INTO run_samples(run, sample, status, reason, finished_at, n_candidates, n_flags) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", -1, &s, NULL) != SQLITE_OK)
        return sql_fail(st, err, "recording a sample");
    sqlite3_bind_int64(s, 1, run);
    sqlite3_bind_text(s, 2, sample, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, status, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, reason, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(s, 6, n_calls);
    sqlite3_bind_int(s, 7, n_flags);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) return sql_fail(st, err, "recording a sample");
    const char *count = strcmp(status, "done") == 0
        ? "UPDATE runs SET n_done=(SELECT count(*) FROM run_samples WHERE run=?1 AND status='done') WHERE id=?1"
        : "UPDATE runs SET n_skipped=(SELECT count(*) FROM run_samples WHERE run=?1 AND status='skipped') WHERE id=?1";
    if (sqlite3_prepare_v2(rv_state_db(st), count, -1, &s, NULL) != SQLITE_OK) return sql_fail(st, err, "counting");
    sqlite3_bind_int64(s, 1, run);
    rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : sql_fail(st, err, "counting");
}

int rv_run_skip_sample(rv_state *st, int64_t run, const char *sample, const char *reason, rv_err *err)
{
    int rc = rv_state_begin(st, err);
    if (rc < 0) return rc;
    if ((rc = run_sample_row(st, run, sample, "skipped", reason, 0, 0, err)) < 0) { rv_state_rollback(st); return rc; }
    return rv_state_commit(st, err);
}

/* ---- classifications: one column list for insert and select ---- */

#define CALL_COLUMNS \
    "variant, contig, pos, gene, hgnc_id, transcript, hgvsc, hgvsp, consequence, zygosity, " \
    "class, points, vus_tier, criteria, effective_class, deciding_rule, " \
    "clinvar_tier, clinvar_sig, clinvar_stars, clinvar_id, clinvar_source, clinvar_version, " \
    "af, pop_source, pop_version, panel_confidence, panel_source, panel_version, " \
    "validity_class, validity_source, validity_version, candidate, candidate_reason, " \
    "moi, fit, partner, inheritance"
#define N_CALL_COLUMNS 37

static void bind_str(sqlite3_stmt *s, int i, const char *v) { sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC); }

static void bind_call(sqlite3_stmt *s, int at, const rv_call *c)
{
    int i = at;
    bind_str(s, i++, c->variant);
    sqlite3_bind_int(s, i++, c->contig);
    sqlite3_bind_int64(s, i++, c->pos);
    bind_str(s, i++, c->gene); bind_str(s, i++, c->hgnc_id); bind_str(s, i++, c->transcript);
    bind_str(s, i++, c->hgvsc); bind_str(s, i++, c->hgvsp); bind_str(s, i++, c->consequence);
    bind_str(s, i++, c->zygosity); bind_str(s, i++, c->cls);
    if (c->has_points) sqlite3_bind_int(s, i++, c->points); else sqlite3_bind_null(s, i++);
    bind_str(s, i++, c->vus_tier); bind_str(s, i++, c->criteria);
    bind_str(s, i++, c->effective_class); bind_str(s, i++, c->deciding_rule);
    bind_str(s, i++, c->clinvar_tier); bind_str(s, i++, c->clinvar_sig);
    if (c->clinvar_stars >= 0) sqlite3_bind_int(s, i++, c->clinvar_stars); else sqlite3_bind_null(s, i++);
    if (c->clinvar_id > 0) sqlite3_bind_int64(s, i++, c->clinvar_id); else sqlite3_bind_null(s, i++);
    bind_str(s, i++, c->clinvar_source); bind_str(s, i++, c->clinvar_version);
    if (c->has_af && !isnan(c->af)) sqlite3_bind_double(s, i++, c->af); else sqlite3_bind_null(s, i++);
    bind_str(s, i++, c->pop_source); bind_str(s, i++, c->pop_version);
    if (c->panel_confidence >= 0) sqlite3_bind_int(s, i++, c->panel_confidence); else sqlite3_bind_null(s, i++);
    bind_str(s, i++, c->panel_source); bind_str(s, i++, c->panel_version);
    bind_str(s, i++, c->validity_class); bind_str(s, i++, c->validity_source); bind_str(s, i++, c->validity_version);
    sqlite3_bind_int(s, i++, c->candidate);
    bind_str(s, i++, c->candidate_reason);
    bind_str(s, i++, c->moi); bind_str(s, i++, c->fit); bind_str(s, i++, c->partner);
    bind_str(s, i++, c->inheritance);
}

static char *col_str(sqlite3_stmt *s, int i)
{
    const unsigned char *v = sqlite3_column_text(s, i);
    return v ? strdup((const char *)v) : NULL;
}
static void read_call(sqlite3_stmt *s, rv_call *c)
{
    int i = 0;
    c->variant = col_str(s, i++);
    c->contig = sqlite3_column_int(s, i++);
    c->pos = sqlite3_column_int64(s, i++);
    c->gene = col_str(s, i++); c->hgnc_id = col_str(s, i++); c->transcript = col_str(s, i++);
    c->hgvsc = col_str(s, i++); c->hgvsp = col_str(s, i++); c->consequence = col_str(s, i++);
    c->zygosity = col_str(s, i++); c->cls = col_str(s, i++);
    c->has_points = sqlite3_column_type(s, i) != SQLITE_NULL;
    c->points = sqlite3_column_int(s, i++);
    c->vus_tier = col_str(s, i++); c->criteria = col_str(s, i++);
    c->effective_class = col_str(s, i++); c->deciding_rule = col_str(s, i++);
    c->clinvar_tier = rv_clinvar_tier_current(col_str(s, i++)); c->clinvar_sig = col_str(s, i++);
    c->clinvar_stars = sqlite3_column_type(s, i) == SQLITE_NULL ? -1 : sqlite3_column_int(s, i); i++;
    c->clinvar_id = sqlite3_column_int64(s, i++);
    c->clinvar_source = col_str(s, i++); c->clinvar_version = col_str(s, i++);
    c->has_af = sqlite3_column_type(s, i) != SQLITE_NULL;
    c->af = c->has_af ? sqlite3_column_double(s, i) : NAN; i++;
    c->pop_source = col_str(s, i++); c->pop_version = col_str(s, i++);
    c->panel_confidence = sqlite3_column_type(s, i) == SQLITE_NULL ? -1 : sqlite3_column_int(s, i); i++;
    c->panel_source = col_str(s, i++); c->panel_version = col_str(s, i++);
    c->validity_class = col_str(s, i++); c->validity_source = col_str(s, i++); c->validity_version = col_str(s, i++);
    c->candidate = sqlite3_column_int(s, i++);
    c->candidate_reason = col_str(s, i++);
    c->moi = col_str(s, i++); c->fit = col_str(s, i++); c->partner = col_str(s, i++);
    c->inheritance = col_str(s, i++);
}

int rv_run_previous(rv_state *st, const char *sample, int64_t exclude_run, int64_t *prev_run,
                    rv_calls *out, rv_err *err)
{
    sqlite3 *db = rv_state_db(st);
    sqlite3_stmt *s = NULL;
    *prev_run = 0;
    if (sqlite3_prepare_v2(db, "SELECT max(run) FROM run_samples WHERE sample=?1 AND status='done' AND run<>?2",
                           -1, &s, NULL) != SQLITE_OK)
        return sql_fail(st, err, "finding the previous run");
    bind_str(s, 1, sample);
    sqlite3_bind_int64(s, 2, exclude_run);
    if (sqlite3_step(s) == SQLITE_ROW) *prev_run = sqlite3_column_int64(s, 0);
    sqlite3_finalize(s);
    if (!*prev_run) return 0;
    if (sqlite3_prepare_v2(db, "SELECT " CALL_COLUMNS " FROM classifications WHERE run=?1 AND sample=?2 "
                               "ORDER BY contig, pos, variant", -1, &s, NULL) != SQLITE_OK)
        return sql_fail(st, err, "reading the previous run");
    sqlite3_bind_int64(s, 1, *prev_run);
    bind_str(s, 2, sample);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        rv_call *c = rv_calls_push(out);
        if (!c) { sqlite3_finalize(s); return rv_err_set(err, RV_ENOMEM, "out of memory"); }
        read_call(s, c);
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : sql_fail(st, err, "reading the previous run");
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
    sqlite3_stmt *s = NULL;
    memset(r, 0, sizeof *r);
    if (sqlite3_prepare_v2(rv_state_db(st),
            "SELECT variant, class FROM reported r WHERE sample=?1 AND reported_on="
            "(SELECT max(reported_on) FROM reported q WHERE q.sample=r.sample AND q.variant=r.variant) "
            "ORDER BY variant", -1, &s, NULL) != SQLITE_OK)
        return sql_fail(st, err, "reading reported classes");
    bind_str(s, 1, sample);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (r->n == r->m) {
            int m = r->m ? 2 * r->m : 16;
            char **v = realloc(r->variant, (size_t)m * sizeof *v);
            if (v) r->variant = v;
            char **c = realloc(r->cls, (size_t)m * sizeof *c);
            if (c) r->cls = c;
            if (!v || !c) { sqlite3_finalize(s); return rv_err_set(err, RV_ENOMEM, "out of memory"); }
            r->m = m;
        }
        r->variant[r->n] = col_str(s, 0);
        r->cls[r->n] = col_str(s, 1);
        r->n++;
    }
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : sql_fail(st, err, "reading reported classes");
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

int rv_run_apply_sample(rv_state *st, int64_t run, const char *sample, rv_calls *calls,
                        const rv_flag_rules *rules, rv_apply_stats *stats, rv_err *err)
{
    sqlite3 *db = rv_state_db(st);
    sqlite3_stmt *ins = NULL, *del = NULL, *q = NULL, *fl = NULL;
    rv_calls prev = { 0 };
    reported_list rep = { 0 };
    const char **keys = NULL;
    int64_t prev_run = 0;
    char now[32];
    memset(stats, 0, sizeof *stats);
    rv_state_now(now, sizeof now);
    rv_calls_sort(calls);
    rv_calls_dedup(calls);

    int rc = rv_state_begin(st, err);
    if (rc < 0) return rc;
    if ((rc = rv_run_previous(st, sample, run, &prev_run, &prev, err)) < 0) goto fail;
    if ((rc = reported_load(st, sample, &rep, err)) < 0) goto fail;

    /* applying a sample twice in one run replaces its results */
    if (sqlite3_prepare_v2(db, "DELETE FROM classifications WHERE run=?1 AND sample=?2", -1, &del, NULL) != SQLITE_OK)
        goto sqlfail;
    sqlite3_bind_int64(del, 1, run);
    bind_str(del, 2, sample);
    if (sqlite3_step(del) != SQLITE_DONE) goto sqlfail;

    if (sqlite3_prepare_v2(db, "INSERT INTO classifications(run, sample, " CALL_COLUMNS ") VALUES (?1, ?2"
                               ",?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                           -1, &ins, NULL) != SQLITE_OK)
        goto sqlfail;
    for (int i = 0; i < calls->n; i++) {
        sqlite3_reset(ins);
        sqlite3_bind_int64(ins, 1, run);
        bind_str(ins, 2, sample);
        bind_call(ins, 3, &calls->x[i]);
        if (sqlite3_step(ins) != SQLITE_DONE) goto sqlfail;
    }
    stats->n_calls = calls->n;

    /* an unaffected relative (PED phenotype 1) is evidence for the family, not a recipient
     * of flags, unless the config asks for carrier flags */
    int unaffected = 0;
    if (!rules->carrier_flags) {
        if (sqlite3_prepare_v2(db, "SELECT phenotype=1 FROM samples WHERE id=?1", -1, &q, NULL) != SQLITE_OK) goto sqlfail;
        bind_str(q, 1, sample);
        unaffected = sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0);
        sqlite3_finalize(q);
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

    if (sqlite3_prepare_v2(db, "SELECT 1 FROM flags WHERE sample=?1 AND variant=?2 AND fingerprint=?3",
                           -1, &q, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(db, "INSERT INTO flags(run, sample, variant, category, priority, basis, old_class, "
                               "new_class, trigger_source, old_version, new_version, field, old_value, new_value, "
                               "detail, fingerprint, created_at) "
                               "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17)",
                           -1, &fl, NULL) != SQLITE_OK)
        goto sqlfail;
    for (int k = 0; k < nk; k++) {
        if (k > 0 && strcmp(keys[k], keys[k - 1]) == 0) continue;
        const rv_call *p = rv_calls_find(&prev, keys[k]);
        const rv_call *c = rv_calls_find(calls, keys[k]);
        rv_flag f[RV_FLAGS_MAX];
        int n = rv_flags_compare(p, c, reported_class(&rep, keys[k]), prev_run != 0, rules, f);
        if (unaffected) { stats->n_quiet += n; n = 0; }
        for (int j = 0; j < n; j++) {
            if (already_raised(q, sample, keys[k], f[j].fingerprint)) { stats->n_quiet++; continue; }
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
            bind_str(fl, 16, f[j].fingerprint);
            bind_str(fl, 17, now);
            if (sqlite3_step(fl) != SQLITE_DONE) goto sqlfail;
            stats->n_flags++;
        }
    }
    if ((rc = run_sample_row(st, run, sample, "done", NULL, stats->n_calls, stats->n_flags, err)) < 0) goto fail;
    sqlite3_finalize(ins); sqlite3_finalize(del); sqlite3_finalize(q); sqlite3_finalize(fl);
    ins = del = q = fl = NULL;
    if ((rc = rv_state_commit(st, err)) < 0) goto fail;
    free(keys);
    rv_calls_free(&prev);
    reported_free(&rep);
    return 0;
sqlfail:
    rc = sql_fail(st, err, "storing results");
fail:
    sqlite3_finalize(ins); sqlite3_finalize(del); sqlite3_finalize(q); sqlite3_finalize(fl);
    rv_state_rollback(st);
    free(keys);
    rv_calls_free(&prev);
    reported_free(&rep);
    rv_err_prefix(err, "sample %s", sample);
    return rc;
}

void rv_run_test_pause(void)
{
    const char *v = getenv("REVUS_TEST_SLEEP_AFTER_SAMPLE");
    double secs = v ? atof(v) : 0;
    if (secs <= 0) return;
    struct timespec ts = { (time_t)secs, (long)((secs - (double)(time_t)secs) * 1e9) };
    nanosleep(&ts, NULL);
}
