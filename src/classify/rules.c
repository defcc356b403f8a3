/* classify/rules.c: load and validate pipeline/acmg.json. Every problem is reported with the
 * file and the JSON path ("pp3_bp4.predictors.REVEL.pp3[1].min: expected a number"):
 * an unknown key, a wrong type, a missing key, or cut-offs that contradict each other. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "classify/rules_internal.h"
#include "csq/effect.h"
#include "base/json_check.h"
#include "base/textfile.h"
#include "variant/contig.h"
#include "variant/varkey.h"

typedef rv_json_ctx jctx;

#define RULES_MAX_BYTES (4 << 20)   /* acmg.json is a few kB */

static int jfail(jctx *j, const char *path, const char *key, const char *what)
{
    return rv_json_fail(j, path, key, "%s", what);
}

/* Small signed integers: points, class bounds, star counts, positions. */
static int get_int32(jctx *j, const cJSON *obj, const char *path, const char *key, int *out)
{
    int64_t v;
    int rc = rv_json_integer(j, obj, path, key, 1, -1000000, 1000000, &v);
    if (rc) return rc;
    *out = (int)v;
    return 0;
}

static int get_strength(jctx *j, const cJSON *obj, const char *path, const char *key, int *out)
{
    const char *s;
    int rc = rv_json_string(j, obj, path, key, 1, &s);
    if (rc) return rc;
    *out = rv_strength_parse(s);
    if (*out < RV_STR_SUPPORTING || *out > RV_STR_VERYSTRONG)
        return jfail(j, path, key, "expected Supporting, Moderate, Strong or VeryStrong");
    return 0;
}

