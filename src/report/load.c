/* report/load.c: the report model from the state database.
 *
 * One query selects the flags (with their sample, indication, run and acknowledgement);
 * for each flag, prepared statements fetch the variant's classification in the flag's
 * run ("now"), in the sample's previous done run ("before"), and the lab's latest
 * reported class. Then the sources of every run involved make the header. */
#include <ctype.h>
#include <math.h>
#include <sqlite3.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "classify/call.h"
#include "variant/contig.h"
#include "report/load.h"
#include "state/db.h"
#include "sources/store.h"

static const char sql_flags[] =
    "SELECT f.id, f.run, f.sample, f.variant, f.category, f.priority, f.basis,"
    "       f.old_class, f.new_class, f.trigger_source, f.old_version, f.new_version,"
    "       f.field, f.old_value, f.new_value, f.detail, f.created_at,"
    "       a.flag IS NOT NULL, a.by_name, a.at, a.note, s.indication, i.name, s.sex, s.family"
    "  FROM flags f JOIN samples s ON s.id = f.sample"
    "  LEFT JOIN indications i ON i.code = s.indication"
    "  LEFT JOIN acks a ON a.flag = f.id"
    " WHERE (?1 IS NULL OR f.run = ?1) AND (?2 IS NULL OR f.created_at >= ?2)"
    "   AND (?3 IS NULL OR s.indication = ?3) AND (?4 IS NULL OR f.sample = ?4)"
    " ORDER BY f.id";

/* Columns of one side, in the order side_from_row() reads them. */
#define SIDE_COLS \
    "c.run, r.started_at, c.class, c.effective_class, c.deciding_rule, c.points, c.vus_tier," \
    " c.criteria, c.clinvar_stars, c.clinvar_sig, c.clinvar_version, c.af, c.pop_source," \
    " c.pop_version, c.panel_source, c.panel_version, c.panel_confidence," \
    " c.gene, c.transcript, c.hgvsc, c.hgvsp, c.consequence, c.zygosity, c.moi, c.fit, c.inheritance"

static const char sql_now[] =
    "SELECT " SIDE_COLS " FROM classifications c JOIN runs r ON r.id = c.run"
    " WHERE c.run = ?1 AND c.sample = ?2 AND c.variant = ?3";

/* the variant's row in the sample's previous done run (?1, found with done_runs) */
static const char sql_before[] =
    "SELECT " SIDE_COLS " FROM classifications c JOIN runs r ON r.id = c.run"
    " WHERE c.run = ?1 AND c.sample = ?2 AND c.variant = ?3";

/* every (sample, done run), read once: run_samples is keyed by run first, so asking it for
 * one sample's runs per flag would scan the table each time */
static const char sql_done_runs[] =
    "SELECT sample, run FROM run_samples WHERE status = 'done' ORDER BY sample, run";

static const char sql_reported[] =
    "SELECT class, reported_on, reporter FROM reported WHERE sample = ?1 AND variant = ?2"
    " ORDER BY reported_on DESC LIMIT 1";

static const char sql_sources[] =
    "SELECT DISTINCT source, role, version, sha256 FROM run_sources WHERE run = ?1"
    " ORDER BY source, version";

static const char sql_skipped[] =
    "SELECT rs.sample, s.indication, rs.reason FROM run_samples rs JOIN samples s ON s.id = rs.sample"
    " WHERE rs.run = ?1 AND rs.status = 'skipped'"
    "   AND (?2 IS NULL OR s.indication = ?2) AND (?3 IS NULL OR rs.sample = ?3)"
    " ORDER BY rs.sample";

static const char sql_run[] =
    "SELECT started_at, revus_version, config_hash FROM runs WHERE id = ?1";

typedef struct { const char *sample; int64_t run; } done_run;

typedef struct {
    done_run *done;          /* sorted by sample, run; samples in the report's arena */
    size_t n_done, m_done;
    sqlite3 *db;
    sqlite3_stmt *flags, *now, *before, *reported, *sources, *run, *skipped;
    rv_report *r;
    rv_err *err;
} loader;

static const char *col_str(loader *L, sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? rv_report_str(L->r, (const char *)t) : NULL;
}

static int bind_text(sqlite3_stmt *st, int i, const char *s)
{
    return s ? sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC) : sqlite3_bind_null(st, i);
}

