/* csq/gene_model.c: the home's active gene model as the classifier's consequence (csq/gene_model.h). */
#include <stdlib.h>
#include <string.h>
#include "csq/gene_model.h"
#include "csq/tag.h"
#include "sources/store.h"

/* A gene's extent over its transcripts (rv_gene_model_gene_span). */
typedef struct gene_span { const char *symbol; int contig; int64_t beg, end; } gene_span;

struct rv_gene_model {
    rv_model  *m;
    int        own_m;          /* 0: borrowed from the model this one was opened beside */
    char      *fasta;
    gene_span *genes;          /* sorted by symbol, built on first use */
    int64_t    n_genes;
    rv_genome *g;
    rv_conseq *c;
    kstring_t  buf;            /* the strings ev borrows */
    char       prov[256];      /* "source@version": where the consequence came from */
};

static const char *const source_names[] = { "model", "input", "input-then-model" };

int rv_conseq_source_parse(const char *s)
{
    for (int i = 0; i < (int)(sizeof source_names / sizeof *source_names); i++)
        if (s && strcmp(s, source_names[i]) == 0) return i;
    return -1;
}

const char *rv_conseq_source_name(rv_conseq_source s)
{
    return (int)s >= 0 && (int)s < (int)(sizeof source_names / sizeof *source_names) ? source_names[s] : "?";
}

void rv_gene_model_close(rv_gene_model *gm)
{
    if (!gm) return;
    rv_conseq_free(gm->c);
    if (gm->own_m) rv_model_close(gm->m);
    free(gm->fasta);
    free(gm->genes);
    rv_genome_close(gm->g);
    free(gm->buf.s);
    free(gm);
}

int rv_gene_model_open_home(rv_gene_model **out, const char *home, const char *fasta, rv_err *err)
{
    *out = NULL;
    if (!fasta || !home) return 0;
    rv_release *rel = NULL;
    int n = 0, pick = -1;
    if (rv_store_list_active(home, &rel, &n, err) < 0) {
        if (err && err->code == RV_ENOTFOUND) { rv_err_clear(err); return 0; }
        return err ? err->code : RV_ESOURCE;
    }
    for (int i = 0; i < n && pick < 0; i++)
        if (rv_role_id_of(rel[i].role) == RV_ROLE_GENE_MODEL) pick = i;
    if (pick < 0) { free(rel); return 0; }
    rv_gene_model *gm = calloc(1, sizeof *gm);
    int rc = gm && (gm->fasta = strdup(fasta)) ? 0 : rv_err_set(err, RV_ENOMEM, "out of memory");
    if (rc == 0 && (rc = rv_model_open(&gm->m, rel[pick].index_path, err)) == 0) gm->own_m = 1;
    if (rc == 0) rc = rv_genome_open(&gm->g, fasta, err);
    if (rc == 0) {
        int c = -1;
        rv_build fb = rv_genome_build(gm->g, &c), mb = rv_model_build(gm->m);
        if (fb != RV_BUILD_UNKNOWN && mb != RV_BUILD_UNKNOWN && fb != mb)
            rc = rv_err_set(err, RV_EBUILD, "%s: chromosome %s says %s, the gene model %s is %s", fasta,
                            rv_contig_name(c), rv_build_name(fb), rel[pick].source, rv_build_name(mb));
    }
    if (rc == 0) rc = rv_conseq_new(&gm->c, gm->m, gm->g, err);
    if (rc == 0) snprintf(gm->prov, sizeof gm->prov, "%s@%s", rv_model_source(gm->m), rv_model_version(gm->m));
    free(rel);
    if (rc < 0) { rv_gene_model_close(gm); return rc; }
    *out = gm;
    return 0;
}

int rv_gene_model_open_beside(const rv_gene_model *gm, rv_gene_model **out, rv_err *err)
{
    *out = NULL;
    rv_gene_model *b = calloc(1, sizeof *b);
    if (!b) return rv_err_set(err, RV_ENOMEM, "out of memory");
    b->m = gm->m;
    int rc = (b->fasta = strdup(gm->fasta)) ? 0 : rv_err_set(err, RV_ENOMEM, "out of memory");
    if (rc == 0) rc = rv_genome_open(&b->g, b->fasta, err);
    if (rc == 0) rc = rv_conseq_new(&b->c, b->m, b->g, err);
    if (rc < 0) { rv_gene_model_close(b); return rc; }
    rv_conseq_set_conventions(b->c, rv_conseq_conventions(gm->c));   /* the same definitions */
    memcpy(b->prov, gm->prov, sizeof b->prov);
    *out = b;
    return 0;
}

const char *rv_gene_model_provenance(const rv_gene_model *gm) { return gm->prov; }

static int cmp_span(const void *a, const void *b)
{
    const gene_span *x = a, *y = b;
    int c = strcmp(x->symbol, y->symbol);
    return c ? c : (x->contig > y->contig) - (x->contig < y->contig);
}