static void strlist_free(rv_strlist *l)
{
    for (int i = 0; i < l->n; i++) free(l->v[i]);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

static int strlist_from(jctx *j, const cJSON *arr, const char *path, const char *key,
                        rv_strlist *out)
{
    if (!cJSON_IsArray(arr)) return jfail(j, path, key, "expected an array of strings");
    int n = cJSON_GetArraySize(arr);
    out->v = calloc((size_t)(n ? n : 1), sizeof *out->v);
    if (!out->v) return rv_err_set(j->err, RV_ENOMEM, "out of memory");
    for (const cJSON *it = arr->child; it; it = it->next) {
        if (!cJSON_IsString(it) || !it->valuestring[0])
            return jfail(j, path, key, "expected an array of non-empty strings");
        if (!(out->v[out->n++] = strdup(it->valuestring)))
            return rv_err_set(j->err, RV_ENOMEM, "out of memory");
    }
    return 0;
}

static int get_strlist(jctx *j, const cJSON *obj, const char *path, const char *key,
                       rv_strlist *out, int nonempty)
{
    int rc;
    const cJSON *v;
    if ((rc = rv_json_member(j, obj, path, key, 1, &v))) return rc;
    if ((rc = strlist_from(j, v, path, key, out))) return rc;
    if (nonempty && out->n == 0) return jfail(j, path, key, "must not be empty");
    return 0;
}

static const char *const af_field_names[] = { "af", "af_grpmax", "faf95", NULL };

static int load_afrule(jctx *j, const cJSON *root, const char *key, const char *thr_key,
                       int with_an, rv_afrule *r)
{
    char path[64];
    const cJSON *o;
    int rc = rv_json_object(j, root, "", key, 1, &o);
    if (rc) return rc;
    snprintf(path, sizeof path, "%s", key);
    static const char *const k_an[] = { "af_fields", "af_gt", "min_an", "exceptions", NULL };
    static const char *const k_pm2[] = { "af_fields", "af_le", "strength", NULL };
    if ((rc = rv_json_keys_only(j, o, path, with_an ? k_an : k_pm2))) return rc;
    if ((rc = get_strlist(j, o, path, "af_fields", &r->af_fields, 1))) return rc;
    for (int i = 0; i < r->af_fields.n; i++) {
        int ok = 0;
        for (int k = 0; af_field_names[k]; k++) ok |= strcmp(r->af_fields.v[i], af_field_names[k]) == 0;
        if (!ok) return jfail(j, path, "af_fields", "expected af, af_grpmax or faf95");
    }
    if ((rc = rv_json_number(j, o, path, thr_key, 1, &r->thr))) return rc;
    if (r->thr < 0 || r->thr > 1) return jfail(j, path, thr_key, "allele frequency must be in [0, 1]");
    r->min_an = -1;
    if (with_an && (rc = rv_json_integer(j, o, path, "min_an", 1, 0, INT64_MAX, &r->min_an))) return rc;
    return 0;
}

/* Relative names in the rules file are read from the rules file's directory. */
static char *sibling_path(const char *rules, const char *name)
{
    if (name[0] == '/') return strdup(name);
    const char *slash = strrchr(rules, '/');
    size_t dn = slash ? (size_t)(slash - rules + 1) : 0;
    char *p = malloc(dn + strlen(name) + 1);
    if (!p) return NULL;
    memcpy(p, rules, dn);
    strcpy(p + dn, name);
    return p;
}

/* Hand each line of a file named by the rules (relative to them) to fn, which returns 0 to
 * go on or an error code; the file's path and the line number come along for messages. */
typedef int (*line_fn)(jctx *j, rv_classifier *c, const char *path, long long lineno, char *line, size_t len,
                       void *ctx);

static int each_line(jctx *j, rv_classifier *c, const char *name, line_fn fn, void *ctx)
{
    char *path = sibling_path(c->path, name), *line;
    if (!path) return rv_err_set(j->err, RV_ENOMEM, "out of memory");
    rv_textfile *tf;
    size_t len;
    int rc = rv_textfile_open(&tf, path, j->err);
    while (rc >= 0 && (rc = rv_textfile_next(tf, &line, &len, j->err)) > 0)
        rc = fn(j, c, path, (long long)rv_textfile_line_no(tf), line, len, ctx);
    rv_textfile_close(tf);
    free(path);
    return rc < 0 ? rc : 0;
}

/* A BA1 exception: build, chrom, pos, ref, alt (tab-separated; '#' comments). */
static int exception_line(jctx *j, rv_classifier *c, const char *path, long long lineno, char *line, size_t len,
                          void *ctx)
{
    (void)ctx;
    if (line[0] == '#' || len == 0) return 0;
    char build[16], chrom[32], ref[256], alt[256];
    long long pos;
    if (sscanf(line, "%15s\t%31s\t%lld\t%255s\t%255s", build, chrom, &pos, ref, alt) != 5 || pos < 1)
        return rv_err_set(j->err, RV_EINPUT, "%s:%lld: expected build, chrom, pos, ref, alt", path, lineno);
    rv_ba1_exception e = { rv_build_parse(build), rv_contig_id(chrom, strlen(chrom)), pos,
                           strdup(ref), strdup(alt) };
    if (e.build == RV_BUILD_UNKNOWN || e.contig < 0 || !e.ref || !e.alt) {
        free(e.ref); free(e.alt);
        return rv_err_set(j->err, RV_EINPUT, "%s:%lld: unknown build or contig", path, lineno);
    }
    rv_ba1_exception *n = realloc(c->ba1_exc, (size_t)(c->n_ba1_exc + 1) * sizeof *n);
    if (!n) { free(e.ref); free(e.alt); return rv_err_set(j->err, RV_ENOMEM, "out of memory"); }
    c->ba1_exc = n;
    c->ba1_exc[c->n_ba1_exc++] = e;
    return 0;
}

/* A gene list: one symbol per line, '#' comments. */
static int gene_line(jctx *j, rv_classifier *c, const char *path, long long lineno, char *line, size_t len,
                     void *ctx)
{
    (void)c; (void)path; (void)lineno; (void)len;
    rv_strlist *out = ctx;
    line[strcspn(line, "\t #")] = '\0';
    if (!line[0]) return 0;
    char **n = realloc(out->v, (size_t)(out->n + 1) * sizeof *n);
    if (n) out->v = n;
    if (!n || !(n[out->n] = strdup(line))) return rv_err_set(j->err, RV_ENOMEM, "out of memory");
    out->n++;
    return 0;
}

static int load_bands(jctx *j, const cJSON *o, const char *path, const char *key, int pp3,
                      rv_band *bands, int *n)
{
    int rc;
    const cJSON *arr;
    if ((rc = rv_json_array(j, o, path, key, 1, &arr))) return rc;
    *n = 0;
    for (const cJSON *it = arr->child; it; it = it->next) {
        char p[160];
        snprintf(p, sizeof p, "%s.%s[%d]", path, key, *n);
        if (*n >= RV_MAX_BANDS) return jfail(j, p, NULL, "too many bands");
        if (!cJSON_IsObject(it)) return rv_json_fail(j, p, NULL, "expected object, found %s", rv_json_kind(it));
        static const char *const k_pp3[] = { "strength", "min", NULL };
        static const char *const k_bp4[] = { "strength", "max", NULL };
        if ((rc = rv_json_keys_only(j, it, p, pp3 ? k_pp3 : k_bp4))) return rc;
        rv_band *b = &bands[*n];
        if ((rc = get_strength(j, it, p, "strength", &b->strength))) return rc;
        if ((rc = rv_json_number(j, it, p, pp3 ? "min" : "max", 1, &b->thr))) return rc;
        /* strongest first, thresholds moving towards the indeterminate middle */
        if (*n > 0) {
            const rv_band *prev = &bands[*n - 1];
            if (b->strength >= prev->strength)
                return jfail(j, p, "strength", "bands must go from strongest to weakest");
            if (pp3 ? b->thr >= prev->thr : b->thr <= prev->thr)
                return jfail(j, p, pp3 ? "min" : "max", "thresholds must move towards the indeterminate range");
        }
        (*n)++;
    }
    return 0;
}

static int load_predictors(jctx *j, const cJSON *root, rv_classifier *c)
{
    const cJSON *o, *preds;
    int rc = rv_json_object(j, root, "", "pp3_bp4", 1, &o);
    if (rc) return rc;
    static const char *const k[] = { "predictor", "pm1_pp3_max_points", "predictors", NULL };
    if ((rc = rv_json_keys_only(j, o, "pp3_bp4", k))) return rc;
    const char *sel;
    if ((rc = rv_json_string(j, o, "pp3_bp4", "predictor", 1, &sel))) return rc;
    if ((rc = get_int32(j, o, "pp3_bp4", "pm1_pp3_max_points", &c->pm1_pp3_max))) return rc;
    if ((rc = rv_json_object(j, o, "pp3_bp4", "predictors", 1, &preds))) return rc;
    int n = cJSON_GetArraySize(preds);
    c->pred = calloc((size_t)(n ? n : 1), sizeof *c->pred);
    if (!c->pred) return rv_err_set(j->err, RV_ENOMEM, "out of memory");
    c->pred_sel = -1;
    for (const cJSON *it = preds->child; it; it = it->next) {
        char p[128];
        snprintf(p, sizeof p, "pp3_bp4.predictors.%s", it->string);
        rv_predictor *pr = &c->pred[c->n_pred++];
        if (!(pr->name = strdup(it->string))) return rv_err_set(j->err, RV_ENOMEM, "out of memory");
        if (!cJSON_IsObject(it)) return rv_json_fail(j, p, NULL, "expected object, found %s", rv_json_kind(it));
        static const char *const kp[] = { "score_names", "pp3", "bp4", NULL };
        if ((rc = rv_json_keys_only(j, it, p, kp))) return rc;
        if ((rc = get_strlist(j, it, p, "score_names", &pr->score_names, 1))) return rc;
        if ((rc = load_bands(j, it, p, "pp3", 1, pr->pp3, &pr->n_pp3))) return rc;
        if ((rc = load_bands(j, it, p, "bp4", 0, pr->bp4, &pr->n_bp4))) return rc;
        if (pr->n_pp3 && pr->n_bp4 && pr->bp4[pr->n_bp4 - 1].thr >= pr->pp3[pr->n_pp3 - 1].thr)
            return jfail(j, p, NULL, "BP4 and PP3 ranges overlap");
        if (strcmp(pr->name, sel) == 0) c->pred_sel = c->n_pred - 1;
    }
    if (c->pred_sel < 0) return jfail(j, "pp3_bp4", "predictor", "names no entry of predictors");
    return 0;
}

static int load_classes(jctx *j, const cJSON *root, rv_classifier *c)
{
    const cJSON *o;
    int rc = rv_json_object(j, root, "", "points", 1, &o);
    if (rc) return rc;
    static const char *const kp[] = { "Supporting", "Moderate", "Strong", "VeryStrong", NULL };
    if ((rc = rv_json_keys_only(j, o, "points", kp))) return rc;
    for (int s = RV_STR_SUPPORTING; s <= RV_STR_VERYSTRONG; s++) {
        if ((rc = get_int32(j, o, "points", rv_strength_name(s), &c->points[s]))) return rc;
        if (c->points[s] <= (s > RV_STR_SUPPORTING ? c->points[s - 1] : 0))
            return jfail(j, "points", rv_strength_name(s), "points must be positive and grow with strength");
    }
    if ((rc = rv_json_object(j, root, "", "classes", 1, &o))) return rc;
    static const char *const kc[] = { "pathogenic_min", "likely_pathogenic_min",
                                      "likely_benign_max", "benign_max", NULL };
    if ((rc = rv_json_keys_only(j, o, "classes", kc))) return rc;
    if ((rc = get_int32(j, o, "classes", "pathogenic_min", &c->p_min))) return rc;
    if ((rc = get_int32(j, o, "classes", "likely_pathogenic_min", &c->lp_min))) return rc;
    if ((rc = get_int32(j, o, "classes", "likely_benign_max", &c->lb_max))) return rc;
    if ((rc = get_int32(j, o, "classes", "benign_max", &c->b_max))) return rc;
    if (!(c->p_min > c->lp_min)) return jfail(j, "classes", "pathogenic_min", "must be above likely_pathogenic_min");
    if (!(c->lp_min > c->lb_max + 1)) return jfail(j, "classes", "likely_pathogenic_min", "leaves no VUS range above likely_benign_max");
    if (!(c->lb_max > c->b_max)) return jfail(j, "classes", "likely_benign_max", "must be above benign_max");
    if (!(c->lp_min > 0 && c->lb_max < 0)) return jfail(j, "classes", NULL, "0 points must be a VUS");

    const cJSON *arr;
    if ((rc = rv_json_array(j, root, "", "vus_tiers", 1, &arr))) return rc;
    for (const cJSON *it = arr->child; it; it = it->next) {
        char p[64];
        snprintf(p, sizeof p, "vus_tiers[%d]", c->n_vus);
        if (c->n_vus >= RV_MAX_VUS_TIERS) return jfail(j, p, NULL, "too many tiers");
        if (!cJSON_IsObject(it)) return rv_json_fail(j, p, NULL, "expected object, found %s", rv_json_kind(it));
        static const char *const kt[] = { "name", "min", NULL };
        if ((rc = rv_json_keys_only(j, it, p, kt))) return rc;
        const char *name;
        if ((rc = rv_json_string(j, it, p, "name", 1, &name))) return rc;
        int t = c->n_vus;
        if (!(c->vus[t].name = strdup(name))) return rv_err_set(j->err, RV_ENOMEM, "out of memory");
        c->n_vus++;
        c->vus[t].has_min = cJSON_GetObjectItemCaseSensitive(it, "min") != NULL;
        if (c->vus[t].has_min) {
            if ((rc = get_int32(j, it, p, "min", &c->vus[t].min))) return rc;
            if (t > 0 && (!c->vus[t - 1].has_min || c->vus[t].min >= c->vus[t - 1].min))
                return jfail(j, p, "min", "tiers must go from hottest to coldest");
            if (c->vus[t].min <= c->lb_max || c->vus[t].min >= c->lp_min)
                return jfail(j, p, "min", "outside the VUS points range");
        } else if (it->next) {
            return jfail(j, p, NULL, "only the last tier may have no min");
        }
    }
    if (c->n_vus == 0 || c->vus[c->n_vus - 1].has_min)
        return jfail(j, "", "vus_tiers", "the last tier must have no min (it takes the rest)");
    return 0;
}

static const char *const cg_names[RV_CG_N] = {
    "null", "canonical_splice", "start_lost", "missense", "inframe", "stop_lost",
    "synonymous", "intronic"
};

static int load_consequences(jctx *j, const cJSON *root, rv_classifier *c)
{
    const cJSON *o;
    int rc = rv_json_object(j, root, "", "consequences", 1, &o);
    if (rc) return rc;
    static const char *const k[RV_CG_N + 1] = {
        "null", "canonical_splice", "start_lost", "missense", "inframe", "stop_lost",
        "synonymous", "intronic", NULL };
    if ((rc = rv_json_keys_only(j, o, "consequences", k))) return rc;
    for (int g = 0; g < RV_CG_N; g++)
        if ((rc = get_strlist(j, o, "consequences", cg_names[g], &c->cons[g], 0))) return rc;
    return 0;
}

static int load_frequency(jctx *j, const cJSON *root, rv_classifier *c)
{
    int rc;
    if ((rc = load_afrule(j, root, "BA1", "af_gt", 1, &c->ba1))) return rc;
    const char *exc;
    const cJSON *o = cJSON_GetObjectItemCaseSensitive(root, "BA1");
    if ((rc = rv_json_string(j, o, "BA1", "exceptions", 1, &exc))) return rc;
    if ((rc = each_line(j, c, exc, exception_line, NULL))) return rc;
    if ((rc = load_afrule(j, root, "BS1", "af_gt", 1, &c->bs1))) return rc;
    if (cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, "BS1"), "exceptions"))
        return jfail(j, "BS1", "exceptions", "unknown key");
    if (c->bs1.thr > c->ba1.thr) return jfail(j, "BS1", "af_gt", "must not exceed BA1.af_gt");
    if ((rc = load_afrule(j, root, "PM2", "af_le", 0, &c->pm2))) return rc;
    o = cJSON_GetObjectItemCaseSensitive(root, "PM2");
    if ((rc = get_strength(j, o, "PM2", "strength", &c->pm2_strength))) return rc;
    if (c->pm2.thr >= c->bs1.thr) return jfail(j, "PM2", "af_le", "must be below BS1.af_gt");

    if ((rc = rv_json_object(j, root, "", "BS2", 1, &o))) return rc;
    static const char *const kb[] = { "recessive_min_nhomalt", "dominant_min_ac", "x_linked_min_nhemi", NULL };
    if ((rc = rv_json_keys_only(j, o, "BS2", kb))) return rc;
    if ((rc = rv_json_integer(j, o, "BS2", "recessive_min_nhomalt", 1, 0, INT64_MAX, &c->bs2_rec_nhomalt))) return rc;
    if ((rc = rv_json_integer(j, o, "BS2", "dominant_min_ac", 1, 0, INT64_MAX, &c->bs2_dom_ac))) return rc;
    if ((rc = rv_json_integer(j, o, "BS2", "x_linked_min_nhemi", 1, 0, INT64_MAX, &c->bs2_xl_nhemi))) return rc;
    if (c->bs2_rec_nhomalt < 1 || c->bs2_dom_ac < 1 || c->bs2_xl_nhemi < 1)
        return jfail(j, "BS2", NULL, "counts must be at least 1");

    const cJSON *arr;
    if ((rc = rv_json_array(j, root, "", "gene_overrides", 1, &arr))) return rc;
    int n = cJSON_GetArraySize(arr);
    c->ovr = calloc((size_t)(n ? n : 1), sizeof *c->ovr);
    if (!c->ovr) return rv_err_set(j->err, RV_ENOMEM, "out of memory");
    for (const cJSON *it = arr->child; it; it = it->next) {
        char p[64];
        snprintf(p, sizeof p, "gene_overrides[%d]", c->n_ovr);
        if (!cJSON_IsObject(it)) return rv_json_fail(j, p, NULL, "expected object, found %s", rv_json_kind(it));
        static const char *const ko[] = { "gene", "BS1_af_gt", "PM2_af_le", NULL };
        if ((rc = rv_json_keys_only(j, it, p, ko))) return rc;
        rv_gene_override *g = &c->ovr[c->n_ovr++];
        const char *gene;
        if ((rc = rv_json_string(j, it, p, "gene", 1, &gene))) return rc;
        if (!(g->gene = strdup(gene))) return rv_err_set(j->err, RV_ENOMEM, "out of memory");
        if ((g->has_bs1 = cJSON_HasObjectItem(it, "BS1_af_gt")) &&
            (rc = rv_json_number(j, it, p, "BS1_af_gt", 1, &g->bs1_af_gt))) return rc;
        if ((g->has_pm2 = cJSON_HasObjectItem(it, "PM2_af_le")) &&
            (rc = rv_json_number(j, it, p, "PM2_af_le", 1, &g->pm2_af_le))) return rc;
        if (g->has_bs1 && g->has_pm2 && g->pm2_af_le >= g->bs1_af_gt)
            return jfail(j, p, "PM2_af_le", "must be below BS1_af_gt");
        if ((g->has_bs1 && (g->bs1_af_gt < 0 || g->bs1_af_gt > 1)) ||
            (g->has_pm2 && (g->pm2_af_le < 0 || g->pm2_af_le > 1)))
            return jfail(j, p, NULL, "allele frequency must be in [0, 1]");
    }
    return 0;
}