static const char *const confidence_names[] = { "removed", "red", "amber", "green" };

/* Fill side s from the current row of st (SIDE_COLS); line facts (gene, HGVS...) fill l
 * where it has none yet, so "now" wins and "before" fills gaps. */
static void side_from_row(loader *L, sqlite3_stmt *st, rv_report_side *s, rv_report_line *l)
{
    s->run_id = sqlite3_column_int64(st, 0);
    s->run_date = col_str(L, st, 1);
    s->klass = col_str(L, st, 2);
    s->effective_class = col_str(L, st, 3);
    s->deciding_rule = col_str(L, st, 4);
    s->has_points = sqlite3_column_type(st, 5) != SQLITE_NULL;
    s->points = sqlite3_column_int(st, 5);
    s->vus_tier = col_str(L, st, 6);
    const unsigned char *crit = sqlite3_column_text(st, 7);   /* JSON or an older label list */
    char labels[RV_CRITERIA_LABELS];
    const char *list = rv_criteria_labels((const char *)crit, labels, sizeof labels);
    s->criteria = list ? rv_report_str(L->r, list) : NULL;
    s->clinvar_stars = sqlite3_column_type(st, 8) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 8);
    s->clinvar_class = col_str(L, st, 9);
    s->clinvar_version = col_str(L, st, 10);
    s->has_af = sqlite3_column_type(st, 11) != SQLITE_NULL;
    s->af = s->has_af ? sqlite3_column_double(st, 11) : NAN;
    s->af_source = col_str(L, st, 12);
    s->af_version = col_str(L, st, 13);
    s->panel = col_str(L, st, 14);
    s->panel_version = col_str(L, st, 15);
    if (sqlite3_column_type(st, 16) != SQLITE_NULL) {
        int c = sqlite3_column_int(st, 16);
        s->panel_confidence = c >= 0 && c <= 3 ? confidence_names[c] : NULL;
    }
    const char **facts[] = { &l->gene, &l->transcript, &l->hgvsc, &l->hgvsp, &l->consequence, &l->zygosity,
                             &l->moi, &l->fit, &l->inheritance };
    for (int i = 0; i < 9; i++)
        if (!*facts[i]) *facts[i] = col_str(L, st, 17 + i);
}

/* Run a one-row statement for (run, sample, variant) into side; no row leaves it empty. */
static int load_side(loader *L, sqlite3_stmt *st, int64_t run, const char *sample,
                     const char *variant, rv_report_side *s, rv_report_line *l)
{
    sqlite3_reset(st);
    sqlite3_bind_int64(st, 1, run);
    bind_text(st, 2, sample);
    bind_text(st, 3, variant);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) side_from_row(L, st, s, l);
    else if (rc != SQLITE_DONE) return rv_sqlite_fail(L->db, L->err, "reading classifications");
    return 0;
}

static int load_done_runs(loader *L)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(L->db, sql_done_runs, -1, &st, NULL) != SQLITE_OK) return rv_sqlite_fail(L->db, L->err, "reading run_samples");
    int rc;
    const char *last = NULL;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (L->n_done == L->m_done) {
            size_t m = L->m_done ? L->m_done * 2 : 256;
            done_run *x = realloc(L->done, m * sizeof *x);
            if (!x) { sqlite3_finalize(st); return rv_err_set(L->err, RV_ENOMEM, "report: out of memory"); }
            L->done = x; L->m_done = m;
        }
        const char *s = (const char *)sqlite3_column_text(st, 0);
        if (!s) continue;
        if (!last || strcmp(last, s) != 0) last = rv_report_str(L->r, s);   /* one copy per sample */
        if (!last) { sqlite3_finalize(st); return rv_err_set(L->err, RV_ENOMEM, "report: out of memory"); }
        L->done[L->n_done].sample = last;
        L->done[L->n_done].run = sqlite3_column_int64(st, 1);
        L->n_done++;
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? 0 : rv_sqlite_fail(L->db, L->err, "reading run_samples");
}

