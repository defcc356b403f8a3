/* state/runconf.c: load the "reanalysis" and "indications" parts of the pipeline config.
 * Every value is required (the numbers live in the JSON, not here); other top-level
 * keys belong to other modules and are left alone. */
#include <errno.h>
#include <stddef.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include "classify/call.h"
#include "state/runconf.h"
#include "sources/clinvar.h"
#include "base/json_check.h"
#include "csq/gene_model.h"

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
    { "consequences",          K_STRLIST, O(consequences), O(n_consequences) },
    { "clinvar_tiers",         K_STRLIST, O(clinvar_tiers), O(n_clinvar_tiers) },
};
static const key ref_check_keys[] = {
    { "first_records",         K_INT, O(ref_check_first), 0 },
    { "every",                 K_INT, O(ref_check_every), 0 },
    { "max_mismatch_fraction", K_NUM, O(ref_check_max_fraction), 0 },
    { "min_mismatches",        K_INT, O(ref_check_min_mismatches), 0 },
};
static const key carrier_keys[] = {
    { "gene_padding", K_INT, O(carrier_gene_padding), 0 },
    { "max_af",       K_NUM, O(carrier_max_af), 0 },
    { "exon_padding", K_INT, O(carrier_exon_padding), 0 },
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

#define CONF_MAX_BYTES (4 << 20)   /* the pipeline config is a few kB */

/* The members keys[] of obj (at JSON path where), each required; also is one of them.
 * Keys named in also (NULL-terminated) are known too: they are read by the next call. */
static int load_keys(rv_runconf *c, const rv_json_ctx *j, const cJSON *parent, const char *ppath,
                     const char *name, const key *keys, int n, const char *const *also)
{
    const cJSON *obj;
    char where[64];
    rv_json_path(where, sizeof where, ppath, name);
    int rc = rv_json_object(j, parent, ppath, name, 1, &obj);
    if (rc < 0) return rc;
    const char *allowed[16];          /* unknown keys are typos */
    int m = 0;
    for (int i = 0; i < n && m < 15; i++) allowed[m++] = keys[i].name;
    for (; also && *also && m < 15; also++) allowed[m++] = *also;
    allowed[m] = NULL;
    if ((rc = rv_json_keys_only(j, obj, where, allowed)) < 0) return rc;
    char *base = (char *)c;
    for (int i = 0; i < n; i++) {
        const key *k = &keys[i];
        const cJSON *v;
        if ((rc = rv_json_member(j, obj, where, k->name, 1, &v)) < 0) return rc;
        switch (k->k) {
        case K_INT: {
            int64_t x;
            if ((rc = rv_json_integer(j, obj, where, k->name, 1, 0, INT32_MAX, &x)) < 0) return rc;
            *(int *)(base + k->off) = (int)x;
            break;
        }
        case K_NUM:
            if ((rc = rv_json_number(j, obj, where, k->name, 1, (double *)(base + k->off))) < 0) return rc;
            break;
        case K_BOOL:
            if ((rc = rv_json_bool(j, obj, where, k->name, 1, (int *)(base + k->off))) < 0) return rc;
            break;
        case K_CLASS:
            if (!cJSON_IsString(v) || !rv_class_valid(v->valuestring))
                return rv_json_fail(j, where, k->name, "expected one of P, LP, VUS, LB, B");
            *(int *)(base + k->off) = rv_class_tier(v->valuestring);
            break;
        case K_PATH: {   /* a path or null; relative to the config file's folder */
            if (cJSON_IsNull(v)) break;
            if (!cJSON_IsString(v) || !*v->valuestring)
                return rv_json_fail(j, where, k->name, "expected a path or null, found %s", rv_json_kind(v));
            const char *slash = strrchr(c->path, '/');
            char *path = NULL;
            if (v->valuestring[0] == '/' || !slash) path = strdup(v->valuestring);
            else if (asprintf(&path, "%.*s/%s", (int)(slash - c->path), c->path, v->valuestring) < 0) path = NULL;
            if (!path) return rv_err_set(j->err, RV_ENOMEM, "out of memory");
            *(char **)(base + k->off) = path;
            break;
        }
        case K_STRLIST: {
            if (!cJSON_IsArray(v))
                return rv_json_fail(j, where, k->name, "expected a list of strings, found %s", rv_json_kind(v));
            int len = cJSON_GetArraySize(v), e = 0;
            char **list = calloc((size_t)len + 1, sizeof *list);
            if (!list) return rv_err_set(j->err, RV_ENOMEM, "out of memory");
            *(char ***)(base + k->off) = list;
            for (const cJSON *it = v->child; it; it = it->next, e++) {
                if (!cJSON_IsString(it)) {
                    char ep[96];
                    rv_json_path(ep, sizeof ep, where, k->name);
                    rv_json_elem_path(ep, sizeof ep, ep, e);
                    return rv_json_fail(j, ep, NULL, "expected string, found %s", rv_json_kind(it));
                }
                if (!(list[e] = strdup(it->valuestring))) return rv_err_set(j->err, RV_ENOMEM, "out of memory");
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

/* "consequence": {"source": ..., "conventions": NAME}, optional (absent: the model when one is
 * active, the conventions file's default profile). */
static int load_consequence(rv_runconf *c, const cJSON *obj, rv_err *err)
{
    c->consequence_source = RV_CONSEQ_MODEL;
    rv_csq_conv_vep(&c->conv);
    if (!obj) return 0;
    const char *want = "%s: consequence: expected {\"source\": \"model\", \"input\" or \"input-then-model\", "
                       "\"conventions\": a profile name of pipeline/csq_conventions.json}, both optional";
    if (!cJSON_IsObject(obj)) return rv_err_set(err, RV_EINPUT, want, c->path);
    for (const cJSON *m = obj->child; m; m = m->next) {
        if (strcmp(m->string, "source") == 0) {
            int src = cJSON_IsString(m) ? rv_conseq_source_parse(m->valuestring) : -1;
            if (src < 0) return rv_err_set(err, RV_EINPUT, want, c->path);
            c->consequence_source = src;
        } else if (strcmp(m->string, "conventions") == 0 && cJSON_IsString(m) && m->valuestring[0]) {
            free(c->consequence_conventions);
            if (!(c->consequence_conventions = strdup(m->valuestring))) return rv_err_set(err, RV_ENOMEM, "out of memory");
        } else {
            return rv_err_set(err, RV_EINPUT, want, c->path);
        }
    }
    return 0;
}

int rv_runconf_conventions(rv_runconf *c, const char *path, rv_err *err)
{
    int rc = rv_csq_conv_load(path, c->consequence_conventions, &c->conv, err);
    if (rc < 0 && c->consequence_conventions) rv_err_prefix(err, "%s: consequence.conventions", c->path);
    return rc;
}

#define N_KEYS(a) (int)(sizeof a / sizeof *a)

/* Members of def that obj lacks are copied into obj (objects merged member by member; a
 * value the lab wrote, array or scalar, is kept whole). Each key taken is named in
 * taken ("reanalysis.ref_check, consequence.conventions"). -1 when out of memory. */
static int fill_from_defaults(cJSON *obj, const cJSON *def, const char *where, char *taken, size_t n)
{
    for (const cJSON *d = def ? def->child : NULL; d; d = d->next) {
        if (!d->string) continue;
        char path[128];
        rv_json_path(path, sizeof path, where, d->string);
        cJSON *mine = cJSON_GetObjectItemCaseSensitive(obj, d->string);
        if (!mine) {
            cJSON *copy = cJSON_Duplicate(d, 1);
            if (!copy || !cJSON_AddItemToObject(obj, d->string, copy)) { cJSON_Delete(copy); return -1; }
            size_t used = strlen(taken);
            snprintf(taken + used, n - used, "%s%s", used ? ", " : "", path);
        } else if (cJSON_IsObject(mine) && cJSON_IsObject(d) && strcmp(path, "indications") != 0) {
            if (fill_from_defaults(mine, d, path, taken, n) < 0) return -1;
        }
    }
    return 0;
}

int rv_runconf_load(const char *path, rv_runconf **out, rv_err *err)
{
    return rv_runconf_load_over(path, NULL, NULL, NULL, out, err);
}

int rv_runconf_load_over(const char *path, const char *defaults, rv_runconf_warn_fn warn, void *warn_ctx,
                         rv_runconf **out, rv_err *err)
{
    *out = NULL;
    cJSON *root;
    char *text;
    size_t len = 0;
    int rc = rv_json_load(path, CONF_MAX_BYTES, &root, &text, &len, err);
    if (rc < 0) return rc;
    rv_runconf *c = calloc(1, sizeof *c);
    if (!c || !(c->path = strdup(path))) {
        free(text); free(c); cJSON_Delete(root);
        return rv_err_set(err, RV_ENOMEM, "out of memory");
    }
    rv_digest_sha256_buf(text, len, c->hash);
    free(text);
    if (defaults && cJSON_IsObject(root)) {
        /* a lab's config written for an older revus lacks the keys added since: they come
         * from the shipped defaults, said once, and the hash covers what was read */
        cJSON *def = NULL;
        if ((rc = rv_json_load(defaults, CONF_MAX_BYTES, &def, NULL, NULL, err)) < 0) {
            cJSON_Delete(root); rv_runconf_free(c);
            return rc;
        }
        char taken[1024] = "";
        if (fill_from_defaults(root, def, "", taken, sizeof taken) < 0) rc = rv_err_set(err, RV_ENOMEM, "out of memory");
        cJSON_Delete(def);
        if (rc == 0 && taken[0]) {
            char *merged = cJSON_PrintUnformatted(root);
            if (!merged) rc = rv_err_set(err, RV_ENOMEM, "out of memory");
            else { rv_digest_sha256_buf(merged, strlen(merged), c->hash); free(merged); }
            if (warn) warn(warn_ctx, path, defaults, taken);
        }
        if (rc < 0) { cJSON_Delete(root); rv_runconf_free(c); return rc; }
    }
    rv_json_ctx j = { path, err };
    const cJSON *re = cJSON_GetObjectItemCaseSensitive(root, "reanalysis");
    static const char *const sub[] = { "candidates", "flags", "family", "carriers", "ref_check", NULL };
    if (!re) { rc = rv_err_set(err, RV_EINPUT, "%s: reanalysis: missing (see docs/state.md)", path); goto done; }
    if ((rc = load_keys(c, &j, root, "", "reanalysis", reanalysis_keys, N_KEYS(reanalysis_keys), sub)) < 0) goto done;
    if ((rc = load_keys(c, &j, re, "reanalysis", "candidates", candidate_keys, N_KEYS(candidate_keys), NULL)) < 0) goto done;
    if ((rc = load_keys(c, &j, re, "reanalysis", "flags", flag_keys, N_KEYS(flag_keys), NULL)) < 0) goto done;
    if ((rc = load_keys(c, &j, re, "reanalysis", "family", family_keys, N_KEYS(family_keys), NULL)) < 0) goto done;
    for (int i = 0; i < c->n_clinvar_tiers; i++)
        if (rv_clinvar_tier_parse(c->clinvar_tiers[i]) < 0) {
            rc = rv_err_set(err, RV_EINPUT, "%s: reanalysis.candidates.clinvar_tiers[%d]: '%s' is not a ClinVar tier "
                            "(P/LP, VUS, B/LB, Conflicting, Risk, Other)", path, i, c->clinvar_tiers[i]);
            goto done;
        }
    if ((rc = load_keys(c, &j, re, "reanalysis", "carriers", carrier_keys, N_KEYS(carrier_keys), NULL)) < 0) goto done;
    /* the carrier index must hold every variant a run could keep as rare */
    if (c->carrier_max_af < c->max_af)
        { rc = rv_json_fail(&j, "reanalysis.carriers", "max_af", "at least candidates.max_af"); goto done; }
    if ((rc = load_keys(c, &j, re, "reanalysis", "ref_check", ref_check_keys, N_KEYS(ref_check_keys), NULL)) < 0) goto done;
    if (c->ref_check_every < 1)
        { rc = rv_json_fail(&j, "reanalysis.ref_check", "every", "at least 1"); goto done; }
    if (c->ref_check_max_fraction < 0 || c->ref_check_max_fraction > 1)
        { rc = rv_json_fail(&j, "reanalysis.ref_check", "max_mismatch_fraction", "0..1"); goto done; }
    if (c->panel_min_confidence > 3)
        { rc = rv_json_fail(&j, "reanalysis.candidates", "panel_min_confidence", "0..3"); goto done; }
    rc = load_indications(c, cJSON_GetObjectItemCaseSensitive(root, "indications"), err);
    if (rc == 0) rc = load_consequence(c, cJSON_GetObjectItemCaseSensitive(root, "consequence"), err);
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
    free_list(c->consequences, c->n_consequences);
    free(c->consequence_conventions);
    free_list(c->clinvar_tiers, c->n_clinvar_tiers);
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
