/* run/sample.c: compute one sample's calls (run/sample.h). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <htslib/vcf.h>
#include "base/digest.h"
#include "input/vcf_reader.h"
#include "sources/annotator.h"
#include "sources/role.h"
#include "sources/clinvar.h"
#include "sources/index.h"
#include "sources/store.h"
#include "variant/varkey.h"
#include "classify/classifier.h"
#include "classify/relevance.h"
#include "classify/residue_index.h"
#include "classify/to_call.h"
#include "classify/vcf_tags.h"
#include "run/sample.h"
#include "input/genotype.h"
#include "run/family.h"
#include "variant/moi.h"

/* A gene panel the run reads directly: the candidate filter asks each of the sample's
 * indication panels, where the annotator only gives the first panel source. */
typedef struct own_index {
    char name[64], version[64];
    rv_index *idx;
} own_index;

struct rv_run_ctx {
    const rv_runconf *conf;
    rv_annotator *ann;          /* every active source, for the evidence */
    rv_classifier *cls;
    rv_source_ver *src;
    int n_src;
    own_index *own;
    int n_own;
    int reader_threads;
    rv_relevance_conf relevance;   /* which variants can matter (classify/relevance.h) */
    char config_hash[RV_SHA256_HEX];
    rv_gene_model *gm;          /* the active gene model with the config's FASTA, or NULL */
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
    x->relevance = (rv_relevance_conf){ conf->consequences, conf->n_consequences, conf->clinvar_tiers,
                                        conf->n_clinvar_tiers, conf->clinvar_common_benign };
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
        if (rv_role_id_of(rel[i].role) == RV_ROLE_GENE_PANEL) {
            own_index *o = &x->own[x->n_own];
            snprintf(o->name, sizeof o->name, "%s", rel[i].source);
            snprintf(o->version, sizeof o->version, "%s", rel[i].version);
            if ((rc = rv_index_open_trusted(&o->idx, rel[i].index_path, err)) < 0) { free(as); goto fail; }
            x->n_own++;
        }
    }
    rc = rv_annotator_open(&x->ann, as, n, err);
    free(as);
    if (rc < 0) goto fail;
    if ((rc = rv_classifier_open(rules_path, &x->cls, err)) < 0) goto fail;
    if ((rc = rv_gene_model_open_home(&x->gm, home, conf->reference_fasta, err)) < 0) goto fail;
    if (x->gm) rv_gene_model_set_conventions(x->gm, &conf->conv);
    int residue_rows;             /* PS1/PM5 from the active ClinVar release (and gene model) */
    if ((rc = rv_residues_attach(x->cls, x->ann, x->gm, &residue_rows, err)) < 0) goto fail;
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
    rv_gene_model_close(x->gm);
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

/* ---- helpers on borrowed strings ---- */

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
                            const char **src, const char **ver, rv_str *moi, rv_str *pid, rv_str *pname)
{
    int best = -1;
    for (int i = 0; i < x->n_own; i++) {
        own_index *o = &x->own[i];
        if (!in_list(panels, o->name)) continue;
        int64_t rows = 0, rec = -1;
        if (hgnc.n) rec = rv_index_find_gene_n(o->idx, hgnc.s, hgnc.n, &rows);
        if (rec < 0 && gene.n) rec = rv_index_find_gene_n(o->idx, gene.s, gene.n, &rows);
        int f = rv_index_field_id(o->idx, "confidence"), fm = rv_index_field_id(o->idx, "moi");
        for (int64_t r = 0; rec >= 0 && f >= 0 && r < rows; r++) {
            int64_t v;
            if (rv_index_get_int(o->idx, rec + r, f, &v) == 0 && v > best) {
                best = (int)v;
                *src = o->name;
                *ver = o->version;
                const char *p;
                size_t n;
                if (fm >= 0 && rv_index_get_str(o->idx, rec + r, fm, &p, &n) == 0) { moi->s = p; moi->n = n; }
                /* the panel's own id and name, for the report's link and condition */
                int fi = rv_index_field_id(o->idx, "panel_id"), fn = rv_index_field_id(o->idx, "panel_name");
                *pid = (rv_str){ 0 };
                *pname = (rv_str){ 0 };
                if (fi >= 0) rv_index_get_str(o->idx, rec + r, fi, &pid->s, &pid->n);
                if (fn >= 0) rv_index_get_str(o->idx, rec + r, fn, &pname->s, &pname->n);
            }
        }
    }
    return best;
}

static int keys_has(char *const *keys, int n, const char *k)
{
    for (int i = 0; i < n; i++) if (strcmp(keys[i], k) == 0) return 1;
    return 0;
}

