/* run/sample.c: compute one sample's calls (run/sample.h). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <htslib/vcf.h>
#include "sources/annotator.h"
#include "classify/classifier.h"
#include "sources/clinvar.h"
#include "input/vcf_csq.h"
#include "base/digest.h"
#include "sources/index.h"
#include "run/sample.h"
#include "sources/store.h"
#include "variant/varkey.h"
#include "input/vcf_reader.h"

/* A gene-keyed or variant-keyed index the run reads directly (panels of an indication,
 * ClinVar's gene for inputs without a consequence annotation). */
typedef struct own_index {
    char name[64], version[64], role[32];
    rv_index *idx;
    rv_index_cursor cur;
} own_index;

struct rv_run_ctx {
    const rv_runconf *conf;
    rv_annotator *ann;
    rv_classifier *cls;
    rv_source_ver *src;
    int n_src;
    own_index *own;
    int n_own;
    int reader_threads;
    char config_hash[RV_SHA256_HEX];
};

static char *dup0(const char *s) { return s ? strdup(s) : NULL; }

int rv_run_ctx_open(rv_run_ctx **out, const char *home, const rv_runconf *conf,
                    const char *rules_path, int reader_threads, rv_err *err)
{
    *out = NULL;
    rv_run_ctx *x = calloc(1, sizeof *x);
    if (!x) return rv_err_set(err, RV_ENOMEM, "out of memory");
    x->conf = conf;
    x->reader_threads = reader_threads;
    rv_release *rel = NULL;
    int n = 0, rc;
    if ((rc = rv_store_list_active(home, &rel, &n, err)) < 0) goto fail;
    x->src = calloc((size_t)n + 1, sizeof *x->src);
    x->own = calloc((size_t)n + 1, sizeof *x->own);
    rv_annot_source *as = calloc((size_t)n + 1, sizeof *as);
    if (!x->src || !x->own || !as) { free(as); rc = rv_err_set(err, RV_ENOMEM, "out of memory"); goto fail; }
    for (int i = 0; i < n; i++) {
        rv_source_ver *v = &x->src[x->n_src++];
        v->source = dup0(rel[i].source);
        v->version = dup0(rel[i].version);
        v->sha256 = dup0(rel[i].sha256);
        v->role = dup0(rel[i].role);
        as[i] = (rv_annot_source){ rel[i].index_path, rel[i].source, rel[i].version, rel[i].sha256 };
        if (strcmp(rel[i].role, "gene-panel") == 0 || strcmp(rel[i].role, "clinical-assertion") == 0) {
            own_index *o = &x->own[x->n_own];
            snprintf(o->name, sizeof o->name, "%s", rel[i].source);
            snprintf(o->version, sizeof o->version, "%s", rel[i].version);
            snprintf(o->role, sizeof o->role, "%s", rel[i].role);
            if ((rc = rv_index_open_trusted(&o->idx, rel[i].index_path, err)) < 0) { free(as); goto fail; }
            x->n_own++;
        }
    }
    rc = rv_annotator_open(&x->ann, as, n, err);
    free(as);
    if (rc < 0) goto fail;
    if ((rc = rv_classifier_open(rules_path, &x->cls, err)) < 0) goto fail;
    if ((rc = rv_run_config_hash(conf, rules_path, x->config_hash, err)) < 0) goto fail;
    free(rel);
    *out = x;
    return 0;
fail:
    free(rel);
    rv_run_ctx_close(x);
    return rc;
}

void rv_run_ctx_close(rv_run_ctx *x)
{
    if (!x) return;
    rv_annotator_close(x->ann);
    rv_classifier_close(x->cls);
    for (int i = 0; i < x->n_own; i++) rv_index_close(x->own[i].idx);
    free(x->own);
    rv_source_vers_free(x->src, x->n_src);
    free(x);
}

