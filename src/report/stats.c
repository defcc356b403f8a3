/* report/stats.c: outcome statistics from the state database.
 *
 * Two read-only queries (samples done per run, flags) feed every fact into six buckets:
 * {all time, its year, its month} x {its indication, all indications}. Distinct counts
 * (patients, runs) use small sorted id sets per bucket. */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include "report/load.h"
#include "state/db.h"
#include "report/model.h"
#include "report/stats.h"

static const char sql_done[] =
    "SELECT rs.run, rs.sample, s.indication, r.started_at"
    "  FROM run_samples rs JOIN runs r ON r.id = rs.run JOIN samples s ON s.id = rs.sample"
    " WHERE rs.status = 'done' ORDER BY rs.sample, rs.run";

static const char sql_flags[] =
    "SELECT f.run, f.sample, s.indication, f.created_at, f.category, f.new_class, a.flag IS NOT NULL,"
    "       (SELECT class FROM reported rp WHERE rp.sample = f.sample AND rp.variant = f.variant"
    "         ORDER BY reported_on DESC LIMIT 1),"
    "       f.new_version"
    "  FROM flags f JOIN samples s ON s.id = f.sample LEFT JOIN acks a ON a.flag = f.id"
    " ORDER BY f.id";

#define NO_INDICATION "(none)"

/* ---- id sets ---- */
static int idset_add(rv_idset *s, const char *id)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(s->x[mid], id);
        if (c == 0) return 0;
        if (c < 0) lo = mid + 1; else hi = mid;
    }
    if (s->n == s->m) {
        size_t m = s->m ? s->m * 2 : 8;
        char **x = realloc(s->x, m * sizeof *x);
        if (!x) return -1;
        s->x = x; s->m = m;
    }
    char *copy = strdup(id);
    if (!copy) return -1;
    memmove(s->x + lo + 1, s->x + lo, (s->n - lo) * sizeof *s->x);
    s->x[lo] = copy;
    s->n++;
    return 0;
}

static void idset_free(rv_idset *s)
{
    for (size_t i = 0; i < s->n; i++) free(s->x[i]);
    free(s->x);
}

/* ---- buckets ---- */
static rv_stats_row *bucket(rv_stats *st, rv_period_type t, const char *period, const char *ind)
{
    for (size_t i = 0; i < st->n_rows; i++) {
        rv_stats_row *r = &st->rows[i];
        if (r->ptype == t && !strcmp(r->period, period) &&
            ((!ind && !r->indication) || (ind && r->indication && !strcmp(ind, r->indication))))
            return r;
    }
    if (st->n_rows == st->m_rows) {
        size_t m = st->m_rows ? st->m_rows * 2 : 16;
        rv_stats_row *x = realloc(st->rows, m * sizeof *x);
        if (!x) return NULL;
        st->rows = x; st->m_rows = m;
    }
    rv_stats_row *r = &st->rows[st->n_rows];
    memset(r, 0, sizeof *r);
    r->ptype = t;
    snprintf(r->period, sizeof r->period, "%s", period);
    if (ind && !(r->indication = strdup(ind))) return NULL;
    st->n_rows++;
    return r;
}

/* The six buckets a fact dated `when` (ISO text) of indication ind counts in. */
static int buckets_of(rv_stats *st, const char *when, const char *ind, rv_stats_row *out[6])
{
    char year[8] = "", month[8] = "";
    if (when && strlen(when) >= 7) { snprintf(year, sizeof year, "%.4s", when); snprintf(month, sizeof month, "%.7s", when); }
    const char *periods[3] = { "", year, month };
    int n = 0;
    for (int p = 0; p < 3; p++) {
        if (p && !*periods[p]) continue;   /* undated facts count only in "all time" */
        for (int k = 0; k < 2; k++) {
            rv_stats_row *r = bucket(st, (rv_period_type)p, periods[p], k ? ind : NULL);
            if (!r) return -1;
            out[n++] = r;
        }
    }
    return n;
}

static int add_delay(rv_stats_row *r, int d)
{
    if (r->n_delay == r->m_delay) {
        size_t m = r->m_delay ? r->m_delay * 2 : 8;
        int *x = realloc(r->delay_days, m * sizeof *x);
        if (!x) return -1;
        r->delay_days = x; r->m_delay = m;
    }
    r->delay_days[r->n_delay++] = d;
    return 0;
}

long rv_days_from_date(const char *s)
{
    int y, m, d;
    if (!s || sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 || d > 31) return -1;
    /* days from civil (proleptic Gregorian), epoch 1970-01-01 */
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int cmp_int(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

int rv_stats_delay(const rv_stats_row *r, int *median, int *max)
{
    if (!r->n_delay) return 0;
    int *v = malloc(r->n_delay * sizeof *v);
    if (!v) return 0;
    memcpy(v, r->delay_days, r->n_delay * sizeof *v);
    qsort(v, r->n_delay, sizeof *v, cmp_int);
    *median = v[(r->n_delay - 1) / 2];
    *max = v[r->n_delay - 1];
    free(v);
    return 1;
}

static int category_index(const char *code)
{
    size_t n;
    const rv_report_category *c = rv_report_category_list(&n);
    for (size_t i = 0; i < n && i < RV_STATS_N_CATEGORIES; i++)
        if (code && !strcmp(c[i].code, code)) return (int)i;
    return -1;
}

static const char *text(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

static int load_done(sqlite3 *db, rv_stats *st, rv_err *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db, sql_done, -1, &q, NULL) != SQLITE_OK)
        return rv_sqlite_fail(db, err, "reading runs");
    int rc;
    char runid[24], prev_sample[256] = "";
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *sample = text(q, 1), *ind = text(q, 2);
        /* rows come by sample, then run: a sample seen on the row before was run before */
        int again = sample && strcmp(prev_sample, sample) == 0;
        snprintf(prev_sample, sizeof prev_sample, "%s", sample ? sample : "");
        rv_stats_row *b[6];
        int n = buckets_of(st, text(q, 3), ind ? ind : NO_INDICATION, b);
        if (n < 0) { sqlite3_finalize(q); return rv_err_set(err, RV_ENOMEM, "stats: out of memory"); }
        snprintf(runid, sizeof runid, "%lld", (long long)sqlite3_column_int64(q, 0));
        for (int i = 0; i < n; i++)
            if (idset_add(&b[i]->run_ids, runid) < 0 || idset_add(&b[i]->samples, sample ? sample : "") < 0 ||
                (again && idset_add(&b[i]->reanalysed, sample ? sample : "") < 0)) {
                sqlite3_finalize(q);
                return rv_err_set(err, RV_ENOMEM, "stats: out of memory");
            }
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) return rv_sqlite_fail(db, err, "reading runs");
    return 0;
}

