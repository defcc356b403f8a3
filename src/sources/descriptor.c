/* sources/descriptor.c: load and validate annotations/NAME.json (schema: docs/sources.md).
 *
 * Validation is strict on purpose: a typo in a key or a field left unmapped would
 * otherwise surface months later as a silently missing annotation. Every error names
 * the file and the JSON path ("annotations/x.json: fields.af: expected object"). */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "sources/descriptor.h"
#include "sources/coverage.h"
#include "sources/format_internal.h"
#include "base/numtext.h"
#include "base/json_check.h"

#define DESC_MAX_BYTES (1 << 20)   /* a descriptor is a few kB; refuse anything absurd */

typedef rv_json_ctx ctx;

/* "FILE: JPATH: what" (base/json_check.h). */
static int fail(ctx *c, const char *jpath, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(ctx *c, const char *jpath, const char *fmt, ...)
{
    char what[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return rv_json_fail(c, jpath, NULL, "%s", what);
}

/* A string member: *out is a fresh copy, or NULL when absent and not required. */
static int get_str(ctx *c, const cJSON *obj, const char *path, const char *key, int required, char **out)
{
    const char *v;
    int rc = rv_json_string(c, obj, path, key, required, &v);
    *out = NULL;
    if (rc < 0 || !v) return rc;
    if (!(*out = strdup(v))) return rv_err_set(c->err, RV_ENOMEM, "out of memory");
    return RV_OK;
}

static int url_scheme_ok(const char *u)
{
    static const char *const schemes[] = { "https://", "http://", "ftp://", "file://" };
    for (size_t i = 0; i < sizeof schemes / sizeof *schemes; i++)
        if (strncmp(u, schemes[i], strlen(schemes[i])) == 0 && u[strlen(schemes[i])]) return 1;
    return 0;
}

static int name_ok(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 63) return 0;
    for (const char *p = s; *p; p++)
        if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '_' || *p == '-'))
            return 0;
    return 1;
}

static int hex_ok(const char *s, size_t n)
{
    if (strlen(s) != n) return 0;
    for (const char *p = s; *p; p++)
        if (!isxdigit((unsigned char)*p)) return 0;
    return 1;
}

/* Version rules: "manual", "header:PREFIX", "header-date:PREFIX", "filename:REGEX", "json:KEY",
 * "fixed:VERSION". */
static const char rules_known[] = "manual, header:PREFIX, header-date:PREFIX, filename:REGEX, json:KEY, fixed:VERSION";

static int version_rule_ok(ctx *c, const char *rule)
{
    const char *jp = "download.version_rule";
    if (strcmp(rule, "manual") == 0) return 0;
    const char *colon = strchr(rule, ':');
    if (!colon || !colon[1])
        return fail(c, jp, "'%s' is not one of %s", rule, rules_known);
    size_t k = (size_t)(colon - rule);
    const char *arg = colon + 1;
    if (k == 6 && strncmp(rule, "header", 6) == 0) return 0;
    if (k == 11 && strncmp(rule, "header-date", 11) == 0) return 0;
    if (k == 4 && strncmp(rule, "json", 4) == 0) return 0;
    if (k == 5 && strncmp(rule, "fixed", 5) == 0) {
        for (const char *p = arg; *p; p++)
            if (!(isalnum((unsigned char)*p) || *p == '.' || *p == '_' || *p == '-'))
                return fail(c, jp, "fixed version '%s' may hold only letters, digits, '.', '_' and '-'", arg);
        return 0;
    }
    if (k == 8 && strncmp(rule, "filename", 8) == 0) {
        regex_t re;
        int rc = regcomp(&re, arg, REG_EXTENDED);
        if (rc != 0) {
            char why[200];
            regerror(rc, &re, why, sizeof why);
            return fail(c, jp, "bad regular expression '%s': %s", arg, why);
        }
        regfree(&re);
        return 0;
    }
    return fail(c, jp, "'%s' is not one of %s", rule, rules_known);
}

static int extra_field_name_ok(const char *s)
{
    if (!*s || strlen(s) > 63) return 0;
    for (const char *p = s; *p; p++)
        if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '_')) return 0;
    return 1;
}

