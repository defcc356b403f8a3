/* report/write_tsv.c: the report as tab-separated text for pipelines and spreadsheets.
 *
 * Layout: "##key=value" lines (report header, one "##source=" line per source, one
 * "##skipped=RUN<TAB>SAMPLE<TAB>INDICATION<TAB>REASON" per patient not reanalysed), then one
 * line of column names, then one row per flag in reading order. Columns come from
 * report/columns.c; side columns appear twice, as before_X and now_X. A tab, CR or
 * newline inside a value is written as a space, so every row has the same cell count, and
 * a text value a spreadsheet would run as a formula gets a leading ' (rv_report_formula_like). */
#include <stdio.h>
#include "report/columns.h"
#include "report/write.h"

static void cell(FILE *f, const char *s)
{
    for (; *s; s++) fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
}

/* A text cell: never read as a formula. */
static void text(FILE *f, const char *s)
{
    if (rv_report_formula_like(s)) fputc('\'', f);
    cell(f, s);
}

static void meta(FILE *f, const char *key, const char *value)
{
    fprintf(f, "##%s=", key);
    text(f, value ? value : "");
    fputc('\n', f);
}

int rv_report_write_tsv(const rv_report *r, FILE *f, rv_err *err)
{
    size_t nc;
    const rv_report_column *cols = rv_report_columns(&nc);
    char buf[4096];
    double num;

    fputs("##revus_report=tsv\n", f);
    meta(f, "notice", "automated output, requires clinical-scientist review");
    fputs("##runs=", f);
    for (size_t i = 0; i < r->n_runs; i++) fprintf(f, "%s%lld", i ? "," : "", (long long)r->run_ids[i]);
    fputc('\n', f);
    meta(f, "run_date", r->run_date);
    meta(f, "revus_version", r->revus_version);
    meta(f, "config_hash", r->config_hash);
    meta(f, "generated_at", r->generated_at);
    meta(f, "generator", r->generator);
    meta(f, "selection", r->selection);
    meta(f, "pseudonymised", r->pseudonymised ? "1" : "0");
    for (size_t i = 0; i < r->n_sources; i++) {
        const rv_report_source *s = &r->sources[i];
        fputs("##source=", f);
        const char *parts[] = { s->name, s->role, s->version, s->release_date, s->sha256 };
        for (size_t k = 0; k < 5; k++) { if (k) fputc('\t', f); text(f, parts[k] ? parts[k] : ""); }
        fputc('\n', f);
    }

    for (size_t i = 0; i < r->n_skipped; i++) {
        const rv_report_skipped *k = &r->skipped[i];
        fprintf(f, "##skipped=%lld\t", (long long)k->run);
        text(f, k->sample ? k->sample : ""); fputc('\t', f);
        text(f, k->indication ? k->indication : ""); fputc('\t', f);
        text(f, k->reason ? k->reason : ""); fputc('\n', f);
    }

    int first = 1;
    for (size_t i = 0; i < nc; i++)
        for (int side = cols[i].side ? 1 : 0; side <= (cols[i].side ? 2 : 0); side++) {
            if (!first) fputc('\t', f);
            first = 0;
            fprintf(f, "%s%s", side == 1 ? "before_" : side == 2 ? "now_" : "", cols[i].name);
        }
    fputc('\n', f);

    for (size_t li = 0; li < r->n_lines; li++) {
        first = 1;
        for (size_t i = 0; i < nc; i++)
            for (int side = cols[i].side ? 1 : 0; side <= (cols[i].side ? 2 : 0); side++) {
                if (!first) fputc('\t', f);
                first = 0;
                if (rv_report_column_value(&r->lines[li], &cols[i], side, buf, sizeof buf, &num))
                    (cols[i].type == RV_COL_STR ? text : cell)(f, buf);
            }
        fputc('\n', f);
    }
    if (fflush(f) != 0 || ferror(f)) return rv_err_set(err, RV_EIO, "tsv report: write failed");
    return 0;
}