/* The gene's mode of inheritance: the indication's panel first, then the gene-validity
 * source, then any panel (docs/inheritance.md). Sets the call's moi and moi_source. */
static int call_moi(rv_call *c, rv_str ind_moi, const char *ind_src, const char *ind_ver, const rv_evidence *ev)
{
    struct { rv_str m; const char *src, *ver; } cand[3] = {
        { ind_moi, ind_src, ind_ver },
        { ev->has_validity ? ev->validity_moi : (rv_str){ 0 }, ev->validity_src.source, ev->validity_src.version },
        { ev->has_panel ? ev->panel_moi : (rv_str){ 0 }, ev->panel_src.source, ev->panel_src.version },
    };
    for (int i = 0; i < 3; i++) {
        rv_moi m = cand[i].m.n ? rv_moi_parse(cand[i].m.s, cand[i].m.n) : RV_MOI_UNKNOWN;
        if (m == RV_MOI_UNKNOWN) continue;
        char buf[160];
        snprintf(buf, sizeof buf, "%s@%s", cand[i].src ? cand[i].src : "?", cand[i].ver ? cand[i].ver : "?");
        c->moi = strdup(rv_moi_name(m));
        c->moi_source = strdup(buf);
        return c->moi && c->moi_source ? 0 : RV_ENOMEM;
    }
    return 0;
}

/* Why a variant is a candidate: the candidate filter of run/sample.h. */
typedef struct candidacy {
    rv_relevance_in in;         /* what the relevance rule is given (classify/relevance.h) */
    char reasons[256];          /* its reasons, kept or not: "panel:missense_variant,clinvar:VUS" */
    int candidate;              /* a candidate now */
    int was;                    /* a candidate in the previous run */
    int pconf;                  /* panel confidence the filter judged by; -1 on no panel */
    const char *psrc, *pver;    /* the panel release it came from */
    rv_str pmoi;                /* the gene's MOI on the indication's panel */
    rv_str pid, pname;          /* that panel's own id and name (borrowed from its index) */
} candidacy;

/* Judge one variant before it is classified. key: its rv_varkey_format text. Returns 1
 * when it may be kept (the relevance rule then decides, rv_relevance_decide), else 0. */
static int judge(rv_run_ctx *x, const rv_evidence *ev, const char *key, const char *panels,
                 char *const *reported, int n_reported, const rv_calls *prev, candidacy *k)
{
    const rv_runconf *conf = x->conf;
    memset(k, 0, sizeof *k);
    k->pconf = -1;
    if (panels && *panels)
        k->pconf = panel_confidence(x, panels, ev->gene, ev->hgnc_id, &k->psrc, &k->pver, &k->pmoi, &k->pid, &k->pname);
    else if (ev->has_panel) {
        k->pconf = ev->panel_confidence; k->psrc = ev->panel_src.source; k->pver = ev->panel_src.version;
        k->pid = ev->panel_id; k->pname = ev->panel_name;
    }
    int on_panel = panels && *panels && k->pconf >= conf->panel_min_confidence;
    int disease_gene = conf->any_disease_gene &&
        ((ev->has_panel && ev->panel_confidence >= conf->panel_min_confidence) ||
         (ev->has_validity && str_in(conf->disease_gene_validity, conf->n_disease_gene_validity, ev->validity_class)));
    int rare = !ev->has_pop || isnan(ev->af) || ev->af <= conf->max_af;
    int clinvar = conf->keep_clinvar && ev->has_clinvar;
    const rv_call *pc = prev ? rv_calls_find_at(prev, ev->key.contig, ev->key.pos, key) : NULL;
    k->was = pc && pc->candidate;
    int lab = conf->keep_reported && keys_has(reported, n_reported, key);
    if (!(on_panel || disease_gene) && !clinvar && !lab && !k->was) return 0;   /* cheap exit */

    /* the relevance rule needs the classification (splice PP3, ClinVar tier): decided later */
    k->in = (rv_relevance_in){ on_panel ? "panel" : disease_gene ? "disease-gene" : NULL, rare, clinvar, lab };
    return 1;
}

/* What only the run knows, added to a call made by rv_call_from_classification: the
 * zygosity, the panel judged by (the indication's, see judge) and the candidacy. */