int rv_run_config_hash(const rv_runconf *conf, const char *rules_path, char out[RV_SHA256_HEX], rv_err *err)
{
    char rules[RV_SHA256_HEX], both[2 * RV_SHA256_HEX + 2];
    int rc = rv_digest_sha256_file(rules_path, rules, err);
    if (rc < 0) return rc;
    snprintf(both, sizeof both, "%s+%s", conf->hash, rules);
    rv_digest_sha256_buf(both, strlen(both), out);
    return 0;
}

const rv_source_ver *rv_run_ctx_sources(const rv_run_ctx *x, int *n) { *n = x->n_src; return x->src; }
const char *rv_run_ctx_config_hash(const rv_run_ctx *x) { return x->config_hash; }

int rv_sample_check_vcf(const rv_sample *s, char *reason, size_t n)
{
    struct stat sb;
    if (stat(s->vcf_path, &sb) != 0) {
        snprintf(reason, n, "%s: VCF %s", s->vcf_path, errno == ENOENT ? "is missing" : strerror(errno));
        return -1;
    }
    char sha[RV_SHA256_HEX];
    rv_err e = { 0 };
    if (rv_digest_sha256_file(s->vcf_path, sha, &e) < 0) { snprintf(reason, n, "%s", e.msg); return -1; }
    if (strcmp(sha, s->vcf_sha256) != 0) {
        snprintf(reason, n, "%s: VCF changed since it was registered (sha256 %.12s..., registered %.12s...); "
                 "`revus cohort update --sample ID --vcf FILE` accepts it", s->vcf_path, sha, s->vcf_sha256);
        return -1;
    }
    return 0;
}

/* ---- helpers on borrowed strings ---- */

static char *str0(rv_str v) { return v.s && v.n ? rv_strndup0(v.s, v.n) : NULL; }

static int in_list(const char *csv, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = csv; p && *p;) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == n && strncmp(p, name, n) == 0) return 1;
        p = e ? e + 1 : NULL;
    }
    return 0;
}

static int str_in(char **list, int n, rv_str v)
{
    for (int i = 0; i < n; i++)
        if (strlen(list[i]) == v.n && strncasecmp(list[i], v.s, v.n) == 0) return 1;
    return 0;
}

/* Highest confidence of gene on the named panel sources; -1 when on none. */
static int panel_confidence(rv_run_ctx *x, const char *panels, rv_str gene, rv_str hgnc,
                            const char **src, const char **ver)
{
    int best = -1;
    for (int i = 0; i < x->n_own; i++) {
        own_index *o = &x->own[i];
        if (strcmp(o->role, "gene-panel") != 0 || !in_list(panels, o->name)) continue;
        int64_t rows = 0, rec = -1;
        if (hgnc.n) rec = rv_index_find_gene_n(o->idx, hgnc.s, hgnc.n, &rows);
        if (rec < 0 && gene.n) rec = rv_index_find_gene_n(o->idx, gene.s, gene.n, &rows);
        int f = rv_index_field_id(o->idx, "confidence");
        for (int64_t r = 0; rec >= 0 && f >= 0 && r < rows; r++) {
            int64_t v;
            if (rv_index_get_int(o->idx, rec + r, f, &v) == 0 && v > best) {
                best = (int)v;
                *src = o->name;
                *ver = o->version;
            }
        }
    }
    return best;
}

/* ClinVar's GENEINFO symbol ("CFTR:1080|...") for a variant, when the input gave no gene. */
static rv_str clinvar_gene(rv_run_ctx *x, const rv_varkey *key)
{
    rv_str g = { 0 };
    for (int i = 0; i < x->n_own && !g.n; i++) {
        own_index *o = &x->own[i];
        if (strcmp(o->role, "clinical-assertion") != 0) continue;
        int64_t rec = rv_index_find(o->idx, &o->cur, key);
        int f = rv_index_field_id(o->idx, "gene");
        const char *p;
        size_t n;
        if (rec < 0 || f < 0 || rv_index_get_str(o->idx, rec, f, &p, &n) < 0) continue;
        size_t k = 0;
        while (k < n && p[k] != ':' && p[k] != '|') k++;
        g.s = p;
        g.n = k;
    }
    return g;
}

