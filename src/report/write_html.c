/* report/write_html.c: the clinician's reclassification list as one self-contained HTML page.
 *
 * No script, no external request: CSS and SVG are inline, so the file can be mailed,
 * archived and printed as it is. Every string from the model goes through rv_html_escape(). On
 * paper (A4) the first page holds the header and summary and each patient starts a new
 * page, ending with a sign-off box for the reviewing clinical scientist. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "report/write.h"
#include "report/html_internal.h"
#include "report/inherit.h"

static const char css[] =
"*{box-sizing:border-box}\n"
"body{font:10.5pt/1.35 'DejaVu Sans',Arial,Helvetica,sans-serif;color:#111;margin:0 auto;max-width:190mm;padding:8mm 0}\n"
"h1{font-size:17pt;margin:0 0 2mm}h2{font-size:13.5pt;margin:6mm 0 2mm;border-bottom:2px solid #333}\n"
"h3{font-size:12pt;margin:0 0 2mm}\n"
".notice{border:2px solid #b00;background:#fff3f3;padding:2mm 3mm;margin:2mm 0 4mm;font-weight:bold}\n"
"table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:1mm 1.5mm}\n"
".meta th{width:38mm;color:#444;font-weight:normal}.meta td{font-weight:bold}\n"
".sources th,.sources td,.summary th,.summary td{border-bottom:1px solid #ccc;font-size:9pt}\n"
".nw{white-space:nowrap}\n"
".sha{font-family:'DejaVu Sans Mono',monospace;font-size:7.5pt;word-break:break-all}\n"
".patient{margin-top:5mm}\n"
".phead{background:#eee;padding:1.5mm 3mm;border-left:5px solid #333;margin-bottom:2mm}\n"
".line{border:1px solid #999;border-left-width:6px;margin:0 0 4mm;padding:2mm 3mm;break-inside:avoid}\n"
".r1{border-left-color:#b00}.r2{border-left-color:#d35400}.r3{border-left-color:#d35400}.r4{border-left-color:#d35400}\n"
".r5{border-left-color:#7d3c98}.r6{border-left-color:#2874a6}.r7{border-left-color:#888}\n"
".cat{display:inline-block;font-weight:bold;padding:0.3mm 2mm;border-radius:1mm;color:#fff;background:#555}\n"
".r1 .cat{background:#b00}.r2 .cat,.r3 .cat,.r4 .cat{background:#d35400}.r5 .cat{background:#7d3c98}.r6 .cat{background:#2874a6}\n"
".urg{font-size:9pt;color:#333;margin-left:2mm}\n"
".gene{font-size:12pt;font-weight:bold;margin:1mm 0 0}.hgvs{font-family:'DejaVu Sans Mono',monospace}\n"
".change{display:flex;align-items:center;gap:4mm;margin:1.5mm 0}\n"
".basis{font-size:9pt;font-style:italic}\n"
".cls{font-size:12pt;font-weight:bold;white-space:nowrap}.sig{color:#b00;font-weight:bold}\n"
".ev th{width:34mm;color:#444;font-weight:normal}.ev td,.ev th{border-bottom:1px solid #ddd;font-size:9.5pt}\n"
".ev thead th{font-weight:bold;color:#111;border-bottom:1px solid #666}\n"
".crit{display:inline-block;font-family:'DejaVu Sans Mono',monospace;font-size:8.5pt;margin:0 1mm 0.5mm 0;padding:0 1mm;border:1px solid #bbb}\n"
".crit.changed{border:1.5px solid #111;font-weight:bold;background:#ffe9a8}\n"
".facts{display:grid;grid-template-columns:40mm 1fr;font-size:9.5pt;margin:1.5mm 0 0}\n"
".facts div:nth-child(odd){color:#444}\n"
".ack{font-size:9.5pt;margin-top:1mm}.ack.no{color:#b00;font-weight:bold}\n"
".signoff{border:1px dashed #333;padding:2mm 3mm;margin:0 0 4mm;font-size:9.5pt;break-inside:avoid}\n"
".signoff span{display:inline-block;min-width:55mm;border-bottom:1px solid #333;height:5mm;vertical-align:bottom}\n"
".legend td{font-size:9pt;border-bottom:1px solid #ddd}.empty{font-style:italic}\n"
"footer{font-size:8pt;color:#555;margin-top:6mm}\n"
"@page{size:A4;margin:12mm 10mm}\n"
"@media print{body{max-width:none;padding:0;font-size:9.5pt}h2{margin-top:4mm}"
".indication{break-before:page}.patient{break-before:page;margin-top:0}.indication>h2+.patient{break-before:auto}"
".line,.signoff{break-inside:avoid}a{color:inherit;text-decoration:none}}\n";

/* ISO 8601 UTC time "2026-11-20T08:01:00Z" as "2026-11-20 08:01 UTC"; a plain date or any
 * other text is written as it is. */