static int load_pvs1(jctx *j, const cJSON *root, rv_classifier *c)
{
    const cJSON *o;
    int rc = rv_json_object(j, root, "", "PVS1", 1, &o);
    if (rc) return rc;
    static const char *const k[] = { "require_lof_mechanism", "null_nmd", "null_penultimate_exon",
        "null_last_exon_removes_ge", "null_last_exon_removes_lt", "null_last_exon_fraction",
        "null_last_exon_length_unknown", "null_exon_unknown", "canonical_splice", "start_lost",
        "haploinsufficiency_scores", NULL };
    const char *p = "PVS1";
    if ((rc = rv_json_keys_only(j, o, p, k))) return rc;
    if ((rc = rv_json_bool(j, o, p, "require_lof_mechanism", 1, &c->pvs1_require_mech))) return rc;
    if ((rc = get_strength(j, o, p, "null_nmd", &c->pvs1_null_nmd))) return rc;
    if ((rc = get_strength(j, o, p, "null_penultimate_exon", &c->pvs1_null_penult))) return rc;
    if ((rc = get_strength(j, o, p, "null_last_exon_removes_ge", &c->pvs1_last_ge))) return rc;
    if ((rc = get_strength(j, o, p, "null_last_exon_removes_lt", &c->pvs1_last_lt))) return rc;
    if ((rc = rv_json_number(j, o, p, "null_last_exon_fraction", 1, &c->pvs1_last_fraction))) return rc;
    if (c->pvs1_last_fraction <= 0 || c->pvs1_last_fraction >= 1)
        return jfail(j, p, "null_last_exon_fraction", "must be between 0 and 1");
    if ((rc = get_strength(j, o, p, "null_last_exon_length_unknown", &c->pvs1_last_unknown))) return rc;
    if ((rc = get_strength(j, o, p, "null_exon_unknown", &c->pvs1_null_exon_unknown))) return rc;
    if ((rc = get_strength(j, o, p, "canonical_splice", &c->pvs1_splice))) return rc;
    if ((rc = get_strength(j, o, p, "start_lost", &c->pvs1_start_lost))) return rc;
    if ((rc = get_strlist(j, o, p, "haploinsufficiency_scores", &c->pvs1_hi_scores, 0))) return rc;
    return 0;
}