/* REF and this ALT as written in the input line (untrimmed), for the consequence parser. */
static int input_alleles(const kstring_t *line, int alt_index, const char **ref, size_t *ref_n,
                         const char **alt, size_t *alt_n)
{
    const char *p = line->s, *end = line->s + line->l;
    for (int col = 0; col < 3; col++) {
        p = memchr(p, '\t', (size_t)(end - p));
        if (!p) return -1;
        p++;
    }
    const char *t = memchr(p, '\t', (size_t)(end - p));
    if (!t) return -1;
    *ref = p;
    *ref_n = (size_t)(t - p);
    p = t + 1;
    t = memchr(p, '\t', (size_t)(end - p));
    if (!t) t = end;
    for (int i = 1; i < alt_index; i++) {      /* the line may still hold every ALT */
        const char *c = memchr(p, ',', (size_t)(t - p));
        if (!c) break;
        p = c + 1;
    }
    const char *c = memchr(p, ',', (size_t)(t - p));
    *alt = p;
    *alt_n = (size_t)((c ? c : t) - p);
    return 0;
}

static int keys_has(char *const *keys, int n, const char *k)
{
    for (int i = 0; i < n; i++) if (strcmp(keys[i], k) == 0) return 1;
    return 0;
}

/* Zygosity of the sample's genotype: "het", "hom", "hemi"; NULL when it does not carry
 * the ALT (or has no call); "" for a sites-only VCF (carried, zygosity unknown). */
static const char *zygosity(const bcf_hdr_t *h, bcf1_t *b, int sample, int32_t **gt, int *mgt)
{
    int ns = bcf_hdr_nsamples(h);
    if (ns == 0) return "";
    int n = bcf_get_genotypes(h, b, gt, mgt);
    if (n <= 0) return NULL;
    int ploidy = n / ns, alt = 0, called = 0;
    for (int k = 0; k < ploidy; k++) {
        int32_t v = (*gt)[sample * ploidy + k];
        if (v == bcf_int32_vector_end) break;
        if (bcf_gt_is_missing(v)) continue;
        called++;
        alt += bcf_gt_allele(v) == 1;
    }
    if (alt == 0) return NULL;
    if (called == 1) return "hemi";
    return alt == called ? "hom" : "het";
}

/* The stored ClinVar tier: rv_clinvar_tier_name's words, so the state, the flags and the
 * reports use one vocabulary. NULL when the variant has no ClinVar record. */
static const char *tier_text(int tier)
{
    return tier > RV_CV_TIER_NONE && tier < RV_CV_TIER_N ? rv_clinvar_tier_name(tier) : NULL;
}