static int load_fields(ctx *c, const cJSON *root, rv_descriptor *d)
{
    static const char *const keys[] = { "from", "type", "op", "doc", NULL };
    const cJSON *fields = cJSON_GetObjectItemCaseSensitive(root, "fields");
    if (!fields) return fail(c, "fields", "missing (required): map the role's fields");
    if (!cJSON_IsObject(fields)) return fail(c, "fields", "expected object, found %s", rv_json_kind(fields));
    int n = cJSON_GetArraySize(fields);
    d->fields = calloc((size_t)(n ? n : 1), sizeof *d->fields);
    if (!d->fields) return rv_err_set(c->err, RV_ENOMEM, "out of memory");
    for (const cJSON *f = fields->child; f; f = f->next) {
        char jp[256];
        rv_json_path(jp, sizeof jp, "fields", f->string);
        for (int i = 0; i < d->n_fields; i++)
            if (strcmp(d->fields[i].name, f->string) == 0) return fail(c, jp, "duplicate key");
        if (!cJSON_IsObject(f)) return fail(c, jp, "expected object, found %s", rv_json_kind(f));
        const rv_role_field *rf = rv_role_field_find(d->role, f->string);
        if (rf && rf->required == RV_FIELD_COMPUTED)
            return fail(c, jp, "computed by the %s compiler, cannot be mapped", d->role->name);
        if (!rf && !extra_field_name_ok(f->string))
            return fail(c, jp, "extra field names use [a-z0-9_] only");
        rv_field_map *m = &d->fields[d->n_fields];
        if (!(m->name = strdup(f->string))) return rv_err_set(c->err, RV_ENOMEM, "out of memory");
        d->n_fields++;
        int rc;
        char *type = NULL, *doc = NULL;
        if ((rc = rv_json_keys_only(c, f, jp, keys)) < 0) return rc;
        if ((rc = get_str(c, f, jp, "from", 1, &m->from)) < 0) return rc;
        if ((rc = get_str(c, f, jp, "op", 0, &m->op)) < 0) return rc;
        if ((rc = get_str(c, f, jp, "doc", 0, &doc)) < 0) return rc;
        free(doc);
        if ((rc = get_str(c, f, jp, "type", 0, &type)) < 0) return rc;
        if (type) {
            char tp[300];
            rv_json_path(tp, sizeof tp, jp, "type");
            rv_ftype t;
            if (rv_ftype_parse(type, &t) < 0) {
                rc = fail(c, tp, "unknown type '%s' (float, int or string)", type);
                free(type);
                return rc;
            }
            free(type);
            if (rf && t != rf->type)
                return fail(c, tp, "role %s defines %s as %s", d->role->name, rf->name, rv_ftype_name(rf->type));
            m->type = t;
        } else {
            m->type = rf ? rf->type : RV_T_STR;
        }
    }
    for (int i = 0; i < d->role->n_fields; i++) {
        const rv_role_field *rf = &d->role->fields[i];
        if (rf->required == RV_FIELD_REQUIRED && !rv_descriptor_field(d, rf->name)) {
            char jp[256];
            rv_json_path(jp, sizeof jp, "fields", rf->name);
            return fail(c, jp, "required by role %s but not mapped (%s)", d->role->name, rf->doc);
        }
    }
    return 0;
}

void rv_url_last_component(const char *s, char *out, size_t n)
{
    size_t len = strcspn(s, "?#");
    while (len > 0 && s[len - 1] == '/') len--;
    size_t start = len;
    while (start > 0 && s[start - 1] != '/') start--;
    size_t k = len - start < n - 1 ? len - start : n - 1;
    memcpy(out, s + start, k);
    out[k] = '\0';
}

void rv_descriptor_file_name(const char *s, char *out, size_t n)
{
    rv_url_last_component(s, out, n);
    for (char *p = out; *p; p++)
        if (!(isalnum((unsigned char)*p) || *p == '.' || *p == '_' || *p == '-')) *p = '_';
}

const rv_part *rv_descriptor_part(const rv_descriptor *d, const char *file_name)
{
    for (int i = 0; i < d->n_parts; i++)
        if (strcmp(d->parts[i].file, file_name) == 0) return &d->parts[i];
    return NULL;
}

static const char chrom_tmpl[] = "{chrom}";

/* text with every "{chrom}" replaced by chrom; NULL when out of memory */
static char *expand_chrom(const char *text, const char *chrom)
{
    size_t n = strlen(text) + 1, tl = sizeof chrom_tmpl - 1;
    for (const char *h = text; (h = strstr(h, chrom_tmpl)); h += tl) n += strlen(chrom);
    char *out = malloc(n), *o = out;
    if (!out) return NULL;
    for (const char *p = text;;) {
        const char *h = strstr(p, chrom_tmpl);
        size_t k = h ? (size_t)(h - p) : strlen(p);
        memcpy(o, p, k);
        o += k;
        if (!h) break;
        o += sprintf(o, "%s", chrom);
        p = h + tl;
    }
    *o = '\0';
    return out;
}