/* PS2_PM6: the ClinGen SVI de novo points and the strength they reach. */
static int load_de_novo(jctx *j, const cJSON *root, rv_classifier *c)
{
    const cJSON *o, *pts;
    const char *pheno;
    int rc;
    static const char *const keys[] = { "_comment", "phenotype", "points", "strengths", NULL };
    static const char *const levels[] = { "highly_specific", "consistent", "heterogeneous", "not_consistent", NULL };
    static const char *const kinds[] = { "assumed", "confirmed", NULL };
    if ((rc = rv_json_object(j, root, "", "PS2_PM6", 1, &o)) || (rc = rv_json_keys_only(j, o, "PS2_PM6", keys))) return rc;
    if ((rc = rv_json_string(j, o, "PS2_PM6", "phenotype", 1, &pheno))) return rc;
    int lv = -1;
    for (int i = 0; levels[i]; i++) if (strcmp(pheno, levels[i]) == 0) lv = i;
    if (lv < 0) return jfail(j, "PS2_PM6", "phenotype", "expected highly_specific, consistent, heterogeneous or not_consistent");
    if ((rc = rv_json_object(j, o, "PS2_PM6", "points", 1, &pts)) || (rc = rv_json_keys_only(j, pts, "PS2_PM6.points", kinds))) return rc;
    for (int k = 0; k < 2; k++) {
        const cJSON *t;
        char path[64];
        rv_json_path(path, sizeof path, "PS2_PM6.points", kinds[k]);
        if ((rc = rv_json_object(j, pts, "PS2_PM6.points", kinds[k], 1, &t)) || (rc = rv_json_keys_only(j, t, path, levels))) return rc;
        for (int i = 0; levels[i]; i++) {
            double v;
            if ((rc = rv_json_number(j, t, path, levels[i], 1, &v))) return rc;
            if (v < 0) return jfail(j, path, levels[i], "must not be negative");
            if (i == lv) c->dn_points[k] = v;
        }
    }
    const cJSON *arr;
    if ((rc = rv_json_array(j, o, "PS2_PM6", "strengths", 1, &arr))) return rc;
    if (cJSON_GetArraySize(arr) < 1 || cJSON_GetArraySize(arr) > 4)
        return jfail(j, "PS2_PM6", "strengths", "expected 1 to 4 bands");
    static const char *const bk[] = { "min_points", "strength", NULL };
    for (const cJSON *b = arr->child; b; b = b->next) {
        char path[48];
        rv_json_elem_path(path, sizeof path, "PS2_PM6.strengths", c->n_dn_band);
        if (!cJSON_IsObject(b)) return rv_json_fail(j, path, NULL, "expected object, found %s", rv_json_kind(b));
        if ((rc = rv_json_keys_only(j, b, path, bk))) return rc;
        if ((rc = rv_json_number(j, b, path, "min_points", 1, &c->dn_band[c->n_dn_band].min))) return rc;
        if ((rc = get_strength(j, b, path, "strength", &c->dn_band[c->n_dn_band].strength))) return rc;
        if (c->n_dn_band && c->dn_band[c->n_dn_band].min >= c->dn_band[c->n_dn_band - 1].min)
            return jfail(j, path, "min_points", "bands must go from most to fewest points");
        c->n_dn_band++;
    }
    return 0;
}