/* Fill one call from the evidence and its classification. */
static int make_call(rv_run_ctx *x, rv_call *c, const rv_evidence *ev, const rv_classification *cl,
                     const char *zyg, int panel_conf, const char *panel_src, const char *panel_ver,
                     int candidate, const char *reasons)
{
    char key[1024];
    if (rv_varkey_format(&ev->key, key, sizeof key) < 0) return -1;
    c->variant = strdup(key);
    c->contig = ev->key.contig;
    c->pos = ev->key.pos;
    c->gene = str0(ev->gene); c->hgnc_id = str0(ev->hgnc_id); c->transcript = str0(ev->transcript);
    c->hgvsc = str0(ev->hgvsc); c->hgvsp = str0(ev->hgvsp); c->consequence = str0(ev->consequence);
    c->zygosity = zyg && *zyg ? strdup(zyg) : NULL;
    c->cls = cl->acmg_class ? strdup(rv_class_name(cl->acmg_class)) : NULL;
    c->has_points = 1;
    c->points = cl->points;
    c->vus_tier = dup0(cl->vus_tier_name);
    kstring_t crit = { 0, 0, NULL };
    for (int i = 0; i < cl->n_criteria; i++) {
        char label[32];
        rv_criterion_label(x->cls, &cl->criteria[i], label, sizeof label);
        if (i) kputc(',', &crit);
        kputs(label, &crit);
    }
    c->criteria = crit.s;
    c->effective_class = cl->effective_class ? strdup(rv_class_name(cl->effective_class)) : NULL;
    c->deciding_rule = cl->rule_text[0] ? strdup(cl->rule_text) : dup0(rv_rule_name(cl->rule));
    if (ev->has_clinvar) {
        c->clinvar_tier = dup0(cl->has_clinvar ? tier_text(cl->clinvar.tier) : NULL);
        c->clinvar_sig = str0(ev->clnsig);
        c->clinvar_stars = cl->has_clinvar ? cl->clinvar.stars : -1;
        c->clinvar_id = ev->variation_id > 0 ? ev->variation_id : 0;
        c->clinvar_source = dup0(ev->clinvar_src.source);
        c->clinvar_version = dup0(ev->clinvar_src.version);
    }
    if (ev->has_pop) {
        c->has_af = !isnan(ev->af);
        c->af = ev->af;
        c->pop_source = dup0(ev->pop_src.source);
        c->pop_version = dup0(ev->pop_src.version);
    }
    c->panel_confidence = panel_conf;
    if (panel_conf >= 0) { c->panel_source = dup0(panel_src); c->panel_version = dup0(panel_ver); }
    if (ev->has_validity) {
        c->validity_class = str0(ev->validity_class);
        c->validity_source = dup0(ev->validity_src.source);
        c->validity_version = dup0(ev->validity_src.version);
    }
    c->candidate = candidate;
    c->candidate_reason = reasons[0] ? strdup(reasons) : NULL;
    return c->variant ? 0 : -1;
}

