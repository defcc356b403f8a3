/* report/write_stats.c: outcome statistics as TSV, JSON (cJSON) and one self-contained HTML page
 * with inline SVG charts over time (no script, no external request). */
#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include "report/columns.h"
#include "report/model.h"
#include "report/stats.h"
#include "report/html_internal.h"

static const char *const ptype_names[] = { "all", "year", "month" };

/* Fixed numeric columns, in output order, with their meaning (docs/reports.md copies it). */
enum { C_RUNS, C_SAMPLES, C_REANALYSED, C_FLAGS, C_ACK, C_CHANGED, C_NEWPLP, C_OTHER, C_N };
static const char *const col_names[C_N] = {
    "runs", "samples_run", "samples_reanalysed", "flags", "acknowledged",
    "patients_changed_vs_reported", "patients_new_plp", "flags_other",
};

static size_t col_value(const rv_stats_row *r, int c)
{
    switch (c) {
    case C_RUNS: return r->runs;
    case C_SAMPLES: return r->samples_run;
    case C_REANALYSED: return r->samples_reanalysed;
    case C_FLAGS: return r->flags;
    case C_ACK: return r->acknowledged;
    case C_CHANGED: return r->patients_changed;
    case C_NEWPLP: return r->patients_new_plp;
    default: return r->flags_other;
    }
}

static int done(FILE *f, rv_err *err, const char *what)
{
    if (fflush(f) != 0 || ferror(f)) return rv_err_set(err, RV_EIO, "%s: write failed", what);
    return 0;
}

int rv_stats_write_tsv(const rv_stats *s, FILE *f, rv_err *err)
{
    size_t nc;
    const rv_report_category *cats = rv_report_category_list(&nc);
    fputs("period_type\tperiod\tindication", f);
    for (int c = 0; c < C_N; c++) fprintf(f, "\t%s", col_names[c]);
    for (size_t k = 0; k < nc; k++) fprintf(f, "\t%s", cats[k].code);
    fputs("\trelease_to_flag_days_median\trelease_to_flag_days_max\n", f);
    for (size_t i = 0; i < s->n_rows; i++) {
        const rv_stats_row *r = &s->rows[i];
        const char *ind = r->indication ? r->indication : "all";
        fprintf(f, "%s\t%s\t%s%s", ptype_names[r->ptype], r->period, rv_report_formula_like(ind) ? "'" : "", ind);
        for (int c = 0; c < C_N; c++) fprintf(f, "\t%zu", col_value(r, c));
        for (size_t k = 0; k < nc && k < RV_STATS_N_CATEGORIES; k++) fprintf(f, "\t%zu", r->by_category[k]);
        int med, max;
        if (rv_stats_delay(r, &med, &max)) fprintf(f, "\t%d\t%d\n", med, max);
        else fputs("\t\t\n", f);
    }
    return done(f, err, "stats tsv");
}

#define RV_STATS_JSON_SCHEMA 1

int rv_stats_write_json(const rv_stats *s, FILE *f, rv_err *err)
{
    size_t nc;
    const rv_report_category *cats = rv_report_category_list(&nc);
    cJSON *root = cJSON_CreateObject();
    cJSON_AddNumberToObject(root, "schema_version", RV_STATS_JSON_SCHEMA);
    cJSON_AddStringToObject(root, "generated_at", s->generated_at);
    if (s->generator) cJSON_AddStringToObject(root, "generator", s->generator);
    cJSON *rows = cJSON_AddArrayToObject(root, "rows");
    for (size_t i = 0; i < s->n_rows; i++) {
        const rv_stats_row *r = &s->rows[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "period_type", ptype_names[r->ptype]);
        cJSON_AddStringToObject(o, "period", r->period);
        if (r->indication) cJSON_AddStringToObject(o, "indication", r->indication);
        else cJSON_AddNullToObject(o, "indication");
        for (int c = 0; c < C_N; c++) cJSON_AddNumberToObject(o, col_names[c], (double)col_value(r, c));
        cJSON *bc = cJSON_AddObjectToObject(o, "flags_by_category");
        for (size_t k = 0; k < nc && k < RV_STATS_N_CATEGORIES; k++)
            cJSON_AddNumberToObject(bc, cats[k].code, (double)r->by_category[k]);
        int med, max;
        if (rv_stats_delay(r, &med, &max)) {
            cJSON_AddNumberToObject(o, "release_to_flag_days_median", med);
            cJSON_AddNumberToObject(o, "release_to_flag_days_max", max);
        } else {
            cJSON_AddNullToObject(o, "release_to_flag_days_median");
            cJSON_AddNullToObject(o, "release_to_flag_days_max");
        }
        cJSON_AddItemToArray(rows, o);
    }
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    if (!text) return rv_err_set(err, RV_ENOMEM, "stats json: out of memory");
    fputs(text, f);
    fputc('\n', f);
    cJSON_free(text);
    return done(f, err, "stats json");
}

/* ---- HTML ---- */
static const char *const cat_colors[RV_STATS_N_CATEGORIES] = {
    "#b00000", "#d35400", "#f0b27a", "#e59866", "#7d3c98", "#2874a6", "#999999" };