static int load_other_criteria(jctx *j, const cJSON *root, rv_classifier *c)
{
    int rc0 = load_de_novo(j, root, c);
    if (rc0) return rc0;
    const cJSON *o;
    int rc;
    if ((rc = rv_json_object(j, root, "", "PM4_BP3", 1, &o))) return rc;
    static const char *const k4[] = { "PM4", "BP3", "skip_PM4_when_PVS1", NULL };
    if ((rc = rv_json_keys_only(j, o, "PM4_BP3", k4))) return rc;
    if ((rc = get_strength(j, o, "PM4_BP3", "PM4", &c->pm4))) return rc;
    if ((rc = get_strength(j, o, "PM4_BP3", "BP3", &c->bp3))) return rc;
    if ((rc = rv_json_bool(j, o, "PM4_BP3", "skip_PM4_when_PVS1", 1, &c->pm4_skip_pvs1))) return rc;

    if ((rc = rv_json_object(j, root, "", "PS1_PM5", 1, &o))) return rc;
    static const char *const k1[] = { "_comment", "PS1", "PS1_likely_pathogenic", "PM5", "PM5_likely_pathogenic",
                                      "PM5_several", "PM5_several_min", "min_stars", "exclude_comparator_consequences", NULL };
    if ((rc = rv_json_keys_only(j, o, "PS1_PM5", k1))) return rc;
    if ((rc = get_strength(j, o, "PS1_PM5", "PS1", &c->ps1))) return rc;
    if ((rc = get_strength(j, o, "PS1_PM5", "PS1_likely_pathogenic", &c->ps1_lp))) return rc;
    if ((rc = get_strength(j, o, "PS1_PM5", "PM5", &c->pm5))) return rc;
    if ((rc = get_strength(j, o, "PS1_PM5", "PM5_likely_pathogenic", &c->pm5_lp))) return rc;
    if ((rc = get_strength(j, o, "PS1_PM5", "PM5_several", &c->pm5_several))) return rc;
    if ((rc = get_int32(j, o, "PS1_PM5", "PM5_several_min", &c->pm5_several_min))) return rc;
    if (c->pm5_several_min != 0 && c->pm5_several_min < 2)
        return jfail(j, "PS1_PM5", "PM5_several_min", "must be 0 (off) or at least 2");
    rv_strlist ex = { 0 };
    rc = get_strlist(j, o, "PS1_PM5", "exclude_comparator_consequences", &ex, 0);
    for (int i = 0; rc == 0 && i < ex.n; i++) {
        int t = rv_so_parse(ex.v[i], strlen(ex.v[i]));
        if (t < 0) rc = jfail(j, "PS1_PM5", "exclude_comparator_consequences", "a term revus does not compute");
        else c->ps_exclude_terms |= 1u << t;
    }
    strlist_free(&ex);
    if (rc) return rc;
    if ((rc = get_int32(j, o, "PS1_PM5", "min_stars", &c->ps_min_stars))) return rc;
    if (c->ps_min_stars < 0 || c->ps_min_stars > 4) return jfail(j, "PS1_PM5", "min_stars", "must be 0..4");

    if ((rc = rv_json_object(j, root, "", "PP2_BP1", 1, &o))) return rc;
    static const char *const k2[] = { "PP2", "BP1", "pp2_genes", "bp1_genes", NULL };
    if ((rc = rv_json_keys_only(j, o, "PP2_BP1", k2))) return rc;
    if ((rc = get_strength(j, o, "PP2_BP1", "PP2", &c->pp2))) return rc;
    if ((rc = get_strength(j, o, "PP2_BP1", "BP1", &c->bp1))) return rc;
    const char *lk[2] = { "pp2_genes", "bp1_genes" };
    for (int i = 0; i < 2; i++) {
        const cJSON *v;
        if ((rc = rv_json_member(j, o, "PP2_BP1", lk[i], 1, &v))) return rc;
        if (cJSON_IsNull(v)) continue;
        if (!cJSON_IsString(v) || !v->valuestring[0])
            return jfail(j, "PP2_BP1", lk[i], "expected a file name or null");
        if ((rc = each_line(j, c, v->valuestring, gene_line, i ? &c->bp1_genes : &c->pp2_genes))) return rc;
        *(i ? &c->has_bp1_genes : &c->has_pp2_genes) = 1;
    }

    if ((rc = rv_json_object(j, root, "", "splice", 1, &o))) return rc;
    static const char *const ks[] = { "score_names", "pp3_min", "bp4_max", "bp7_max", "pp3_strength",
        "bp4_strength", "bp7_strength", "bp7_intronic_donor_min", "bp7_intronic_acceptor_min", NULL };
    const char *p = "splice";
    if ((rc = rv_json_keys_only(j, o, p, ks))) return rc;
    if ((rc = get_strlist(j, o, p, "score_names", &c->splice_names, 1))) return rc;
    if ((rc = rv_json_number(j, o, p, "pp3_min", 1, &c->splice_pp3_min))) return rc;
    if ((rc = rv_json_number(j, o, p, "bp4_max", 1, &c->splice_bp4_max))) return rc;
    if ((rc = rv_json_number(j, o, p, "bp7_max", 1, &c->splice_bp7_max))) return rc;
    if (c->splice_bp4_max >= c->splice_pp3_min) return jfail(j, p, "bp4_max", "must be below pp3_min");
    if (c->splice_bp7_max >= c->splice_pp3_min) return jfail(j, p, "bp7_max", "must be below pp3_min");
    if ((rc = get_strength(j, o, p, "pp3_strength", &c->splice_pp3))) return rc;
    if ((rc = get_strength(j, o, p, "bp4_strength", &c->splice_bp4))) return rc;
    if ((rc = get_strength(j, o, p, "bp7_strength", &c->splice_bp7))) return rc;
    if ((rc = get_int32(j, o, p, "bp7_intronic_donor_min", &c->bp7_donor_min))) return rc;
    if ((rc = get_int32(j, o, p, "bp7_intronic_acceptor_min", &c->bp7_acceptor_min))) return rc;
    if (c->bp7_donor_min < 1 || c->bp7_acceptor_min < 1)
        return jfail(j, p, NULL, "intronic positions must be at least 1");
    return 0;
}

