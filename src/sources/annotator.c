/* sources/annotator.c: sources -> evidence and INFO tags, through one adapter per role. */
#include <ctype.h>
#include <stddef.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sources/annotator.h"
#include "sources/index.h"
#include "base/numtext.h"
#include "sources/role.h"
#include "sources/store.h"
#include "sources/clinvar.h"

#define MAX_TAGS   12
#define MAX_ROWS   16       /* gene-keyed rows reported per gene */
#define RELEASE_EVERY (1 << 20)

/* One INFO tag of a role: the index field it shows, its name after "RV_" and header. */
typedef struct tag_def {
    const char *field;
    const char *tag;        /* "" = the source's own name (in-silico scores) */
    const char *number, *type, *desc;
} tag_def;

typedef struct asrc asrc;
typedef struct adapter {
    rv_role_id role;
    const tag_def *tags;
    int n_tags;
    void (*fill)(const asrc *s, rv_evidence *ev);
    long prov_off;          /* offsetof the role's rv_provenance in rv_evidence, -1 none: set
                             * when the source was consulted, so "absent" differs from "no source" */
    long gap_off;           /* offsetof the role's coverage gap in rv_evidence, -1 none: set when
                             * a source of the role does not cover the variant */
} adapter;

struct asrc {
    rv_index *idx;
    char *name, *version, *sha256;
    const char *role;
    const adapter *ad;
    int primary;                  /* first source of its role: plain tag names */
    int encode;                   /* strings from a non-VCF source are percent-encoded */
    int fid[MAX_TAGS];            /* index field of each tag, -1 absent */
    int digits[MAX_TAGS];         /* significant digits the source wrote (0 unknown) */
    char tag[MAX_TAGS][96];
    struct { const char *name; int id; } fcache[16];   /* field ids by name (literal pointer) */
    int n_fcache;
    rv_index_cursor cur;
    int64_t released;
    int64_t hit, n_rows;          /* last lookup: record (or first row) and rows; -1 none */
    int64_t hits;
    char joined[2][1024];         /* gene-validity: the conditions and MONDO ids of the gene's
                                   * strongest curations, "; "-joined (valid until the next lookup) */
};

struct rv_annotator {
    asrc *src;
    int n;
    int no_stars;                 /* RV_STARS comes from the classifier instead */
    int gene_from_regions;        /* the last record's gene came from a regions source */
};

/* ---- the role table ---- */

static const tag_def clinical_tags[] = {
    { "clnsig",       "CLNSIG",     ".", "String",  "ClinVar aggregate germline classification (CLNSIG)" },
    { "clnrevstat",   "CLNREVSTAT", ".", "String",  "ClinVar review status (CLNREVSTAT)" },
    { "clnsigconf",   "CLNSIGCONF", ".", "String",  "ClinVar conflicting classifications with counts (CLNSIGCONF)" },
    { "variation_id", "CLNVID",     "1", "Integer", "ClinVar Variation ID" },
};
static const tag_def population_tags[] = {
    { "af",        "AF",        "1", "Float",   "Allele frequency over all groups" },
    { "af_grpmax", "AF_GRPMAX", "1", "Float",   "Highest allele frequency among non-bottlenecked groups (grpmax/popmax)" },
    { "faf95",     "FAF95",     "1", "Float",   "Filtering allele frequency (95% CI)" },
    { "an",        "AN",        "1", "Integer", "Allele number" },
    { "ac",        "AC",        "1", "Integer", "Allele count" },
    { "nhomalt",   "NHOMALT",   "1", "Integer", "Homozygous individuals" },
    { "nhemi",     "NHEMI",     "1", "Integer", "Hemizygous individuals" },
};
static const tag_def score_tags[] = {
    { "score", "", "1", "Float", "In-silico score" },
};
static const tag_def lab_tags[] = {
    { "class", "LAB_CLASS", "1", "String", "The lab's own classification" },
    { "date",  "LAB_DATE",  "1", "String", "Date of the lab's classification" },
};
static const tag_def panel_tags[] = {
    { "confidence",    "PANEL",         ".", "Integer", "Gene panel confidence of the variant's gene: 3 green, 2 amber, 1 red, 0 removed" },
    { "moi",           "PANEL_MOI",     ".", "String",  "Mode of inheritance on the gene panel" },
    { "panel_id",      "PANEL_ID",      ".", "String",  "Gene panel id" },
    { "panel_version", "PANEL_VERSION", ".", "String",  "Gene panel version" },
};
static const tag_def validity_tags[] = {
    { "classification", "VALIDITY",         ".", "String", "Gene-disease validity classification(s) of the variant's gene" },
    { "moi",            "VALIDITY_MOI",     ".", "String", "Mode of inheritance of each gene-disease curation" },
    { "mondo",          "VALIDITY_DISEASE", ".", "String", "MONDO id of each gene-disease curation" },
};
static const tag_def dosage_tags[] = {
    { "hi_score", "HI_SCORE", "1", "String", "ClinGen haploinsufficiency score of the variant's gene (3 sufficient evidence, 2 some, 1 little, 0 none, 30 autosomal recessive, 40 unlikely)" },
};
static const tag_def region_tags[] = {
    { "symbol", "GENE", "1", "String", "Gene at the variant's position (gene-regions source)" },
};