#define CH_W 700
#define CH_H 230
#define CH_L 44
#define CH_B 34
#define CH_T 12

/* Axis top: a multiple of 4 so the five gridlines carry whole numbers. */
static size_t nice_max(size_t v)
{
    return v < 4 ? 4 : (v + 3) / 4 * 4;
}

static void axes(FILE *f, size_t ymax, const char *ylabel)
{
    int ph = CH_H - CH_B - CH_T;
    for (int t = 0; t <= 4; t++) {
        int y = CH_T + ph - ph * t / 4;
        fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>", CH_L, y, CH_W - 8, y);
        fprintf(f, "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">%zu</text>", CH_L - 4, y + 3,
                (size_t)((double)ymax * t / 4 + 0.5));
    }
    fprintf(f, "<text x=\"10\" y=\"%d\" font-size=\"10\" transform=\"rotate(-90 10 %d)\" text-anchor=\"middle\">%s</text>",
            CH_T + ph / 2, CH_T + ph / 2, ylabel);
}

/* The largest of one size_t member (at offset off) over the rows. */
static size_t top_of(const rv_stats_row **m, size_t n, size_t off)
{
    size_t top = 0;
    for (size_t i = 0; i < n; i++) {
        size_t v;
        memcpy(&v, (const char *)m[i] + off, sizeof v);
        if (v > top) top = v;
    }
    return top;
}

/* The <svg> element, title and axes of a monthly chart whose values reach top; returns the
 * y axis maximum and sets the width of one month's band and the plot height. */
static size_t chart_open(FILE *f, const char *id, const char *title, const char *ylabel, size_t top, size_t n,
                         double *band, int *ph)
{
    size_t ymax = nice_max(top);
    int pw = CH_W - CH_L - 8;
    *ph = CH_H - CH_B - CH_T;
    *band = n ? (double)pw / (double)n : pw;
    fprintf(f, "<svg class=\"chart\" id=\"%s\" role=\"img\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
               "xmlns=\"http://www.w3.org/2000/svg\"><title>%s</title>", id, CH_W, CH_H, CH_W, CH_H, title);
    axes(f, ymax, ylabel);
    return ymax;
}

/* Stacked bars of flags per month by category. */
static void chart_flags(FILE *f, const rv_stats_row **m, size_t n)
{
    double band;
    int ph;
    size_t ymax = chart_open(f, "chart-flags", "Flags per month by category", "flags",
                             top_of(m, n, offsetof(rv_stats_row, flags)), n, &band, &ph);
    for (size_t i = 0; i < n; i++) {
        double x = CH_L + band * (double)i + band * 0.15, w = band * 0.7, y = CH_T + ph;
        for (int k = 0; k < RV_STATS_N_CATEGORIES; k++) {
            double h = (double)ph * (double)m[i]->by_category[k] / (double)ymax;
            if (h <= 0) continue;
            y -= h;
            fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>", x, y, w, h, cat_colors[k]);
        }
        fprintf(f, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">", x + w / 2, CH_H - CH_B + 14);
        rv_html_escape(f, m[i]->period);
        fprintf(f, "</text><text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"middle\">%zu</text>",
                x + w / 2, y - 3, m[i]->flags);
    }
    fputs("</svg>\n", f);
}

/* Line of samples reanalysed per month, with patients whose management group changed. */
static void chart_samples(FILE *f, const rv_stats_row **m, size_t n)
{
    double band;
    int ph;
    size_t ymax = chart_open(f, "chart-samples", "Patients reanalysed per month", "patients",
                             top_of(m, n, offsetof(rv_stats_row, samples_run)), n, &band, &ph);
    static const struct { int col; const char *color; const char *dash; } lines[] = {
        { C_REANALYSED, "#1f4e79", "" }, { C_CHANGED, "#b00000", "5 3" } };
    for (size_t s = 0; s < 2; s++) {
        fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"%s\" points=\"",
                lines[s].color, lines[s].dash);
        for (size_t i = 0; i < n; i++)
            fprintf(f, "%.1f,%.1f ", CH_L + band * ((double)i + 0.5),
                    CH_T + ph - (double)ph * (double)col_value(m[i], lines[s].col) / (double)ymax);
        fputs("\"/>", f);
        for (size_t i = 0; i < n; i++)
            fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>", CH_L + band * ((double)i + 0.5),
                    CH_T + ph - (double)ph * (double)col_value(m[i], lines[s].col) / (double)ymax, lines[s].color);
    }
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">", CH_L + band * ((double)i + 0.5),
                CH_H - CH_B + 14);
        rv_html_escape(f, m[i]->period);
        fputs("</text>", f);
    }
    fputs("</svg>\n", f);
}

