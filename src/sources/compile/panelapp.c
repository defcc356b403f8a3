/* sources/compile/panelapp.c: a PanelApp panel (GET /panels/{id}/ of Genomics England or
 * Australia), or a page of gene entities ({"results": [...]}, each with its "panel"),
 * into a gene-keyed table. A field's "from" is a dotted path inside one gene entry
 * ("confidence_level", "gene_data.hgnc_id") or, with the prefix "panel.", inside the
 * panel ("panel.version"); unmapped role fields take the PanelApp defaults below. */
#include <stdlib.h>
#include <string.h>
#include <cJSON.h>
#include "sources/compile/compile_internal.h"
#include "base/textfile.h"
#include "base/numtext.h"

static const struct { const char *field, *path; } defaults[] = {
    { "symbol",                "gene_data.gene_symbol" },
    { "hgnc_id",               "gene_data.hgnc_id" },
    { "confidence",            "confidence_level" },
    { "moi",                   "mode_of_inheritance" },
    { "mode_of_pathogenicity", "mode_of_pathogenicity" },
    { "panel_id",              "panel.id" },
    { "panel_name",            "panel.name" },
    { "panel_version",         "panel.version" },
};

static const cJSON *json_path(const cJSON *gene, const cJSON *panel, const char *path)
{
    const cJSON *o = gene;
    if (strncmp(path, "panel.", 6) == 0) {
        o = panel ? panel : cJSON_GetObjectItemCaseSensitive(gene, "panel");
        path += 6;
    }
    char key[128];
    while (o && *path) {
        const char *dot = strchr(path, '.');
        size_t n = dot ? (size_t)(dot - path) : strlen(path);
        if (n >= sizeof key) return NULL;
        memcpy(key, path, n); key[n] = 0;
        o = cJSON_GetObjectItemCaseSensitive(o, key);
        path += n + (dot ? 1 : 0);
    }
    return o;
}

/* A JSON value as text: strings as they are, numbers printed, arrays of strings joined with '|'. */
static const char *json_text(const cJSON *v, char *buf, size_t n)
{
    if (!v || cJSON_IsNull(v)) return NULL;
    if (cJSON_IsString(v)) return v->valuestring;
    if (cJSON_IsNumber(v)) {
        int64_t whole;
        if (rv_whole_number(v->valuedouble, -9.0e18, 9.0e18, &whole)) snprintf(buf, n, "%lld", (long long)whole);
        else snprintf(buf, n, "%.10g", v->valuedouble);
        return buf;
    }
    if (cJSON_IsBool(v)) return cJSON_IsTrue(v) ? "true" : "false";
    if (cJSON_IsArray(v)) {
        size_t k = 0;
        buf[0] = 0;
        const cJSON *e;
        cJSON_ArrayForEach(e, v) {
            if (!cJSON_IsString(e)) continue;
            int w = snprintf(buf + k, n - k, "%s%s", k ? "|" : "", e->valuestring);
            if (w < 0 || (size_t)w >= n - k) break;
            k += (size_t)w;
        }
        return buf;
    }
    return NULL;
}

/* The panel a /panels/ID/ answer describes must be the descriptor's (a redirect or a
 * mistyped URL must not put another panel's genes under this name). */
static int check_panel_id(rv_compile_ctx *c, const cJSON *panel)
{
    char buf[64];
    const char *id = json_text(cJSON_GetObjectItemCaseSensitive(panel, "id"), buf, sizeof buf);
    if (!id)
        return rv_err_set(c->err, RV_ESOURCE, "%s: the panel has no \"id\"; the descriptor names panel %s",
                          c->raw_path, c->d->panel_id);
    if (strcmp(id, c->d->panel_id) != 0)
        return rv_err_set(c->err, RV_ESOURCE, "%s: this is panel %.40s, but the descriptor names panel %s",
                          c->raw_path, id, c->d->panel_id);
    return 0;
}