/* The sample's latest done run before run, 0 when none. */
static int64_t previous_run(const loader *L, const char *sample, int64_t run)
{
    size_t lo = 0, hi = L->n_done;
    while (lo < hi) {     /* first entry >= (sample, run) */
        size_t mid = (lo + hi) / 2;
        int c = strcmp(L->done[mid].sample, sample);
        if (c < 0 || (c == 0 && L->done[mid].run < run)) lo = mid + 1; else hi = mid;
    }
    if (lo == 0 || strcmp(L->done[lo - 1].sample, sample) != 0) return 0;
    return L->done[lo - 1].run;
}

/* The text columns of the flag query and where each goes in a report line. */
#define LINE_COL(c, field) { c, offsetof(rv_report_line, field) }
static const struct { int col; size_t off; } line_text[] = {
    LINE_COL(2, sample), LINE_COL(3, variant), LINE_COL(4, category), LINE_COL(6, basis),
    LINE_COL(7, old_class), LINE_COL(8, new_class), LINE_COL(9, trigger_source),
    LINE_COL(10, trigger_old_version), LINE_COL(11, trigger_new_version), LINE_COL(12, trigger_field),
    LINE_COL(13, trigger_old_value), LINE_COL(14, trigger_new_value), LINE_COL(15, detail),
    LINE_COL(16, flag_created), LINE_COL(18, ack_by), LINE_COL(19, ack_at), LINE_COL(20, ack_note),
    LINE_COL(21, indication), LINE_COL(22, indication_name), LINE_COL(23, sex), LINE_COL(24, family),
};

static int load_line(loader *L, sqlite3_stmt *f)
{
    rv_report_line *l = rv_report_add_line(L->r);
    if (!l) return rv_err_set(L->err, RV_ENOMEM, "report: out of memory");
    l->flag_id = sqlite3_column_int64(f, 0);
    int64_t run = sqlite3_column_int64(f, 1);
    for (size_t i = 0; i < sizeof line_text / sizeof *line_text; i++)
        *(const char **)((char *)l + line_text[i].off) = col_str(L, f, line_text[i].col);
    l->priority = sqlite3_column_int(f, 5);
    if (l->detail && !*l->detail) l->detail = NULL;
    l->acked = sqlite3_column_int(f, 17);
    if (l->indication_name && !*l->indication_name) l->indication_name = NULL;
    if (rv_report_add_run(L->r, run) < 0) return rv_err_set(L->err, RV_ENOMEM, "report: out of memory");

    /* l->sample / l->variant live in the arena: safe to bind while other rows are read */
    int rc;
    if ((rc = load_side(L, L->now, run, l->sample, l->variant, &l->now, l)) < 0) return rc;
    int64_t prev = previous_run(L, l->sample, run);
    if (prev && (rc = load_side(L, L->before, prev, l->sample, l->variant, &l->before, l)) < 0) return rc;
    sqlite3_reset(L->reported);
    bind_text(L->reported, 1, l->sample);
    bind_text(L->reported, 2, l->variant);
    rc = sqlite3_step(L->reported);
    if (rc == SQLITE_ROW) {
        l->reported_class = col_str(L, L->reported, 0);
        l->reported_date = col_str(L, L->reported, 1);
        l->reported_by = col_str(L, L->reported, 2);
    } else if (rc != SQLITE_DONE) return rv_sqlite_fail(L->db, L->err, "reading reported classes");
    return 0;
}