/* One more part: url and checksum_url are taken over (freed on failure). */
static int add_part(ctx *c, rv_descriptor *d, const char *jp, char *url, char *checksum_url, int contig)
{
    rv_part *p = &d->parts[d->n_parts];
    p->url = url;
    p->checksum_url = checksum_url;
    p->contig = contig;
    d->n_parts++;
    if (!url || (d->checksum_url && !checksum_url)) return rv_err_set(c->err, RV_ENOMEM, "out of memory");
    char file[256], label[16];
    rv_descriptor_file_name(url, file, sizeof file);
    if (contig >= 0) snprintf(label, sizeof label, "chr%s", rv_contig_name(contig));
    p->file = strdup(file);
    p->label = strdup(contig >= 0 ? label : file);
    if (!p->file || !p->label) return rv_err_set(c->err, RV_ENOMEM, "out of memory");
    if (!url_scheme_ok(url)) return fail(c, jp, "'%s' is not an https, http, ftp or file URL", url);
    if (!file[0] || file[0] == '.' || strcmp(file, "manifest.json") == 0 || strcmp(file, "index.rvx") == 0)
        return fail(c, jp, "'%s' does not end in a usable file name", url);
    for (int i = 0; i + 1 < d->n_parts; i++) {
        if (strcmp(d->parts[i].file, p->file) == 0)
            return fail(c, jp, "two files would both be named '%s'%s", file,
                        contig >= 0 ? ": put {chrom} in the file name" : "");
        if (contig >= 0 && d->parts[i].contig == contig) return fail(c, jp, "chromosome %s is listed twice", label);
    }
    return 0;
}

/* download.url with {chrom} (one file per entry of download.chroms, default the build's
 * chromosomes) or download.files: the release is a set of files. */
static int load_parts(ctx *c, const cJSON *o, rv_descriptor *d)
{
    const cJSON *files = cJSON_GetObjectItemCaseSensitive(o, "files");
    const cJSON *chroms = cJSON_GetObjectItemCaseSensitive(o, "chroms");
    int tmpl = d->url && strstr(d->url, chrom_tmpl);
    if (files && d->url) return fail(c, "download.files", "give download.url or download.files, not both");
    if (chroms && !tmpl) return fail(c, "download.chroms", "needs a download.url with {chrom} in it");
    if (d->checksum_url && strstr(d->checksum_url, chrom_tmpl) && !tmpl)
        return fail(c, "download.checksum_url", "{chrom} needs a download.url with {chrom} in it");
    if (!tmpl && !files) return 0;
    const char *jp = files ? "download.files" : chroms ? "download.chroms" : "download.url";
    if (d->role->key == RV_KEY_GENE) return fail(c, jp, "a gene-keyed source is one file");
    if (d->sha256) return fail(c, "download.sha256", "pins one file; check a set of files with checksum_url");
    const cJSON *list = files ? files : chroms;
    if (list && (!cJSON_IsArray(list) || cJSON_GetArraySize(list) == 0))
        return fail(c, jp, "expected a non-empty array of strings, found %s", rv_json_kind(list));
    int n = list ? cJSON_GetArraySize(list) : RV_CONTIG_MT;
    if (n > 4096) return fail(c, jp, "more than 4096 files");
    if (!(d->parts = calloc((size_t)n, sizeof *d->parts))) return rv_err_set(c->err, RV_ENOMEM, "out of memory");
    for (int i = 0; i < n; i++) {
        char ep[64];
        snprintf(ep, sizeof ep, "%s[%d]", jp, i);
        const cJSON *e = list ? cJSON_GetArrayItem(list, i) : NULL;
        if (e && (!cJSON_IsString(e) || !e->valuestring[0]))
            return fail(c, ep, "expected a non-empty string, found %s", rv_json_kind(e));
        int rc;
        if (files) {
            char *cs = d->checksum_url ? strdup(d->checksum_url) : NULL;
            rc = add_part(c, d, ep, strdup(e->valuestring), cs, -1);
        } else {
            /* the default: every chromosome the build's contig table gives a length */
            if (!e && rv_build_contig_length(d->build, i) <= 0) continue;
            const char *chrom = e ? e->valuestring : rv_contig_name(i);
            int id = rv_contig_id(chrom, strlen(chrom));
            if (id == RV_CONTIG_OTHER || rv_build_contig_length(d->build, id) <= 0)
                return fail(c, ep, "'%s' is not a chromosome of %s", chrom, rv_build_name(d->build));
            char *cs = NULL;
            if (d->checksum_url) cs = strstr(d->checksum_url, chrom_tmpl) ? expand_chrom(d->checksum_url, chrom)
                                                                           : strdup(d->checksum_url);
            rc = add_part(c, d, tmpl && !chroms ? "download.url" : ep, expand_chrom(d->url, chrom), cs, id);
        }
        if (rc < 0) return rc;
    }
    return 0;
}