static void when(FILE *f, const char *s)
{
    char buf[32];
    if (s && strlen(s) >= 16 && s[10] == 'T' && s[13] == ':') {
        snprintf(buf, sizeof buf, "%.10s %.5s UTC", s, s + 11);
        rv_html_escape(f, buf);
    } else rv_html_escape(f, s);
}

/* Date part only, for column headings. */
static void day(FILE *f, const char *s)
{
    char buf[16];
    if (s && strlen(s) > 10 && s[10] == 'T') { snprintf(buf, sizeof buf, "%.10s", s); rv_html_escape(f, buf); }
    else rv_html_escape(f, s);
}

/* Database spellings such as "Likely_pathogenic" read as words. */
static void esc_words(FILE *f, const char *s)
{
    for (; s && *s; s++) {
        if (*s == '_') fputc(' ', f);
        else { char one[2] = { *s, 0 }; rv_html_escape(f, one); }
    }
}

static void esc_or(FILE *f, const char *s, const char *dflt)
{
    if (s && *s) rv_html_escape(f, s); else fputs(dflt, f);
}

/* Class scale B LB VUS LP P with the old class outlined (dashed) and the new one filled,
 * joined by an arrow: the direction of the change at a glance, also in black and white. */
static void class_scale_svg(FILE *f, const char *from, const char *to)
{
    static const char *names[] = { "B", "LB", "VUS", "LP", "P" };
    static const char *fills[] = { "#1e8449", "#82c785", "#f4d03f", "#e67e22", "#c0392b" };
    int a = rv_class_scale(from), b = rv_class_scale(to);
    fputs("<svg class=\"scale\" role=\"img\" width=\"232\" height=\"40\" viewBox=\"0 0 232 40\" "
          "xmlns=\"http://www.w3.org/2000/svg\"><title>", f);
    esc_or(f, from, "none"); fputs(" to ", f); esc_or(f, to, "none");
    fputs("</title>", f);
    for (int i = 0; i < 5; i++) {
        int x = 6 + i * 44;
        fprintf(f, "<rect x=\"%d\" y=\"16\" width=\"40\" height=\"20\" fill=\"%s\" fill-opacity=\"%s\" "
                "stroke=\"%s\" stroke-width=\"%s\"%s/>",
                x, fills[i], i == b ? "1" : "0.25",
                i == b || i == a ? "#000" : "#999", i == b || i == a ? "2.5" : "0.5",
                i == a && i != b ? " stroke-dasharray=\"4 2\"" : "");
        fprintf(f, "<text x=\"%d\" y=\"30\" font-size=\"10\" text-anchor=\"middle\" font-weight=\"%s\">%s</text>",
                x + 20, i == b ? "bold" : "normal", names[i]);
    }
    if (a >= 0 && b >= 0 && a != b) {
        int x1 = 26 + a * 44, x2 = 26 + b * 44, dir = x2 > x1 ? -1 : 1;
        fprintf(f, "<path d=\"M%d 12 Q%d 0 %d 12\" fill=\"none\" stroke=\"#000\" stroke-width=\"1.5\"/>",
                x1, (x1 + x2) / 2, x2);
        fprintf(f, "<path d=\"M%d 12 l%d -5 l0 6 z\" fill=\"#000\"/>", x2, dir * 6);
    }
    fputs("</svg>", f);
}

/* Review stars; without a record "not in ClinVar" only when a ClinVar release covering the
 * variant was consulted (its version is known), else "no ClinVar data". */
static void stars(FILE *f, int n, const char *release)
{
    if (n < 0) { fputs(release ? "not in ClinVar" : "no ClinVar data", f); return; }
    for (int i = 0; i < 4; i++) fputs(i < n ? "&#9733;" : "&#9734;", f);
    fprintf(f, " (%d of 4)", n);
}