int rv_compile_panelapp(rv_compile_ctx *c)
{
    const rv_descriptor *d = c->d;
    char *text = NULL; size_t len;
    int rc = rv_textfile_slurp(c->raw_path, &text, &len, (size_t)1 << 30, c->err);
    if (rc < 0) return rc;
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
    if (!root) {
        size_t off = end && end >= text ? (size_t)(end - text) : 0;
        int64_t line = 1;
        for (size_t i = 0; i < off && i < len; i++) line += text[i] == '\n';
        free(text);
        return rv_err_set(c->err, RV_ESOURCE, "%s:%lld: not valid JSON (PanelApp panel expected)", c->raw_path, (long long)line);
    }
    free(text);
    const cJSON *panel = NULL, *genes = cJSON_GetObjectItemCaseSensitive(root, "genes");
    if (cJSON_IsArray(genes)) panel = root;
    else genes = cJSON_GetObjectItemCaseSensitive(root, "results");
    if (!cJSON_IsArray(genes)) {
        cJSON_Delete(root);
        return rv_err_set(c->err, RV_ESOURCE, "%s: no \"genes\" (panel) or \"results\" (gene list) array: not a PanelApp response", c->raw_path);
    }
    const char **paths = calloc((size_t)d->n_fields, sizeof *paths);
    if (!paths) { cJSON_Delete(root); return rv_err_set(c->err, RV_ENOMEM, "out of memory"); }
    for (int i = 0; i < d->n_fields; i++) {
        paths[i] = d->fields[i].from;
        for (size_t k = 0; !paths[i] && k < sizeof defaults / sizeof *defaults; k++)
            if (strcmp(defaults[k].field, d->fields[i].name) == 0) paths[i] = defaults[k].path;
        if (!paths[i]) paths[i] = d->fields[i].name;
    }
    int si = rv_compile_field(d, "symbol"), hi = rv_compile_field(d, "hgnc_id");
    const char *sym_path = si >= 0 ? paths[si] : "gene_data.gene_symbol";
    const char *hgnc_path = hi >= 0 ? paths[hi] : "gene_data.hgnc_id";
    int ci = rv_compile_field(d, "confidence");
    if (panel && d->panel_id && (rc = check_panel_id(c, panel)) < 0) {
        free(paths);
        cJSON_Delete(root);
        return rc;
    }
    const cJSON *g;
    int64_t k = 0, genes_kept = 0;
    char buf[4096], sbuf[256], hbuf[64];
    cJSON_ArrayForEach(g, genes) {
        k++;
        rv_compile_count(c);
        const cJSON *et = cJSON_GetObjectItemCaseSensitive(g, "entity_type");
        if (cJSON_IsString(et) && strcmp(et->valuestring, "gene") != 0) { c->st->skipped_other++; continue; }
        const char *sym = json_text(json_path(g, panel, sym_path), sbuf, sizeof sbuf);
        if (!sym || !*sym) sym = json_text(json_path(g, panel, "entity_name"), sbuf, sizeof sbuf);
        if (!sym || !*sym) {
            rc = rv_err_set(c->err, RV_ESOURCE, "%s: gene entry %lld has no symbol (%s)", c->raw_path, (long long)k, sym_path);
            break;
        }
        const char *hgnc = json_text(json_path(g, panel, hgnc_path), hbuf, sizeof hbuf);
        rc = rv_ibuild_add_gene(c->b, sym, strlen(sym), hgnc, hgnc ? strlen(hgnc) : 0);
        if (rc == RV_EINPUT) {
            rc = rv_err_set(c->err, RV_ESOURCE, "%s: gene entry %lld: '%.40s' is not a gene symbol "
                            "(1 to 64 letters, digits, '-', '.', '_', '@')", c->raw_path, (long long)k, sym);
            break;
        }
        if (rc < 0) { rc = rv_err_set(c->err, rc, "%s: gene entry %lld (%s) does not fit the index", c->raw_path, (long long)k, sym); break; }
        genes_kept++;
        for (int i = 0; i < d->n_fields && rc == 0; i++) {
            const char *v = json_text(json_path(g, panel, paths[i]), buf, sizeof buf);
            if (!v || !*v) continue;
            if (i == ci && !(v[0] >= '0' && v[0] <= '3' && v[1] == 0)) {
                rc = rv_err_set(c->err, RV_ESOURCE, "%s: gene %s: confidence_level '%s' is not 0..3", c->raw_path, sym, v);
                break;
            }
            rc = rv_compile_value(c, i, v, strlen(v), k, NULL, 0);
        }
        if (rc < 0) break;
    }
    free(paths);
    cJSON_Delete(root);
    if (rc == 0 && genes_kept == 0)   /* activating it would take every gene off the panel */
        rc = rv_err_set(c->err, RV_ESOURCE, "%s: the panel lists no genes (%lld entries): refusing an empty panel",
                        c->raw_path, (long long)k);
    return rc < 0 ? rc : 0;
}
