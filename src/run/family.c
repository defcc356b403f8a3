/* run/family.c: relatives' genotypes, de novo, compound heterozygosity and the fit of a
 * genotype to the gene's mode of inheritance (run/family.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cJSON.h>
#include "input/vcf_reader.h"
#include "run/family.h"
#include "run/sample.h"
#include "variant/moi.h"

struct rv_family {
    const rv_runconf *conf;
    const rv_sample *rel;      /* the sample's relatives (borrowed) */
    int n_rel;
    int *rel_ok;               /* 1 when the relative's VCF was read */
    int father, mother;        /* index in rel, -1 when not registered */
    char **keys;               /* the sample's variant keys, sorted by strcmp */
    int n_keys;
    rv_genotype *g;            /* n_keys x n_rel; present = 0: no record in the relative's VCF */
};

static int cmp_key(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static int key_index(const rv_family *f, const char *key)
{
    char *const *p = bsearch(&key, f->keys, (size_t)f->n_keys, sizeof *f->keys, cmp_key);
    return p ? (int)(p - f->keys) : -1;
}

static const rv_genotype *gt_of(const rv_family *f, int k, int r)
{
    return k >= 0 && r >= 0 && f->rel_ok[r] ? &f->g[(size_t)k * (size_t)f->n_rel + (size_t)r] : NULL;
}

void rv_family_close(rv_family *f)
{
    if (!f) return;
    for (int i = 0; i < f->n_keys; i++) free(f->keys[i]);
    free(f->keys);
    free(f->g);
    free(f->rel_ok);
    free(f);
}

/* Read the relatives whose VCF is rel[first].vcf_path: one pass over that file. */
static int read_vcf(rv_family *f, int first, int reader_threads, int *done, rv_err *err)
{
    const char *path = f->rel[first].vcf_path;
    char reason[1100];
    if (rv_sample_check_vcf(&f->rel[first], reason, sizeof reason) < 0) {
        for (int j = first; j < f->n_rel; j++)
            if (strcmp(f->rel[j].vcf_path, path) == 0) {
                done[j] = 1;
                rv_log_warn("relative %s: %s; its genotypes are not used", f->rel[j].id, reason);
            }
        return 0;
    }
    rv_reader_opts o = { 0 };
    o.threads = reader_threads;
    o.fasta = f->conf->reference_fasta;
    rv_reader *r = NULL;
    int rc = rv_reader_open(&r, path, &o, err);
    if (rc < 0) return rc;
    bcf_hdr_t *h = rv_reader_header(r);
    int ns = bcf_hdr_nsamples(h);
    int *col = calloc((size_t)f->n_rel, sizeof *col);
    if (!col) { rv_reader_close(r); return rv_err_set(err, RV_ENOMEM, "out of memory"); }
    int any = 0;
    for (int j = first; j < f->n_rel; j++) {
        col[j] = -1;
        if (done[j] || strcmp(f->rel[j].vcf_path, path) != 0) continue;
        done[j] = 1;
        const rv_sample *m = &f->rel[j];
        col[j] = bcf_hdr_id2int(h, BCF_DT_SAMPLE, m->vcf_sample ? m->vcf_sample : m->id);
        if (col[j] < 0 && ns == 1 && !m->vcf_sample) col[j] = 0;
        if (col[j] < 0) rv_log_warn("relative %s: %s has no column for it; its genotypes are not used", m->id, path);
        else any = f->rel_ok[j] = 1;
    }
    rv_nrec *rec;
    rv_genotype_buf buf = { 0 };
    char key[1024];
    while (any && (rc = rv_reader_next(r, &rec, err)) > 0) {
        if (rec->symbolic || rec->no_alt || rv_varkey_format(&rec->key, key, sizeof key) < 0) continue;
        int k = key_index(f, key);
        if (k < 0) continue;
        bcf1_t *b = rv_reader_bcf(r, err);
        if (!b) { rc = err ? err->code : RV_EINPUT; break; }
        for (int j = first; j < f->n_rel; j++) {
            rv_genotype *g = &f->g[(size_t)k * (size_t)f->n_rel + (size_t)j];
            if (col[j] >= 0 && !g->present) rv_genotype_read(h, b, col[j], &buf, g);
        }
    }
    rv_genotype_buf_free(&buf);
    free(col);
    rv_reader_close(r);
    if (rc < 0) rv_err_prefix(err, "relative's VCF");
    return rc < 0 ? rc : 0;
}

int rv_family_open(rv_family **out, const rv_sample *s, const rv_runconf *conf, int reader_threads,
                   const rv_calls *calls, rv_err *err)
{
    *out = NULL;
    rv_family *f = calloc(1, sizeof *f);
    if (!f) return rv_err_set(err, RV_ENOMEM, "out of memory");
    f->conf = conf;
    f->rel = s->relatives;
    f->n_rel = s->n_relatives;
    f->father = f->mother = -1;
    f->rel_ok = calloc((size_t)f->n_rel + 1, sizeof *f->rel_ok);
    f->keys = calloc((size_t)calls->n + 1, sizeof *f->keys);
    f->g = calloc((size_t)calls->n * (size_t)f->n_rel + 1, sizeof *f->g);
    int *done = calloc((size_t)f->n_rel + 1, sizeof *done);
    int rc = 0;
    if (!f->rel_ok || !f->keys || !f->g || !done) { rc = rv_err_set(err, RV_ENOMEM, "out of memory"); goto out; }
    for (int i = 0; i < calls->n; i++)
        if (!(f->keys[f->n_keys++] = strdup(calls->x[i].variant))) { rc = rv_err_set(err, RV_ENOMEM, "out of memory"); goto out; }
    qsort(f->keys, (size_t)f->n_keys, sizeof *f->keys, cmp_key);
    for (int j = 0; j < f->n_rel; j++) {
        if (s->father && strcmp(f->rel[j].id, s->father) == 0) f->father = j;
        if (s->mother && strcmp(f->rel[j].id, s->mother) == 0) f->mother = j;
    }
    for (int j = 0; rc == 0 && j < f->n_rel && f->n_keys; j++)
        if (!done[j]) rc = read_vcf(f, j, reader_threads, done, err);
out:
    free(done);
    if (rc < 0) { rv_family_close(f); return rc; }
    *out = f;
    return 0;
}

/* A call good enough for de novo: depth (required) and GQ (when the VCF has one) at the
 * config's minimum. */
static int call_adequate(const rv_family *f, const rv_genotype *g)
{
    return g->dp >= f->conf->de_novo_min_dp && (g->gq < 0 || g->gq >= f->conf->de_novo_min_gq);
}

/* A parent's genotype is "absent" for de novo: called, no ALT, adequate. */
static int parent_absent(const rv_family *f, int k, int parent)
{
    const rv_genotype *g = gt_of(f, k, parent);
    return g && g->present && g->called > 0 && g->n_alt == 0 && call_adequate(f, g);
}

int rv_family_de_novo(const rv_family *f, const char *key, int contig, const rv_genotype *g, int haploid)
{
    if (!f || !g->present || g->n_alt == 0 || contig == RV_CONTIG_MT || !call_adequate(f, g)) return 0;
    if (!haploid && g->n_alt != 1) return 0;          /* a homozygous call is not taken as de novo */
    int k = key_index(f, key);
    if (k < 0) return 0;
    int need_father = !(haploid && contig == RV_CONTIG_X), need_mother = !(haploid && contig == RV_CONTIG_Y);
    if ((need_father && !parent_absent(f, k, f->father)) || (need_mother && !parent_absent(f, k, f->mother)))
        return 0;
    return f->conf->parentage_confirmed ? 2 : 1;
}

int rv_family_n_de_novo(const rv_family *f, const rv_calls *calls)
{
    int n = 0;
    for (int i = 0; i < calls->n; i++)
        n += rv_family_de_novo(f, calls->x[i].variant, calls->x[i].contig, &calls->x[i].gt, calls->x[i].haploid) > 0;
    return n;
}

/* ---- assessing the calls ---- */

/* 1 carried, 0 not (called without the ALT, or no record in a VCF that was read), -1 unknown. */
static int carries(const rv_family *f, int k, int r)
{
    const rv_genotype *g = gt_of(f, k, r);
    if (!g) return -1;
    if (!g->present) return 0;
    if (g->n_alt > 0) return 1;
    return g->called > 0 ? 0 : -1;
}

static const char *relation(const rv_sample *s, const rv_sample *r)
{
    if (s->father && strcmp(r->id, s->father) == 0) return "father";
    if (s->mother && strcmp(r->id, s->mother) == 0) return "mother";
    if ((r->father && strcmp(r->father, s->id) == 0) || (r->mother && strcmp(r->mother, s->id) == 0)) return "child";
    if ((s->father && r->father && strcmp(s->father, r->father) == 0) ||
        (s->mother && r->mother && strcmp(s->mother, r->mother) == 0))
        return "sibling";
    return "relative";
}

/* A partner of a compound heterozygous pair must reach the config's class, or be a VUS of
 * one of its sub-tiers. */
static int qualifies(const rv_runconf *conf, const rv_call *c)
{
    const char *cls = c->effective_class ? c->effective_class : c->cls;
    if (!c->candidate || !cls) return 0;
    if (rv_class_tier(cls) >= conf->second_hit_min_tier) return 1;
    if (strcmp(cls, "VUS") != 0 || !c->vus_tier) return 0;
    for (int i = 0; i < conf->n_second_hit_vus_tiers; i++)
        if (strcmp(c->vus_tier, conf->second_hit_vus_tiers[i]) == 0) return 1;
    return 0;
}

/* Which parent a variant came from: 'F', 'M', or '?' (both, neither, untyped). */
static char origin(const rv_family *f, int k)
{
    int fa = carries(f, k, f->father), mo = carries(f, k, f->mother);
    return fa == 1 && mo == 0 ? 'F' : fa == 0 && mo == 1 ? 'M' : '?';
}

typedef enum { PH_UNKNOWN, PH_TRANS, PH_CIS } phase;

/* Phase of two heterozygous calls: from the VCF (same phase set), else from the parents. */
static phase pair_phase(const rv_family *f, const rv_call *a, const rv_call *b, const char **by)
{
    if (a->gt.phased && b->gt.phased && a->gt.ps >= 0 && a->gt.ps == b->gt.ps && a->gt.alt_hap >= 0 && b->gt.alt_hap >= 0) {
        *by = "phase set";
        return a->gt.alt_hap != b->gt.alt_hap ? PH_TRANS : PH_CIS;
    }
    char oa = origin(f, key_index(f, a->variant)), ob = origin(f, key_index(f, b->variant));
    *by = "parents";
    if (oa != '?' && ob != '?') return oa != ob ? PH_TRANS : PH_CIS;
    *by = "none";
    return PH_UNKNOWN;
}

typedef struct assess {
    const char *fit;
    char reason[256];
    const rv_call *partner;
    phase ph;
    const char *by;
} assess;

static int by_gene(const void *a, const void *b, void *calls)
{
    const rv_call *x = &((rv_calls *)calls)->x[*(const int *)a], *y = &((rv_calls *)calls)->x[*(const int *)b];
    return strcmp(x->gene, y->gene);
}

static void gene_partner(const rv_family *f, rv_calls *calls, const int *grp, int n, int self, assess *as)
{
    const rv_call *a = &calls->x[self];
    as->ph = PH_CIS;
    for (int i = 0; i < n; i++) {
        const rv_call *b = &calls->x[grp[i]];
        if (grp[i] == self || !b->zygosity || strcmp(b->zygosity, "het") != 0 || !qualifies(f->conf, b)) continue;
        const char *by;
        phase p = pair_phase(f, a, b, &by);
        if (!as->partner || (p == PH_TRANS && as->ph != PH_TRANS) || (p == PH_UNKNOWN && as->ph == PH_CIS)) {
            as->partner = b;
            as->ph = p;
            as->by = by;
        }
    }
}

static const char *zyg_words(const char *z)
{
    return strcmp(z, "het") == 0 ? "heterozygous" : strcmp(z, "hom") == 0 ? "homozygous"
         : strcmp(z, "hemi") == 0 ? "hemizygous" : "carried (zygosity unknown)";
}

static const char *imprinting_words(rv_moi moi)
{
    return rv_moi_silenced_parent(moi) == 'M' ? "maternally imprinted (paternal allele expressed)"
                                              : "paternally imprinted (maternal allele expressed)";
}

/* Does the genotype fit the MOI (before the relatives' phenotypes are looked at)? */
static void fit_genotype(const rv_sample *s, rv_call *c, rv_moi moi, assess *as, int can_pair)
{
    const char *z = c->zygosity ? c->zygosity : "";
    int female = s->sex && strcmp(s->sex, "F") == 0, het = strcmp(z, "het") == 0;
    switch (moi) {
    case RV_MOI_UNKNOWN:
        as->fit = "moi_unknown";
        snprintf(as->reason, sizeof as->reason, "the gene's mode of inheritance is not known");
        return;
    case RV_MOI_MT:
        as->fit = "fits";
        if (!isnan(c->gt.af))
            snprintf(as->reason, sizeof as->reason, "mitochondrial; heteroplasmy %.0f%% (allele fraction)", 100.0 * c->gt.af);
        else
            snprintf(as->reason, sizeof as->reason, "mitochondrial; no allele fraction in the VCF");
        return;
    case RV_MOI_AD: case RV_MOI_ADAR: case RV_MOI_XLD:
        as->fit = "fits";
        snprintf(as->reason, sizeof as->reason, "%s; %s", zyg_words(z), moi == RV_MOI_ADAR ? "mono- or biallelic" : "dominant");
        return;
    case RV_MOI_AD_IMP_MAT: case RV_MOI_AD_IMP_PAT:
        /* which parent it came from is for fit_family, which knows the parents */
        as->fit = "fits";
        snprintf(as->reason, sizeof as->reason, "%s; dominant, %s", zyg_words(z), imprinting_words(moi));
        return;
    case RV_MOI_XL:
        if (het && female) {
            as->fit = "fits";
            snprintf(as->reason, sizeof as->reason, "heterozygous female; X-linked, dominance not stated");
            return;
        }
        /* a hemizygous male or homozygous female fits either way */
        __attribute__((fallthrough));
    case RV_MOI_AR: case RV_MOI_XLR:
        if (!het) {
            as->fit = "fits";
            snprintf(as->reason, sizeof as->reason, "%s", zyg_words(z));
            return;
        }
        if (rv_moi_is_x(moi) && !female) {
            as->fit = "does_not_fit";
            snprintf(as->reason, sizeof as->reason, "heterozygous call on X in a sample not registered as female");
            return;
        }
        if (can_pair && as->partner && as->ph != PH_CIS) {
            as->fit = "fits";
            snprintf(as->reason, sizeof as->reason, "%scompound heterozygous with %s (%s)",
                     as->ph == PH_TRANS ? "" : "possible ", as->partner->variant,
                     as->ph == PH_TRANS ? (strcmp(as->by, "parents") == 0 ? "in trans by the parents' genotypes" : "in trans by phase set")
                                        : "phase unknown");
            return;
        }
        as->fit = "second_hit_needed";
        if (as->partner)
            snprintf(as->reason, sizeof as->reason, "one heterozygous variant; %s is in cis (%s)", as->partner->variant, as->by);
        else
            snprintf(as->reason, sizeof as->reason, "one heterozygous variant in an %s gene%s", rv_moi_name(moi),
                     can_pair ? "" : " (this variant does not qualify as a compound heterozygous partner)");
        return;
    default:
        return;
    }
}

/* Relatives who contradict the fit: an unaffected carrier of a dominant variant, an
 * unaffected relative homozygous for a recessive one. */
static void fit_family(const rv_family *f, const rv_sample *s, const rv_call *c, int k, rv_moi moi, assess *as)
{
    if (strcmp(as->fit, "fits") != 0) return;
    int dominant = moi == RV_MOI_AD || moi == RV_MOI_XLD;
    int biallelic = (moi == RV_MOI_AR || moi == RV_MOI_XLR) && c->zygosity && strcmp(c->zygosity, "hom") == 0;
    /* an apparently homozygous call with a parent who does not carry it (docs/domain.md, section 8) */
    int nonref[2] = { carries(f, k, f->father) == 0, carries(f, k, f->mother) == 0 };
    if (biallelic && (nonref[0] || nonref[1])) {
        size_t len = strlen(as->reason);
        snprintf(as->reason + len, sizeof as->reason - len, "; %s: a deletion of the other allele or uniparental disomy?",
                 nonref[0] && nonref[1] ? "neither parent carries it" : nonref[0] ? "the father does not carry it"
                                                                     : "the mother does not carry it");
    }
    char silenced = rv_moi_silenced_parent(moi);
    if (silenced && c->zygosity && strcmp(c->zygosity, "het") == 0) {
        /* an imprinted gene causes disease from the expressed allele only (docs/domain.md, section 8) */
        char from = origin(f, k);
        const char *parent = silenced == 'M' ? "mother" : "father";
        size_t len = strlen(as->reason);
        if (from == silenced) {
            as->fit = "does_not_fit";
            snprintf(as->reason, sizeof as->reason, "inherited on the silenced allele: from the %s, and the gene is %s",
                     parent, imprinting_words(moi));
        } else if (from == '?')
            snprintf(as->reason + len, sizeof as->reason - len, "; parental origin not known from the parents' "
                     "genotypes: disease-causing only if on the %s allele", silenced == 'M' ? "paternal" : "maternal");
        else
            snprintf(as->reason + len, sizeof as->reason - len, "; inherited from the %s, on the expressed allele",
                     silenced == 'M' ? "father" : "mother");
        return;
    }
    for (int j = 0; j < f->n_rel; j++) {
        const rv_genotype *g = gt_of(f, k, j);
        if (f->rel[j].phenotype != 1 || !g || !g->present || g->n_alt == 0) continue;
        if (dominant || (biallelic && g->n_alt == g->called)) {
            as->fit = "does_not_fit";
            char was[sizeof as->reason];
            snprintf(was, sizeof was, "%s", as->reason);
            /* the relative by relation only: ids are in "family", where pseudonyms replace them */
            snprintf(as->reason, sizeof as->reason, "%.120s; but the unaffected %s is %s", was, relation(s, &f->rel[j]),
                     dominant ? "a carrier (reduced penetrance?)" : "homozygous too");
            return;
        }
    }
}

static void add_genotype(cJSON *o, const rv_genotype *g, const char *zyg)
{
    if (g->gt[0]) cJSON_AddStringToObject(o, "gt", g->gt);
    if (zyg && *zyg) cJSON_AddStringToObject(o, "zygosity", zyg);
    if (g->phased) cJSON_AddNumberToObject(o, "phase_set", (double)g->ps);
    if (g->dp >= 0) cJSON_AddNumberToObject(o, "dp", g->dp);
    if (g->gq >= 0) cJSON_AddNumberToObject(o, "gq", g->gq);
    if (!isnan(g->af)) cJSON_AddNumberToObject(o, "allele_fraction", round(g->af * 10000.0) / 10000.0);
}

static int to_json(const rv_family *f, const rv_sample *s, rv_call *c, int k, const assess *as, int dn)
{
    cJSON *o = cJSON_CreateObject(), *gt = cJSON_AddObjectToObject(o, "genotype");
    if (!o || !gt) { cJSON_Delete(o); return -1; }
    add_genotype(gt, &c->gt, c->zygosity);
    cJSON_AddStringToObject(o, "moi", c->moi ? c->moi : "unknown");
    if (c->moi_source) cJSON_AddStringToObject(o, "moi_source", c->moi_source);
    cJSON_AddStringToObject(o, "fit", as->fit);
    cJSON_AddStringToObject(o, "reason", as->reason);
    if (dn) cJSON_AddStringToObject(o, "de_novo", dn == 2 ? "confirmed" : "assumed");
    if (as->partner && as->ph != PH_CIS && strcmp(as->fit, "second_hit_needed") != 0) {
        cJSON *p = cJSON_AddObjectToObject(o, "partner");
        cJSON_AddStringToObject(p, "variant", as->partner->variant);
        cJSON_AddStringToObject(p, "phase", as->ph == PH_TRANS ? "trans" : "unknown");
        cJSON_AddStringToObject(p, "by", as->by);
    }
    if (f->n_rel) {
        cJSON *fam = cJSON_AddArrayToObject(o, "family");
        int seg[2][2] = { { 0, 0 }, { 0, 0 } }, untyped = 0;   /* [affected][carrier] */
        static const char *const ph[] = { "unknown", "unaffected", "affected" };
        if (s->phenotype) seg[s->phenotype == 2][1]++;
        for (int j = 0; j < f->n_rel; j++) {
            cJSON *m = cJSON_CreateObject();
            cJSON_AddItemToArray(fam, m);
            cJSON_AddStringToObject(m, "sample", f->rel[j].id);
            cJSON_AddStringToObject(m, "relation", relation(s, &f->rel[j]));
            cJSON_AddStringToObject(m, "phenotype", ph[f->rel[j].phenotype >= 0 && f->rel[j].phenotype <= 2 ? f->rel[j].phenotype : 0]);
            const rv_genotype *g = gt_of(f, k, j);
            int cr = carries(f, k, j);
            if (!g) cJSON_AddStringToObject(m, "gt", "not read");
            else if (!g->present) cJSON_AddStringToObject(m, "gt", "no record");
            else add_genotype(m, g, NULL);
            if (cr < 0 || !f->rel[j].phenotype) untyped += cr < 0;
            else seg[f->rel[j].phenotype == 2][cr]++;
        }
        cJSON *sg = cJSON_AddObjectToObject(o, "segregation");
        cJSON_AddNumberToObject(sg, "affected_carriers", seg[1][1]);
        cJSON_AddNumberToObject(sg, "affected_non_carriers", seg[1][0]);
        cJSON_AddNumberToObject(sg, "unaffected_carriers", seg[0][1]);
        cJSON_AddNumberToObject(sg, "unaffected_non_carriers", seg[0][0]);
        cJSON_AddNumberToObject(sg, "untyped", untyped);
    }
    c->inheritance = cJSON_PrintUnformatted(o);
    cJSON_Delete(o);
    return c->inheritance ? 0 : -1;
}

int rv_family_assess(const rv_family *f, const rv_sample *s, rv_calls *calls, rv_err *err)
{
    /* heterozygous calls that may pair, grouped by gene */
    int *idx = malloc(((size_t)calls->n + 1) * sizeof *idx), n = 0;
    if (!idx) return rv_err_set(err, RV_ENOMEM, "out of memory");
    for (int i = 0; i < calls->n; i++) {
        const rv_call *c = &calls->x[i];
        if (c->gene && c->zygosity && strcmp(c->zygosity, "het") == 0) idx[n++] = i;
    }
    qsort_r(idx, (size_t)n, sizeof *idx, by_gene, calls);
    int rc = 0;
    for (int i = 0; rc == 0 && i < calls->n; i++) {
        rv_call *c = &calls->x[i];
        rv_moi moi = rv_moi_from_name(c->moi);
        int k = key_index(f, c->variant);
        assess as = { 0 };
        as.by = "none";
        int can_pair = qualifies(f->conf, c);
        if (can_pair && c->gene && c->zygosity && strcmp(c->zygosity, "het") == 0) {
            int lo = 0, hi = n;                       /* this gene's run in idx: first at or after */
            while (lo < hi) {
                int mid = lo + (hi - lo) / 2;
                if (strcmp(calls->x[idx[mid]].gene, c->gene) < 0) lo = mid + 1; else hi = mid;
            }
            for (hi = lo; hi < n && strcmp(calls->x[idx[hi]].gene, c->gene) == 0; hi++) {}
            gene_partner(f, calls, idx + lo, hi - lo, i, &as);
        }
        fit_genotype(s, c, moi, &as, can_pair);
        fit_family(f, s, c, k, moi, &as);
        int dn = rv_family_de_novo(f, c->variant, c->contig, &c->gt, c->haploid);
        free(c->fit);
        free(c->partner);
        free(c->inheritance);
        c->fit = strdup(as.fit);
        c->partner = as.partner && as.ph != PH_CIS && strcmp(as.fit, "fits") == 0 ? strdup(as.partner->variant) : NULL;
        c->inheritance = NULL;
        if (!c->fit || to_json(f, s, c, k, &as, dn) < 0) rc = rv_err_set(err, RV_ENOMEM, "out of memory");
    }
    free(idx);
    return rc;
}