static int load_download(ctx *c, const cJSON *root, rv_descriptor *d)
{
    static const char *const keys[] = { "url", "files", "chroms", "checksum_url", "checksum_kind", "sha256",
                                        "version_rule", "max_bytes", NULL };
    const cJSON *o;
    int rc;
    if ((rc = rv_json_object(c, root, "", "download", 0, &o)) < 0) return rc;
    if (!o) {
        d->version_rule = strdup("manual");
        return d->version_rule ? 0 : rv_err_set(c->err, RV_ENOMEM, "out of memory");
    }
    const char *p = "download";
    if ((rc = rv_json_keys_only(c, o, p, keys)) < 0) return rc;
    if ((rc = get_str(c, o, p, "url", 0, &d->url)) < 0) return rc;
    if ((rc = get_str(c, o, p, "checksum_url", 0, &d->checksum_url)) < 0) return rc;
    if ((rc = get_str(c, o, p, "checksum_kind", 0, &d->checksum_kind)) < 0) return rc;
    if ((rc = get_str(c, o, p, "sha256", 0, &d->sha256)) < 0) return rc;
    if ((rc = get_str(c, o, p, "version_rule", 0, &d->version_rule)) < 0) return rc;
    if ((rc = rv_json_integer(c, o, p, "max_bytes", 0, 0, INT64_MAX, &d->max_bytes)) < 0) return rc;
    if (d->url && !url_scheme_ok(d->url))
        return fail(c, "download.url", "'%s' is not an https, http, ftp or file URL", d->url);
    int listed = cJSON_GetObjectItemCaseSensitive(o, "files") != NULL;
    if (d->checksum_url && !url_scheme_ok(d->checksum_url))
        return fail(c, "download.checksum_url", "'%s' is not an https, http, ftp or file URL", d->checksum_url);
    if (d->checksum_url && !d->url && !listed)
        return fail(c, "download.checksum_url", "given without download.url");
    if (d->checksum_url && !d->checksum_kind)
        return fail(c, "download.checksum_kind", "missing: say whether checksum_url holds md5 or sha256");
    if (d->checksum_kind && strcmp(d->checksum_kind, "md5") != 0 && strcmp(d->checksum_kind, "sha256") != 0)
        return fail(c, "download.checksum_kind", "'%s' is not md5 or sha256", d->checksum_kind);
    if (d->checksum_kind && !d->checksum_url)
        return fail(c, "download.checksum_kind", "given without download.checksum_url");
    if (d->sha256) {
        if (!hex_ok(d->sha256, 64)) return fail(c, "download.sha256", "expected 64 hexadecimal digits");
        for (char *q = d->sha256; *q; q++) *q = (char)tolower((unsigned char)*q);
    }
    if ((d->url || listed) && d->max_bytes <= 0)
        return fail(c, "download.max_bytes", "missing: a download needs a size cap in bytes");
    if (!d->version_rule && !(d->version_rule = strdup("manual")))
        return rv_err_set(c->err, RV_ENOMEM, "out of memory");
    if ((rc = version_rule_ok(c, d->version_rule)) < 0) return rc;
    return load_parts(c, o, d);
}