static int load_effective(jctx *j, const cJSON *root, rv_classifier *c)
{
    const cJSON *o, *m;
    int rc = rv_json_object(j, root, "", "effective_class", 1, &o);
    if (rc) return rc;
    const char *p = "effective_class";
    static const char *const k[] = { "order", "clinvar_min_stars", "clinvar_class", NULL };
    if ((rc = rv_json_keys_only(j, o, p, k))) return rc;
    rv_strlist order = { 0 };
    if ((rc = get_strlist(j, o, p, "order", &order, 1))) { strlist_free(&order); return rc; }
    int seen_acmg = 0;
    for (int i = 0; i < order.n && !rc; i++) {
        int r = strcmp(order.v[i], "lab") == 0 ? RV_RULE_LAB
              : strcmp(order.v[i], "clinvar") == 0 ? RV_RULE_CLINVAR
              : strcmp(order.v[i], "acmg") == 0 ? RV_RULE_ACMG : 0;
        for (int k2 = 0; k2 < c->n_order; k2++) if (c->order[k2] == r) r = -1;
        if (r <= 0) rc = jfail(j, p, "order", "expected distinct lab, clinvar, acmg");
        else { c->order[c->n_order++] = r; seen_acmg |= r == RV_RULE_ACMG; }
    }
    strlist_free(&order);
    if (rc) return rc;
    if (!seen_acmg) return jfail(j, p, "order", "must end with acmg (the class always computed)");
    if (c->order[c->n_order - 1] != RV_RULE_ACMG) return jfail(j, p, "order", "acmg must be last");
    if ((rc = get_int32(j, o, p, "clinvar_min_stars", &c->cv_min_stars))) return rc;
    if (c->cv_min_stars < 0 || c->cv_min_stars > 4) return jfail(j, p, "clinvar_min_stars", "must be 0..4");
    if ((rc = rv_json_object(j, o, p, "clinvar_class", 1, &m))) return rc;
    for (const cJSON *it = m->child; it; it = it->next) {
        char pp[64];
        snprintf(pp, sizeof pp, "%s.clinvar_class", p);
        int from = 0;
        for (int cls = 1; cls < RV_CV_CLASS_N; cls++)
            if (strcmp(it->string, rv_clinvar_class_name(cls)) == 0) from = cls;
        if (!from) return jfail(j, pp, it->string, "unknown key (expected P, P/LP, LP, VUS, LB, B/LB, B)");
        if (!cJSON_IsString(it)) return jfail(j, pp, it->string, "expected a class name");
        int to = rv_class_parse(it->valuestring, strlen(it->valuestring));
        if (!to) return jfail(j, pp, it->string, "expected P, LP, VUS, LB or B");
        c->cv_class[from] = to;
    }
    return 0;
}

