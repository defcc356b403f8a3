/* state/cohort.c: register, list and remove samples; keep indications in step with the config. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sqlite3.h>
#include "state/cohort.h"
#include "base/digest.h"

int rv_sample_id_valid(const char *id)
{
    size_t n = id ? strlen(id) : 0;
    /* not '.', '..' (folder names; '.' is also the "none" marker of TSV outputs) nor an
     * option-like '-x': the first character is a letter, a digit or '_' */
    if (n == 0 || n > 64 || id[0] == '-' || id[0] == '.') return 0;
    for (size_t i = 0; i < n; i++) {
        char c = id[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-'))
            return 0;
    }
    return 1;
}

static int sql_fail(rv_state *st, rv_err *err, const char *what)
{
    return rv_err_set(err, RV_ESTATE, "%s/%s: %s: %s", rv_state_home(st), RV_STATE_DB_NAME, what,
                      sqlite3_errmsg(rv_state_db(st)));
}

static int sample_exists(rv_state *st, const char *id)
{
    sqlite3_stmt *s = NULL;
    int found = 0;
    if (sqlite3_prepare_v2(rv_state_db(st), "SELECT 1 FROM samples WHERE id=?1", -1, &s, NULL) == SQLITE_OK) {
        sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
        found = sqlite3_step(s) == SQLITE_ROW;
    }
    sqlite3_finalize(s);
    return found;
}

/* A sample row checked and ready to insert. */
typedef struct checked {
    char id[80], path[PATH_MAX], sha[RV_SHA256_HEX];
    const char *indication, *sex, *family;
} checked;

static const char *given(const char *s) { return (s && *s && strcmp(s, ".") != 0) ? s : NULL; }

/* Validate one sample; on a problem writes one line into why and returns -1. */
static int check_sample(rv_state *st, const char *id, int must_be_new, const char *vcf, const char *base_dir,
                        const char *indication, const char *sex, const char *family,
                        checked *out, char *why, size_t nwhy)
{
    memset(out, 0, sizeof *out);
    if (!rv_sample_id_valid(id)) {
        snprintf(why, nwhy, "bad sample id '%s' (letters, digits, '.', '_', '-', not starting with '.' or '-'; at most 64)", id ? id : "");
        return -1;
    }
    if (must_be_new && sample_exists(st, id)) { snprintf(why, nwhy, "sample '%s' is already registered", id); return -1; }
    if (!given(vcf)) { snprintf(why, nwhy, "sample '%s': no VCF given", id); return -1; }
    char joined[PATH_MAX * 2];
    if (vcf[0] != '/' && base_dir) snprintf(joined, sizeof joined, "%s/%s", base_dir, vcf);
    else snprintf(joined, sizeof joined, "%s", vcf);
    if (!realpath(joined, out->path)) {
        snprintf(why, nwhy, "sample '%s': VCF %s: %s", id, vcf, strerror(errno));
        return -1;
    }
    struct stat sb;
    if (stat(out->path, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        snprintf(why, nwhy, "sample '%s': VCF %s is not a regular file", id, vcf);
        return -1;
    }
    rv_err e = { 0 };
    if (rv_digest_sha256_file(out->path, out->sha, &e) < 0) { snprintf(why, nwhy, "%s", e.msg); return -1; }
    sex = given(sex);
    if (sex && strcmp(sex, "M") != 0 && strcmp(sex, "F") != 0) {
        snprintf(why, nwhy, "sample '%s': sex must be M or F, not '%s'", id, sex);
        return -1;
    }
    snprintf(out->id, sizeof out->id, "%s", id);
    out->indication = given(indication);
    out->sex = sex;
    out->family = given(family);
    return 0;
}

static int ensure_indication(rv_state *st, const rv_runconf *conf, const char *code, rv_err *err)
{
    if (!code) return 0;
    const rv_indication_conf *ic = conf ? rv_runconf_indication(conf, code) : NULL;
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(rv_state_db(st),
            "INSERT INTO indications(code, name, panel_sources) VALUES (?1, ?2, ?3) "
            "ON CONFLICT(code) DO UPDATE SET name=excluded.name, panel_sources=excluded.panel_sources "
            "WHERE ?4", -1, &s, NULL) != SQLITE_OK)
        return sql_fail(st, err, "indication");
    sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, ic ? ic->name : code, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, ic ? ic->panels : "", -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 4, ic != NULL);   /* a configured indication refreshes; a bare one stays */
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : sql_fail(st, err, "indication");
}

