/* report/links.c: links from a report line to the evidence behind it.
 *
 * Each link is a template filled with ids the run stored; a link whose ids are unknown is
 * left out, never guessed. The addresses are the public pages of each resource:
 *   ClinVar   the variation record, by Variation ID (the ID column of ClinVar's VCF)
 *   ClinGen   the curation's online report as the gene-validity source gives it, else the
 *             gene's ClinGen page by HGNC id
 *   PanelApp  the gene's page on the panel, on the PanelApp site the panel release was
 *             downloaded from (an imported file names no site: no link) */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "report/model.h"

static const char clinvar_variation[] = "https://www.ncbi.nlm.nih.gov/clinvar/variation/%lld/";
static const char clingen_gene[] = "https://search.clinicalgenome.org/kb/genes/%s";
static const char panelapp_gene[] = "%s/panels/%s/gene/%s/";

/* Only plain http(s) addresses without spaces, quotes or angle brackets become links. */
static int safe_url(const char *u)
{
    if (!u || (strncmp(u, "https://", 8) != 0 && strncmp(u, "http://", 7) != 0)) return 0;
    for (const char *p = u; *p; p++)
        if ((unsigned char)*p <= ' ' || strchr("\"'<>\\`", *p)) return 0;
    return 1;
}

/* An id made only of letters, digits and "-._:" (HGNC:1884, 285, BRCA1, C4orf3). */
static int plain_id(const char *s)
{
    if (!s || !*s) return 0;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && !strchr("-._:", *s)) return 0;
    return 1;
}

static const rv_report_source *find_source(const rv_report *r, const char *name, const char *version)
{
    for (size_t i = 0; name && i < r->n_sources; i++)
        if (!strcmp(r->sources[i].name, name) && (!version || !strcmp(r->sources[i].version, version)))
            return &r->sources[i];
    return NULL;
}

int rv_report_line_links(rv_report *r, rv_report_line *l)
{
    char buf[1024];
    l->clinvar_url = l->clingen_url = l->panelapp_url = NULL;
    if (l->clinvar_id > 0) {
        snprintf(buf, sizeof buf, clinvar_variation, (long long)l->clinvar_id);
        if (!(l->clinvar_url = rv_report_str(r, buf))) return -1;
    }
    int gene_page = (l->condition || l->mondo) && plain_id(l->hgnc_id) && !strncmp(l->hgnc_id, "HGNC:", 5);
    /* several conditions: the gene's page lists every curation, one report only one */
    if (safe_url(l->validity_url) && !(gene_page && l->condition && strchr(l->condition, ';')))
        l->clingen_url = l->validity_url;
    else if (gene_page) {
        snprintf(buf, sizeof buf, clingen_gene, l->hgnc_id);
        if (!(l->clingen_url = rv_report_str(r, buf))) return -1;
    }
    const rv_report_side *s = l->now.panel ? &l->now : &l->before;
    const rv_report_source *src = find_source(r, s->panel, s->panel_version);
    if (!src) src = find_source(r, s->panel, NULL);
    if (src && safe_url(src->web) && plain_id(l->panel_id) && plain_id(l->gene)) {
        snprintf(buf, sizeof buf, panelapp_gene, src->web, l->panel_id, l->gene);
        if (!(l->panelapp_url = rv_report_str(r, buf))) return -1;
    }
    return 0;
}