static int run_fields(rv_call *c, const char *zyg, const candidacy *k, const rv_genotype *g, int haploid,
                      const rv_evidence *ev)
{
    c->gt = *g;
    c->haploid = haploid;
    if (call_moi(c, k->pmoi, k->psrc, k->pver, ev) < 0) return RV_ENOMEM;
    free(c->panel_source);
    free(c->panel_version);
    free(c->panel_id);
    free(c->panel_name);
    c->panel_source = c->panel_version = c->panel_id = c->panel_name = NULL;
    c->panel_confidence = k->pconf;
    if (k->pconf >= 0) {
        c->panel_source = dup0(k->psrc); c->panel_version = dup0(k->pver);
        c->panel_id = k->pid.n ? rv_strndup0(k->pid.s, k->pid.n) : NULL;
        c->panel_name = k->pname.n ? rv_strndup0(k->pname.s, k->pname.n) : NULL;
    }
    c->zygosity = zyg && *zyg ? strdup(zyg) : NULL;
    c->candidate = k->candidate;
    c->candidate_reason = k->reasons[0] ? strdup(k->reasons) : NULL;
    return (k->reasons[0] && !c->candidate_reason) || (zyg && *zyg && !c->zygosity) ? RV_ENOMEM : 0;
}

/* One sample: every record goes through the record path that `revus annotate` uses
 * (classify/vcf_tags.h), so the evidence and classes match; then the candidate filter
 * (judge), the genotype (zygosity) and, for a kept variant the sample carries, the
 * classification stored as a call (rv_call_from_classification + run_fields). */
