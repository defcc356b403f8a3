/* state/reported.c: import the classes the lab has issued (state/cohort.h: rv_reported_import). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "classify/call.h"
#include "state/cohort.h"
#include "variant/varkey.h"

/* YYYY-MM-DD with a real month and day. */
static int date_valid(const char *s)
{
    int y, m, d;
    char tail;
    if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return 0;
    static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days[m - 1]) return 0;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 0;
    return 1;
}

/* Copy allele a (len bases) upper-cased into buf; -1 when not ACGTN or too long. */
static int upper_bases(const char *a, uint32_t len, char *buf, size_t n)
{
    if (len >= n) return -1;
    for (uint32_t i = 0; i < len; i++) {
        char c = (char)toupper((unsigned char)a[i]);
        if (!strchr("ACGTN", c) || c == '\0') return -1;
        buf[i] = c;
    }
    return 0;
}

/* Normalise a variant string to the key form rv_varkey_format writes (upper-case bases,
 * trimmed), the form calls are stored under. */
static int normalise_variant(const char *in, char *out, size_t n)
{
    rv_varkey k;
    char ref[256], alt[256];
    if (rv_varkey_parse(in, &k) < 0 || upper_bases(k.ref, k.ref_len, ref, sizeof ref) < 0
        || upper_bases(k.alt, k.alt_len, alt, sizeof alt) < 0) return -1;
    k.ref = ref; k.alt = alt;
    rv_varkey_trim(&k);
    return rv_varkey_format(&k, out, n) < 0 ? -1 : 0;
}

typedef struct rrow { char sample[80], variant[512]; const char *cls, *date, *reporter, *report_id; int same; } rrow;

/* 1 identical row stored, 0 none, -1 a different class stored for the same date. */
static int stored(sqlite3 *db, const rrow *r, char *cls_out, size_t n)
{
    sqlite3_stmt *s = NULL;
    int res = 0;
    if (sqlite3_prepare_v2(db, "SELECT class FROM reported WHERE sample=?1 AND variant=?2 AND reported_on=?3",
                           -1, &s, NULL) != SQLITE_OK) return 0;
    sqlite3_bind_text(s, 1, r->sample, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, r->variant, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, r->date, -1, SQLITE_STATIC);
    if (sqlite3_step(s) == SQLITE_ROW) {
        const char *c = (const char *)sqlite3_column_text(s, 0);
        snprintf(cls_out, n, "%s", c ? c : "");
        res = c && strcmp(c, r->cls) == 0 ? 1 : -1;
    }
    sqlite3_finalize(s);
    return res;
}

static int sample_known(sqlite3 *db, const char *id)
{
    sqlite3_stmt *s = NULL;
    int found = 0;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM samples WHERE id=?1", -1, &s, NULL) == SQLITE_OK) {
        sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
        found = sqlite3_step(s) == SQLITE_ROW;
    }
    sqlite3_finalize(s);
    return found;
}

int rv_reported_import(rv_state *st, const char *path, int *n_added, int *n_same,
                       rv_problems *problems, rv_err *err)
{
    *n_added = *n_same = 0;
    rv_tsv t;
    int rc = rv_tsv_read(path, "sample", &t, err);
    if (rc < 0) return rc;
    sqlite3 *db = rv_state_db(st);
    rrow *rows = calloc((size_t)t.n + 1, sizeof *rows);
    if (!rows) { rv_tsv_free(&t); return rv_err_set(err, RV_ENOMEM, "out of memory"); }
    for (int i = 0; i < t.n; i++) {
        const rv_tsv_row *r = &t.rows[i];
        rrow *o = &rows[i];
        if (r->n != 5 && r->n != 6) {
            rv_problems_add(problems, "%s:%d: expected 5 or 6 tab-separated columns (sample, variant, class, "
                            "date, reporter[, report_id]), found %d", path, r->line, r->n);
            continue;
        }
        snprintf(o->sample, sizeof o->sample, "%s", r->f[0]);
        if (!sample_known(db, r->f[0])) {
            rv_problems_add(problems, "%s:%d: unknown sample '%s' (register it with `revus cohort add`)", path, r->line, r->f[0]);
            continue;
        }
        if (normalise_variant(r->f[1], o->variant, sizeof o->variant) < 0) {
            rv_problems_add(problems, "%s:%d: bad variant '%s' (want CHROM-POS-REF-ALT on a primary contig)",
                            path, r->line, r->f[1]);
            continue;
        }
        if (!rv_class_valid(r->f[2])) {
            rv_problems_add(problems, "%s:%d: bad class '%s' (want P, LP, VUS, LB or B)", path, r->line, r->f[2]);
            continue;
        }
        if (!date_valid(r->f[3])) {
            rv_problems_add(problems, "%s:%d: bad date '%s' (want YYYY-MM-DD)", path, r->line, r->f[3]);
            continue;
        }
        if (!r->f[4][0]) {
            rv_problems_add(problems, "%s:%d: reporter is empty", path, r->line);
            continue;
        }
        o->cls = r->f[2]; o->date = r->f[3]; o->reporter = r->f[4];
        o->report_id = r->n == 6 && r->f[5][0] ? r->f[5] : NULL;
        char had[16];
        int s = stored(db, o, had, sizeof had);
        if (s < 0) {
            rv_problems_add(problems, "%s:%d: %s %s was already reported as %s on %s", path, r->line,
                            o->sample, o->variant, had, o->date);
            continue;
        }
        o->same = s == 1;
        for (int j = 0; j < i; j++)
            if (rows[j].cls && !strcmp(rows[j].sample, o->sample) && !strcmp(rows[j].variant, o->variant) &&
                !strcmp(rows[j].date, o->date)) {
                rv_problems_add(problems, "%s:%d: same sample, variant and date as line %d", path, r->line, t.rows[j].line);
                break;
            }
    }
    if (problems->n > 0) {
        rc = rv_err_set(err, RV_EINPUT, "%s: %d bad row%s, nothing imported", path, problems->n, problems->n == 1 ? "" : "s");
        goto done;
    }
    if ((rc = rv_state_begin(st, err)) < 0) goto done;
    char now[32];
    rv_state_now(now, sizeof now);
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(db, "INSERT INTO reported(sample, variant, class, reported_on, reporter, imported_at, report_id) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", -1, &s, NULL) != SQLITE_OK) {
        rc = rv_state_fail(st, err, "reported");
        rv_state_rollback(st);
        goto done;
    }
    for (int i = 0; i < t.n; i++) {
        if (rows[i].same) { (*n_same)++; continue; }
        sqlite3_reset(s);
        sqlite3_bind_text(s, 1, rows[i].sample, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 2, rows[i].variant, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 3, rows[i].cls, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 4, rows[i].date, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 5, rows[i].reporter, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 6, now, -1, SQLITE_STATIC);
        if (rows[i].report_id) sqlite3_bind_text(s, 7, rows[i].report_id, -1, SQLITE_STATIC);
        else sqlite3_bind_null(s, 7);
        if (sqlite3_step(s) != SQLITE_DONE) {
            rc = rv_state_fail(st, err, "reported");
            break;
        }
        (*n_added)++;
    }
    sqlite3_finalize(s);
    if (rc == 0) rc = rv_state_commit(st, err);
    if (rc < 0) { rv_state_rollback(st); *n_added = *n_same = 0; }
done:
    free(rows);
    rv_tsv_free(&t);
    return rc;
}
