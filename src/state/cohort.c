/* state/cohort.c: register, list and remove samples; keep indications in step with the config. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sqlite3.h>
#include "state/cohort.h"
#include "state/pedigree.h"
#include "base/digest.h"
#include "input/vcf_probe.h"

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
    const char *indication, *sex, *family, *vcf_sample, *father, *mother;
    int phenotype;
    int from_ped;              /* father, mother and phenotype come from a PED */
    int update;                /* a registered sample (cohort update): updated, not inserted */
    int line;                  /* manifest line (0: cohort add) */
    rv_vcf_probe probe;
} checked;

static const char *given(const char *s) { return (s && *s && strcmp(s, ".") != 0) ? s : NULL; }

/* Validate one sample; on a problem writes one line into why and returns -1. */
static int check_sample(rv_state *st, const char *id, int must_be_new, const char *vcf, const char *base_dir,
                        const char *indication, const char *sex, const char *family, const char *vcf_sample,
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
    vcf_sample = given(vcf_sample);
    if (rv_vcf_probe_open(out->path, id, vcf_sample, 1, &out->probe, &e) < 0) {
        snprintf(why, nwhy, "sample '%s': %.900s", id, e.msg);
        return -1;
    }
    snprintf(out->id, sizeof out->id, "%s", id);
    out->indication = given(indication);
    out->sex = sex;
    out->family = given(family);
    out->vcf_sample = vcf_sample;
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
        return rv_state_fail(st, err, "indication");
    sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, ic ? ic->name : code, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, ic ? ic->panels : "", -1, SQLITE_STATIC);
    sqlite3_bind_int(s, 4, ic != NULL);   /* a configured indication refreshes; a bare one stays */
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : rv_state_fail(st, err, "indication");
}

int rv_cohort_sync_indications(rv_state *st, const rv_runconf *conf, rv_err *err)
{
    int rc = 0;
    for (int i = 0; rc == 0 && i < conf->n_indications; i++)
        rc = ensure_indication(st, conf, conf->indications[i].code, err);
    return rc;
}

/* Insert a new sample, or (c->update) update a registered one: fields not given keep their
 * value; father, mother and phenotype change only with a PED. */
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
    const char *what = c->update ? "updating a sample" : "adding a sample";
    if (sqlite3_prepare_v2(rv_state_db(st), c->update ?
            "UPDATE samples SET vcf_path=?2, vcf_sha256=?3, indication=coalesce(?4, indication), "
            "sex=coalesce(?5, sex), family=coalesce(?6, family), "
            "father=CASE WHEN ?12 THEN ?8 ELSE father END, mother=CASE WHEN ?12 THEN ?9 ELSE mother END, "
            "phenotype=CASE WHEN ?12 THEN ?10 ELSE phenotype END, vcf_sample=coalesce(?11, vcf_sample) "
            "WHERE id=?1" :
            "INSERT INTO samples(id, vcf_path, vcf_sha256, indication, sex, family, added_at, "
            "father, mother, phenotype, vcf_sample) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", -1, &s, NULL) != SQLITE_OK)
        return rv_state_fail(st, err, what);
    sqlite3_bind_text(s, 1, c->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, c->path, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, c->sha, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, c->indication, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, c->sex, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 6, c->family, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 7, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(s, 8, c->father, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 9, c->mother, -1, SQLITE_STATIC);
    if (c->phenotype) sqlite3_bind_int(s, 10, c->phenotype); else sqlite3_bind_null(s, 10);
    sqlite3_bind_text(s, 11, c->vcf_sample, -1, SQLITE_STATIC);
    if (c->update) sqlite3_bind_int(s, 12, c->from_ped);
    rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : rv_state_fail(st, err, what);
}

/* ---- families: a PED applied to the rows being registered, checks across a family ---- */

static checked *find_row(checked *rows, int n, const char *id)
{
    for (int i = 0; i < n; i++) if (strcmp(rows[i].id, id) == 0) return &rows[i];
    return NULL;
}

static int find_reg(const rv_sample *reg, int n, const char *id)
{
    for (int i = 0; i < n; i++) if (strcmp(reg[i].id, id) == 0) return i;
    return -1;
}

