/* state/runconf.c: load the "reanalysis" and "indications" parts of the pipeline config.
 * Every value is required (the numbers live in the JSON, not here); other top-level
 * keys belong to other modules and are left alone. */
#include <errno.h>
#include <stddef.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cJSON.h>
#include "classify/call.h"
#include "state/runconf.h"
#include "base/numtext.h"

static char *read_all(const char *path, size_t *len, rv_err *err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) { rv_err_set(err, RV_EIO, "%s: %s", path, strerror(errno)); return NULL; }
    size_t m = 4096, n = 0;
    char *buf = malloc(m);
    for (size_t k; buf && (k = fread(buf + n, 1, m - n - 1, fp)) > 0;) {
        n += k;
        if (m - n < 2) { char *b = realloc(buf, m *= 2); if (!b) { free(buf); buf = NULL; } else buf = b; }
    }
    fclose(fp);
    if (!buf) { rv_err_set(err, RV_ENOMEM, "out of memory"); return NULL; }
    buf[n] = '\0';
    *len = n;
    return buf;
}

typedef enum { K_INT, K_NUM, K_BOOL, K_STRLIST, K_CLASS, K_PATH } kind;
typedef struct key { const char *name; kind k; size_t off; size_t off_n; } key;

#define O(f) offsetof(rv_runconf, f)
static const key reanalysis_keys[] = {
    { "reference_fasta",   K_PATH, O(reference_fasta), 0 },
    { "rules",             K_PATH, O(rules), 0 },
    { "interval_days",     K_INT,  O(interval_days), 0 },
    { "lock_wait_seconds", K_INT,  O(lock_wait_seconds), 0 },
};
static const key candidate_keys[] = {
    { "panel_min_confidence",  K_INT,     O(panel_min_confidence), 0 },
    { "any_disease_gene",      K_BOOL,    O(any_disease_gene), 0 },
    { "disease_gene_validity", K_STRLIST, O(disease_gene_validity), O(n_disease_gene_validity) },
    { "max_af",                K_NUM,     O(max_af), 0 },
    { "keep_clinvar",          K_BOOL,    O(keep_clinvar), 0 },
    { "clinvar_common_benign", K_BOOL,    O(clinvar_common_benign), 0 },
    { "keep_reported",         K_BOOL,    O(keep_reported), 0 },
};
static const key flag_keys[] = {
    { "frequency_criteria",      K_STRLIST, O(freq_criteria), O(n_freq_criteria) },
    { "new_candidate_min_class", K_CLASS,   O(new_candidate_min_tier), 0 },
    { "reported_downgrade_needs_benign_evidence", K_BOOL, O(reported_downgrade_needs_benign), 0 },
};

static const key family_keys[] = {
    { "de_novo_min_dp",             K_INT,     O(de_novo_min_dp), 0 },
    { "de_novo_min_gq",             K_INT,     O(de_novo_min_gq), 0 },
    { "parentage_confirmed",       K_BOOL,    O(parentage_confirmed), 0 },
    { "carrier_flags",             K_BOOL,    O(carrier_flags), 0 },
    { "not_fitting_priority_drop", K_INT,     O(not_fitting_priority_drop), 0 },
    { "second_hit_min_class",      K_CLASS,   O(second_hit_min_tier), 0 },
    { "second_hit_vus_tiers",      K_STRLIST, O(second_hit_vus_tiers), O(n_second_hit_vus_tiers) },
    { "sex_check_min_x_calls",     K_INT,     O(sex_check_min_x_calls), 0 },
    { "sex_check_male_max_het_fraction",   K_NUM, O(sex_check_male_max_het), 0 },
    { "sex_check_female_min_het_fraction", K_NUM, O(sex_check_female_min_het), 0 },
};