static int load_flags(sqlite3 *db, rv_stats *st, rv_err *err)
{
    sqlite3_stmt *q;
    if (sqlite3_prepare_v2(db, sql_flags, -1, &q, NULL) != SQLITE_OK)
        return rv_sqlite_fail(db, err, "reading flags");
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *sample = text(q, 1), *ind = text(q, 2), *created = text(q, 3);
        const char *cat = text(q, 4), *new_class = text(q, 5), *reported = text(q, 7);
        int acked = sqlite3_column_int(q, 6);
        int ci = category_index(cat);
        int to = rv_class_group(new_class), from = rv_class_group(reported);
        int changed = from >= 0 && to >= 0 && from != to;
        int new_plp = (ci >= 0 && (!strcmp(cat, "vus_upgraded") || !strcmp(cat, "new_candidate"))) && to == 2;
        char release[11];
        long delay = -1;
        if (rv_version_date(text(q, 8), release) == 0) {
            long a = rv_days_from_date(release), b = rv_days_from_date(created);
            if (a >= 0 && b >= a) delay = b - a;
        }
        rv_stats_row *b[6];
        int n = buckets_of(st, created, ind ? ind : NO_INDICATION, b);
        int bad = n < 0;
        for (int i = 0; i < n && !bad; i++) {
            rv_stats_row *r = b[i];
            r->flags++;
            if (ci >= 0) r->by_category[ci]++; else r->flags_other++;
            r->acknowledged += acked != 0;
            if (changed && idset_add(&r->changed, sample ? sample : "") < 0) bad = 1;
            if (new_plp && idset_add(&r->new_plp, sample ? sample : "") < 0) bad = 1;
            if (delay >= 0 && add_delay(r, (int)delay) < 0) bad = 1;
        }
        if (bad) { sqlite3_finalize(q); return rv_err_set(err, RV_ENOMEM, "stats: out of memory"); }
    }
    sqlite3_finalize(q);
    if (rc != SQLITE_DONE) return rv_sqlite_fail(db, err, "reading flags");
    return 0;
}

static int cmp_row(const void *pa, const void *pb)
{
    const rv_stats_row *a = pa, *b = pb;
    if (a->ptype != b->ptype) return (int)a->ptype - (int)b->ptype;
    int c = strcmp(a->period, b->period);
    if (c) return c;
    if (!a->indication || !b->indication) return !!a->indication - !!b->indication;  /* all first */
    return strcmp(a->indication, b->indication);
}

int rv_stats_load(sqlite3 *db, rv_stats **out, rv_err *err)
{
    rv_stats *st = calloc(1, sizeof *st);
    if (!st) return rv_err_set(err, RV_ENOMEM, "stats: out of memory");
    rv_stats_row *b[6];
    /* the overall row exists even for an empty database */
    int rc = buckets_of(st, NULL, NULL, b) < 0 ? rv_err_set(err, RV_ENOMEM, "stats: out of memory") : 0;
    if (rc == 0) rc = load_done(db, st, err);
    if (rc == 0) rc = load_flags(db, st, err);
    if (rc < 0) { rv_stats_free(st); return rc; }
    for (size_t i = 0; i < st->n_rows; i++) {
        rv_stats_row *r = &st->rows[i];
        r->runs = r->run_ids.n; r->samples_run = r->samples.n; r->samples_reanalysed = r->reanalysed.n;
        r->patients_changed = r->changed.n; r->patients_new_plp = r->new_plp.n;
    }
    /* per-indication rows exist only where something was counted */
    size_t w = 0;
    for (size_t i = 0; i < st->n_rows; i++) {
        rv_stats_row *r = &st->rows[i];
        int empty = r->indication && !r->samples_run && !r->flags;
        if (empty) {
            free(r->indication); free(r->delay_days);
            idset_free(&r->run_ids); idset_free(&r->samples); idset_free(&r->reanalysed);
            idset_free(&r->changed); idset_free(&r->new_plp);
            continue;
        }
        st->rows[w++] = *r;
    }
    st->n_rows = w;
    qsort(st->rows, st->n_rows, sizeof *st->rows, cmp_row);
    *out = st;
    return 0;
}

void rv_stats_free(rv_stats *st)
{
    if (!st) return;
    for (size_t i = 0; i < st->n_rows; i++) {
        rv_stats_row *r = &st->rows[i];
        free(r->indication); free(r->delay_days);
        idset_free(&r->run_ids); idset_free(&r->samples); idset_free(&r->reanalysed);
        idset_free(&r->changed); idset_free(&r->new_plp);
    }
    free(st->rows);
    free(st);
}