/* "MANIFEST:LINE: " for a manifest row, "" for cohort add. */
static const char *at(const checked *c, const char *manifest, char *buf, size_t n)
{
    if (manifest && c->line) snprintf(buf, n, "%s:%d: ", manifest, c->line); else buf[0] = '\0';
    return buf;
}

/* Warn when the registered sex disagrees with how heterozygous chrX is outside the PARs. */
static void sex_check(const rv_runconf *conf, const checked *c)
{
    if (!conf || !c->sex || c->probe.x_calls < conf->sex_check_min_x_calls || c->probe.x_calls == 0) return;
    double f = (double)c->probe.x_het / (double)c->probe.x_calls;
    int male = strcmp(c->sex, "M") == 0;
    if ((male && f > conf->sex_check_male_max_het) || (!male && f < conf->sex_check_female_min_het))
        rv_log_warn("sample '%s' is registered as %s but %ld of its %ld calls on chrX outside the "
                    "pseudo-autosomal regions are heterozygous (%.0f%%): check the sex and the sample identity",
                    c->id, male ? "male" : "female", c->probe.x_het, c->probe.x_calls, 100.0 * f);
}

static int update_pedigree(rv_state *st, const rv_ped_member *m, rv_err *err)
{
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(rv_state_db(st),
            "UPDATE samples SET family=?2, father=?3, mother=?4, sex=coalesce(?5, sex), phenotype=?6 WHERE id=?1",
            -1, &s, NULL) != SQLITE_OK)
        return rv_state_fail(st, err, "updating a family");
    sqlite3_bind_text(s, 1, m->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 2, m->family, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 3, m->father, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 4, m->mother, -1, SQLITE_STATIC);
    sqlite3_bind_text(s, 5, rv_ped_sex_letter(m->sex), -1, SQLITE_STATIC);
    if (m->phenotype) sqlite3_bind_int(s, 6, m->phenotype); else sqlite3_bind_null(s, 6);
    int rc = sqlite3_step(s);
    sqlite3_finalize(s);
    return rc == SQLITE_DONE ? 0 : rv_state_fail(st, err, "updating a family");
}

/* Apply the PED (when given) to rows, check each family (one genome build), and store
 * everything in one transaction, or nothing with one problem per line. */