static int load_table(ctx *c, const cJSON *root, rv_descriptor *d, const rv_format *f)
{
    static const char *const keys[] = { "delimiter", "skip_lines", "columns", NULL };
    static const char *const col_keys[] = { "chrom", "pos", "ref", "alt", "symbol", "hgnc", NULL };
    const cJSON *o, *cols = NULL;
    int rc;
    d->delimiter = f->delimiter;
    if ((rc = rv_json_object(c, root, "", "table", 0, &o)) < 0) return rc;
    if (o) {
        if ((rc = rv_json_keys_only(c, o, "table", keys)) < 0) return rc;
        char *delim = NULL;
        if ((rc = get_str(c, o, "table", "delimiter", 0, &delim)) < 0) return rc;
        if (delim) {
            if (strcmp(delim, "\t") == 0 || strcmp(delim, "tab") == 0) d->delimiter = '\t';
            else if (strcmp(delim, ",") == 0 || strcmp(delim, "comma") == 0) d->delimiter = ',';
            else { free(delim); return fail(c, "table.delimiter", "expected \"tab\" or \"comma\""); }
            free(delim);
        }
        int64_t skip = 0;
        if ((rc = rv_json_integer(c, o, "table", "skip_lines", 0, 0, INT64_MAX, &skip)) < 0) return rc;
        if (skip > 1000) return fail(c, "table.skip_lines", "%lld is more than 1000", (long long)skip);
        d->skip_lines = (int)skip;
        cols = cJSON_GetObjectItemCaseSensitive(o, "columns");
        if (cols && !cJSON_IsObject(cols))
            return fail(c, "table.columns", "expected object, found %s", rv_json_kind(cols));
        if (cols) {
            if ((rc = rv_json_keys_only(c, cols, "table.columns", col_keys)) < 0) return rc;
            const char *p = "table.columns";
            if ((rc = get_str(c, cols, p, "chrom", 0, &d->col_chrom)) < 0) return rc;
            if ((rc = get_str(c, cols, p, "pos", 0, &d->col_pos)) < 0) return rc;
            if ((rc = get_str(c, cols, p, "ref", 0, &d->col_ref)) < 0) return rc;
            if ((rc = get_str(c, cols, p, "alt", 0, &d->col_alt)) < 0) return rc;
            if ((rc = get_str(c, cols, p, "symbol", 0, &d->col_symbol)) < 0) return rc;
            if ((rc = get_str(c, cols, p, "hgnc", 0, &d->col_hgnc)) < 0) return rc;
        }
    }
    /* tsv/csv need to be told where the key is; the other formats know it */
    if (strcmp(f->name, "tsv") == 0 || strcmp(f->name, "csv") == 0) {
        if (d->role->key == RV_KEY_VARIANT) {
            const char *miss = !d->col_chrom ? "chrom" : !d->col_pos ? "pos" : !d->col_ref ? "ref"
                             : !d->col_alt ? "alt" : NULL;
            if (miss) {
                char jp[64];
                snprintf(jp, sizeof jp, "table.columns.%s", miss);
                return fail(c, jp, "missing: a variant-keyed %s source names its %s column", f->name, miss);
            }
        } else if (!d->col_symbol && !d->col_hgnc) {
            return fail(c, "table.columns", "a gene-keyed %s source names its symbol or hgnc column", f->name);
        }
    }
    return 0;
}

static int load_options(ctx *c, const cJSON *root, rv_descriptor *d)
{
    static const char *const keys[] = { "pass_only", "min_an", NULL };
    const cJSON *o;
    int rc;
    if ((rc = rv_json_object(c, root, "", "options", 0, &o)) < 0) return rc;
    if (!o) return 0;
    if ((rc = rv_json_keys_only(c, o, "options", keys)) < 0) return rc;
    if ((rc = rv_json_bool(c, o, "options", "pass_only", 0, &d->pass_only)) < 0) return rc;
    if ((rc = rv_json_integer(c, o, "options", "min_an", 0, 0, INT64_MAX, &d->min_an)) < 0) return rc;
    if (d->pass_only && rv_format_id_of(d->format) != RV_FMT_VCF)
        return fail(c, "options.pass_only", "applies to vcf sources only");
    if (d->min_an && d->role->id != RV_ROLE_POPULATION_FREQUENCY)
        return fail(c, "options.min_an", "applies to population-frequency sources only");
    return 0;
}

static int load_panel(ctx *c, const cJSON *root, rv_descriptor *d)
{
    static const char *const keys[] = { "id", "version", NULL };
    const cJSON *o;
    int rc;
    if ((rc = rv_json_object(c, root, "", "panel", 0, &o)) < 0) return rc;
    int is_panelapp = rv_format_id_of(d->format) == RV_FMT_PANELAPP_JSON;
    if (!o) return is_panelapp ? fail(c, "panel", "missing: a panelapp-json source names its panel id") : 0;
    if (!is_panelapp) return fail(c, "panel", "applies to panelapp-json sources only");
    if ((rc = rv_json_keys_only(c, o, "panel", keys)) < 0) return rc;
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(o, "id");
    if (!id) return fail(c, "panel.id", "missing (required)");
    char buf[64];
    int64_t num;
    if (cJSON_IsNumber(id) && rv_whole_number(id->valuedouble, 0, 9.0e18, &num)) {
        snprintf(buf, sizeof buf, "%lld", (long long)num);
        d->panel_id = strdup(buf);
    } else if (cJSON_IsString(id) && id->valuestring[0]) {
        for (const char *p = id->valuestring; *p; p++)
            if (!isalnum((unsigned char)*p)) return fail(c, "panel.id", "expected a number or a hexadecimal hash id");
        d->panel_id = strdup(id->valuestring);
    } else {
        return fail(c, "panel.id", "expected a number or a hexadecimal hash id, found %s", rv_json_kind(id));
    }
    if (!d->panel_id) return rv_err_set(c->err, RV_ENOMEM, "out of memory");
    if ((rc = get_str(c, o, "panel", "version", 0, &d->panel_version)) < 0) return rc;
    if (d->panel_version) {
        int dots = 0;
        for (const char *p = d->panel_version; *p; p++) {
            if (*p == '.') dots++;
            else if (!isdigit((unsigned char)*p)) dots = 99;
        }
        if (dots != 1) return fail(c, "panel.version", "expected MAJOR.MINOR, e.g. \"1.25\"");
    }
    return 0;
}