/* Index field id of a role field; the names are literals, so the pointer is the key. */
static int field_id(const asrc *cs, const char *field)
{
    asrc *s = (asrc *)cs;
    for (int i = 0; i < s->n_fcache; i++)
        if (s->fcache[i].name == field) return s->fcache[i].id;
    int id = rv_index_field_id(s->idx, field);
    if (s->n_fcache < 16) { s->fcache[s->n_fcache].name = field; s->fcache[s->n_fcache].id = id; s->n_fcache++; }
    return id;
}

static const char *str_field(const asrc *s, int64_t rec, const char *field, rv_str *out)
{
    int f = field_id(s, field);
    const char *p; size_t n;
    if (f < 0 || rv_index_get_str(s->idx, rec, f, &p, &n) < 0) return NULL;
    out->s = p; out->n = n;
    return p;
}

static double float_field(const asrc *s, int64_t rec, const char *field)
{
    double v;
    int f = field_id(s, field);
    return f >= 0 && rv_index_get_float(s->idx, rec, f, &v) == 0 ? v : NAN;
}

static int64_t int_field(const asrc *s, int64_t rec, const char *field)
{
    int64_t v;
    int f = field_id(s, field);
    return f >= 0 && rv_index_get_int(s->idx, rec, f, &v) == 0 ? v : -1;
}

static rv_provenance prov(const asrc *s) { return (rv_provenance){ s->name, s->version }; }

static void fill_clinical(const asrc *s, rv_evidence *ev)
{
    if (ev->has_clinvar) return;
    ev->has_clinvar = 1;
    str_field(s, s->hit, "clnsig", &ev->clnsig);
    str_field(s, s->hit, "clnrevstat", &ev->clnrevstat);
    str_field(s, s->hit, "clnsigconf", &ev->clnsigconf);
    str_field(s, s->hit, "disease", &ev->clndn);
    ev->variation_id = int_field(s, s->hit, "variation_id");
    ev->clinvar_src = prov(s);
}

static void fill_population(const asrc *s, rv_evidence *ev)
{
    if (ev->has_pop) return;
    ev->has_pop = 1;
    ev->af = float_field(s, s->hit, "af");
    ev->af_grpmax = float_field(s, s->hit, "af_grpmax");
    ev->faf95 = float_field(s, s->hit, "faf95");
    ev->an = int_field(s, s->hit, "an");
    ev->ac = int_field(s, s->hit, "ac");
    ev->nhomalt = int_field(s, s->hit, "nhomalt");
    ev->nhemi = int_field(s, s->hit, "nhemi");
    ev->pop_src = prov(s);
}

/* One covering population source's say on the variant: its record, or its silence. */
static void add_pop(const asrc *s, rv_evidence *ev, int has)
{
    if (!ev || ev->n_pops >= RV_MAX_POPS) return;
    struct rv_pop *p = &ev->pops[ev->n_pops++];
    p->has = has;
    p->af = has ? float_field(s, s->hit, "af") : NAN;
    p->af_grpmax = has ? float_field(s, s->hit, "af_grpmax") : NAN;
    p->faf95 = has ? float_field(s, s->hit, "faf95") : NAN;
    p->an = has ? int_field(s, s->hit, "an") : -1;
    p->ac = has ? int_field(s, s->hit, "ac") : -1;
    p->nhomalt = has ? int_field(s, s->hit, "nhomalt") : -1;
    p->nhemi = has ? int_field(s, s->hit, "nhemi") : -1;
    p->src = prov(s);
}

static void fill_score(const asrc *s, rv_evidence *ev)
{
    double v = float_field(s, s->hit, "score");
    if (isnan(v) || ev->n_scores >= RV_MAX_SCORES) return;
    ev->scores[ev->n_scores].name = s->name;
    ev->scores[ev->n_scores].value = v;
    ev->scores[ev->n_scores].src = prov(s);
    ev->n_scores++;
}