int rv_cohort_sync_indications(rv_state *st, const rv_runconf *conf, rv_err *err)
{
    int rc = 0;
    for (int i = 0; rc == 0 && i < conf->n_indications; i++)
        rc = ensure_indication(st, conf, conf->indications[i].code, err);
    return rc;
}

static int insert_sample(rv_state *st, const rv_runconf *conf, const checked *c, rv_err *err)
{
    int rc = ensure_indication(st, conf, c->indication, err);
    if (rc < 0) return rc;
    if (c->indication && conf && !rv_runconf_indication(conf, c->indication))
        rv_log_warn("indication '%s' is not in %s: sample '%s' will be matched against any disease gene",
                    c->indication, conf->path, c->id);
    char now[32];
    rv_state_now(now, sizeof now);
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(rv_state_db(st),
            "INSERT INTO samples(id, vcf_path, vcf_sha256, indication, sex, family, added_at) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", -1, &s, NULL) != SQLITE_OK)
        return sql_fail(st, err, "adding a sample");
    sqlite3_bind_text(s, 1, c->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, c->path, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, c->sha, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, c->indication, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, c->sex, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 6, c->family, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 7, now, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : sql_fail(st, err, "adding a sample");
}

int rv_cohort_add(rv_state *st, const rv_runconf *conf, const char *id, const char *vcf,
                  const char *indication, const char *sex, const char *family, rv_err *err)
{
    checked c;
    char why[RV_ERR_MSG_MAX - 64];
    if (check_sample(st, id, 1, vcf, NULL, indication, sex, family, &c, why, sizeof why) < 0)
        return rv_err_set(err, strstr(why, "already registered") ? RV_EUSAGE : RV_EINPUT, "%s", why);
    int rc = rv_state_begin(st, err);
    if (rc < 0) return rc;
    if ((rc = insert_sample(st, conf, &c, err)) < 0) { rv_state_rollback(st); return rc; }
    return rv_state_commit(st, err);
}

int rv_cohort_update(rv_state *st, const rv_runconf *conf, const char *id, const char *vcf,
                     const char *indication, const char *sex, const char *family, rv_err *err)
{
    if (!sample_exists(st, id)) return rv_err_set(err, RV_ENOTFOUND, "no sample '%s' (see `revus cohort list`)", id);
    checked c;
    char why[RV_ERR_MSG_MAX - 64];
    if (check_sample(st, id, 0, vcf, NULL, indication, sex, family, &c, why, sizeof why) < 0)
        return rv_err_set(err, RV_EINPUT, "%s", why);
    int rc = rv_state_begin(st, err);
    if (rc < 0) return rc;
    if ((rc = ensure_indication(st, conf, c.indication, err)) < 0) { rv_state_rollback(st); return rc; }
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(rv_state_db(st),
            "UPDATE samples SET vcf_path=?2, vcf_sha256=?3, indication=coalesce(?4, indication), "
            "sex=coalesce(?5, sex), family=coalesce(?6, family) WHERE id=?1", -1, &s, NULL) != SQLITE_OK) {
        rc = sql_fail(st, err, "updating a sample");
        rv_state_rollback(st);
        return rc;
    }
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, c.path, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, c.sha, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, c.indication, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, c.sex, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 6, c.family, -1, SQLITE_STATIC);
    rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) { rc = sql_fail(st, err, "updating a sample"); rv_state_rollback(st); return rc; }
    return rv_state_commit(st, err);
}

int rv_cohort_import(rv_state *st, const rv_runconf *conf, const char *manifest,
                     int *n_added, rv_problems *problems, rv_err *err)
{
    *n_added = 0;
    rv_tsv t;
    int rc = rv_tsv_read(manifest, "sample", &t, err);
    if (rc < 0) return rc;
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", manifest);
    char *slash = strrchr(dir, '/');
    if (slash) *slash = '\0'; else snprintf(dir, sizeof dir, ".");

    checked *rows = calloc((size_t)t.n + 1, sizeof *rows);
    if (!rows) { rv_tsv_free(&t); return rv_err_set(err, RV_ENOMEM, "out of memory"); }
    for (int i = 0; i < t.n; i++) {
        const rv_tsv_row *r = &t.rows[i];
        char why[1024];
        if (r->n < 2 || r->n > 5) {
            rv_problems_add(problems, "%s:%d: expected 2 to 5 tab-separated columns "
                            "(sample, vcf, indication, sex, family), found %d", manifest, r->line, r->n);
            continue;
        }
        if (check_sample(st, r->f[0], 1, r->f[1], dir, r->n > 2 ? r->f[2] : NULL,
                         r->n > 3 ? r->f[3] : NULL, r->n > 4 ? r->f[4] : NULL, &rows[i], why, sizeof why) < 0) {
            rv_problems_add(problems, "%s:%d: %s", manifest, r->line, why);
            rows[i].id[0] = '\0';
            continue;
        }
        for (int j = 0; j < i; j++)
            if (strcmp(rows[j].id, rows[i].id) == 0) {
                rv_problems_add(problems, "%s:%d: sample '%s' appears twice (first at line %d)",
                                manifest, r->line, rows[i].id, t.rows[j].line);
                break;
            }
    }
    if (problems->n > 0) {
        rc = rv_err_set(err, RV_EINPUT, "%s: %d bad row%s, nothing imported", manifest, problems->n,
                        problems->n == 1 ? "" : "s");
    } else if (t.n == 0) {
        rc = rv_err_set(err, RV_EINPUT, "%s: no sample rows", manifest);
    } else if ((rc = rv_state_begin(st, err)) == 0) {
        for (int i = 0; rc == 0 && i < t.n; i++) rc = insert_sample(st, conf, &rows[i], err);
        if (rc == 0) rc = rv_state_commit(st, err);
        if (rc < 0) rv_state_rollback(st);
        else *n_added = t.n;
    }
    free(rows);
    rv_tsv_free(&t);
    return rc;
}