static int register_rows(rv_state *st, const rv_runconf *conf, checked *rows, int n, const char *manifest,
                         const char *ped, rv_problems *pr, rv_err *err)
{
    rv_pedigree pd = { 0 };
    rv_sample *reg = NULL;
    int n_reg = 0, before = pr->n, rc = 0;
    char w[PATH_MAX + 32];
    const rv_ped_member **upd = NULL;
    rv_build *reg_build = NULL;
    if (ped && (rc = rv_ped_read(ped, &pd, pr, err)) < 0) goto out;
    if ((rc = rv_cohort_get(st, NULL, &reg, &n_reg, err)) < 0) goto out;
    upd = calloc((size_t)n_reg + 1, sizeof *upd);
    reg_build = calloc((size_t)n_reg + 1, sizeof *reg_build);
    if (!upd || !reg_build) { rc = rv_err_set(err, RV_ENOMEM, "out of memory"); goto out; }
    for (int i = 0; i < pd.n; i++) {
        const rv_ped_member *m = &pd.m[i];
        const char *sx = rv_ped_sex_letter(m->sex);
        checked *row = find_row(rows, n, m->id);
        int r = find_reg(reg, n_reg, m->id);
        /* a sample being updated keeps its registered family and sex unless new ones are given */
        const char *fam = row && (row->family || !row->update) ? row->family : r >= 0 ? reg[r].family : NULL;
        const char *sex = row && (row->sex || !row->update) ? row->sex : r >= 0 ? reg[r].sex : NULL;
        if (!row && r < 0) {
            rv_problems_add(pr, "%s:%d: sample '%s' is neither %s nor registered", ped, m->line, m->id,
                            manifest ? "in the manifest" : n == 1 && rows[0].update ? "the one being updated"
                                                                                   : "the one being added");
            continue;
        }
        if (fam && strcmp(fam, m->family) != 0) {
            rv_problems_add(pr, "%s:%d: sample '%s' is in two families ('%s' %s, '%s' in the PED)", ped, m->line,
                            m->id, fam, row && row->family ? (manifest ? "in the manifest" : "given") : "registered",
                            m->family);
            continue;
        }
        if (sex && sx && strcmp(sex, sx) != 0) {
            rv_problems_add(pr, "%s:%d: sample '%s' is of sex %s %s but %s in the PED", ped, m->line, m->id,
                            sex, row && row->sex ? (manifest ? "in the manifest" : "given") : "registered", sx);
            continue;
        }
        if (row) {
            row->family = m->family; row->father = m->father; row->mother = m->mother;
            row->phenotype = m->phenotype;
            row->from_ped = 1;
            if (sx) row->sex = sx;
        } else {
            upd[r] = m;
        }
    }
    /* one genome build per family; a sample being updated is in it with its family as stored */
    for (int i = 0; i < n; i++) {
        int r = rows[i].update ? find_reg(reg, n_reg, rows[i].id) : -1;
        if (!rows[i].family && r >= 0) rows[i].family = upd[r] ? upd[r]->family : reg[r].family;
    }
    for (int i = 0; i < n; i++) {
        if (!rows[i].family || rows[i].probe.build == RV_BUILD_UNKNOWN) continue;
        const char *other = NULL;
        rv_build ob = RV_BUILD_UNKNOWN;
        for (int j = 0; j < i && !other; j++)
            if (rows[j].family && strcmp(rows[j].family, rows[i].family) == 0 &&
                rows[j].probe.build != RV_BUILD_UNKNOWN && rows[j].probe.build != rows[i].probe.build)
                other = rows[j].id, ob = rows[j].probe.build;
        for (int r = 0; r < n_reg && !other; r++) {
            const char *f = upd[r] ? upd[r]->family : reg[r].family;
            if (!f || strcmp(f, rows[i].family) != 0 || find_row(rows, n, reg[r].id)) continue;
            if (reg_build[r] == RV_BUILD_UNKNOWN) {
                rv_vcf_probe p;
                rv_err e = { 0 };
                if (rv_vcf_probe_open(reg[r].vcf_path, reg[r].id, reg[r].vcf_sample, 0, &p, &e) == 0) reg_build[r] = p.build;
            }
            if (reg_build[r] != RV_BUILD_UNKNOWN && reg_build[r] != rows[i].probe.build)
                other = reg[r].id, ob = reg_build[r];
        }
        if (other)
            rv_problems_add(pr, "%ssample '%s' (%s) and '%s' (%s) of family '%s' are on different genome builds",
                            at(&rows[i], manifest, w, sizeof w), rows[i].id, rv_build_name(rows[i].probe.build),
                            other, rv_build_name(ob), rows[i].family);
    }
    if (pr->n > before) {
        rc = rv_err_set(err, RV_EINPUT, "%s: %d problem%s, nothing registered", manifest ? manifest : ped ? ped
                        : n == 1 && rows[0].update ? "cohort update" : "cohort add",
                        pr->n - before, pr->n - before == 1 ? "" : "s");
        goto out;
    }
    if ((rc = rv_state_begin(st, err)) < 0) goto out;
    for (int i = 0; rc == 0 && i < n; i++) rc = insert_sample(st, conf, &rows[i], err);
    for (int r = 0; rc == 0 && r < n_reg; r++) if (upd[r]) rc = update_pedigree(st, upd[r], err);
    if (rc == 0) rc = rv_state_commit(st, err);
    if (rc < 0) { rv_state_rollback(st); goto out; }
    for (int i = 0; i < n; i++) sex_check(conf, &rows[i]);
out:
    free(upd);
    free(reg_build);
    rv_samples_free(reg, n_reg);
    rv_ped_free(&pd);
    return rc;
}