static void fill_lab(const asrc *s, rv_evidence *ev)
{
    if (ev->has_lab) return;
    ev->has_lab = 1;
    str_field(s, s->hit, "class", &ev->lab_class);
    str_field(s, s->hit, "date", &ev->lab_date);
    ev->lab_src = prov(s);
}

static void fill_panel(const asrc *s, rv_evidence *ev)
{
    if (ev->has_panel) return;
    ev->has_panel = 1;
    ev->panel_confidence = (int)int_field(s, s->hit, "confidence");
    str_field(s, s->hit, "moi", &ev->panel_moi);
    str_field(s, s->hit, "panel_version", &ev->panel_version);
    str_field(s, s->hit, "panel_id", &ev->panel_id);
    str_field(s, s->hit, "panel_name", &ev->panel_name);
    str_field(s, s->hit, "mode_of_pathogenicity", &ev->panel_mop);
    ev->panel_src = prov(s);
}

/* ClinGen's gene-disease validity classifications, strongest first: a gene with several
 * curations is described by its strongest one (the first of equals in the file). */
static const char *const validity_order[] = {
    "Definitive", "Strong", "Moderate", "Limited", "Animal Model Only", "Disputed", "Refuted",
    "No Known Disease Relationship",
};

static int validity_rank(const rv_str *v)
{
    int n = (int)(sizeof validity_order / sizeof *validity_order);
    for (int i = 0; i < n; i++)
        if (v->n == strlen(validity_order[i]) && strncasecmp(v->s, validity_order[i], v->n) == 0) return i;
    return n;
}

/* Append v to buf ("; "-joined) unless it is empty or already there. */
static void join_value(char *buf, size_t n, const rv_str *v)
{
    if (!v->n) return;
    size_t len = strlen(buf);
    for (const char *p = buf; (p = memmem(p, (size_t)(buf + len - p), v->s, v->n)); p += v->n)
        if ((p == buf || p[-1] == ' ') && (p[v->n] == ';' || p[v->n] == '\0')) return;
    if (len + v->n + 3 > n) return;
    snprintf(buf + len, n - len, "%s%.*s", len ? "; " : "", (int)v->n, v->s);
}

static void fill_validity(const asrc *cs, rv_evidence *ev)
{
    asrc *s = (asrc *)cs;
    if (ev->has_validity) return;
    ev->has_validity = 1;
    int64_t best = s->hit, end = s->hit + (s->n_rows > 0 ? s->n_rows : 1);
    if (end - s->hit > MAX_ROWS) end = s->hit + MAX_ROWS;
    int best_rank = -1;
    for (int64_t r = s->hit; r < end; r++) {
        rv_str v = { 0 };
        int k = str_field(s, r, "classification", &v) ? validity_rank(&v) : 99;
        if (best_rank < 0 || k < best_rank) { best = r; best_rank = k; }
    }
    str_field(s, best, "classification", &ev->validity_class);
    str_field(s, best, "moi", &ev->validity_moi);
    str_field(s, best, "report", &ev->validity_report);
    /* every curation at that strength names a condition: a gene often has several */
    s->joined[0][0] = s->joined[1][0] = '\0';
    for (int64_t r = best; r < end; r++) {
        rv_str v = { 0 }, d = { 0 }, m = { 0 };
        if (!str_field(s, r, "classification", &v) || validity_rank(&v) != best_rank) continue;
        if (str_field(s, r, "disease", &d)) join_value(s->joined[0], sizeof s->joined[0], &d);
        if (str_field(s, r, "mondo", &m)) join_value(s->joined[1], sizeof s->joined[1], &m);
    }
    ev->validity_disease = (rv_str){ s->joined[0], strlen(s->joined[0]) };
    ev->validity_mondo = (rv_str){ s->joined[1], strlen(s->joined[1]) };
    ev->validity_src = prov(s);
}

static void fill_dosage(const asrc *s, rv_evidence *ev)
{
    if (ev->hi_score.n) return;
    str_field(s, s->hit, "hi_score", &ev->hi_score);
    ev->dosage_src = prov(s);
}