static void table(FILE *f, const rv_stats *s, rv_period_type t, int with_indications, const char *id)
{
    size_t nc;
    const rv_report_category *cats = rv_report_category_list(&nc);
    fprintf(f, "<table class=\"stats\" id=\"%s\"><thead><tr><th>%s</th><th>Indication</th>"
               "<th>Patients reanalysed</th><th>Patients with a changed management group</th>"
               "<th>Patients with a new P/LP</th><th>Flags</th>", id, t == RV_PERIOD_ALL ? "Period" : t == RV_PERIOD_YEAR ? "Year" : "Month");
    for (size_t k = 0; k < nc; k++) { fputs("<th>", f); rv_html_escape(f, cats[k].label); fputs("</th>", f); }
    fputs("<th>Acknowledged</th><th>Days from release to flag (median / max)</th></tr></thead><tbody>\n", f);
    for (size_t i = 0; i < s->n_rows; i++) {
        const rv_stats_row *r = &s->rows[i];
        if (r->ptype != t || (!with_indications && r->indication)) continue;
        fprintf(f, "<tr%s><td>%s</td><td>", r->indication ? "" : " class=\"total\"", *r->period ? r->period : "all time");
        rv_html_escape(f, r->indication ? r->indication : "all");
        fprintf(f, "</td><td>%zu <small>of %zu run</small></td><td>%zu</td><td>%zu</td><td>%zu</td>",
                r->samples_reanalysed, r->samples_run, r->patients_changed, r->patients_new_plp, r->flags);
        for (size_t k = 0; k < nc && k < RV_STATS_N_CATEGORIES; k++) fprintf(f, "<td>%zu</td>", r->by_category[k]);
        int med, max;
        fprintf(f, "<td>%zu</td>", r->acknowledged);
        if (rv_stats_delay(r, &med, &max)) fprintf(f, "<td>%d / %d</td></tr>\n", med, max);
        else fputs("<td>&#8212;</td></tr>\n", f);
    }
    fputs("</tbody></table>\n", f);
}

int rv_stats_write_html(const rv_stats *s, FILE *f, rv_err *err)
{
    size_t nc;
    const rv_report_category *cats = rv_report_category_list(&nc);
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
          "<title>Reanalysis outcomes</title>\n<style>\n"
          "body{font:10.5pt/1.35 'DejaVu Sans',Arial,sans-serif;color:#111;max-width:277mm;margin:0 auto;padding:8mm 4mm}\n"
          "h1{font-size:17pt;margin:0 0 2mm}h2{font-size:13pt;margin:6mm 0 2mm;border-bottom:2px solid #333}\n"
          "table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ccc;padding:1mm;font-size:8.5pt;text-align:right;vertical-align:bottom}\n"
          "th:nth-child(-n+2),td:nth-child(-n+2){text-align:left;white-space:nowrap}tr.total td{font-weight:bold}\n"
          ".legend span{display:inline-block;margin-right:4mm;font-size:9pt}.legend i{display:inline-block;width:3mm;height:3mm;margin-right:1mm}\n"
          ".chart{max-width:100%;height:auto}\n"
          "@page{size:A4 landscape;margin:10mm}@media print{body{max-width:none;padding:0}.chart,table{break-inside:avoid}}\n"
          "</style>\n</head>\n<body>\n<h1>Reanalysis outcomes</h1>\n<p>Statistics written ", f);
    rv_html_escape(f, s->generated_at);
    if (s->generator) { fputs(" by revus ", f); rv_html_escape(f, s->generator); }
    fputs(". Counts come from the lab's revus database; a flag is a suggestion for review, "
          "not a confirmed reclassification.</p>\n", f);

    const rv_stats_row *months[600];
    size_t n = 0;
    for (size_t i = 0; i < s->n_rows && n < 600; i++)
        if (s->rows[i].ptype == RV_PERIOD_MONTH && !s->rows[i].indication) months[n++] = &s->rows[i];

    fputs("<h2>Per year and indication</h2>\n", f);
    table(f, s, RV_PERIOD_YEAR, 1, "per-year");
    fputs("<h2>Flags per month</h2>\n<p class=\"legend\">", f);
    for (size_t k = 0; k < nc && k < RV_STATS_N_CATEGORIES; k++) {
        fprintf(f, "<span><i style=\"background:%s\"></i>", cat_colors[k]);
        rv_html_escape(f, cats[k].label);
        fputs("</span>", f);
    }
    fputs("</p>\n", f);
    if (n) chart_flags(f, months, n); else fputs("<p>No runs yet.</p>\n", f);
    fputs("<h2>Patients per month</h2>\n<p class=\"legend\"><span><i style=\"background:#1f4e79\"></i>patients "
          "reanalysed</span><span><i style=\"background:#b00000\"></i>patients whose variant now has another "
          "management group than the lab reported</span></p>\n", f);
    if (n) chart_samples(f, months, n);
    fputs("<h2>All time</h2>\n", f);
    table(f, s, RV_PERIOD_ALL, 1, "all-time");
    fputs("<h2>Per month (all indications)</h2>\n", f);
    table(f, s, RV_PERIOD_MONTH, 0, "per-month");
    fputs("<p><small>Patients reanalysed: patients with a completed run that had an earlier completed run. "
          "Changed management group: the new class is in another of the groups P/LP, VUS, LB/B than the class "
          "the lab reported. Days from release to flag: for sources versioned by date (ClinVar), the days "
          "between the release and the flag. Column meanings: docs/reports.md.</small></p>\n</body>\n</html>\n", f);
    return done(f, err, "stats html");
}
