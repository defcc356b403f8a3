/* report/write_json.c: the report as JSON, built with cJSON.
 *
 * {"schema_version":1, "report":{header}, "sources":[...], "skipped":[{"run","sample",
 *  "indication","reason"}], "indications":[{"code","name",
 *  "patients":[{"sample","lines":[{line fields..., "before":{...}, "now":{...}}]}]}]}
 * Line and side fields are the columns of report/columns.c (same names as the TSV, side
 * columns without their before_/now_ prefix); an absent value is null, numbers are
 * numbers and flags are true/false. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#include "report/columns.h"
#include "report/write.h"

/* A text value; one a spreadsheet would run as a formula gets a leading ' (rv_report_formula_like). */
static cJSON *text_value(const char *s)
{
    if (!rv_report_formula_like(s)) return cJSON_CreateString(s);
    size_t n = strlen(s);
    char *q = malloc(n + 2);
    if (!q) return NULL;
    q[0] = '\'';
    memcpy(q + 1, s, n + 1);
    cJSON *v = cJSON_CreateString(q);
    free(q);
    return v;
}

static cJSON *str_or_null(const char *s) { return s ? text_value(s) : cJSON_CreateNull(); }

static cJSON *value(const rv_report_line *l, const rv_report_column *c, rv_col_side side)
{
    char buf[4096];
    double num;
    if (!rv_report_column_value(l, c, side, buf, sizeof buf, &num)) return cJSON_CreateNull();
    switch (c->type) {
    case RV_COL_STR: return text_value(buf);
    case RV_COL_JSON: {
        cJSON *o = cJSON_Parse(buf);
        return o ? o : text_value(buf);
    }
    case RV_COL_BOOL: return cJSON_CreateBool(num != 0);
    default: return cJSON_CreateNumber(num);
    }
}

static cJSON *line_json(const rv_report_line *l)
{
    size_t nc;
    const rv_report_column *cols = rv_report_columns(&nc);
    cJSON *o = cJSON_CreateObject(), *before = cJSON_CreateObject(), *now = cJSON_CreateObject();
    for (size_t i = 0; i < nc; i++) {
        if (!cols[i].side) { cJSON_AddItemToObject(o, cols[i].name, value(l, &cols[i], RV_SIDE_NONE)); continue; }
        cJSON_AddItemToObject(before, cols[i].name, value(l, &cols[i], RV_SIDE_BEFORE));
        cJSON_AddItemToObject(now, cols[i].name, value(l, &cols[i], RV_SIDE_NOW));
    }
    cJSON_AddItemToObject(o, "before", before);
    cJSON_AddItemToObject(o, "now", now);
    return o;
}

static int same(const char *a, const char *b) { return strcmp(a ? a : "", b ? b : "") == 0; }

static cJSON *build(const rv_report *r)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddNumberToObject(root, "schema_version", RV_REPORT_JSON_SCHEMA);
    cJSON *h = cJSON_AddObjectToObject(root, "report");
    cJSON_AddStringToObject(h, "notice", "automated output, requires clinical-scientist review");
    cJSON *runs = cJSON_AddArrayToObject(h, "runs");
    for (size_t i = 0; i < r->n_runs; i++) cJSON_AddItemToArray(runs, cJSON_CreateNumber((double)r->run_ids[i]));
    cJSON_AddItemToObject(h, "run_date", str_or_null(r->run_date));
    cJSON_AddItemToObject(h, "revus_version", str_or_null(r->revus_version));
    cJSON_AddItemToObject(h, "config_hash", str_or_null(r->config_hash));
    cJSON_AddItemToObject(h, "generated_at", str_or_null(r->generated_at));
    cJSON_AddItemToObject(h, "generator", str_or_null(r->generator));
    cJSON_AddItemToObject(h, "selection", str_or_null(r->selection));
    cJSON_AddBoolToObject(h, "pseudonymised", r->pseudonymised);
    cJSON_AddNumberToObject(h, "n_lines", (double)r->n_lines);

    cJSON *srcs = cJSON_AddArrayToObject(root, "sources");
    for (size_t i = 0; i < r->n_sources; i++) {
        const rv_report_source *s = &r->sources[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddItemToObject(o, "name", str_or_null(s->name));
        cJSON_AddItemToObject(o, "role", str_or_null(s->role));
        cJSON_AddItemToObject(o, "version", str_or_null(s->version));
        cJSON_AddItemToObject(o, "release_date", str_or_null(s->release_date));
        cJSON_AddItemToObject(o, "sha256", str_or_null(s->sha256));
        cJSON_AddItemToArray(srcs, o);
    }

    cJSON *skipped = cJSON_AddArrayToObject(root, "skipped");
    for (size_t i = 0; i < r->n_skipped; i++) {
        const rv_report_skipped *k = &r->skipped[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "run", (double)k->run);
        cJSON_AddItemToObject(o, "sample", str_or_null(k->sample));
        cJSON_AddItemToObject(o, "indication", str_or_null(k->indication));
        cJSON_AddItemToObject(o, "reason", str_or_null(k->reason));
        cJSON_AddItemToArray(skipped, o);
    }

    cJSON *inds = cJSON_AddArrayToObject(root, "indications");
    cJSON *ind = NULL, *patients = NULL, *lines = NULL;
    const rv_report_line *prev = NULL;
    for (size_t i = 0; i < r->n_lines; i++) {
        const rv_report_line *l = &r->lines[i];
        int new_ind = !prev || !same(l->indication, prev->indication);
        if (new_ind) {
            ind = cJSON_CreateObject();
            cJSON_AddItemToObject(ind, "code", str_or_null(l->indication));
            cJSON_AddItemToObject(ind, "name", str_or_null(l->indication_name));
            patients = cJSON_AddArrayToObject(ind, "patients");
            cJSON_AddItemToArray(inds, ind);
        }
        if (new_ind || !same(l->sample, prev->sample)) {
            cJSON *p = cJSON_CreateObject();
            cJSON_AddItemToObject(p, "sample", str_or_null(l->sample));
            lines = cJSON_AddArrayToObject(p, "lines");
            cJSON_AddItemToArray(patients, p);
        }
        cJSON_AddItemToArray(lines, line_json(l));
        prev = l;
    }
    return root;
}

int rv_report_write_json(const rv_report *r, FILE *f, rv_err *err)
{
    cJSON *root = build(r);
    char *text = root ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    if (!text) return rv_err_set(err, RV_ENOMEM, "json report: out of memory");
    fputs(text, f);
    fputc('\n', f);
    cJSON_free(text);
    if (fflush(f) != 0 || ferror(f)) return rv_err_set(err, RV_EIO, "json report: write failed");
    return 0;
}