static int load_header(loader *L, const rv_report_query *q)
{
    rv_report *r = L->r;
    for (size_t i = 0; i < r->n_runs; i++) {
        sqlite3_reset(L->sources);
        sqlite3_bind_int64(L->sources, 1, r->run_ids[i]);
        int rc;
        while ((rc = sqlite3_step(L->sources)) == SQLITE_ROW) {
            const char *name = (const char *)sqlite3_column_text(L->sources, 0);
            const char *ver = (const char *)sqlite3_column_text(L->sources, 2);
            int seen = 0;   /* the same release used by several runs is listed once */
            for (size_t k = 0; k < r->n_sources && !seen; k++)
                seen = !strcmp(r->sources[k].name, name ? name : "") &&
                       !strcmp(r->sources[k].version, ver ? ver : "");
            if (seen) continue;
            rv_report_source *s = rv_report_add_source(r);
            if (!s) return rv_err_set(L->err, RV_ENOMEM, "report: out of memory");
            s->name = rv_report_str(r, name ? name : "");
            s->role = col_str(L, L->sources, 1);
            s->version = rv_report_str(r, ver ? ver : "");
            s->sha256 = col_str(L, L->sources, 3);
            char d[11];
            if (rv_version_date(ver, d) == 0) s->release_date = rv_report_str(r, d);
        }
        if (rc != SQLITE_DONE) return rv_sqlite_fail(L->db, L->err, "reading run sources");
        /* patients the run could not reanalyse: the reader must know they are missing */
        sqlite3_reset(L->skipped);
        sqlite3_bind_int64(L->skipped, 1, r->run_ids[i]);
        bind_text(L->skipped, 2, q->indication);
        bind_text(L->skipped, 3, q->sample);
        while ((rc = sqlite3_step(L->skipped)) == SQLITE_ROW) {
            rv_report_skipped *k = rv_report_add_skipped(r);
            if (!k) return rv_err_set(L->err, RV_ENOMEM, "report: out of memory");
            k->run = r->run_ids[i];
            k->sample = col_str(L, L->skipped, 0);
            k->indication = col_str(L, L->skipped, 1);
            k->reason = col_str(L, L->skipped, 2);
        }
        if (rc != SQLITE_DONE) return rv_sqlite_fail(L->db, L->err, "reading skipped samples");
    }
    int64_t last = r->n_runs ? r->run_ids[r->n_runs - 1] : q->run;
    if (last) {
        sqlite3_reset(L->run);
        sqlite3_bind_int64(L->run, 1, last);
        if (sqlite3_step(L->run) == SQLITE_ROW) {
            r->run_date = col_str(L, L->run, 0);
            r->revus_version = col_str(L, L->run, 1);
            r->config_hash = col_str(L, L->run, 2);
        }
    }
    return 0;
}

static int valid_date(const char *s)
{
    static const char shape[] = "dddd-dd-dd";
    if (strlen(s) != 10) return 0;
    for (int i = 0; i < 10; i++)
        if (shape[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != '-') return 0;
    return 1;
}

int rv_version_date(const char *v, char out[11])
{
    if (!v) return -1;
    char d[9];
    size_t n = 0;
    for (const char *p = v; *p && n < 8; p++) {
        if (isdigit((unsigned char)*p)) d[n++] = *p;
        else if (*p != '-' || n == 0) break;
    }
    if (n != 8 && n != 6) return -1;
    if (n == 6) { d[6] = '0'; d[7] = '1'; }
    int y = (d[0]-'0')*1000 + (d[1]-'0')*100 + (d[2]-'0')*10 + (d[3]-'0');
    int m = (d[4]-'0')*10 + (d[5]-'0'), day = (d[6]-'0')*10 + (d[7]-'0');
    if (y < 1990 || y > 2200 || m < 1 || m > 12 || day < 1 || day > 31) return -1;
    snprintf(out, 11, "%04d-%02d-%02d", y, m, day);
    return 0;
}

/* One-value lookup: 1 when the row exists. */
static int exists(sqlite3 *db, const char *sql, const char *text, int64_t num, int *found)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) return -1;
    if (text) sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC); else sqlite3_bind_int64(st, 1, num);
    int rc = sqlite3_step(st);
    *found = rc == SQLITE_ROW;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

static int check_query(loader *L, rv_report_query *q)
{
    int found;
    if (q->run && q->since)
        return rv_err_set(L->err, RV_EUSAGE, "report: give --run or --since, not both");
    if (q->since && !valid_date(q->since))
        return rv_err_set(L->err, RV_EUSAGE, "report: --since '%s' is not a date YYYY-MM-DD", q->since);
    if (q->run) {
        if (exists(L->db, "SELECT 1 FROM runs WHERE id = ?1", NULL, q->run, &found) < 0) return rv_sqlite_fail(L->db, L->err, "reading runs");
        if (!found) return rv_err_set(L->err, RV_ENOTFOUND, "report: run %lld not found", (long long)q->run);
    }
    if (!q->run && !q->since) {
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(L->db, "SELECT max(id) FROM runs WHERE status = 'complete'", -1, &st, NULL) != SQLITE_OK)
            return rv_sqlite_fail(L->db, L->err, "reading runs");
        if (sqlite3_step(st) == SQLITE_ROW) q->run = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        if (!q->run)
            return rv_err_set(L->err, RV_ENOTFOUND, "report: no complete reanalysis run yet (run `revus run` first)");
    }
    if (q->sample) {
        if (exists(L->db, "SELECT 1 FROM samples WHERE id = ?1", q->sample, 0, &found) < 0) return rv_sqlite_fail(L->db, L->err, "reading samples");
        if (!found) return rv_err_set(L->err, RV_ENOTFOUND, "report: sample '%s' is not in the cohort", q->sample);
    }
    if (q->indication) {
        if (exists(L->db, "SELECT 1 FROM indications WHERE code = ?1", q->indication, 0, &found) < 0)
            return rv_sqlite_fail(L->db, L->err, "reading indications");
        if (!found) return rv_err_set(L->err, RV_ENOTFOUND, "report: indication '%s' is not known", q->indication);
    }
    return 0;
}