static int load_require_header(ctx *c, const cJSON *root, rv_descriptor *d)
{
    static const char *const keys[] = { "prefix", "why", NULL };
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(root, "require_header");
    if (!a) return 0;
    if (!cJSON_IsArray(a)) return fail(c, "require_header", "expected array, found %s", rv_json_kind(a));
    int n = cJSON_GetArraySize(a);
    d->require_header = calloc((size_t)(n ? n : 1), sizeof *d->require_header);
    if (!d->require_header) return rv_err_set(c->err, RV_ENOMEM, "out of memory");
    int i = 0;
    for (const cJSON *e = a->child; e; e = e->next, i++) {
        char jp[64];
        snprintf(jp, sizeof jp, "require_header[%d]", i);
        if (!cJSON_IsObject(e)) return fail(c, jp, "expected object, found %s", rv_json_kind(e));
        int rc;
        if ((rc = rv_json_keys_only(c, e, jp, keys)) < 0) return rc;
        struct rv_header_rule *r = &d->require_header[d->n_require_header++];
        if ((rc = get_str(c, e, jp, "prefix", 1, &r->prefix)) < 0) return rc;
        if ((rc = get_str(c, e, jp, "why", 1, &r->why)) < 0) return rc;
    }
    return 0;
}

/* `coverage`: a BED path (relative to the descriptor's folder) or an array of regions. */
static int load_coverage(ctx *c, const cJSON *root, rv_descriptor *d)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, "coverage");
    if (!v) return 0;
    if (d->role->key != RV_KEY_VARIANT)
        return fail(c, "coverage", "only a variant-keyed source declares coverage");
    if (cJSON_IsString(v)) {
        const char *p = v->valuestring;
        if (!*p) return fail(c, "coverage", "must not be empty");
        const char *slash = strrchr(c->file, '/');
        int dn = p[0] != '/' && slash ? (int)(slash - c->file + 1) : 0;
        size_t n = (size_t)dn + strlen(p) + 1;
        if (!(d->coverage_bed = malloc(n))) return rv_err_set(c->err, RV_ENOMEM, "out of memory");
        snprintf(d->coverage_bed, n, "%.*s%s", dn, c->file, p);
        return 0;
    }
    if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) == 0)
        return fail(c, "coverage", "expected a BED file name or a non-empty array of regions, found %s", rv_json_kind(v));
    int n = cJSON_GetArraySize(v);
    if (!(d->coverage = calloc((size_t)n, sizeof *d->coverage))) return rv_err_set(c->err, RV_ENOMEM, "out of memory");
    rv_regions r = { 0 };
    for (int i = 0; i < n; i++) {
        const cJSON *e = cJSON_GetArrayItem(v, i);
        char jp[64];
        snprintf(jp, sizeof jp, "coverage[%d]", i);
        if (!cJSON_IsString(e)) { rv_regions_free(&r); return fail(c, jp, "expected string, found %s", rv_json_kind(e)); }
        rv_err e2 = { 0 };
        if (rv_regions_add_text(&r, e->valuestring, d->build, &e2) < 0) {
            rv_regions_free(&r);
            return fail(c, jp, "%s", e2.msg);
        }
        if (!(d->coverage[d->n_coverage++] = strdup(e->valuestring))) {
            rv_regions_free(&r);
            return rv_err_set(c->err, RV_ENOMEM, "out of memory");
        }
    }
    rv_regions_free(&r);
    return 0;
}