#define N_OF(a) ((int)(sizeof(a) / sizeof *(a)))
#define PROV(f) ((long)offsetof(rv_evidence, f))
static const adapter adapters[] = {
    { RV_ROLE_CLINICAL_ASSERTION, clinical_tags,   N_OF(clinical_tags),   fill_clinical,   PROV(clinvar_src), PROV(clinvar_gap) },
    { RV_ROLE_POPULATION_FREQUENCY, population_tags, N_OF(population_tags), fill_population, PROV(pop_src), PROV(pop_gap) },
    { RV_ROLE_IN_SILICO_SCORE, score_tags,      N_OF(score_tags),      fill_score,      -1, -1 },
    { RV_ROLE_LAB_CLASSIFICATION, lab_tags,        N_OF(lab_tags),        fill_lab,        PROV(lab_src), -1 },
    { RV_ROLE_GENE_PANEL,      panel_tags,      N_OF(panel_tags),      fill_panel,      PROV(panel_src), -1 },
    { RV_ROLE_GENE_VALIDITY,   validity_tags,   N_OF(validity_tags),   fill_validity,   PROV(validity_src), -1 },
    { RV_ROLE_GENE_REGIONS,    region_tags,     N_OF(region_tags),     NULL,            -1, -1 },
    /* a gene model names the gene at a position (as gene-regions do); its consequences come
     * from revus csq (src/csq/), not from a tag here */
    { RV_ROLE_GENE_MODEL,      NULL,            0,                     NULL,            -1, -1 },
    { RV_ROLE_GENE_DOSAGE,     dosage_tags,     N_OF(dosage_tags),     fill_dosage,     PROV(dosage_src), -1 },
};

/* The first consulted source of a role names itself in the evidence even without a match. */
static void consulted(const asrc *s, rv_evidence *ev)
{
    if (!ev || s->ad->prov_off < 0) return;
    rv_provenance *p = (rv_provenance *)((char *)ev + s->ad->prov_off);
    if (!p->source) *p = prov(s);
}

/* A source that does not cover the variant: remembered as the role's gap. */
static void not_covered(const asrc *s, rv_evidence *ev)
{
    if (!ev || s->ad->gap_off < 0) return;
    rv_provenance *p = (rv_provenance *)((char *)ev + s->ad->gap_off);
    if (p->source) return;
    *p = prov(s);
    if (p == &ev->pop_gap) ev->pop_gap_partial = rv_index_n_coverage_regions(s->idx) > 0;
}

/* Once a source of the role covers the variant, other sources' gaps do not matter. */
static void clear_gaps(rv_evidence *ev)
{
    if (!ev) return;
    if (ev->pop_src.source) { ev->pop_gap = (rv_provenance){ NULL, NULL }; ev->pop_gap_partial = 0; }
    if (ev->clinvar_src.source) ev->clinvar_gap = (rv_provenance){ NULL, NULL };
}

static const adapter *adapter_for(const char *role)
{
    rv_role_id id = rv_role_id_of(role);
    for (size_t i = 0; i < sizeof adapters / sizeof *adapters; i++)
        if (id != RV_ROLE_UNKNOWN && adapters[i].role == id) return &adapters[i];
    return NULL;
}

/* ---- opening ---- */

static void upper_name(char *out, size_t n, const char *prefix, const char *name, const char *suffix)
{
    size_t k = (size_t)snprintf(out, n, "%s", prefix);
    for (const char *p = name; *p && k + 1 < n; p++)
        out[k++] = isalnum((unsigned char)*p) ? (char)toupper((unsigned char)*p) : '_';
    out[k] = 0;
    if (suffix && *suffix) snprintf(out + k, n - k, "_%s", suffix);
}

int rv_annotator_open(rv_annotator **out, const rv_annot_source *src, int n, rv_err *err)
{
    *out = NULL;
    rv_annotator *a = calloc(1, sizeof *a);
    if (!a || !(a->src = calloc((size_t)(n ? n : 1), sizeof *a->src))) {
        free(a);
        return rv_err_set(err, RV_ENOMEM, "out of memory");
    }
    for (int i = 0; i < n; i++) {
        asrc *s = &a->src[a->n];
        int rc = rv_index_open_trusted(&s->idx, src[i].index_path, err);
        if (rc < 0) { rv_annotator_close(a); return rc; }
        a->n++;
        const char *nm = src[i].name ? src[i].name : rv_index_meta(s->idx, "source");
        const char *ver = src[i].version ? src[i].version : rv_index_meta(s->idx, "version");
        s->name = strdup(nm ? nm : "source");
        s->version = strdup(ver ? ver : "");
        s->sha256 = src[i].sha256 ? strdup(src[i].sha256) : NULL;
        if (!s->name || !s->version || (src[i].sha256 && !s->sha256)) { rv_annotator_close(a); return rv_err_set(err, RV_ENOMEM, "out of memory"); }
        s->role = rv_index_meta(s->idx, "role");
        s->ad = adapter_for(s->role);
        if (!s->ad) {
            rv_err_set(err, RV_ESOURCE, "%s: unknown role '%s' in index", src[i].index_path, s->role ? s->role : "");
            rv_annotator_close(a);
            return RV_ESOURCE;
        }
        const char *fmt = rv_index_meta(s->idx, "format");
        s->encode = !fmt || strcmp(fmt, "vcf") != 0;
        s->primary = 1;
        for (int j = 0; j < a->n - 1; j++)
            if (a->src[j].ad == s->ad) s->primary = 0;
        for (int t = 0; t < s->ad->n_tags && t < MAX_TAGS; t++) {
            const tag_def *td = &s->ad->tags[t];
            s->fid[t] = rv_index_field_id(s->idx, td->field);
            char key[128];
            snprintf(key, sizeof key, "digits.%s", td->field);
            const char *dg = rv_index_meta(s->idx, key);
            s->digits[t] = dg ? atoi(dg) : 0;
            if (!*td->tag) upper_name(s->tag[t], sizeof s->tag[t], "RV_", s->name, NULL);
            else if (s->primary) snprintf(s->tag[t], sizeof s->tag[t], "RV_%s", td->tag);
            else upper_name(s->tag[t], sizeof s->tag[t], "RV_", s->name, td->tag);
        }
        s->hit = -1;
    }
    *out = a;
    return 0;
}