/* FNV-1a 64 of the rules file bytes, for provenance. */
static void hash_text(const char *s, size_t n, char out[20])
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) { h ^= (unsigned char)s[i]; h *= 1099511628211ULL; }
    snprintf(out, 20, "%016llx", (unsigned long long)h);
}

int rv_acmg_rules_load(const char *path, rv_classifier *c, rv_err *err)
{
    jctx j = { path, err };
    cJSON *root;
    char *text;
    size_t n;
    int rc = rv_json_load(path, RULES_MAX_BYTES, &root, &text, &n, err);
    if (rc < 0) return rc;
    hash_text(text, n, c->sha);
    free(text);
    if (!(c->path = strdup(path))) { cJSON_Delete(root); return rv_err_set(err, RV_ENOMEM, "out of memory"); }
    if (!cJSON_IsObject(root)) rc = rv_json_fail(&j, "", NULL, "expected object, found %s", rv_json_kind(root));
    static const char *const k[] = { "version", "points", "classes", "vus_tiers", "consequences",
        "BA1", "BS1", "PM2", "BS2", "PS2_PM6", "gene_overrides", "PVS1", "PM4_BP3", "PS1_PM5", "PP2_BP1",
        "pp3_bp4", "splice", "effective_class", NULL };
    const char *ver = NULL;
    if (!rc) rc = rv_json_keys_only(&j, root, "", k);
    if (!rc) rc = rv_json_string(&j, root, "", "version", 1, &ver);
    if (!rc) snprintf(c->version, sizeof c->version, "%s", ver);
    if (!rc) rc = load_classes(&j, root, c);
    if (!rc) rc = load_consequences(&j, root, c);
    if (!rc) rc = load_frequency(&j, root, c);
    if (!rc) rc = load_pvs1(&j, root, c);
    if (!rc) rc = load_other_criteria(&j, root, c);
    if (!rc) rc = load_predictors(&j, root, c);
    if (!rc) rc = load_effective(&j, root, c);
    cJSON_Delete(root);
    return rc;
}

void rv_acmg_rules_free(rv_classifier *c)
{
    free(c->path);
    for (int i = 0; i < c->n_vus; i++) free(c->vus[i].name);
    for (int g = 0; g < RV_CG_N; g++) strlist_free(&c->cons[g]);
    strlist_free(&c->pvs1_hi_scores);
    strlist_free(&c->ba1.af_fields);
    strlist_free(&c->bs1.af_fields);
    strlist_free(&c->pm2.af_fields);
    for (int i = 0; i < c->n_ba1_exc; i++) { free(c->ba1_exc[i].ref); free(c->ba1_exc[i].alt); }
    free(c->ba1_exc);
    for (int i = 0; i < c->n_ovr; i++) free(c->ovr[i].gene);
    free(c->ovr);
    strlist_free(&c->pp2_genes);
    strlist_free(&c->bp1_genes);
    for (int i = 0; i < c->n_pred; i++) { free(c->pred[i].name); strlist_free(&c->pred[i].score_names); }
    free(c->pred);
    strlist_free(&c->splice_names);
}