/* One span per (symbol, contig): the union of its transcripts. */
static int build_spans(rv_gene_model *gm)
{
    int64_t n = rv_model_n(gm->m), k = 0;
    gene_span *v = malloc((size_t)(n ? n : 1) * sizeof *v);
    if (!v) return -1;
    for (int64_t i = 0; i < n; i++) {
        const rv_tx *t = rv_model_tx(gm->m, i);
        if (t->symbol[0]) v[k++] = (gene_span){ t->symbol, t->contig, t->start, t->end };
    }
    if (k) qsort(v, (size_t)k, sizeof *v, cmp_span);
    int64_t o = 0;
    for (int64_t i = 0; i < k; i++) {
        if (o && cmp_span(&v[o - 1], &v[i]) == 0) {
            if (v[i].beg < v[o - 1].beg) v[o - 1].beg = v[i].beg;
            if (v[i].end > v[o - 1].end) v[o - 1].end = v[i].end;
        } else {
            v[o++] = v[i];
        }
    }
    gm->genes = v;
    gm->n_genes = o;
    return 0;
}

int rv_gene_model_gene_span(rv_gene_model *gm, const char *symbol, size_t n, int *contig, int64_t *beg, int64_t *end)
{
    if (!gm->genes && build_spans(gm) < 0) return RV_ENOMEM;
    int64_t lo = 0, hi = gm->n_genes;
    while (lo < hi) {
        int64_t mid = lo + (hi - lo) / 2;
        int c = strncmp(gm->genes[mid].symbol, symbol, n);
        if (c == 0 && gm->genes[mid].symbol[n]) c = 1;
        if (c < 0) lo = mid + 1; else hi = mid;
    }
    if (lo >= gm->n_genes || strncmp(gm->genes[lo].symbol, symbol, n) != 0 || gm->genes[lo].symbol[n]) return 0;
    *contig = gm->genes[lo].contig;
    *beg = gm->genes[lo].beg;
    *end = gm->genes[lo].end;
    return 1;
}

const char *rv_gene_model_source(const rv_gene_model *gm) { return rv_model_source(gm->m); }
const char *rv_gene_model_version(const rv_gene_model *gm) { return rv_model_version(gm->m); }
void rv_gene_model_set_conventions(rv_gene_model *gm, const rv_csq_conv *cv) { rv_conseq_set_conventions(gm->c, cv); }

static int most_severe(uint32_t terms)
{
    for (int i = 0; i < RV_SO_N; i++) if (terms & (1u << i)) return i;
    return RV_SO_N;
}

int rv_gene_model_evidence(rv_gene_model *gm, const rv_varkey *k, rv_evidence *ev, rv_err *err)
{
    rv_effect *e;
    int n = rv_conseq_allele(gm->c, k->contig, k->pos, k->ref, (int)k->ref_len, k->alt, (int)k->alt_len, &e, err);
    if (n == RV_EINPUT && err && strncmp(err->msg, "REF ", 4) == 0) { rv_err_clear(err); return 0; }
    if (n <= 0) return n;
    /* a REF checked only up to the reference's end (conventions ref_past_reference_end) gives
     * no classification evidence, whatever the profile */
    if (rv_conseq_ref_held_only(gm->c)) return 0;
    /* per gene its deciding transcript; among genes the most severe consequence */
    int best = -1, best_sev = RV_SO_N + 1;
    for (int i = 0; i < n; i++) {
        int seen = 0;
        for (int j = 0; j < i && !seen; j++) seen = strcmp(e[j].tx->symbol, e[i].tx->symbol) == 0;
        if (seen) continue;
        int p = rv_conseq_pick(e, n, e[i].tx->symbol);
        int sev = p >= 0 ? most_severe(e[p].terms) : RV_SO_N;
        if (p >= 0 && sev < best_sev) { best = p; best_sev = sev; }
    }
    if (best < 0) return 0;
    const rv_effect *x = &e[best];
    const rv_tx *t = x->tx;
    kstring_t *b = &gm->buf;
    b->l = 0;
    size_t o_terms = b->l;
    rv_csq_terms(b, x->terms);
    size_t n_terms = b->l - o_terms, o_c = b->l;
    kputsn(x->hgvsc.s ? x->hgvsc.s : "", x->hgvsc.l, b);
    size_t n_c = b->l - o_c, o_p = b->l;
    kputsn(x->hgvsp.s ? x->hgvsp.s : "", x->hgvsp.l, b);
    size_t n_p = b->l - o_p, o_aa = b->l;
    kputc(x->ref_aa[0], b); kputc(x->alt_aa[0], b);
    if (!b->s) return rv_err_set(err, RV_ENOMEM, "out of memory");
    ev->has_csq = 1;
    ev->csq_source = (rv_str){ gm->prov, strlen(gm->prov) };
    ev->gene = (rv_str){ t->symbol, strlen(t->symbol) };
    ev->hgnc_id = (rv_str){ t->hgnc, strlen(t->hgnc) };
    ev->transcript = (rv_str){ t->id, strlen(t->id) };
    ev->consequence = (rv_str){ b->s + o_terms, n_terms };
    ev->hgvsc = (rv_str){ b->s + o_c, n_c };
    ev->hgvsp = (rv_str){ b->s + o_p, n_p };
    ev->exon = x->exon[0];
    ev->n_exons = x->exon[0] ? t->n_exon : 0;
    ev->protein_pos = (int)x->prot_pos;
    ev->nmd = x->nmd;
    if (t->cds_s) {
        int64_t codons = (t->cds_c2 - t->cds_c1 + 1 - t->phase) / 3;
        ev->protein_len = (int)(t->flags & RV_TX_CDS_END_NF ? codons : codons - 1);
    }
    if (x->ref_aa[0]) {
        ev->aa_ref = (rv_str){ b->s + o_aa, 1 };
        ev->aa_alt = (rv_str){ b->s + o_aa + 1, x->alt_aa[0] ? 1 : 0 };
    }
    return 1;
}