void rv_annotator_close(rv_annotator *a)
{
    if (!a) return;
    for (int i = 0; i < a->n; i++) {
        rv_index_close(a->src[i].idx);
        free(a->src[i].name); free(a->src[i].version); free(a->src[i].sha256);
    }
    free(a->src);
    free(a);
}

int rv_annotator_check_build(const rv_annotator *a, rv_build input, const char *input_name, rv_err *err)
{
    rv_build seen = RV_BUILD_UNKNOWN;
    for (int i = 0; i < a->n; i++) {
        const asrc *s = &a->src[i];
        if (rv_index_kind(s->idx) == RV_KEY_GENE) continue;
        rv_build b = rv_build_parse(rv_index_meta(s->idx, "build"));
        if (b == RV_BUILD_UNKNOWN) continue;
        if (input != RV_BUILD_UNKNOWN && b != input)
            return rv_err_set(err, RV_EBUILD, "%s is %s but source %s %s is %s: use the %s release of the source",
                              input_name, rv_build_name(input), s->name, s->version, rv_build_name(b), rv_build_name(input));
        if (seen != RV_BUILD_UNKNOWN && b != seen)
            return rv_err_set(err, RV_EBUILD, "sources disagree on the genome build (%s is %s, another is %s)",
                              s->name, rv_build_name(b), rv_build_name(seen));
        seen = b;
    }
    if (input == RV_BUILD_UNKNOWN && seen != RV_BUILD_UNKNOWN)
        rv_log_warn("%s: genome build not detected (no ##contig lengths); assuming the sources' %s",
                    input_name, rv_build_name(seen));
    return 0;
}

/* ---- lookups ---- */

void rv_annotator_variant(rv_annotator *a, const rv_varkey *key, rv_evidence *ev)
{
    a->gene_from_regions = 0;
    for (int i = 0; i < a->n; i++) {
        asrc *s = &a->src[i];
        if (rv_index_kind(s->idx) != RV_KEY_VARIANT) { s->hit = -1; s->n_rows = 0; continue; }
        if (!rv_index_covers(s->idx, key->contig, key->pos)) {
            s->hit = -1; s->n_rows = 0;
            not_covered(s, ev);
            continue;
        }
        s->hit = rv_index_find(s->idx, &s->cur, key);
        s->n_rows = s->hit >= 0;
        if (s->cur.rec - s->released > RELEASE_EVERY) {
            rv_index_release_before(s->idx, s->cur.rec - 1024);
            s->released = s->cur.rec;
        } else if (s->cur.rec < s->released) {
            s->released = s->cur.rec;      /* moved back (new contig or unsorted input) */
        }
        if (s->ad->fill == fill_population) add_pop(s, ev, s->hit >= 0);
        if (s->hit < 0) { consulted(s, ev); continue; }
        s->hits++;
        if (ev && s->ad->fill) s->ad->fill(s, ev);
    }
    clear_gaps(ev);
}

static int yes_word(const rv_str *v)
{
    static const char *const yes[] = { "yes", "true", "1", "y" };
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        if (v->n == strlen(yes[i]) && strncasecmp(v->s, yes[i], v->n) == 0) return 1;
    return 0;
}