static int load_keys(rv_runconf *c, const cJSON *obj, const char *where, const key *keys, int n, rv_err *err)
{
    if (!cJSON_IsObject(obj))
        return rv_err_set(err, RV_EINPUT, "%s: %s: expected an object", c->path, where);
    for (const cJSON *it = obj->child; it; it = it->next) {   /* unknown keys are typos */
        int known = 0;
        for (int i = 0; i < n; i++) known |= strcmp(it->string, keys[i].name) == 0;
        if (!known && !(strcmp(where, "reanalysis") == 0 && (!strcmp(it->string, "candidates") || !strcmp(it->string, "flags") ||
                                                        !strcmp(it->string, "family"))))
            return rv_err_set(err, RV_EINPUT, "%s: %s.%s: unknown key", c->path, where, it->string);
    }
    for (int i = 0; i < n; i++) {
        const key *k = &keys[i];
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, k->name);
        char *base = (char *)c;
        if (!v) return rv_err_set(err, RV_EINPUT, "%s: %s.%s: missing", c->path, where, k->name);
        switch (k->k) {
        case K_INT: {
            int64_t n;
            if (!cJSON_IsNumber(v) || !rv_whole_number(v->valuedouble, 0, INT_MAX, &n))
                return rv_err_set(err, RV_EINPUT, "%s: %s.%s: expected a whole number >= 0", c->path, where, k->name);
            *(int *)(base + k->off) = (int)n;
            break;
        }
        case K_NUM:
            if (!cJSON_IsNumber(v))
                return rv_err_set(err, RV_EINPUT, "%s: %s.%s: expected a number", c->path, where, k->name);
            *(double *)(base + k->off) = v->valuedouble;
            break;
        case K_BOOL:
            if (!cJSON_IsBool(v))
                return rv_err_set(err, RV_EINPUT, "%s: %s.%s: expected true or false", c->path, where, k->name);
            *(int *)(base + k->off) = cJSON_IsTrue(v);
            break;
        case K_CLASS:
            if (!cJSON_IsString(v) || !rv_class_valid(v->valuestring))
                return rv_err_set(err, RV_EINPUT, "%s: %s.%s: expected one of P, LP, VUS, LB, B", c->path, where, k->name);
            *(int *)(base + k->off) = rv_class_tier(v->valuestring);
            break;
        case K_PATH: {   /* a path or null; relative to the config file's folder */
            if (cJSON_IsNull(v)) break;
            if (!cJSON_IsString(v) || !*v->valuestring)
                return rv_err_set(err, RV_EINPUT, "%s: %s.%s: expected a path or null", c->path, where, k->name);
            const char *slash = strrchr(c->path, '/');
            char *path = NULL;
            if (v->valuestring[0] == '/' || !slash) path = strdup(v->valuestring);
            else if (asprintf(&path, "%.*s/%s", (int)(slash - c->path), c->path, v->valuestring) < 0) path = NULL;
            if (!path) return rv_err_set(err, RV_ENOMEM, "out of memory");
            *(char **)(base + k->off) = path;
            break;
        }
        case K_STRLIST: {
            if (!cJSON_IsArray(v))
                return rv_err_set(err, RV_EINPUT, "%s: %s.%s: expected a list of strings", c->path, where, k->name);
            int m = cJSON_GetArraySize(v), j = 0;
            char **list = calloc((size_t)m + 1, sizeof *list);
            if (!list) return rv_err_set(err, RV_ENOMEM, "out of memory");
            *(char ***)(base + k->off) = list;
            for (const cJSON *e = v->child; e; e = e->next, j++) {
                if (!cJSON_IsString(e))
                    return rv_err_set(err, RV_EINPUT, "%s: %s.%s[%d]: expected a string", c->path, where, k->name, j);
                if (!(list[j] = strdup(e->valuestring))) return rv_err_set(err, RV_ENOMEM, "out of memory");
                (*(int *)(base + k->off_n))++;
            }
            break;
        }
        }
    }
    return 0;
}

static int load_indications(rv_runconf *c, const cJSON *obj, rv_err *err)
{
    if (!obj) return 0;
    if (!cJSON_IsObject(obj)) return rv_err_set(err, RV_EINPUT, "%s: indications: expected an object", c->path);
    int n = cJSON_GetArraySize(obj);
    c->indications = calloc((size_t)n + 1, sizeof *c->indications);
    if (!c->indications) return rv_err_set(err, RV_ENOMEM, "out of memory");
    for (const cJSON *it = obj->child; it; it = it->next) {
        rv_indication_conf *ind = &c->indications[c->n_indications++];
        const cJSON *name = cJSON_GetObjectItemCaseSensitive(it, "name");
        const cJSON *panels = cJSON_GetObjectItemCaseSensitive(it, "panels");
        if (!cJSON_IsObject(it) || !cJSON_IsString(name) || !cJSON_IsArray(panels))
            return rv_err_set(err, RV_EINPUT, "%s: indications.%s: expected {\"name\": text, \"panels\": [source names]}",
                              c->path, it->string);
        size_t len = 1;
        for (const cJSON *p = panels->child; p; p = p->next) {
            if (!cJSON_IsString(p))
                return rv_err_set(err, RV_EINPUT, "%s: indications.%s.panels: expected source names", c->path, it->string);
            len += strlen(p->valuestring) + 1;
        }
        ind->code = strdup(it->string);
        ind->name = strdup(name->valuestring);
        ind->panels = calloc(len, 1);
        if (!ind->code || !ind->name || !ind->panels) return rv_err_set(err, RV_ENOMEM, "out of memory");
        for (const cJSON *p = panels->child; p; p = p->next) {
            if (ind->panels[0]) strcat(ind->panels, ",");
            strcat(ind->panels, p->valuestring);
        }
    }
    return 0;
}