int rv_cohort_add(rv_state *st, const rv_runconf *conf, const char *id, const char *vcf,
                  const char *indication, const char *sex, const char *family, rv_err *err)
{
    checked c;
    char why[RV_ERR_MSG_MAX - 64];
    if (check_sample(st, id, 1, vcf, NULL, indication, sex, family, NULL, &c, why, sizeof why) < 0)
        return rv_err_set(err, strstr(why, "already registered") ? RV_EUSAGE : RV_EINPUT, "%s", why);
    rv_problems pr = { 0 };
    int rc = register_rows(st, conf, &c, 1, NULL, NULL, &pr, err);
    rv_problems_free(&pr);
    return rc;
}

int rv_cohort_add_member(rv_state *st, const rv_runconf *conf, const rv_member_in *in, const char *ped,
                         rv_problems *problems, rv_err *err)
{
    checked c;
    char why[RV_ERR_MSG_MAX - 64];
    if (check_sample(st, in->id, 1, in->vcf, NULL, in->indication, in->sex, in->family, in->vcf_sample,
                     &c, why, sizeof why) < 0)
        return rv_err_set(err, strstr(why, "already registered") ? RV_EUSAGE : RV_EINPUT, "%s", why);
    return register_rows(st, conf, &c, 1, NULL, ped, problems, err);
}

int rv_cohort_update_member(rv_state *st, const rv_runconf *conf, const rv_member_in *in, const char *ped,
                            rv_problems *problems, rv_err *err)
{
    if (!sample_exists(st, in->id))
        return rv_err_set(err, RV_ENOTFOUND, "no sample '%s' (see `revus cohort list`)", in->id);
    checked c;
    char why[RV_ERR_MSG_MAX - 64];
    rv_sample *old = NULL;
    int n_old = 0, rc = rv_cohort_get(st, in->id, &old, &n_old, err);
    if (rc < 0) return rc;
    const char *col = given(in->vcf_sample) ? in->vcf_sample : n_old ? old[0].vcf_sample : NULL;
    rc = check_sample(st, in->id, 0, in->vcf, NULL, in->indication, in->sex, in->family, col, &c, why, sizeof why);
    if (rc == 0) {
        /* the stored column stays unless a new one is named */
        c.vcf_sample = given(in->vcf_sample);
        c.update = 1;
        rc = register_rows(st, conf, &c, 1, NULL, ped, problems, err);
    } else {
        rc = rv_err_set(err, RV_EINPUT, "%s", why);
    }
    rv_samples_free(old, n_old);
    return rc;
}

int rv_cohort_import(rv_state *st, const rv_runconf *conf, const char *manifest,
                     int *n_added, rv_problems *problems, rv_err *err)
{
    return rv_cohort_import_ped(st, conf, manifest, NULL, n_added, problems, err);
}