typedef struct { FILE *f; } crit_ctx;

static void crit_cb(const char *code, size_t n, int changed, void *ud)
{
    FILE *f = ((crit_ctx *)ud)->f;
    char buf[128];
    snprintf(buf, sizeof buf, "%.*s", (int)(n < 127 ? n : 127), code);
    fprintf(f, "<span class=\"crit%s\"%s>", changed ? " changed" : "",
            changed ? " title=\"changed\"" : "");
    rv_html_escape(f, buf);
    fputs("</span>", f);
}

static void criteria_cell(FILE *f, const char *list, const char *other, int has_side)
{
    fputs("<td>", f);
    if (!has_side) fputs("&#8212;", f);
    else if (!list || !*list) fputs("none met", f);
    else { crit_ctx c = { f }; rv_criteria_each(list, other, crit_cb, &c); }
    fputs("</td>", f);
}

static void class_text(FILE *f, const rv_report_side *s)
{
    if (!s->run_id && !s->klass) { fputs("&#8212;", f); return; }
    esc_or(f, s->klass, "?");
    if (s->has_points) fprintf(f, " (%+d points)", s->points);
    if (s->vus_tier && *s->vus_tier) { fputs(", VUS tier ", f); rv_html_escape(f, s->vus_tier); }
}

/* One row of the evidence table: label, before, now. */
enum { ROW_CLASS, ROW_EFFECTIVE, ROW_CLINVAR, ROW_FREQ, ROW_PANEL };

static void side_cell(FILE *f, int row, const rv_report_side *s)
{
    int present = s->run_id != 0 || s->klass != NULL;
    char af[64];
    fputs("<td>", f);
    if (!present) { fputs("&#8212;</td>", f); return; }
    switch (row) {
    case ROW_CLASS: class_text(f, s); break;
    case ROW_EFFECTIVE:
        esc_or(f, s->effective_class, "&#8212;");
        if (s->deciding_rule) { fputs(" <small>(", f); rv_html_escape(f, s->deciding_rule); fputs(")</small>", f); }
        break;
    case ROW_CLINVAR:
        stars(f, s->clinvar_stars, s->clinvar_version);
        if (s->clinvar_class) { fputs(", ", f); esc_words(f, s->clinvar_class); }
        if (s->clinvar_version) { fputs("<br><small>release ", f); rv_html_escape(f, s->clinvar_version); fputs("</small>", f); }
        break;
    case ROW_FREQ:
        rv_report_fmt_af(af, sizeof af, s->has_af, s->af, s->af_source);
        fputs(af, f);
        if (s->af_source || s->af_version) {
            fputs("<br><small>", f); rv_html_escape(f, s->af_source); fputs(" ", f); rv_html_escape(f, s->af_version); fputs("</small>", f);
        }
        break;
    case ROW_PANEL:
        if (!s->panel) { fputs("not on a panel", f); break; }
        rv_html_escape(f, s->panel);
        if (s->panel_version) { fputs(" v", f); rv_html_escape(f, s->panel_version); }
        if (s->panel_confidence) { fputs(", ", f); rv_html_escape(f, s->panel_confidence); }
        break;
    }
    fputs("</td>", f);
}

static void side_head(FILE *f, const char *label, const rv_report_side *s)
{
    fprintf(f, "<th>%s", label);
    if (s->run_id) fprintf(f, " <small>(run %lld", (long long)s->run_id);
    if (s->run_id && s->run_date) { fputs(", ", f); day(f, s->run_date); }
    if (s->run_id) fputs(")</small>", f);
    fputs("</th>", f);
}

static void fact(FILE *f, const char *label, const char *value)
{
    if (!value || !*value) return;
    fprintf(f, "<div>%s</div><div>", label);
    rv_html_escape(f, value);
    fputs("</div>", f);
}