static int cmp_key(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* A part of the VCF to scan: only these sorted variant keys (NULL: every record), and only
 * records starting in these regions, through the VCF's index (reg NULL: stream it). */
typedef struct scan_part {
    char *const *only;
    int n_only;
    const rv_region *reg;
    int n_reg;
    const char *index_path;
    const char *lines_path;     /* or only these lines (virtual offsets) of this file */
    const uint64_t *lines;
    int n_lines;
} scan_part;

static int scan(rv_run_ctx *x, const rv_sample *s, const char *panels,
                char *const *reported, int n_reported, const rv_calls *prev, const rv_family *fam,
                const scan_part *part, rv_calls *out, rv_err *err)
{
    rv_reader_opts o = { 0 };
    o.threads = part ? 0 : x->reader_threads;     /* a few records: no decompression threads */
    o.fasta = x->conf->reference_fasta;
    rv_reader *r = NULL;
    rv_vcf_classify *vc = NULL;
    int rc = rv_reader_open(&r, part && part->lines_path ? part->lines_path : s->vcf_path, &o, err);
    if (rc < 0) return rc;
    rv_err re = { 0 };
    if (part && part->lines_path && rv_reader_set_offsets(r, part->lines, part->n_lines, &re) < 0)
        rv_log_debug("%s: line reads not possible, streaming: %s", part->lines_path, re.msg);
    if (part && part->reg && part->index_path &&
        rv_reader_set_regions(r, part->index_path, part->reg, part->n_reg, &re) < 0)   /* then stream it */
        rv_log_debug("%s: region reads not possible, streaming: %s", s->vcf_path, re.msg);
    bcf_hdr_t *h = rv_reader_header(r);
    int ns = bcf_hdr_nsamples(h), col = 0;
    const char *colname = s->vcf_sample ? s->vcf_sample : s->id;
    if ((ns > 1 || s->vcf_sample) && (col = bcf_hdr_id2int(h, BCF_DT_SAMPLE, colname)) < 0) {
        rc = rv_err_set(err, RV_EINPUT, "%s: the VCF has %d samples and none is named %s", s->vcf_path, ns, colname);
        goto done;
    }
    int male = s->sex && strcmp(s->sex, "M") == 0;
    rv_build build = rv_reader_build(r);
    if ((rc = rv_annotator_check_build(x->ann, rv_reader_build(r), s->vcf_path, err)) < 0 ||
        (rc = rv_vcf_classify_open(&vc, s->vcf_path, h, rv_reader_build(r), x->ann, x->cls, err)) < 0)
        goto done;
    rv_vcf_classify_set_model(vc, x->gm, (rv_conseq_source)x->conf->consequence_source);

    rv_genotype_buf gbuf = { 0 };
    rv_genotype g;
    rv_nrec *rec;
    rv_evidence ev;
    rv_classification cl;
    candidacy k;
    char key[1024];
    while ((rc = rv_reader_next(r, &rec, err)) > 0) {
        if (rec->symbolic && !rec->gvcf_block) out->n_symbolic++;
        if (rec->symbolic || rec->no_alt) continue;
        if (part && part->only) {
            const char *kk = key;
            if (rv_varkey_format(&rec->key, key, sizeof key) < 0 ||
                !bsearch(&kk, part->only, (size_t)part->n_only, sizeof *part->only, cmp_key))
                continue;
        }
        /* every record moves the annotator's cursors, kept or not */
        if ((rc = rv_vcf_classify_evidence(vc, r, rec, &ev, err)) < 0) break;
        if (rv_varkey_format(&rec->key, key, sizeof key) < 0) continue;   /* non-primary contig */
        if (!judge(x, &ev, key, panels, reported, n_reported, prev, &k)) continue;

        /* does the sample carry it? (the only records given a full parse) */
        bcf1_t *b = rv_reader_bcf(r, err);
        if (!b) { rc = err ? err->code : RV_EINPUT; break; }
        int haploid = male && rv_male_haploid(build, rec->key.contig, rec->key.pos);
        const char *zyg = "";                  /* sites only: carried, zygosity unknown */
        memset(&g, 0, sizeof g);
        if (ns > 0 && (rv_genotype_read(h, b, col, &gbuf, &g) < 0 || !(zyg = rv_genotype_zygosity(&g, haploid))))
            continue;
        ev.de_novo = fam ? rv_family_de_novo(fam, key, rec->key.contig, &g, haploid) : 0;   /* PS2/PM6 */

        if ((rc = rv_vcf_classify_record(vc, rec, &ev, &cl, err)) < 0) break;
        /* relevance: consequence, splice prediction, ClinVar tier, reported */
        k.candidate = rv_relevance_decide(&x->relevance, &k.in, &ev, &cl, k.reasons, sizeof k.reasons);
        if (!k.candidate && !k.was) continue;
        rv_call *c = rv_calls_push(out);
        if (!c || (rc = rv_call_from_classification(c, x->cls, &ev, &cl)) < 0 ||
            (rc = run_fields(c, zyg, &k, &g, haploid, &ev)) < 0) {
            rc = rv_err_set(err, RV_ENOMEM, "out of memory");
            break;
        }
    }
    rv_genotype_buf_free(&gbuf);
    if (rc == 0) {
        rv_calls_sort(out);
        rc = rv_calls_dedup(out);      /* a variant listed twice: the first is kept */
    }
done:
    if (rc < 0) rv_calls_free(out);
    rv_vcf_classify_close(vc);
    rv_reader_close(r);
    return rc;
}

/* One sample: scan its VCF; read its relatives' genotypes at its calls (run/family.h);
 * when some are de novo, scan again so they are classified with PS2/PM6; then each
 * call's genotype fit. */
int rv_run_sample(rv_run_ctx *x, const rv_sample *s, const char *panels,
                  char *const *reported, int n_reported, const rv_calls *prev,
                  rv_calls *out, rv_err *err)
{
    int dup = scan(x, s, panels, reported, n_reported, prev, NULL, NULL, out, err), rc;
    if (dup < 0) return dup;
    rv_family *fam = NULL;
    if ((rc = rv_family_open(&fam, s, x->conf, x->reader_threads, out, err)) < 0) goto fail;
    if (rv_family_n_de_novo(fam, out) > 0) {
        rv_calls_free(out);
        if ((rc = dup = scan(x, s, panels, reported, n_reported, prev, fam, NULL, out, err)) < 0) goto fail;
    }
    if ((rc = rv_family_assess(fam, s, out, err)) < 0) goto fail;
    rv_family_close(fam);
    return dup;
fail:
    rv_family_close(fam);
    rv_calls_free(out);
    return rc;
}

int rv_run_sample_keys(rv_run_ctx *x, const rv_sample *s, const char *panels,
                       char *const *reported, int n_reported, const rv_calls *prev,
                       char *const *only, int n_only, const rv_region *reg, int n_reg,
                       const char *index_path, rv_calls *out, rv_err *err)
{
    scan_part part = { only, n_only, reg, n_reg, index_path, NULL, NULL, 0 };
    return scan(x, s, panels, reported, n_reported, prev, NULL, &part, out, err);
}

int rv_run_sample_lines(rv_run_ctx *x, const rv_sample *s, const char *panels,
                        char *const *reported, int n_reported, const rv_calls *prev,
                        char *const *only, int n_only, const char *lines_path, const uint64_t *lines, int n_lines,
                        rv_calls *out, rv_err *err)
{
    scan_part part = { only, n_only, NULL, 0, NULL, lines_path, lines, n_lines };
    return scan(x, s, panels, reported, n_reported, prev, NULL, &part, out, err);
}

int rv_run_sample_assess(rv_run_ctx *x, const rv_sample *s, rv_calls *calls, rv_err *err)
{
    rv_family *fam = NULL;
    int rc = rv_family_open(&fam, s, x->conf, 0, calls, err);
    if (rc == 0) rc = rv_family_assess(fam, s, calls, err);
    rv_family_close(fam);
    return rc < 0 ? rc : 0;
}