static int load_root(ctx *c, const cJSON *root, rv_descriptor *d)
{
    static const char *const keys[] = { "name", "title", "role", "format", "build", "homepage",
        "license", "notes", "download", "table", "fields", "options", "panel", "require_header", "coverage", NULL };
    int rc;
    if (!cJSON_IsObject(root)) return fail(c, "(top)", "expected object, found %s", rv_json_kind(root));
    if ((rc = rv_json_keys_only(c, root, "", keys)) < 0) return rc;

    if ((rc = get_str(c, root, "", "name", 1, &d->name)) < 0) return rc;
    if (!name_ok(d->name))
        return fail(c, "name", "'%s' must be 1-63 characters of [a-z0-9_-]", d->name);
    if ((rc = get_str(c, root, "", "title", 0, &d->title)) < 0) return rc;
    if (!d->title && !(d->title = strdup(d->name))) return rv_err_set(c->err, RV_ENOMEM, "out of memory");
    if ((rc = get_str(c, root, "", "homepage", 0, &d->homepage)) < 0) return rc;
    if ((rc = get_str(c, root, "", "license", 0, &d->license)) < 0) return rc;
    if ((rc = get_str(c, root, "", "notes", 0, &d->notes)) < 0) return rc;

    char *role = NULL;
    if ((rc = get_str(c, root, "", "role", 1, &role)) < 0) return rc;
    d->role = rv_role_find(role);
    if (!d->role) {
        char list[400] = "";
        int n;
        const rv_role *roles = rv_role_list(&n);
        for (int i = 0; i < n; i++) {
            strncat(list, roles[i].name, sizeof list - strlen(list) - 1);
            if (i + 1 < n) strncat(list, ", ", sizeof list - strlen(list) - 1);
        }
        rc = fail(c, "role", "unknown role '%s' (known: %s)", role, list);
        free(role);
        return rc;
    }
    free(role);

    if ((rc = get_str(c, root, "", "format", 1, &d->format)) < 0) return rc;
    const rv_format *f = rv_format_find(d->format);
    char names[160];
    if (!f) return fail(c, "format", "unknown format '%s' (%s)", d->format, rv_format_names(names, sizeof names));
    if (!rv_format_serves(f, d->role->key))
        return fail(c, "format", "format %s cannot carry role %s", d->format, d->role->name);

    char *build = NULL;
    if ((rc = get_str(c, root, "", "build", 0, &build)) < 0) return rc;
    if (build) {
        d->build = rv_build_parse(build);
        if (d->build == RV_BUILD_UNKNOWN) {
            rc = fail(c, "build", "unknown genome build '%s' (GRCh37 or GRCh38)", build);
            free(build);
            return rc;
        }
        free(build);
    } else if (d->role->key != RV_KEY_GENE) {
        return fail(c, "build", "missing: a position-keyed source names its genome build (GRCh37 or GRCh38)");
    }

    if ((rc = load_download(c, root, d)) < 0) return rc;
    if ((rc = load_table(c, root, d, f)) < 0) return rc;
    if ((rc = load_fields(c, root, d)) < 0) return rc;
    if ((rc = load_options(c, root, d)) < 0) return rc;
    if ((rc = load_panel(c, root, d)) < 0) return rc;
    if ((rc = load_require_header(c, root, d)) < 0) return rc;
    if ((rc = load_coverage(c, root, d)) < 0) return rc;
    if (strncmp(d->version_rule, "json:", 5) == 0 && !f->json)
        return fail(c, "download.version_rule", "json: rules apply to JSON sources only");
    return 0;
}

int rv_descriptor_load(const char *path, rv_descriptor **out, rv_err *err)
{
    *out = NULL;
    cJSON *root;
    char *text = NULL;
    size_t len = 0;
    int rc = rv_json_load(path, DESC_MAX_BYTES, &root, &text, &len, err);
    if (rc == RV_ESOURCE) return rv_err_set(err, RV_EINPUT, "%s: larger than 1 MiB, not a descriptor", path);
    if (rc < 0) return rc;
    /* cJSON stops a string at a NUL: "name": "clinvar\u0000x" would load as "clinvar" */
    const char *nul = strcasestr(text, "\\u0000");
    if (nul) {
        int line = 1;
        for (const char *q = text; q < nul; q++) line += *q == '\n';
        rc = rv_err_set(err, RV_EINPUT, "%s:%d: NUL character (a descriptor is plain text)", path, line);
    }
    free(text);
    if (rc < 0) { cJSON_Delete(root); return rc; }

    rv_descriptor *d = calloc(1, sizeof *d);
    if (!d || !(d->path = strdup(path))) {
        free(d);
        cJSON_Delete(root);
        return rv_err_set(err, RV_ENOMEM, "out of memory");
    }
    ctx c = { path, err };
    rc = load_root(&c, root, d);
    cJSON_Delete(root);
    if (rc < 0) { rv_descriptor_free(d); return rc; }
    *out = d;
    return RV_OK;
}

