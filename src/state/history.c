/* state/history.c: the compact classification history (state/history.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "state/history.h"

/* One column list for insert and select; the view `classifications` has the same names. */
#define CALL_COLUMNS \
    "variant, contig, pos, gene, hgnc_id, transcript, hgvsc, hgvsp, consequence, zygosity, " \
    "class, points, vus_tier, criteria, effective_class, deciding_rule, " \
    "clinvar_tier, clinvar_sig, clinvar_stars, clinvar_id, clinvar_source, clinvar_version, " \
    "af, pop_source, pop_version, panel_confidence, panel_source, panel_version, " \
    "validity_class, validity_source, validity_version, candidate, candidate_reason, " \
    "moi, fit, partner, inheritance, " \
    "clinvar_disease, panel_id, panel_name, condition, mondo, validity_url"

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
    bind_str(s, i++, c->clinvar_disease); bind_str(s, i++, c->panel_id); bind_str(s, i++, c->panel_name);
    bind_str(s, i++, c->condition); bind_str(s, i++, c->mondo); bind_str(s, i++, c->validity_url);
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
    c->clinvar_disease = col_str(s, i++); c->panel_id = col_str(s, i++); c->panel_name = col_str(s, i++);
    c->condition = col_str(s, i++); c->mondo = col_str(s, i++); c->validity_url = col_str(s, i++);
}

/* The run's source versions (run_sources), for the X_version columns as the view reads
 * them: the version of the call's source in the run, else the stored one. */
typedef struct run_vers { char **source, **version; int n; } run_vers;

static void run_vers_free(run_vers *v)
{
    for (int i = 0; i < v->n; i++) { free(v->source[i]); free(v->version[i]); }
    free(v->source);
    free(v->version);
}

static int run_vers_read(rv_state *st, int64_t run, run_vers *v, rv_err *err)
{
    memset(v, 0, sizeof *v);
    sqlite3_stmt *s = rv_state_stmt(st, "SELECT source, version FROM run_sources WHERE run=?1");
    if (!s) return rv_state_fail(st, err, "reading a run's sources");
    sqlite3_bind_int64(s, 1, run);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        char **a = realloc(v->source, (size_t)(v->n + 1) * sizeof *a);
        if (a) v->source = a;
        char **b = a ? realloc(v->version, (size_t)(v->n + 1) * sizeof *b) : NULL;
        if (b) v->version = b;
        if (!a || !b) { sqlite3_reset(s); return rv_err_set(err, RV_ENOMEM, "out of memory"); }
        v->source[v->n] = col_str(s, 0);
        v->version[v->n] = col_str(s, 1);
        v->n++;
    }
    sqlite3_reset(s);
    return rc == SQLITE_DONE ? 0 : rv_state_fail(st, err, "reading a run's sources");
}

static int as_of_run(char **version, const char *source, const run_vers *v)
{
    for (int i = 0; source && i < v->n; i++) {
        if (!v->source[i] || strcmp(v->source[i], source) != 0 || !v->version[i]) continue;
        if (*version && strcmp(*version, v->version[i]) == 0) return 0;
        char *c = strdup(v->version[i]);
        if (!c) return -1;
        free(*version);
        *version = c;
        return 0;
    }
    return 0;
}

/* The rows of the sample valid in run; with keys (sorted), only those variants. */
static int read_rows(rv_state *st, const char *sample, int64_t run, char *const *keys, int n_keys, rv_calls *out,
                     rv_err *err)
{
    /* what the view `classifications` gives for a done run of the sample, read from
     * call_history directly: its rows valid in that run, each X_version as of the run */
    run_vers v;
    int rc = run_vers_read(st, run, &v, err);
    if (rc < 0) { run_vers_free(&v); return rc; }
    sqlite3_stmt *s = rv_state_stmt(st, keys
        ? "SELECT " CALL_COLUMNS " FROM call_history WHERE sample=?2 AND variant=?3 AND valid_from<=?1 "
          "AND (valid_to IS NULL OR valid_to>?1)"
        : "SELECT " CALL_COLUMNS " FROM call_history WHERE sample=?2 AND valid_from<=?1 "
          "AND (valid_to IS NULL OR valid_to>?1)");
    if (!s) { run_vers_free(&v); return rv_state_fail(st, err, "reading a run's classifications"); }
    rc = SQLITE_DONE;
    for (int k = 0; rc == SQLITE_DONE && k < (keys ? n_keys : 1); k++) {
        sqlite3_reset(s);
        sqlite3_bind_int64(s, 1, run);
        bind_str(s, 2, sample);
        if (keys) bind_str(s, 3, keys[k]);
        while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
            rv_call *c = rv_calls_push(out);
            if (!c) { sqlite3_reset(s); run_vers_free(&v); return rv_err_set(err, RV_ENOMEM, "out of memory"); }
            read_call(s, c);
            if (as_of_run(&c->clinvar_version, c->clinvar_source, &v) < 0 || as_of_run(&c->pop_version, c->pop_source, &v) < 0 ||
                as_of_run(&c->panel_version, c->panel_source, &v) < 0 ||
                as_of_run(&c->validity_version, c->validity_source, &v) < 0) {
                sqlite3_reset(s);
                run_vers_free(&v);
                return rv_err_set(err, RV_ENOMEM, "out of memory");
            }
        }
    }
    sqlite3_reset(s);
    run_vers_free(&v);
    rv_calls_sort(out);      /* in C: an ORDER BY would copy every wide row through a sorter */
    return rc == SQLITE_DONE ? 0 : rv_state_fail(st, err, "reading a run's classifications");
}