int rv_cohort_import_ped(rv_state *st, const rv_runconf *conf, const char *manifest, const char *ped,
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
        if (r->n < 2 || r->n > 6) {
            rv_problems_add(problems, "%s:%d: expected 2 to 6 tab-separated columns "
                            "(sample, vcf, indication, sex, family, vcf_sample), found %d", manifest, r->line, r->n);
            continue;
        }
        if (check_sample(st, r->f[0], 1, r->f[1], dir, r->n > 2 ? r->f[2] : NULL,
                         r->n > 3 ? r->f[3] : NULL, r->n > 4 ? r->f[4] : NULL, r->n > 5 ? r->f[5] : NULL,
                         &rows[i], why, sizeof why) < 0) {
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
    } else {
        for (int i = 0; i < t.n; i++) rows[i].line = t.rows[i].line;
        if ((rc = register_rows(st, conf, rows, t.n, manifest, ped, problems, err)) == 0) *n_added = t.n;
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

/* Samples matching the statement (already bound), appended to *out. */
static int load_samples(rv_state *st, sqlite3_stmt *s, rv_sample **out, int *n, rv_err *err)
{
    int m = *n, rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (*n == m) {
            m = m ? 2 * m : 16;
            rv_sample *x = realloc(*out, (size_t)m * sizeof *x);
            if (!x) return rv_err_set(err, RV_ENOMEM, "out of memory");
            *out = x;
        }
        rv_sample *p = &(*out)[(*n)++];
        memset(p, 0, sizeof *p);
        p->id = col(s, 0); p->vcf_path = col(s, 1); p->vcf_sha256 = col(s, 2);
        p->indication = col(s, 3); p->sex = col(s, 4); p->family = col(s, 5); p->added_at = col(s, 6);
        p->last_done = col(s, 7);
        p->father = col(s, 8); p->mother = col(s, 9);
        p->phenotype = sqlite3_column_int(s, 10);
        p->vcf_sample = col(s, 11);
    }
    return rc == SQLITE_DONE ? 0 : rv_state_fail(st, err, "listing samples");
}

#define SAMPLE_SELECT \
    "SELECT id, vcf_path, vcf_sha256, indication, sex, family, added_at, " \
    " (SELECT 'run ' || run || ' at ' || finished_at FROM run_samples r WHERE r.sample=s.id " \
    "   AND r.status='done' ORDER BY run DESC LIMIT 1), father, mother, phenotype, vcf_sample FROM samples s "

int rv_cohort_get(rv_state *st, const char *only_id, rv_sample **out, int *n, rv_err *err)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *s = NULL, *fam = NULL;
    int rc = 0;
    if (sqlite3_prepare_v2(rv_state_db(st), SAMPLE_SELECT "WHERE ?1 IS NULL OR id=?1 ORDER BY id", -1, &s, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(rv_state_db(st), SAMPLE_SELECT "WHERE family=?1 AND id<>?2 ORDER BY id", -1, &fam, NULL) != SQLITE_OK) {
        rc = rv_state_fail(st, err, "listing samples");
        goto out;
    }
    sqlite3_bind_text(s, 1, only_id, -1, SQLITE_STATIC);
    if ((rc = load_samples(st, s, out, n, err)) < 0) goto out;
    for (int i = 0; i < *n; i++) {
        rv_sample *p = &(*out)[i];
        if (!p->family) continue;
        sqlite3_reset(fam);
        sqlite3_bind_text(fam, 1, p->family, -1, SQLITE_STATIC);
        sqlite3_bind_text(fam, 2, p->id, -1, SQLITE_STATIC);
        if ((rc = load_samples(st, fam, &p->relatives, &p->n_relatives, err)) < 0) goto out;
    }
out:
    sqlite3_finalize(s);
    sqlite3_finalize(fam);
    if (rc < 0) { rv_samples_free(*out, *n); *out = NULL; *n = 0; }
    return rc;
}

const char *rv_sample_role(const rv_sample *s)
{
    if (!s->family) return NULL;
    for (int i = 0; i < s->n_relatives; i++) {
        const rv_sample *r = &s->relatives[i];
        if (r->father && strcmp(r->father, s->id) == 0) return "father";
        if (r->mother && strcmp(r->mother, s->id) == 0) return "mother";
    }
    return s->father || s->mother ? "child" : "member";
}

void rv_sample_clear(rv_sample *s)
{
    free(s->id); free(s->vcf_path); free(s->vcf_sha256); free(s->indication);
    free(s->sex); free(s->family); free(s->added_at); free(s->last_done);
    free(s->father); free(s->mother); free(s->vcf_sample);
    rv_samples_free(s->relatives, s->n_relatives);
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
        { rc = rv_state_fail(st, err, "removing a sample"); goto fail; }
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) { rc = rv_state_fail(st, err, "removing a sample"); goto fail; }
    if (sqlite3_prepare_v2(rv_state_db(st), "DELETE FROM samples WHERE id=?1", -1, &s, NULL) != SQLITE_OK)
        { rc = rv_state_fail(st, err, "removing a sample"); goto fail; }
    sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
    rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc != SQLITE_DONE) { rc = rv_state_fail(st, err, "removing a sample"); goto fail; }
    if (sqlite3_changes(rv_state_db(st)) == 0) { rc = rv_err_set(err, RV_ENOTFOUND, "no sample '%s'", id); goto fail; }
    return rv_state_commit(st, err);
fail:
    rv_state_rollback(st);
    return rc;
}