void rv_descriptor_free(rv_descriptor *d)
{
    if (!d) return;
    for (int i = 0; i < d->n_fields; i++) {
        free(d->fields[i].name);
        free(d->fields[i].from);
        free(d->fields[i].op);
    }
    free(d->fields);
    for (int i = 0; i < d->n_require_header; i++) {
        free(d->require_header[i].prefix);
        free(d->require_header[i].why);
    }
    free(d->require_header);
    for (int i = 0; i < d->n_parts; i++) {
        free(d->parts[i].url);
        free(d->parts[i].checksum_url);
        free(d->parts[i].file);
        free(d->parts[i].label);
    }
    free(d->parts);
    for (int i = 0; i < d->n_coverage; i++) free(d->coverage[i]);
    free(d->coverage);
    free(d->coverage_bed);
    char *strs[] = { d->path, d->name, d->title, d->format, d->url, d->checksum_url, d->checksum_kind,
                     d->sha256, d->version_rule, d->col_chrom, d->col_pos, d->col_ref, d->col_alt,
                     d->col_symbol, d->col_hgnc, d->panel_id, d->panel_version, d->homepage,
                     d->license, d->notes };
    for (size_t i = 0; i < sizeof strs / sizeof *strs; i++) free(strs[i]);
    free(d);
}

const rv_field_map *rv_descriptor_field(const rv_descriptor *d, const char *name)
{
    for (int i = 0; i < d->n_fields; i++)
        if (strcmp(d->fields[i].name, name) == 0) return &d->fields[i];
    return NULL;
}

char *rv_descriptor_url(const rv_descriptor *d)
{
    if (!d->url) return NULL;
    static const char tmpl[] = "{panel_id}";
    const char *id = d->panel_id ? d->panel_id : "";
    const char *hit = strstr(d->url, tmpl);
    size_t n = strlen(d->url) + strlen(id) + (d->panel_version ? strlen(d->panel_version) + 10 : 0) + 1;
    char *u = malloc(n);
    if (!u) return NULL;
    if (hit)
        snprintf(u, n, "%.*s%s%s", (int)(hit - d->url), d->url, id, hit + sizeof tmpl - 1);
    else
        snprintf(u, n, "%s", d->url);
    if (d->panel_version) {
        size_t l = strlen(u);
        snprintf(u + l, n - l, "%cversion=%s", strchr(u, '?') ? '&' : '?', d->panel_version);
    }
    return u;
}

rv_descriptor *rv_descriptor_find(rv_descriptor **ds, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(ds[i]->name, name) == 0) return ds[i];
    return NULL;
}

static int cmp_desc(const void *a, const void *b)
{
    return strcmp((*(rv_descriptor *const *)a)->name, (*(rv_descriptor *const *)b)->name);
}

int rv_descriptor_load_dir(const char *dir, rv_descriptor ***out, int *n_out, rv_err *err)
{
    *out = NULL;
    *n_out = 0;
    DIR *dp = opendir(dir);
    if (!dp) return rv_err_set(err, RV_EIO, "%s: cannot open descriptor directory: %s", dir, strerror(errno));
    rv_descriptor **ds = NULL;
    int n = 0, cap = 0, rc = RV_OK;
    struct dirent *e;
    while ((e = readdir(dp))) {
        size_t l = strlen(e->d_name);
        if (e->d_name[0] == '.' || l < 6 || strcmp(e->d_name + l - 5, ".json") != 0) continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            rv_descriptor **nd = realloc(ds, (size_t)cap * sizeof *nd);
            if (!nd) { rc = rv_err_set(err, RV_ENOMEM, "out of memory"); break; }
            ds = nd;
        }
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if ((rc = rv_descriptor_load(path, &ds[n], err)) < 0) break;
        n++;
    }
    closedir(dp);
    if (rc == RV_OK) {
        qsort(ds, (size_t)n, sizeof *ds, cmp_desc);
        for (int i = 1; i < n; i++)
            if (strcmp(ds[i - 1]->name, ds[i]->name) == 0) {
                rc = rv_err_set(err, RV_EINPUT, "%s: name: '%s' is also the name of %s",
                                ds[i]->path, ds[i]->name, ds[i - 1]->path);
                break;
            }
    }
    if (rc < 0) { rv_descriptor_free_all(ds, n); return rc; }
    *out = ds;
    *n_out = n;
    return RV_OK;
}

void rv_descriptor_free_all(rv_descriptor **ds, int n)
{
    if (!ds) return;
    for (int i = 0; i < n; i++) rv_descriptor_free(ds[i]);
    free(ds);
}