void rv_annotator_gene(rv_annotator *a, rv_evidence *ev)
{
    a->gene_from_regions = 0;
    /* gene-regions sources: gene attribution (when the input has none), repeats, LoF */
    for (int i = 0; i < a->n; i++) {
        asrc *s = &a->src[i];
        if (rv_index_kind(s->idx) != RV_KEY_INTERVAL) continue;
        if (field_id(s, "lof_mechanism") >= 0) ev->lof_sources++;
        s->hit = -1; s->n_rows = 0;
        int64_t recs[MAX_ROWS];
        int n = rv_index_overlaps(s->idx, ev->key.contig, ev->key.pos, recs, MAX_ROWS);
        for (int k = 0; k < n; k++) {
            rv_str feat = { 0 }, v = { 0 }, sym = { 0 };
            str_field(s, recs[k], "feature", &feat);
            if (feat.n >= 6 && memmem(feat.s, feat.n, "repeat", 6)) { ev->in_repeat = 1; continue; }
            if (s->hit < 0) { s->hit = recs[k]; s->n_rows = 1; s->hits++; }
            if (str_field(s, recs[k], "lof_mechanism", &v) && yes_word(&v) && ev->lof_mechanism != 1) {
                ev->lof_mechanism = 1;
                ev->lof_src = prov(s);
            }
            if (!ev->gene.n && !ev->hgnc_id.n && str_field(s, recs[k], "symbol", &sym)) {
                ev->gene = sym;
                str_field(s, recs[k], "hgnc_id", &ev->hgnc_id);
                a->gene_from_regions = 1;
            }
        }
    }
    /* last resort: the first gene ClinVar names for the variant (GENEINFO "SYMBOL:ID|...") */
    if (!ev->gene.n && !ev->hgnc_id.n) {
        for (int i = 0; i < a->n; i++) {
            asrc *s = &a->src[i];
            rv_str g;
            if (s->ad->fill != fill_clinical || s->hit < 0 || !str_field(s, s->hit, "gene", &g)) continue;
            size_t k = 0;
            while (k < g.n && g.s[k] != ':' && g.s[k] != '|') k++;
            if (k) { ev->gene.s = g.s; ev->gene.n = k; }
            break;
        }
    }
    for (int i = 0; i < a->n; i++) {
        asrc *s = &a->src[i];
        if (rv_index_kind(s->idx) != RV_KEY_GENE) continue;
        if (s->ad->fill == fill_dosage) ev->lof_sources++;
        s->hit = -1; s->n_rows = 0;
        if (ev->hgnc_id.n) s->hit = rv_index_find_gene_n(s->idx, ev->hgnc_id.s, ev->hgnc_id.n, &s->n_rows);
        if (s->hit < 0 && ev->gene.n) s->hit = rv_index_find_gene_n(s->idx, ev->gene.s, ev->gene.n, &s->n_rows);
        if (s->hit < 0) {
            s->n_rows = 0;
            if (ev->gene.n || ev->hgnc_id.n) consulted(s, ev);   /* the gene is known, not listed */
            continue;
        }
        s->hits++;
        if (s->ad->fill) s->ad->fill(s, ev);
    }
}

int rv_annotator_gene_level(const rv_annotator *a)
{
    for (int i = 0; i < a->n; i++)
        if (rv_index_kind(a->src[i].idx) != RV_KEY_VARIANT) return 1;
    return 0;
}

void rv_annotator_fill(rv_annotator *a, const rv_varkey *key, rv_evidence *ev)
{
    rv_annotator_variant(a, key, ev);
    rv_annotator_gene(a, ev);
}

/* ---- output ---- */

/* The source's own decimal when the index knows how many digits it wrote; else the
 * shortest of %.6g and %.17g that reads back the same. */
static void put_float(kstring_t *s, double v, int digits)
{
    char buf[40];
    if (digits > 0) {
        kputsn(buf, (size_t)rv_format_double(v, digits, buf), s);
        return;
    }
    snprintf(buf, sizeof buf, "%.6g", v);
    if (strtod(buf, NULL) != v) snprintf(buf, sizeof buf, "%.17g", v);
    kputs(buf, s);
}

/* INFO-safe text: VCF sources are already INFO values; others are percent-encoded. */
static void put_str(kstring_t *s, const char *p, size_t n, int encode)
{
    if (!encode) { kputsn(p, n, s); return; }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c == ';' || c == '=' || c == ',' || c == '%' || c == ' ' || c < 0x20) ksprintf(s, "%%%02X", c);
        else kputc(c, s);
    }
}