int rv_history_read(rv_state *st, const char *sample, int64_t run, rv_calls *out, rv_err *err)
{
    return read_rows(st, sample, run, NULL, 0, out, err);
}

int rv_history_read_keys(rv_state *st, const char *sample, int64_t run, char *const *keys, int n_keys, rv_calls *out,
                         rv_err *err)
{
    return n_keys > 0 ? read_rows(st, sample, run, keys, n_keys, out, err) : 0;
}

int rv_history_read_light(rv_state *st, const char *sample, int64_t run, rv_text_filter keep_text, void *ud,
                          rv_calls *out, rv_err *err)
{
    sqlite3_stmt *s = rv_state_stmt(st, "SELECT variant, contig, pos, gene, hgnc_id, candidate, candidate_reason, "
                                        "criteria, inheritance, hgvsp FROM call_history WHERE sample=?2 AND valid_from<=?1 "
                                        "AND (valid_to IS NULL OR valid_to>?1)");
    if (!s) return rv_state_fail(st, err, "reading a run's classifications");
    sqlite3_bind_int64(s, 1, run);
    bind_str(s, 2, sample);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        rv_call *c = rv_calls_push(out);
        if (!c) { sqlite3_reset(s); return rv_err_set(err, RV_ENOMEM, "out of memory"); }
        c->variant = col_str(s, 0);
        c->contig = sqlite3_column_int(s, 1);
        c->pos = sqlite3_column_int64(s, 2);
        c->gene = col_str(s, 3);
        c->hgnc_id = col_str(s, 4);
        c->candidate = sqlite3_column_int(s, 5);
        c->candidate_reason = col_str(s, 6);
        c->hgvsp = col_str(s, 9);            /* its residue: PS1/PM5 re-reads (run/incremental.h) */
        const char *cr = (const char *)sqlite3_column_text(s, 7), *in = (const char *)sqlite3_column_text(s, 8);
        if (!keep_text || keep_text(cr, in, ud)) {
            c->criteria = col_str(s, 7);
            c->inheritance = col_str(s, 8);
        }
    }
    sqlite3_reset(s);
    rv_calls_sort(out);
    return rc == SQLITE_DONE ? 0 : rv_state_fail(st, err, "reading a run's classifications");
}

static int same(const char *a, const char *b) { return a == b || (a && b && strcmp(a, b) == 0); }

static int version_char(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '-' || c == '_';
}

/* a and b equal once each "@VERSION" citation is left out */
static int same_but_citations(const char *a, const char *b)
{
    if (a == b) return 1;
    if (!a || !b) return 0;
    for (;;) {
        if (*a == '@' && *b == '@') {
            do a++; while (version_char(*a));
            do b++; while (version_char(*b));
            continue;
        }
        if (*a != *b) return 0;
        if (!*a) return 1;
        a++, b++;
    }
}

static int same_content(const rv_call *a, const rv_call *b, int cited)
{
    if (cited ? !same_but_citations(a->criteria, b->criteria) || !same_but_citations(a->inheritance, b->inheritance)
              : !same(a->criteria, b->criteria) || !same(a->inheritance, b->inheritance))
        return 0;
    const char *const sa[] = { a->variant, a->gene, a->hgnc_id, a->transcript, a->hgvsc, a->hgvsp,
        a->consequence, a->zygosity, a->cls, a->vus_tier, a->effective_class,
        a->deciding_rule, a->clinvar_tier, a->clinvar_sig, a->clinvar_source, a->pop_source,
        a->panel_source, a->validity_class, a->validity_source, a->candidate_reason,
        a->moi, a->fit, a->partner, a->clinvar_disease, a->panel_id, a->panel_name,
        a->condition, a->mondo, a->validity_url };
    const char *const sb[] = { b->variant, b->gene, b->hgnc_id, b->transcript, b->hgvsc, b->hgvsp,
        b->consequence, b->zygosity, b->cls, b->vus_tier, b->effective_class,
        b->deciding_rule, b->clinvar_tier, b->clinvar_sig, b->clinvar_source, b->pop_source,
        b->panel_source, b->validity_class, b->validity_source, b->candidate_reason,
        b->moi, b->fit, b->partner, b->clinvar_disease, b->panel_id, b->panel_name,
        b->condition, b->mondo, b->validity_url };
    _Static_assert(sizeof sa == sizeof sb, "the same columns on both sides");
    for (size_t i = 0; i < sizeof sa / sizeof *sa; i++)
        if (!same(sa[i], sb[i])) return 0;
    int a_af = a->has_af && !isnan(a->af), b_af = b->has_af && !isnan(b->af);
    return a->contig == b->contig && a->pos == b->pos &&
           a->has_points == b->has_points && (!a->has_points || a->points == b->points) &&
           (a->clinvar_stars < 0 ? -1 : a->clinvar_stars) == (b->clinvar_stars < 0 ? -1 : b->clinvar_stars) &&
           (a->clinvar_id > 0 ? a->clinvar_id : 0) == (b->clinvar_id > 0 ? b->clinvar_id : 0) &&
           a_af == b_af && (!a_af || a->af == b->af) &&
           (a->panel_confidence < 0 ? -1 : a->panel_confidence) == (b->panel_confidence < 0 ? -1 : b->panel_confidence) &&
           a->candidate == b->candidate;
}