static void write_line(FILE *f, const rv_report_line *l)
{
    const rv_report_category *c = rv_report_category_find(l->category);
    fprintf(f, "<article class=\"line r%d\" id=\"flag-%lld\" data-category=\"", c ? c->rank : 9,
            (long long)l->flag_id);
    rv_html_escape(f, l->category);
    fputs("\">\n<div><span class=\"cat\">", f);
    if (c) rv_html_escape(f, c->label); else esc_or(f, l->category, "flag");
    fputs("</span><span class=\"urg\">", f);
    if (c) { fputs("urgency: ", f); rv_html_escape(f, c->urgency); }
    fprintf(f, " &#183; flag #%lld", (long long)l->flag_id);
    fputs("</span></div>\n<p class=\"gene\">", f);
    esc_or(f, l->gene, "gene not known");
    if (l->hgvsc || l->hgvsp) {
        fputs(" <span class=\"hgvs\">", f);
        if (l->transcript) { rv_html_escape(f, l->transcript); fputs(":", f); }
        rv_html_escape(f, l->hgvsc);
        if (l->hgvsp) { fputs(" ", f); rv_html_escape(f, l->hgvsp); }
        fputs("</span>", f);
    }
    /* the headline compares what the flag compares: the previous run or the lab's report */
    const char *from = l->old_class ? l->old_class : l->before.klass;
    const char *to = l->new_class ? l->new_class : l->now.klass;
    fputs("</p>\n<div class=\"change\"><span class=\"cls\">", f);
    esc_or(f, from, "new");
    fputs(" &#8594; ", f);
    esc_or(f, to, "none");
    fputs("</span>", f);
    class_scale_svg(f, from, to);
    if (l->basis && strcmp(l->basis, "reported") == 0)
        fputs("<span class=\"basis\">against the class the lab reported</span>", f);
    if (rv_report_line_significant(l)) {
        /* say against what: the lab's issued class is what the clinician has on file */
        if (l->reported_class) {
            fputs("<span class=\"sig\">lab reported ", f); rv_html_escape(f, l->reported_class);
            fputs(": management category differs</span>", f);
        } else fputs("<span class=\"sig\">changes clinical management category</span>", f);
    }
    fputs("</div>\n", f);

    /* evidence side by side */
    static const struct { int row; const char *label; } rows[] = {
        { ROW_CLASS, "Class (points)" }, { ROW_EFFECTIVE, "Effective class" },
        { ROW_CLINVAR, "ClinVar" }, { ROW_FREQ, "Population frequency" }, { ROW_PANEL, "Panel" },
    };
    fputs("<table class=\"ev\"><thead><tr><th>Evidence</th>", f);
    side_head(f, "Before", &l->before);
    side_head(f, "Now", &l->now);
    fputs("</tr></thead><tbody>\n", f);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        fprintf(f, "<tr class=\"row-%d\"><th>%s</th>", rows[i].row, rows[i].label);
        side_cell(f, rows[i].row, &l->before);
        side_cell(f, rows[i].row, &l->now);
        fputs("</tr>\n", f);
        if (rows[i].row == ROW_CLASS) {
            fputs("<tr><th>Criteria <small>(changed in bold)</small></th>", f);
            int hb = l->before.run_id || l->before.klass, hn = l->now.run_id || l->now.klass;
            criteria_cell(f, l->before.criteria, hn ? l->now.criteria : NULL, hb);
            criteria_cell(f, l->now.criteria, hb ? l->before.criteria : NULL, hn);
            fputs("</tr>\n", f);
        }
    }
    fputs("</tbody></table>\n<div class=\"facts\">", f);
    char buf[512];
    if (l->variant) {
        snprintf(buf, sizeof buf, "%s%s%s%s", l->variant, l->build ? " (" : "",
                 l->build ? l->build : "", l->build ? ")" : "");
        fact(f, "Variant (build)", buf);
    }
    fact(f, "Zygosity", l->zygosity);
    fact(f, "Consequence", l->consequence);
    fact(f, "Condition", l->condition);
    fact(f, "Inheritance", l->moi);
    char words[1024];
    if (l->inheritance && rv_inheritance_words(l->inheritance, words, sizeof words) == 0) fact(f, "Genotype fit", words);
    else fact(f, "Genotype fit", l->fit);
    if (l->reported_class) {
        snprintf(buf, sizeof buf, "%s%s%s%s%s", l->reported_class,
                 l->reported_date ? " on " : "", l->reported_date ? l->reported_date : "",
                 l->reported_by ? " by " : "", l->reported_by ? l->reported_by : "");
        fact(f, "Reported by the lab", buf);
    } else fact(f, "Reported by the lab", "not reported");
    if (l->trigger_source) {
        snprintf(buf, sizeof buf, "%s %s \xe2\x86\x92 %s%s%s", l->trigger_source,
                 l->trigger_old_version ? l->trigger_old_version : "(none)",
                 l->trigger_new_version ? l->trigger_new_version : "(none)",
                 l->trigger_field ? ", " : "", l->trigger_field ? l->trigger_field : "");
        fact(f, "What changed", buf);
    }
    if (l->trigger_old_value || l->trigger_new_value) {
        snprintf(buf, sizeof buf, "%s \xe2\x86\x92 %s", l->trigger_old_value ? l->trigger_old_value : "(none)",
                 l->trigger_new_value ? l->trigger_new_value : "(none)");
        fact(f, "Value", buf);
    }
    fact(f, "Detail", l->detail);
    if (l->flag_created) { fputs("<div>Flag raised</div><div>", f); when(f, l->flag_created); fputs("</div>", f); }
    if (c) fact(f, "Usual action", c->action);
    fputs("</div>\n", f);
    if (l->acked) {
        fputs("<p class=\"ack yes\">Acknowledged by ", f);
        esc_or(f, l->ack_by, "?");
        if (l->ack_at) { fputs(" on ", f); when(f, l->ack_at); }
        if (l->ack_note) { fputs(": ", f); rv_html_escape(f, l->ack_note); }
        fputs("</p>\n", f);
    } else fputs("<p class=\"ack no\">Not yet acknowledged</p>\n", f);
    fputs("</article>\n", f);
}