int rv_run_sample(rv_run_ctx *x, const rv_sample *s, const char *panels,
                  char *const *reported, int n_reported, const rv_calls *prev,
                  rv_calls *out, rv_err *err)
{
    const rv_runconf *conf = x->conf;
    rv_reader_opts o = { 0 };
    o.threads = x->reader_threads;
    o.fasta = conf->reference_fasta;
    rv_reader *r = NULL;
    int rc = rv_reader_open(&r, s->vcf_path, &o, err);
    if (rc < 0) return rc;
    bcf_hdr_t *h = rv_reader_header(r);
    int ns = bcf_hdr_nsamples(h), col = 0;
    if (ns > 1 && (col = bcf_hdr_id2int(h, BCF_DT_SAMPLE, s->id)) < 0) {
        rc = rv_err_set(err, RV_EINPUT, "%s: the VCF has %d samples and none is named %s", s->vcf_path, ns, s->id);
        goto done;
    }
    if ((rc = rv_annotator_check_build(x->ann, rv_reader_build(r), s->vcf_path, err)) < 0) goto done;
    rv_classifier_set_build(x->cls, rv_reader_build(r));
    for (int i = 0; i < x->n_own; i++) memset(&x->own[i].cur, 0, sizeof x->own[i].cur);

    rv_csq *csq = NULL;
    if ((rc = rv_csq_open(h, NULL, &csq, err)) < 0) goto done;
    const char *csq_tag = rv_csq_tag(csq);
    int32_t *gt = NULL;
    int mgt = 0;
    rv_nrec *rec;
    rv_evidence ev;
    rv_classification cl;
    char key[1024];
    while ((rc = rv_reader_next(r, &rec, err)) > 0) {
        if (rec->symbolic || rec->no_alt) continue;
        rv_evidence_init(&ev, &rec->key);
        const char *val;
        size_t len;
        if (csq_tag && rv_reader_info(r, csq_tag, &val, &len)) {
            const char *ref, *alt;
            size_t ref_n, alt_n;
            const kstring_t *line = rv_reader_line(r);
            if (line && input_alleles(line, rec->alt_index, &ref, &ref_n, &alt, &alt_n) == 0 &&
                rv_csq_fill(csq, val, len, ref, ref_n, alt, alt_n, rec->alt_index, &ev, err) < 0) {
                rc = rv_err_prefix(err, "%s:%lld", s->vcf_path, (long long)rec->line_no);
                rc = err ? err->code : RV_EINPUT;
                break;
            }
        }
        rv_annotator_variant(x->ann, &rec->key, &ev);
        if (!ev.gene.n && !ev.hgnc_id.n && ev.has_clinvar) ev.gene = clinvar_gene(x, &rec->key);
        rv_annotator_gene(x->ann, &ev);

        /* the candidate filter */
        const char *psrc = NULL, *pver = NULL;
        int pconf = -1;
        if (panels && *panels) pconf = panel_confidence(x, panels, ev.gene, ev.hgnc_id, &psrc, &pver);
        else if (ev.has_panel) { pconf = ev.panel_confidence; psrc = ev.panel_src.source; pver = ev.panel_src.version; }
        int on_panel = panels && *panels && pconf >= conf->panel_min_confidence;
        int disease_gene = conf->any_disease_gene &&
            ((ev.has_panel && ev.panel_confidence >= conf->panel_min_confidence) ||
             (ev.has_validity && str_in(conf->disease_gene_validity, conf->n_disease_gene_validity, ev.validity_class)));
        int rare = !ev.has_pop || isnan(ev.af) || ev.af <= conf->max_af;
        int clinvar = conf->keep_clinvar && ev.has_clinvar;
        if (rv_varkey_format(&rec->key, key, sizeof key) < 0) continue;   /* non-primary contig */
        int was = 0;
        const rv_call *pc = prev ? rv_calls_find_at(prev, rec->key.contig, rec->key.pos, key) : NULL;
        was = pc && pc->candidate;
        int lab = conf->keep_reported && keys_has(reported, n_reported, key);
        if (!(on_panel || disease_gene) && !clinvar && !lab && !was) continue;   /* cheap exit */

        /* ClinVar's common benign records are noise unless configured */
        if (clinvar && !rare && !conf->clinvar_common_benign && ev.clnsig.n) {
            rv_clinvar cv;
            if (rv_clinvar_parse(ev.clnsig.s, ev.clnsig.n, NULL, 0, NULL, 0, &cv, NULL) == 0 &&
                cv.tier == RV_CV_TIER_BLB)
                clinvar = 0;
        }
        char reasons[64] = "";
        if (on_panel && rare) strcat(reasons, "panel,");
        if (!on_panel && disease_gene && rare) strcat(reasons, "disease-gene,");
        if (clinvar) strcat(reasons, "clinvar,");
        if (lab) strcat(reasons, "reported,");
        if (reasons[0]) reasons[strlen(reasons) - 1] = '\0';
        int candidate = reasons[0] != '\0';
        if (!candidate && !was) continue;

        /* does the sample carry it? (the only records given a full parse) */
        bcf1_t *b = rv_reader_bcf(r, err);
        if (!b) { rc = err ? err->code : RV_EINPUT; break; }
        const char *zyg = zygosity(h, b, col, &gt, &mgt);
        if (!zyg) continue;

        if ((rc = rv_classify(x->cls, &ev, &cl, err)) < 0) {
            rv_err_prefix(err, "%s:%lld", s->vcf_path, (long long)rec->line_no);
            break;
        }
        rv_call *c = rv_calls_push(out);
        if (!c || make_call(x, c, &ev, &cl, zyg, pconf, psrc, pver, candidate, reasons) < 0) {
            rc = rv_err_set(err, RV_ENOMEM, "out of memory");
            break;
        }
    }
    free(gt);
    rv_csq_close(csq);
    if (rc == 0) {
        rv_calls_sort(out);
        int dup = rv_calls_dedup(out);
        if (dup) rv_log_warn("%s: %d variant%s listed more than once; the first of each is kept",
                             s->vcf_path, dup, dup == 1 ? "" : "s");
    }
done:
    if (rc < 0) rv_calls_free(out);
    rv_reader_close(r);
    return rc < 0 ? rc : 0;
}