int rv_runconf_load(const char *path, rv_runconf **out, rv_err *err)
{
    *out = NULL;
    size_t len = 0;
    char *text = read_all(path, &len, err);
    if (!text) return err ? err->code : RV_EIO;
    rv_runconf *c = calloc(1, sizeof *c);
    if (!c || !(c->path = strdup(path))) { free(text); free(c); return rv_err_set(err, RV_ENOMEM, "out of memory"); }
    rv_digest_sha256_buf(text, len, c->hash);
    cJSON *root = cJSON_ParseWithLength(text, len);
    free(text);
    int rc = 0;
    if (!root) { rc = rv_err_set(err, RV_EINPUT, "%s: not valid JSON", path); goto done; }
    const cJSON *re = cJSON_GetObjectItemCaseSensitive(root, "reanalysis");
    if (!re) { rc = rv_err_set(err, RV_EINPUT, "%s: reanalysis: missing (see docs/state.md)", path); goto done; }
    if ((rc = load_keys(c, re, "reanalysis", reanalysis_keys, (int)(sizeof reanalysis_keys / sizeof *reanalysis_keys), err)) < 0) goto done;
    if ((rc = load_keys(c, cJSON_GetObjectItemCaseSensitive(re, "candidates"), "reanalysis.candidates",
                        candidate_keys, (int)(sizeof candidate_keys / sizeof *candidate_keys), err)) < 0) goto done;
    if ((rc = load_keys(c, cJSON_GetObjectItemCaseSensitive(re, "flags"), "reanalysis.flags",
                        flag_keys, (int)(sizeof flag_keys / sizeof *flag_keys), err)) < 0) goto done;
    if ((rc = load_keys(c, cJSON_GetObjectItemCaseSensitive(re, "family"), "reanalysis.family",
                        family_keys, (int)(sizeof family_keys / sizeof *family_keys), err)) < 0) goto done;
    if (c->panel_min_confidence > 3)
        { rc = rv_err_set(err, RV_EINPUT, "%s: reanalysis.candidates.panel_min_confidence: 0..3", path); goto done; }
    rc = load_indications(c, cJSON_GetObjectItemCaseSensitive(root, "indications"), err);
done:
    cJSON_Delete(root);
    if (rc < 0) { rv_runconf_free(c); return rc; }
    *out = c;
    return 0;
}

static void free_list(char **l, int n)
{
    for (int i = 0; i < n; i++) free(l[i]);
    free(l);
}

void rv_runconf_free(rv_runconf *c)
{
    if (!c) return;
    free(c->path);
    free(c->reference_fasta);
    free(c->rules);
    free_list(c->disease_gene_validity, c->n_disease_gene_validity);
    free_list(c->freq_criteria, c->n_freq_criteria);
    free_list(c->second_hit_vus_tiers, c->n_second_hit_vus_tiers);
    for (int i = 0; i < c->n_indications; i++) {
        free(c->indications[i].code);
        free(c->indications[i].name);
        free(c->indications[i].panels);
    }
    free(c->indications);
    free(c);
}

const rv_indication_conf *rv_runconf_indication(const rv_runconf *c, const char *code)
{
    for (int i = 0; code && i < c->n_indications; i++)
        if (strcmp(c->indications[i].code, code) == 0) return &c->indications[i];
    return NULL;
}

void rv_runconf_flag_rules(const rv_runconf *c, rv_flag_rules *r)
{
    r->freq_criteria = (const char *const *)c->freq_criteria;
    r->n_freq_criteria = c->n_freq_criteria;
    r->new_candidate_min_tier = c->new_candidate_min_tier;
    r->reported_downgrade_needs_benign = c->reported_downgrade_needs_benign;
    r->disease_gene_validity = (const char *const *)c->disease_gene_validity;
    r->n_disease_gene_validity = c->n_disease_gene_validity;
    r->carrier_flags = c->carrier_flags;
    r->not_fitting_priority_drop = c->not_fitting_priority_drop;
}