static int describe(loader *L, const rv_report_query *q)
{
    char buf[512];
    int n = 0;
    if (q->run) n += snprintf(buf + n, sizeof buf - n, "run %lld", (long long)q->run);
    else n += snprintf(buf + n, sizeof buf - n, "flags raised since %s", q->since);
    if (q->indication) n += snprintf(buf + n, sizeof buf - (size_t)n, ", indication %s", q->indication);
    if (q->sample && n < (int)sizeof buf) snprintf(buf + n, sizeof buf - (size_t)n, ", sample %s", q->sample);
    L->r->selection = rv_report_str(L->r, buf);
    return 0;
}

int rv_report_load(sqlite3 *db, const rv_report_query *query, rv_report **out, rv_err *err)
{
    loader L = { .db = db, .err = err };
    rv_report_query q = *query;
    int rc = check_query(&L, &q);
    if (rc < 0) return rc;
    if (!(L.r = rv_report_new())) return rv_err_set(err, RV_ENOMEM, "report: out of memory");

    struct { sqlite3_stmt **st; const char *sql; } stmts[] = {
        { &L.flags, sql_flags }, { &L.now, sql_now }, { &L.before, sql_before },
        { &L.reported, sql_reported }, { &L.sources, sql_sources }, { &L.run, sql_run },
        { &L.skipped, sql_skipped },
    };
    size_t ns = sizeof stmts / sizeof stmts[0];
    for (size_t i = 0; i < ns; i++)
        if (sqlite3_prepare_v2(db, stmts[i].sql, -1, stmts[i].st, NULL) != SQLITE_OK) {
            rc = rv_sqlite_fail(L.db, L.err, "preparing the report query (is this a revus state database?)");
            goto done;
        }
    if ((rc = load_done_runs(&L)) < 0) goto done;
    if (q.run) sqlite3_bind_int64(L.flags, 1, q.run); else sqlite3_bind_null(L.flags, 1);
    bind_text(L.flags, 2, q.since);
    bind_text(L.flags, 3, q.indication);
    bind_text(L.flags, 4, q.sample);
    while ((rc = sqlite3_step(L.flags)) == SQLITE_ROW)
        if ((rc = load_line(&L, L.flags)) < 0) goto done;
    if (rc != SQLITE_DONE) { rc = rv_sqlite_fail(L.db, L.err, "reading flags"); goto done; }
    if (!L.r->n_runs && q.run) rv_report_add_run(L.r, q.run);
    if ((rc = load_header(&L, &q)) < 0) goto done;
    describe(&L, &q);
    rv_report_sort(L.r);
    rc = 0;
done:
    for (size_t i = 0; i < ns; i++) sqlite3_finalize(*stmts[i].st);
    free(L.done);
    if (rc < 0) { rv_report_free(L.r); return rc; }
    *out = L.r;
    return 0;
}

int rv_report_add_store_info(rv_report *r, const char *home, rv_err *err)
{
    const char *build = NULL;
    for (size_t i = 0; i < r->n_sources && !build; i++) {
        rv_release rel;
        rv_err ignore;
        if (rv_store_get(home, r->sources[i].name, r->sources[i].version, &rel, &ignore) < 0) continue;
        rv_build b = rv_build_parse(rel.build);
        if (b != RV_BUILD_UNKNOWN) build = rv_report_str(r, rv_build_name(b));
    }
    (void)err;      /* nothing here can fail the report: a missing release is skipped */
    if (!build) return 0;
    for (size_t i = 0; i < r->n_lines; i++)
        if (!r->lines[i].build) r->lines[i].build = build;
    return 0;
}