/* Value(s) of tag t of source s for the current record; 0 when none is set. */
static int put_values(const asrc *s, int t, kstring_t *out)
{
    int f = s->fid[t];
    if (f < 0 || s->hit < 0) return 0;
    int64_t rows = s->n_rows > MAX_ROWS ? MAX_ROWS : s->n_rows;
    int any = 0;
    for (int64_t r = 0; r < rows; r++) {
        int64_t rec = s->hit + r;
        if (r) kputc(rv_index_kind(s->idx) == RV_KEY_GENE && rv_index_field_type(s->idx, f) == RV_T_STR ? '|' : ',', out);
        double d; int64_t iv; const char *p; size_t n;
        switch (rv_index_field_type(s->idx, f)) {
        case RV_T_FLOAT: if (rv_index_get_float(s->idx, rec, f, &d) == 0) { put_float(out, d, s->digits[t]); any = 1; } else kputc('.', out); break;
        case RV_T_INT:   if (rv_index_get_int(s->idx, rec, f, &iv) == 0) { kputll(iv, out); any = 1; } else kputc('.', out); break;
        case RV_T_STR:   if (rv_index_get_str(s->idx, rec, f, &p, &n) == 0 && n) { put_str(out, p, n, s->encode); any = 1; } else kputc('.', out); break;
        }
        if (rv_index_kind(s->idx) != RV_KEY_GENE) break;   /* one row for variants and regions */
    }
    return any;
}

/* RV_STARS from CLNREVSTAT, through the ClinVar term table. */
static int stars_of(const asrc *s)
{
    rv_str v;
    if (!str_field(s, s->hit, "clnrevstat", &v)) return -1;
    return rv_clinvar_stars(v.s, v.n, NULL);
}

int rv_annotator_info_text(const rv_annotator *a, kstring_t *out)
{
    int n = 0;
    kstring_t v = { 0, 0, NULL };
    for (int i = 0; i < a->n; i++) {
        const asrc *s = &a->src[i];
        if (s->hit < 0) continue;
        if (rv_index_kind(s->idx) == RV_KEY_INTERVAL && !a->gene_from_regions) continue;
        for (int t = 0; t < s->ad->n_tags && t < MAX_TAGS; t++) {
            v.l = 0;
            if (!put_values(s, t, &v)) continue;
            if (n) kputc(';', out);
            kputs(s->tag[t], out); kputc('=', out); kputsn(v.s, v.l, out);
            n++;
        }
        if (s->ad->fill == fill_clinical && s->primary && !a->no_stars) {
            int st = stars_of(s);
            if (st >= 0) { if (n) kputc(';', out); ksprintf(out, "RV_STARS=%d", st); n++; }
        }
    }
    free(v.s);
    return n;
}

int rv_annotator_info_bcf(const rv_annotator *a, const bcf_hdr_t *hdr, bcf1_t *rec, rv_err *err)
{
    kstring_t v = { 0, 0, NULL };
    int rc = 0;
    for (int i = 0; i < a->n && rc == 0; i++) {
        const asrc *s = &a->src[i];
        if (s->hit < 0) continue;
        if (rv_index_kind(s->idx) == RV_KEY_INTERVAL && !a->gene_from_regions) continue;
        for (int t = 0; t < s->ad->n_tags && t < MAX_TAGS && rc == 0; t++) {
            int f = s->fid[t];
            if (f < 0) continue;
            double d; int64_t iv;
            int multi = rv_index_kind(s->idx) == RV_KEY_GENE && s->n_rows > 1;
            switch (rv_index_field_type(s->idx, f)) {
            case RV_T_FLOAT:
                if (!multi && rv_index_get_float(s->idx, s->hit, f, &d) == 0) {
                    float x = (float)d;
                    rc = bcf_update_info_float(hdr, rec, s->tag[t], &x, 1);
                }
                break;
            case RV_T_INT:
                if (!multi && rv_index_get_int(s->idx, s->hit, f, &iv) == 0) {
                    int32_t x = (int32_t)iv;
                    rc = bcf_update_info_int32(hdr, rec, s->tag[t], &x, 1);
                }
                break;
            default:
                v.l = 0;
                if (put_values(s, t, &v)) rc = bcf_update_info_string(hdr, rec, s->tag[t], v.s);
                break;
            }
            if (multi && rv_index_field_type(s->idx, f) != RV_T_STR) {
                v.l = 0;   /* several rows of a number: the first row only in BCF */
                if (rv_index_field_type(s->idx, f) == RV_T_INT && rv_index_get_int(s->idx, s->hit, f, &iv) == 0) {
                    int32_t x = (int32_t)iv;
                    rc = bcf_update_info_int32(hdr, rec, s->tag[t], &x, 1);
                }
            }
        }
        if (rc == 0 && s->ad->fill == fill_clinical && s->primary && !a->no_stars) {
            int32_t st = stars_of(s);
            if (st >= 0) rc = bcf_update_info_int32(hdr, rec, "RV_STARS", &st, 1);
        }
    }
    free(v.s);
    if (rc < 0) return rv_err_set(err, RV_EIO, "cannot set INFO tags on a BCF record");
    return 0;
}