int rv_call_same_stored(const rv_call *a, const rv_call *b) { return same_content(a, b, 0); }

int rv_call_same_evidence(const rv_call *a, const rv_call *b) { return same_content(a, b, 1); }

static int step_done(sqlite3_stmt *s) { int rc = sqlite3_step(s); sqlite3_reset(s); return rc == SQLITE_DONE; }

int rv_history_store(rv_state *st, int64_t run, const char *sample, const rv_calls *prev,
                     const rv_calls *calls, int *n_written, rv_err *err)
{
    sqlite3_stmt *undo_new, *undo_closed, *ins, *close_row;
    int rc = 0;
    *n_written = 0;
    if (!(undo_new = rv_state_stmt(st, "DELETE FROM call_history WHERE sample=?1 AND valid_from=?2")) ||
        !(undo_closed = rv_state_stmt(st, "UPDATE call_history SET valid_to=NULL WHERE sample=?1 AND valid_to=?2")) ||
        !(ins = rv_state_stmt(st, "INSERT INTO call_history(sample, valid_from, " CALL_COLUMNS ") VALUES (?1, ?2"
                                  ",?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) ||
        !(close_row = rv_state_stmt(st, "UPDATE call_history SET valid_to=?3 WHERE sample=?1 AND variant=?2 AND valid_to IS NULL")))
        return rv_state_fail(st, err, "storing classifications");
    /* applying a sample twice in one run replaces its results (a first time has nothing to
     * undo: its run_samples row is written in the same transaction as its rows) */
    sqlite3_stmt *seen = rv_state_stmt(st, "SELECT 1 FROM run_samples WHERE run=?1 AND sample=?2");
    if (!seen) return rv_state_fail(st, err, "storing classifications");
    sqlite3_bind_int64(seen, 1, run);
    bind_str(seen, 2, sample);
    int again = sqlite3_step(seen) == SQLITE_ROW;
    sqlite3_reset(seen);
    sqlite3_stmt *undo[] = { undo_new, undo_closed };
    for (int k = 0; again && k < 2; k++) {
        bind_str(undo[k], 1, sample);
        sqlite3_bind_int64(undo[k], 2, run);
        if (!step_done(undo[k])) goto sqlfail;
    }
    /* merge the two sorted lists: close what left or changed, insert what is new or changed */
    int i = 0, j = 0;
    while (i < prev->n || j < calls->n) {
        const rv_call *p = i < prev->n ? &prev->x[i] : NULL, *c = j < calls->n ? &calls->x[j] : NULL;
        int order = !p ? 1 : !c ? -1
                  : p->contig != c->contig ? (p->contig < c->contig ? -1 : 1)
                  : p->pos != c->pos ? (p->pos < c->pos ? -1 : 1)
                  : strcmp(p->variant, c->variant);
        if (order == 0 && rv_call_same_stored(p, c)) { i++; j++; continue; }
        if (order <= 0) {
            bind_str(close_row, 1, sample);
            bind_str(close_row, 2, p->variant);
            sqlite3_bind_int64(close_row, 3, run);
            if (!step_done(close_row)) goto sqlfail;
            (*n_written)++;
            i++;
        }
        if (order >= 0) {
            bind_str(ins, 1, sample);
            sqlite3_bind_int64(ins, 2, run);
            bind_call(ins, 3, c);
            if (!step_done(ins)) goto sqlfail;
            (*n_written)++;
            j++;
        }
    }
    return 0;
sqlfail:
    rc = rv_state_fail(st, err, "storing classifications");
    sqlite3_reset(undo_new); sqlite3_reset(undo_closed); sqlite3_reset(ins); sqlite3_reset(close_row);
    return rc;
}