/* Same patient (indication and sample) as the line before? */
static int same_patient(const rv_report_line *a, const rv_report_line *b)
{
    return a && b && !strcmp(a->sample ? a->sample : "", b->sample ? b->sample : "") &&
           !strcmp(a->indication ? a->indication : "", b->indication ? b->indication : "");
}

/* Anchor id of a patient section: "p-" + indication + "-" + sample, with anything but
 * [A-Za-z0-9_-] written as '_'. */
static void patient_anchor(FILE *f, const rv_report_line *l)
{
    fputs("p-", f);
    const char *parts[2] = { l->indication ? l->indication : "", l->sample ? l->sample : "" };
    for (int k = 0; k < 2; k++) {
        if (k) fputc('-', f);
        for (const char *c = parts[k]; *c; c++)
            fputc((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
                  *c == '_' || *c == '-' ? *c : '_', f);
    }
}

/* One row per patient, in reading order: where to start, and how much is open. */
static void patient_index(FILE *f, const rv_report *r)
{
    if (!r->n_lines) return;
    fputs("<h2>Patients in this list</h2>\n<table class=\"summary pindex\"><thead><tr><th>Indication</th>"
          "<th>Patient</th><th>Most urgent line</th><th>Lines</th><th>Not yet acknowledged</th>"
          "</tr></thead><tbody>\n", f);
    for (size_t i = 0; i < r->n_lines; ) {
        const rv_report_line *l = &r->lines[i];
        size_t j = i, open = 0;
        while (j < r->n_lines && same_patient(l, &r->lines[j])) open += !r->lines[j++].acked;
        const rv_report_category *c = rv_report_category_find(l->category);
        fputs("<tr><td>", f); esc_or(f, l->indication, "&#8212;");
        fputs("</td><td><a href=\"#", f); patient_anchor(f, l); fputs("\">", f); esc_or(f, l->sample, "?");
        fputs("</a></td><td>", f);
        if (c) rv_html_escape(f, c->label); else rv_html_escape(f, l->category);
        fprintf(f, "</td><td>%zu</td><td>%zu</td></tr>\n", j - i, open);
        i = j;
    }
    fputs("</tbody></table>\n", f);
}

static void write_header(FILE *f, const rv_report *r)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n"
          "<title>Variant reclassification list", f);
    if (r->run_date) { fputs(" \xe2\x80\x93 ", f); day(f, r->run_date); }
    fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<header>\n"
               "<h1>Variant reclassification list</h1>\n"
               "<p class=\"notice\">Automated output: every line requires review by a clinical "
               "scientist before any report is amended or any patient is contacted.</p>\n", css);
    fputs("<table class=\"meta\">\n", f);
    fputs("<tr><th>Runs</th><td>", f);
    for (size_t i = 0; i < r->n_runs; i++) fprintf(f, "%s%lld", i ? ", " : "", (long long)r->run_ids[i]);
    if (!r->n_runs) fputs("none", f);
    fputs("</td></tr>\n<tr><th>Run date</th><td>", f); if (r->run_date) when(f, r->run_date); else fputs("&#8212;", f);
    fputs("</td></tr>\n<tr><th>revus version</th><td>", f); esc_or(f, r->revus_version, "&#8212;");
    if (r->generator && (!r->revus_version || strcmp(r->generator, r->revus_version))) {
        fputs(" (report written by ", f); rv_html_escape(f, r->generator); fputs(")", f);
    }
    fputs("</td></tr>\n<tr><th>Pipeline config</th><td class=\"sha\">", f); esc_or(f, r->config_hash, "&#8212;");
    fputs("</td></tr>\n<tr><th>Selection</th><td>", f); esc_or(f, r->selection, "all flags");
    fputs("</td></tr>\n<tr><th>Report written</th><td>", f); if (r->generated_at) when(f, r->generated_at); else fputs("&#8212;", f);
    fputs("</td></tr>\n<tr><th>Patient ids</th><td>", f);
    fputs(r->pseudonymised ? "pseudonymised (stable codes; the lab holds the key)" : "as registered in the lab", f);
    fputs("</td></tr>\n</table>\n", f);

    fputs("<h2>Knowledge sources used</h2>\n<table class=\"sources\"><thead><tr><th>Source</th><th>Role</th>"
          "<th>Version</th><th>Released</th><th>SHA-256 checksum</th></tr></thead><tbody>\n", f);
    for (size_t i = 0; i < r->n_sources; i++) {
        const rv_report_source *s = &r->sources[i];
        fputs("<tr><td>", f); rv_html_escape(f, s->name); fputs("</td><td>", f); rv_html_escape(f, s->role);
        fputs("</td><td class=\"nw\">", f); rv_html_escape(f, s->version); fputs("</td><td class=\"nw\">", f); rv_html_escape(f, s->release_date);
        fputs("</td><td class=\"sha\">", f); rv_html_escape(f, s->sha256); fputs("</td></tr>\n", f);
    }
    if (!r->n_sources) fputs("<tr><td colspan=\"5\" class=\"empty\">no source recorded</td></tr>\n", f);
    fputs("</tbody></table>\n", f);

    if (r->n_skipped) {
        fputs("<h2>Patients not reanalysed</h2>\n<p class=\"notice\">These patients could not be "
              "reanalysed in the run(s) of this list; they have no line below.</p>\n"
              "<table class=\"skipped summary\"><thead><tr><th>Run</th><th>Patient</th><th>Indication</th>"
              "<th>Reason</th></tr></thead><tbody>\n", f);
        for (size_t i = 0; i < r->n_skipped; i++) {
            const rv_report_skipped *k = &r->skipped[i];
            fprintf(f, "<tr><td>%lld</td><td>", (long long)k->run);
            rv_html_escape(f, k->sample); fputs("</td><td>", f); rv_html_escape(f, k->indication);
            fputs("</td><td>", f); rv_html_escape(f, k->reason); fputs("</td></tr>\n", f);
        }
        fputs("</tbody></table>\n", f);
    }

    /* summary: how many lines of each category, most urgent first */
    size_t ncat;
    const rv_report_category *cats = rv_report_category_list(&ncat);
    fputs("<h2>Summary</h2>\n<table class=\"summary\"><thead><tr><th>Category</th><th>Urgency</th>"
          "<th>Lines</th><th>Not yet acknowledged</th></tr></thead><tbody>\n", f);
    for (size_t k = 0; k < ncat; k++) {
        size_t n = 0, open = 0;
        for (size_t i = 0; i < r->n_lines; i++)
            if (r->lines[i].category && strcmp(r->lines[i].category, cats[k].code) == 0) {
                n++; open += !r->lines[i].acked;
            }
        fprintf(f, "<tr class=\"sum-%s\"><td>%s</td><td>%s</td><td>%zu</td><td>%zu</td></tr>\n",
                cats[k].code, cats[k].label, cats[k].urgency, n, open);
    }
    fputs("</tbody></table>\n", f);
    patient_index(f, r);
    fputs("<h2>How to read a line</h2>\n<table class=\"legend\"><tbody>\n", f);
    for (size_t k = 0; k < ncat; k++)
        fprintf(f, "<tr><td><b>%s</b> (%s)</td><td>%s</td></tr>\n", cats[k].label, cats[k].urgency,
                cats[k].meaning);
    fputs("<tr><td><b>Class scale</b></td><td>B benign, LB likely benign, VUS uncertain significance, "
          "LP likely pathogenic, P pathogenic. The dashed box is the class before, the filled box the "
          "class now. Criteria in bold are the ones that changed.</td></tr>\n", f);
    fputs("</tbody></table>\n</header>\n", f);
}