static char *col(sqlite3_stmt *s, int i)
{
    const unsigned char *v = sqlite3_column_text(s, i);
    return v ? strdup((const char *)v) : NULL;
}

int rv_cohort_get(rv_state *st, const char *only_id, rv_sample **out, int *n, rv_err *err)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(rv_state_db(st),
            "SELECT id, vcf_path, vcf_sha256, indication, sex, family, added_at, "
            " (SELECT 'run ' || run || ' at ' || finished_at FROM run_samples r WHERE r.sample=s.id "
            "   AND r.status='done' ORDER BY run DESC LIMIT 1) "
            "FROM samples s WHERE ?1 IS NULL OR id=?1 ORDER BY id", -1, &s, NULL) != SQLITE_OK)
        return sql_fail(st, err, "listing samples");
    sqlite3_bind_text(s, 1, only_id, -1, SQLITE_STATIC);
    int m = 0, rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == m) {
            m = m ? 2 * m : 16;
            rv_sample *x = realloc(*out, (size_t)m * sizeof *x);
            if (!x) { sqlite3_finalize(s); rv_samples_free(*out, *n); *out = NULL; *n = 0; return rv_err_set(err, RV_ENOMEM, "out of memory"); }
            *out = x;
        }
        rv_sample *p = &(*out)[(*n)++];
        p->id = col(s, 0); p->vcf_path = col(s, 1); p->vcf_sha256 = col(s, 2);
        p->indication = col(s, 3); p->sex = col(s, 4); p->family = col(s, 5); p->added_at = col(s, 6);
        p->last_done = col(s, 7);
    }
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) { rv_samples_free(*out, *n); *out = NULL; *n = 0; return sql_fail(st, err, "listing samples"); }
    return 0;
}

void rv_sample_clear(rv_sample *s)
{
    free(s->id); free(s->vcf_path); free(s->vcf_sha256); free(s->indication);
    free(s->sex); free(s->family); free(s->added_at); free(s->last_done);
    memset(s, 0, sizeof *s);
}

void rv_samples_free(rv_sample *s, int n)
{
    for (int i = 0; i < n; i++) rv_sample_clear(&s[i]);
    free(s);
}

int rv_cohort_remove(rv_state *st, const char *id, rv_err *err)
{
    int rc = rv_state_begin(st, err);
    if (rc < 0) return rc;
    sqlite3_stmt *s = NULL;
    /* acks hold no foreign key on the sample (they outlive a flag's run); clear them too */
    if (sqlite3_prepare_v2(rv_state_db(st), "DELETE FROM acks WHERE sample=?1", -1, &s, NULL) != SQLITE_OK)
        { rc = sql_fail(st, err, "removing a sample"); goto fail; }
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) { rc = sql_fail(st, err, "removing a sample"); goto fail; }
    if (sqlite3_prepare_v2(rv_state_db(st), "DELETE FROM samples WHERE id=?1", -1, &s, NULL) != SQLITE_OK)
        { rc = sql_fail(st, err, "removing a sample"); goto fail; }
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) { rc = sql_fail(st, err, "removing a sample"); goto fail; }
    if (sqlite3_changes(rv_state_db(st)) == 0) { rc = rv_err_set(err, RV_ENOTFOUND, "no sample '%s'", id); goto fail; }
    return rv_state_commit(st, err);
fail:
    rv_state_rollback(st);
    return rc;
}