static int hdr_line(bcf_hdr_t *hdr, const char *line, rv_err *err)
{
    if (bcf_hdr_append(hdr, line) < 0) return rv_err_set(err, RV_EINPUT, "cannot add header line %s", line);
    return 0;
}

int rv_annotator_header(const rv_annotator *a, bcf_hdr_t *hdr, rv_err *err)
{
    kstring_t l = { 0, 0, NULL };
    int rc = 0;
    for (int i = 0; i < a->n && rc == 0; i++) {
        const asrc *s = &a->src[i];
        l.l = 0;
        ksprintf(&l, "##revusSource=<ID=%s,Version=%s,SHA256=%s,Role=%s>", s->name,
                 *s->version ? s->version : ".", s->sha256 ? s->sha256 : ".", s->role);
        rc = hdr_line(hdr, l.s, err);
        for (int t = 0; t < s->ad->n_tags && t < MAX_TAGS && rc == 0; t++) {
            if (s->fid[t] < 0) continue;
            const tag_def *td = &s->ad->tags[t];
            const char *type = td->type;
            /* the index knows the real type (a score mapped as int, ...) */
            rv_ftype ft = rv_index_field_type(s->idx, s->fid[t]);
            type = ft == RV_T_FLOAT ? "Float" : ft == RV_T_INT ? "Integer" : "String";
            if (!*td->tag) type = "Float";
            l.l = 0;
            ksprintf(&l, "##INFO=<ID=%s,Number=%s,Type=%s,Description=\"%s (%s %s)\",Source=\"%s\",Version=\"%s\">",
                     s->tag[t], rv_index_kind(s->idx) == RV_KEY_GENE ? "." : td->number, type, td->desc,
                     s->name, s->version, s->name, s->version);
            rc = hdr_line(hdr, l.s, err);
        }
        if (rc == 0 && s->ad->fill == fill_clinical && s->primary && !a->no_stars) {
            l.l = 0;
            ksprintf(&l, "##INFO=<ID=RV_STARS,Number=1,Type=Integer,Description=\"ClinVar review stars 0-4 from CLNREVSTAT (%s %s)\",Source=\"%s\",Version=\"%s\">",
                     s->name, s->version, s->name, s->version);
            rc = hdr_line(hdr, l.s, err);
        }
    }
    free(l.s);
    if (rc == 0 && bcf_hdr_sync(hdr) < 0) rc = rv_err_set(err, RV_EINPUT, "cannot update the VCF header");
    return rc;
}

int rv_annotator_n_sources(const rv_annotator *a) { return a->n; }

void rv_annotator_set_stars(rv_annotator *a, int on) { a->no_stars = !on; }

void rv_annotator_source(const rv_annotator *a, int i, const char **name, const char **version,
                         const char **role, const char **sha256)
{
    const asrc *s = &a->src[i];
    if (name) *name = s->name;
    if (version) *version = s->version;
    if (role) *role = s->role;
    if (sha256) *sha256 = s->sha256;
}

const rv_index *rv_annotator_index(const rv_annotator *a, int i)
{
    return i >= 0 && i < a->n ? a->src[i].idx : NULL;
}

int64_t rv_annotator_hits(const rv_annotator *a, int i) { return i >= 0 && i < a->n ? a->src[i].hits : 0; }

int rv_annotator_open_home(rv_annotator **a, const char *home, const char *const *names, int n_names, rv_err *err)
{
    *a = NULL;
    rv_release *rel = NULL;
    int n = 0, rc;
    if (n_names > 0) {
        rel = calloc((size_t)n_names, sizeof *rel);
        if (!rel) return rv_err_set(err, RV_ENOMEM, "out of memory");
        for (n = 0; n < n_names; n++) {
            rc = rv_store_active(home, names[n], &rel[n], err);
            if (rc < 0) { free(rel); return rc; }
        }
    } else {
        rc = rv_store_list_active(home, &rel, &n, err);
        if (rc < 0) return rc;
    }
    rv_annot_source *src = calloc((size_t)(n ? n : 1), sizeof *src);
    if (!src) { free(rel); return rv_err_set(err, RV_ENOMEM, "out of memory"); }
    for (int i = 0; i < n; i++) {
        src[i].index_path = rel[i].index_path;
        src[i].name = rel[i].source;
        src[i].version = rel[i].version;
        src[i].sha256 = rel[i].sha256[0] ? rel[i].sha256 : NULL;
    }
    rc = rv_annotator_open(a, src, n, err);
    free(src);
    free(rel);
    return rc;
}