static void signoff(FILE *f)
{
    fputs("<div class=\"signoff\">Reviewed by <span></span> Date <span style=\"min-width:30mm\"></span><br>"
          "Decision: &#9744; amended report &#9744; recontact &#9744; cascade testing "
          "&#9744; no action</div>\n", f);
}

int rv_report_write_html(const rv_report *r, FILE *f, rv_err *err)
{
    write_header(f, r);
    fputs("<main>\n", f);
    if (!r->n_lines) fputs("<p class=\"empty\">No flags match this selection.</p>\n", f);
    const rv_report_line *prev = NULL;
    for (size_t i = 0; i < r->n_lines; i++) {
        const rv_report_line *l = &r->lines[i];
        const char *ind = l->indication ? l->indication : "";
        int new_ind = !prev || strcmp(ind, prev->indication ? prev->indication : "") != 0;
        int new_pat = new_ind || strcmp(l->sample ? l->sample : "", prev->sample ? prev->sample : "") != 0;
        if (new_pat && prev) { signoff(f); fputs("</section>\n", f); }
        if (new_ind && prev) fputs("</section>\n", f);
        if (new_ind) {
            fputs("<section class=\"indication\" data-indication=\"", f); rv_html_escape(f, ind);
            fputs("\">\n<h2>Indication ", f);
            esc_or(f, l->indication, "not recorded");
            if (l->indication_name) { fputs(" \xe2\x80\x93 ", f); rv_html_escape(f, l->indication_name); }
            fputs("</h2>\n", f);
        }
        if (new_pat) {
            fputs("<section class=\"patient\" id=\"", f); patient_anchor(f, l);
            fputs("\" data-sample=\"", f); rv_html_escape(f, l->sample);
            fputs("\">\n<div class=\"phead\"><h3>Patient ", f); esc_or(f, l->sample, "?");
            fputs("</h3>Indication ", f); esc_or(f, l->indication, "not recorded");
            if (l->indication_name) { fputs(" \xe2\x80\x93 ", f); rv_html_escape(f, l->indication_name); }
            if (l->sex) { fputs(" &#183; sex ", f); rv_html_escape(f, l->sex); }
            if (l->family) { fputs(" &#183; family ", f); rv_html_escape(f, l->family); }
            size_t n = 0;
            for (size_t j = i; j < r->n_lines; j++) {
                const rv_report_line *m = &r->lines[j];
                if (strcmp(m->sample ? m->sample : "", l->sample ? l->sample : "") ||
                    strcmp(m->indication ? m->indication : "", ind)) break;
                n++;
            }
            fprintf(f, " &#183; %zu line%s, most urgent first</div>\n", n, n == 1 ? "" : "s");
        }
        write_line(f, l);
        prev = l;
    }
    if (prev) { signoff(f); fputs("</section>\n</section>\n", f); }
    fputs("</main>\n<footer>revus reclassification list. Classes follow ACMG/AMP 2015 with the "
          "ClinGen points system; the list says what changed in the evidence, not what to do. "
          "Column meanings: docs/reports.md.</footer>\n</body>\n</html>\n", f);
    if (fflush(f) != 0 || ferror(f)) return rv_err_set(err, RV_EIO, "html report: write failed");
    return 0;
}

void rv_report_fmt_af(char *buf, size_t n, int has_af, double af, const char *source)
{
    if ((!has_af || isnan(af)) && !source) snprintf(buf, n, "no data");
    else if (!has_af || isnan(af)) snprintf(buf, n, "absent");
    else if (af == 0) snprintf(buf, n, "0");
    else snprintf(buf, n, "%.3g", af);
}
