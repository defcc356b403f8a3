/* run/incremental.c: what an incremental run re-reads (run/incremental.h). */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "base/version.h"
#include "run/carrier.h"
#include "run/incremental.h"
#include "classify/residue_index.h"
#include "csq/gene_model.h"
#include "sources/index.h"
#include "sources/role.h"
#include "sources/store.h"
#include "variant/contig.h"
#include "variant/varkey.h"

/* The keys one release change touches, computed once per run. */
typedef struct diff_entry {
    char *source, *from, *to;
    char **keys;            /* sorted (strcmp) */
    int n_keys;
    char **genes;           /* a gene-keyed or interval change: the genes it touches (symbols and
                             * HGNC ids, as the releases give them) */
    int n_genes, n_rows;    /* n_rows: the rows added, removed or changed */
    rv_region *regions;     /* and where they lie, padded (rv_incr_decision.gene_regions); for a
                             * variant-keyed change, where its coverage changed */
    int n_regions;
    char *coverage;         /* a variant-keyed change whose coverage changed: where, in words */
    char *why_full;         /* set when the change cannot be followed key by key or gene by gene */
    char **residues;        /* a clinical-assertion change, with a gene model: "GENE\tPOS" of the
                             * residues its keys change (sorted), for PS1/PM5 of other variants there */
    int n_residues;
} diff_entry;

struct rv_incr {
    const char *home;
    const rv_runconf *conf;
    const rv_source_ver *now;
    int n_now;
    char *config_hash;
    pthread_mutex_t mu;
    diff_entry *diffs;
    int n_diffs;
    int readonly;           /* never rebuild a carrier index (revus plan) */
    char *pf_sig;           /* the snapshot the cached prefilter was opened on */
    rv_prefilter *pf;
    rv_prefilter *pf_now;   /* over the run's own releases (cannot_matter), opened once */
    int pf_now_tried;
    rv_gene_model *gm;      /* the run's gene model, opened for the first clinical-assertion diff */
    int gm_tried;
};

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int rv_incr_open(rv_incr **out, const char *home, const rv_runconf *conf, const rv_source_ver *now, int n_now,
                 const char *config_hash, rv_err *err)
{
    rv_incr *x = calloc(1, sizeof *x);
    if (!x || !(x->config_hash = strdup(config_hash))) { free(x); return rv_err_set(err, RV_ENOMEM, "out of memory"); }
    x->home = home;
    x->conf = conf;
    x->now = now;
    x->n_now = n_now;
    pthread_mutex_init(&x->mu, NULL);
    *out = x;
    return 0;
}

void rv_incr_set_readonly(rv_incr *x) { x->readonly = 1; }

static void free_keys(char **k, int n)
{
    for (int i = 0; i < n; i++) free(k[i]);
    free(k);
}

void rv_incr_close(rv_incr *x)
{
    if (!x) return;
    for (int i = 0; i < x->n_diffs; i++) {
        diff_entry *d = &x->diffs[i];
        free(d->source); free(d->from); free(d->to); free(d->why_full); free(d->coverage);
        free_keys(d->keys, d->n_keys);
        free_keys(d->genes, d->n_genes);
        free_keys(d->residues, d->n_residues);
        free(d->regions);
    }
    rv_gene_model_close(x->gm);
    free(x->diffs);
    free(x->pf_sig);
    rv_prefilter_close(x->pf);
    rv_prefilter_close(x->pf_now);
    free(x->config_hash);
    pthread_mutex_destroy(&x->mu);
    free(x);
}

void rv_incr_decision_free(rv_incr_decision *d)
{
    rv_carriers_close(d->car);
    free_keys(d->keys, d->n_keys);
    free(d->regions);
    free_keys(d->genes, d->n_genes);
    free(d->gene_regions);
    for (int i = 0; i < d->n_changes; i++) { free(d->changes[i].what); free(d->changes[i].coverage); }
    free(d->changes);
    memset(d, 0, sizeof *d);
}

/* ---- key lists ---- */

typedef struct keylist { char **k; int n, m; } keylist;

static int keylist_add(keylist *l, const char *key)
{
    if (l->n == l->m) {
        int m = l->m ? 2 * l->m : 64;
        char **k = realloc(l->k, (size_t)m * sizeof *k);
        if (!k) return -1;
        l->k = k;
        l->m = m;
    }
    if (!(l->k[l->n] = strdup(key))) return -1;
    l->n++;
    return 0;
}

static void keylist_sort_unique(keylist *l)
{
    if (l->n > 1) qsort(l->k, (size_t)l->n, sizeof *l->k, cmp_str);
    int o = 0;
    for (int i = 0; i < l->n; i++) {
        if (o && strcmp(l->k[o - 1], l->k[i]) == 0) { free(l->k[i]); continue; }
        l->k[o++] = l->k[i];
    }
    l->n = o;
}

/* Borrowed strings (they outlive the list): no copy, no free. */
typedef struct ptrlist { const char **k; int n, m; } ptrlist;

static int ptr_add(ptrlist *l, const char *key)
{
    if (l->n == l->m) {
        int m = l->m ? 2 * l->m : 256;
        const char **k = realloc(l->k, (size_t)m * sizeof *k);
        if (!k) return -1;
        l->k = k;
        l->m = m;
    }
    l->k[l->n++] = key;
    return 0;
}

static void ptr_sort_unique(ptrlist *l)
{
    if (l->n > 1) qsort(l->k, (size_t)l->n, sizeof *l->k, cmp_str);
    int o = 0;
    for (int i = 0; i < l->n; i++)
        if (!o || strcmp(l->k[o - 1], l->k[i]) != 0) l->k[o++] = l->k[i];
    l->n = o;
}

static int has_key(char *const *keys, int n, const char *k)
{
    return n > 0 && bsearch(&k, keys, (size_t)n, sizeof *keys, cmp_str) != NULL;
}

static int add_varkey(void *ctx, const rv_varkey *k)
{
    char buf[1024];
    if (rv_varkey_format(k, buf, sizeof buf) < 0) return 0;   /* a contig no sample key can have */
    return keylist_add(ctx, buf);
}

/* ---- release diffs ---- */

static char *dupf(const char *fmt, const char *a, const char *b, const char *c)
{
    char buf[1024];
    snprintf(buf, sizeof buf, fmt, a, b, c);
    return strdup(buf);
}

/* ---- gene-keyed and interval changes ---- */

typedef struct gene_acc {
    keylist genes;          /* every name (symbol, HGNC id) of a changed row */
    keylist rows;           /* "SYMBOL\tHGNC" per changed row */
    rv_region *reg;
    int n_reg, m_reg, pad;
} gene_acc;

static int add_region(gene_acc *g, int contig, int64_t beg, int64_t end)
{
    if (g->n_reg == g->m_reg) {
        int m = g->m_reg ? 2 * g->m_reg : 16;
        rv_region *r = realloc(g->reg, (size_t)m * sizeof *r);
        if (!r) return -1;
        g->reg = r;
        g->m_reg = m;
    }
    g->reg[g->n_reg++] = (rv_region){ contig, beg > g->pad ? beg - g->pad : 1, end + g->pad };
    return 0;
}

static int add_gene_name(keylist *l, const char *s, size_t n)
{
    char buf[256];
    if (n == 0) return 0;
    snprintf(buf, sizeof buf, "%.*s", (int)n, s);
    return keylist_add(l, buf);
}

static int on_gene(void *ctx, const rv_diff_gene *g)
{
    gene_acc *a = ctx;
    char row[600];
    snprintf(row, sizeof row, "%.*s\t%.*s", (int)g->symbol_len, g->symbol, (int)g->hgnc_len, g->hgnc_id);
    if (add_gene_name(&a->genes, g->symbol, g->symbol_len) < 0 || add_gene_name(&a->genes, g->hgnc_id, g->hgnc_len) < 0 ||
        keylist_add(&a->rows, row) < 0)
        return -1;
    return g->contig >= 0 ? add_region(a, g->contig, g->beg, g->end) : 0;
}

/* 1 when the string field name of record rec of x is one of genes (case-insensitively). */
static int row_names_gene(const rv_index *x, int64_t rec, int field, char *const *genes, int n)
{
    const char *v;
    size_t len;
    if (field < 0 || rv_index_get_str(x, rec, field, &v, &len) < 0 || len == 0) return 0;
    for (int i = 0; i < n; i++)
        if (strlen(genes[i]) == len && strncasecmp(genes[i], v, len) == 0) return 1;
    return 0;
}

/* The intervals of the gene-regions and gene-model releases (a gene-model record is one of
 * the gene's transcripts) of the run's snapshot for a gene-keyed change
 * (a->genes): how much of each sample to re-read. NULL when every changed gene has one,
 * else why not (a message the caller frees). */
static char *locate_genes(rv_incr *x, gene_acc *a, const diff_entry *d)
{
    int n_names = a->genes.n;
    char *found = calloc((size_t)n_names + 1, 1);
    if (!found) return NULL;
    int n_sources = 0;
    for (int s = 0; s < x->n_now; s++) {
        rv_role_id role = rv_role_id_of(x->now[s].role);
        if (role != RV_ROLE_GENE_REGIONS && role != RV_ROLE_GENE_MODEL) continue;   /* both keep symbol, hgnc_id */
        rv_release r;
        rv_index *ix = NULL;
        rv_err e = { 0 };
        if (rv_store_get(x->home, x->now[s].source, x->now[s].version, &r, &e) < 0 || rv_index_open(&ix, r.index_path, &e) < 0)
            continue;
        n_sources++;
        int fs = rv_index_field_id(ix, "symbol"), fh = rv_index_field_id(ix, "hgnc_id");
        for (int64_t i = 0, n = rv_index_n_records(ix); i < n; i++)
            for (int g = 0; g < n_names; g++) {
                char *const one[] = { a->genes.k[g] };
                if (!row_names_gene(ix, i, fs, one, 1) && !row_names_gene(ix, i, fh, one, 1)) continue;
                rv_varkey vk;
                rv_index_key(ix, i, &vk);
                if (add_region(a, vk.contig, vk.pos, rv_index_interval_end(ix, i)) < 0) {
                    rv_index_close(ix);
                    free(found);
                    return NULL;
                }
                found[g] = 1;
            }
        rv_index_close(ix);
    }
    /* a changed row is located when its symbol or its HGNC id is */
    char *why = NULL;
    for (int r = 0; r < a->rows.n && !why; r++) {
        char *row = a->rows.k[r], *tab = strchr(row, '\t');
        int ok = 0;
        for (int g = 0; g < n_names && !ok; g++) {
            size_t ls = (size_t)(tab - row);
            ok = found[g] && ((strlen(a->genes.k[g]) == ls && strncmp(a->genes.k[g], row, ls) == 0) ||
                              (tab[1] && strcmp(a->genes.k[g], tab + 1) == 0));
        }
        if (!ok) {
            char buf[700];
            snprintf(buf, sizeof buf, "%s %s -> %s: gene %s changed and %s", d->source, d->from, d->to,
                     tab != row ? (*tab = '\0', row) : tab[1] ? tab + 1 : "(a row naming no gene)",
                     n_sources ? "no gene-regions or gene-model source locates it"
                               : "no gene-regions or gene-model source is active to locate it");
            why = strdup(buf);
        }
    }
    free(found);
    return why;
}

/* What a variant-keyed release covers, as intervals sorted by contig and start: its
 * declared regions, or (without) each contig holding records, whole. */
typedef struct cover_list { rv_region *x; int64_t n; } cover_list;

static int cover_list_of(const rv_index *ix, cover_list *out)
{
    int64_t nd = rv_index_n_coverage_regions(ix), n = 0;
    out->x = malloc((size_t)(nd ? nd : RV_N_CONTIGS) * sizeof *out->x);
    if (!out->x) return -1;
    for (int64_t i = 0; i < nd; i++) {
        rv_region *r = &out->x[n++];
        rv_index_coverage_region(ix, i, &r->contig, &r->beg, &r->end);
    }
    for (int c = 0; nd == 0 && c < RV_N_CONTIGS; c++)
        if (rv_index_contig_has_records(ix, c)) out->x[n++] = (rv_region){ c, 1, INT64_MAX / 2 };
    out->n = n;
    return 0;
}

/* PS1/PM5 read ClinVar at the residue of a missense variant: a changed ClinVar record
 * changes the evidence of every variant at its residue, not only its own. With the run's
 * gene model, the residues of d's keys (computed as the residue table computes them). */
static void clinvar_residues(rv_incr *x, diff_entry *d)
{
    const char *role = NULL;
    for (int i = 0; i < x->n_now && !role; i++)
        if (strcmp(x->now[i].source, d->source) == 0) role = x->now[i].role;
    if (rv_role_id_of(role) != RV_ROLE_CLINICAL_ASSERTION || !d->n_keys) return;
    if (!x->gm_tried) {
        x->gm_tried = 1;
        rv_err e = { 0 };
        if (rv_gene_model_open_home(&x->gm, x->home, x->conf->reference_fasta, &e) < 0) x->gm = NULL;
        if (x->gm) rv_gene_model_set_conventions(x->gm, &x->conf->conv);   /* as the run's samples */
    }
    if (!x->gm) return;
    keylist l = { 0 };
    for (int i = 0; i < d->n_keys; i++) {
        rv_varkey k;
        rv_evidence ev;
        rv_err e = { 0 };
        if (rv_varkey_parse(d->keys[i], &k) < 0) continue;
        memset(&ev, 0, sizeof ev);
        if (rv_gene_model_evidence(x->gm, &k, &ev, &e) <= 0 || ev.protein_pos <= 0 || !ev.gene.n) continue;
        char buf[320];
        snprintf(buf, sizeof buf, "%.*s\t%d", (int)ev.gene.n, ev.gene.s, ev.protein_pos);
        if (keylist_add(&l, buf) < 0) {
            d->why_full = dupf("%s %s -> %s: out of memory", d->source, d->from, d->to);
            break;
        }
    }
    keylist_sort_unique(&l);
    d->residues = l.k;
    d->n_residues = l.n;
}

/* The previous calls at a residue a clinical-assertion change touched (PS1/PM5). */
static int residue_calls(const diff_entry *de, const rv_calls *prev, ptrlist *check)
{
    for (int i = 0; de->n_residues && i < prev->n; i++) {
        const rv_call *c = &prev->x[i];
        char ref, alt, buf[320];
        int pos;
        if (!c->gene || !c->hgvsp || !rv_protein_change_parse(c->hgvsp, strlen(c->hgvsp), &ref, &pos, &alt)) continue;
        snprintf(buf, sizeof buf, "%s\t%d", c->gene, pos);
        if (has_key(de->residues, de->n_residues, buf) && ptr_add(check, c->variant) < 0) return -1;
    }
    return 0;
}

static int region_cmp(const rv_region *a, const rv_region *b)
{
    if (a->contig != b->contig) return a->contig < b->contig ? -1 : 1;
    if (a->beg != b->beg) return a->beg < b->beg ? -1 : 1;
    return a->end < b->end ? -1 : a->end > b->end;
}

/* Where releases a and b cover different variants: every interval of one that the other
 * does not have as it is (a superset of the positions covered by exactly one of them),
 * appended to g; where names them for the plan ("contig 13", "3 declared regions").
 * Returns how many, or -1 (out of memory). A variant absent from a release that covers it
 * is not the same evidence as one the release does not cover (rv_index_covers), so these
 * intervals are where a change of coverage reaches keys neither release holds. */
static int coverage_changes(const rv_index *a, const rv_index *b, gene_acc *g, char *where, size_t n)
{
    cover_list ca = { 0 }, cb = { 0 };
    int added = 0, whole = 0;
    size_t o = 0;
    where[0] = '\0';
    if (cover_list_of(a, &ca) < 0 || cover_list_of(b, &cb) < 0) { free(ca.x); free(cb.x); return -1; }
    for (int64_t i = 0, j = 0; i < ca.n || j < cb.n;) {
        int c = i >= ca.n ? 1 : j >= cb.n ? -1 : region_cmp(&ca.x[i], &cb.x[j]);
        if (c == 0) { i++, j++; continue; }
        const rv_region *r = c < 0 ? &ca.x[i++] : &cb.x[j++];
        if (add_region(g, r->contig, r->beg, r->end) < 0) { added = -1; break; }
        added++;
        if (r->end == INT64_MAX / 2 && o < n) {
            o += (size_t)snprintf(where + o, n - o, "%s%s", whole++ ? ", " : "contig ", rv_contig_name(r->contig));
        }
    }
    if (added > whole && o < n)
        snprintf(where + o, n - o, "%s%d declared region%s", o ? "; " : "", added - whole, added - whole == 1 ? "" : "s");
    free(ca.x);
    free(cb.x);
    return added;
}

/* Fill d: the keys source changed between releases from and to (under x->mu). */
static void compute_diff(rv_incr *x, diff_entry *d)
{
    rv_release ra, rb;
    rv_index *a = NULL, *b = NULL;
    rv_err e = { 0 };
    keylist l = { 0 };
    if (rv_store_get(x->home, d->source, d->from, &ra, &e) < 0 || rv_store_get(x->home, d->source, d->to, &rb, &e) < 0 ||
        rv_index_open(&a, ra.index_path, &e) < 0 || rv_index_open(&b, rb.index_path, &e) < 0) {
        d->why_full = dupf("%s %s -> %s: a release is not readable in the store", d->source, d->from, d->to);
        goto out;
    }
    if (rv_index_kind(a) != RV_KEY_VARIANT || rv_index_kind(b) != RV_KEY_VARIANT) {
        /* a gene's rows reach the calls of variants in or near it: its region (padded as the
         * carrier prefilter pads genes, and by the most an indel moves when normalised) */
        gene_acc g = { .pad = x->conf->carrier_gene_padding + RV_ALIGN_WINDOW };
        rv_diff_stats st;
        if (rv_index_diff_genes(a, b, on_gene, &g, &st, &e) < 0)
            d->why_full = dupf("%s %s -> %s: releases not comparable gene by gene", d->source, d->from, d->to);
        else {
            keylist_sort_unique(&g.genes);
            if (rv_index_kind(a) == RV_KEY_GENE && g.rows.n > 0 && !(d->why_full = locate_genes(x, &g, d)) && !g.reg)
                d->why_full = dupf("%s %s -> %s: out of memory", d->source, d->from, d->to);
        }
        free_keys(g.rows.k, g.rows.n);
        if (!d->why_full) {
            d->n_rows = (int)(st.added + st.removed + st.changed);
            d->genes = g.genes.k; d->n_genes = g.genes.n;
            d->regions = g.reg; d->n_regions = g.n_reg;
        } else {
            free_keys(g.genes.k, g.genes.n);
            free(g.reg);
        }
        goto out;
    }
    /* where the coverage changed, every record is read again (rv_incr_gene_read_regions) */
    gene_acc cov = { .pad = 0 };
    char where[200];
    int n_cov = coverage_changes(a, b, &cov, where, sizeof where);
    if (n_cov < 0) {
        free(cov.reg);
        d->why_full = dupf("%s %s -> %s: out of memory", d->source, d->from, d->to);
        goto out;
    }
    if (n_cov > 0) {
        d->regions = cov.reg;
        d->n_regions = cov.n_reg;
        d->coverage = strdup(where);
    }
    rv_diff_stats st;
    if (rv_index_diff_keys(a, b, add_varkey, &l, &st, &e) < 0) {
        d->why_full = dupf("%s %s -> %s: releases not comparable key by key", d->source, d->from, d->to);
        free_keys(l.k, l.n);
        l = (keylist){ 0 };
        goto out;
    }
    keylist_sort_unique(&l);
    d->keys = l.k;
    d->n_keys = l.n;
    clinvar_residues(x, d);
out:
    rv_index_close(a);
    rv_index_close(b);
}

/* The cached diff of source from -> to (computed on first use); NULL on out of memory. */
static const diff_entry *get_diff(rv_incr *x, const char *source, const char *from, const char *to)
{
    pthread_mutex_lock(&x->mu);
    diff_entry *hit = NULL;
    for (int i = 0; i < x->n_diffs && !hit; i++)
        if (!strcmp(x->diffs[i].source, source) && !strcmp(x->diffs[i].from, from) && !strcmp(x->diffs[i].to, to))
            hit = &x->diffs[i];
    if (!hit) {
        diff_entry *v = realloc(x->diffs, (size_t)(x->n_diffs + 1) * sizeof *v);
        if (v) {
            x->diffs = v;
            hit = &v[x->n_diffs];
            memset(hit, 0, sizeof *hit);
            hit->source = strdup(source); hit->from = strdup(from); hit->to = strdup(to);
            if (!hit->source || !hit->from || !hit->to) {
                free(hit->source); free(hit->from); free(hit->to);
                hit = NULL;
            } else {
                x->n_diffs++;
                compute_diff(x, hit);
            }
        }
    }
    pthread_mutex_unlock(&x->mu);
    return hit;
}

/* ---- the decision ---- */

static void set_full(rv_incr_decision *d, long long run, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void set_full(rv_incr_decision *d, long long run, const char *fmt, ...)
{
    d->full = 1;
    char tmp[470];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    snprintf(d->reason, sizeof d->reason, "%s (its last run: %lld)", tmp, run);
}

static int add_change(rv_incr_decision *d, const char *source, const char *from, const char *to, int n_keys)
{
    rv_incr_change *c = realloc(d->changes, (size_t)(d->n_changes + 1) * sizeof *c);
    if (!c) return -1;
    d->changes = c;
    char buf[256];
    snprintf(buf, sizeof buf, "%s %s -> %s", source, from, to);
    c[d->n_changes] = (rv_incr_change){ .what = strdup(buf), .n_keys = n_keys };
    return c[d->n_changes++].what ? 0 : -1;
}

/* Add a gene-keyed or interval change's genes and regions to d. */
static int add_gene_change(rv_incr_decision *d, const diff_entry *de)
{
    if (de->n_regions) {
        rv_region *r = realloc(d->gene_regions, (size_t)(d->n_gene_regions + de->n_regions) * sizeof *r);
        if (!r) return -1;
        d->gene_regions = r;
        memcpy(r + d->n_gene_regions, de->regions, (size_t)de->n_regions * sizeof *r);
        d->n_gene_regions += de->n_regions;
    }
    if (de->n_genes) {
        char **g = realloc(d->genes, (size_t)(d->n_genes + de->n_genes) * sizeof *g);
        if (!g) return -1;
        d->genes = g;
        for (int i = 0; i < de->n_genes; i++)
            if (!(d->genes[d->n_genes] = strdup(de->genes[i]))) return -1;
            else d->n_genes++;
    }
    return 0;
}

static int in_genes(const rv_incr_decision *d, const char *gene)
{
    for (int i = 0; gene && i < d->n_genes; i++) if (strcasecmp(d->genes[i], gene) == 0) return 1;
    return 0;
}

static int cmp_region(const void *a, const void *b)
{
    const rv_region *x = a, *y = b;
    if (x->contig != y->contig) return x->contig < y->contig ? -1 : 1;
    return x->beg < y->beg ? -1 : x->beg > y->beg;
}

/* Sort d's gene regions and merge those that overlap or touch, so that a position is
 * looked up by bisection (a coverage change of an exome's declared regions gives many). */
static void merge_gene_regions(rv_incr_decision *d)
{
    rv_region *r = d->gene_regions;
    int n = d->n_gene_regions, o = 0;
    if (n < 2) return;
    qsort(r, (size_t)n, sizeof *r, cmp_region);
    for (int i = 1; i < n; i++) {
        if (r[i].contig == r[o].contig && r[i].beg <= r[o].end + 1) { if (r[i].end > r[o].end) r[o].end = r[i].end; }
        else r[++o] = r[i];
    }
    d->n_gene_regions = o + 1;
}

/* 1 when (contig, pos) lies in one of d's gene regions (sorted and merged). */
static int in_gene_regions(const rv_incr_decision *d, int contig, int64_t pos)
{
    int lo = 0, hi = d->n_gene_regions;          /* the first region starting after (contig, pos) */
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        const rv_region *r = &d->gene_regions[mid];
        if (r->contig < contig || (r->contig == contig && r->beg <= pos)) lo = mid + 1; else hi = mid;
    }
    return lo > 0 && d->gene_regions[lo - 1].contig == contig && pos <= d->gene_regions[lo - 1].end;
}

int rv_incr_gene_read_regions(const rv_incr_decision *d, rv_region **out)
{
    *out = NULL;
    if (!d->n_gene_regions) return 0;
    if (!(*out = malloc((size_t)d->n_gene_regions * sizeof **out))) return -1;
    for (int i = 0; i < d->n_gene_regions; i++) {
        rv_region r = d->gene_regions[i];
        r.beg = r.beg > RV_ALIGN_WINDOW ? r.beg - RV_ALIGN_WINDOW : 1;
        r.end += RV_ALIGN_WINDOW;
        (*out)[i] = r;
    }
    return d->n_gene_regions;
}

int rv_incr_take_region_calls(rv_incr_decision *d, rv_calls *more, rv_calls *fresh, rv_err *err)
{
    int taken = 0;
    for (int i = 0; i < more->n; i++) {
        rv_call *c = &more->x[i];
        if (!in_gene_regions(d, c->contig, c->pos) || has_key(d->keys, d->n_keys, c->variant)) continue;
        char **k = realloc(d->keys, (size_t)(d->n_keys + 1) * sizeof *k);
        if (k) d->keys = k;
        rv_call *to = k ? rv_calls_push(fresh) : NULL;
        char *key = to ? strdup(c->variant) : NULL;
        if (!key) { if (to) fresh->n--; return rv_err_set(err, RV_ENOMEM, "out of memory"); }
        /* keep d->keys sorted: insert in place */
        int at = d->n_keys;
        while (at > 0 && strcmp(d->keys[at - 1], key) > 0) { d->keys[at] = d->keys[at - 1]; at--; }
        d->keys[at] = key;
        d->n_keys++;
        *to = *c;
        *c = (rv_call){ 0 };
        taken++;
    }
    if (taken) rv_calls_sort(fresh);
    return taken;
}

/* The snapshot as one text, to know whether the cached prefilter was opened on it; -1
 * when it does not fit. */
static int snap_sig(const rv_source_ver *snap, int n_snap, char *sig, size_t n)
{
    size_t o = 0;
    sig[0] = '\0';
    for (int i = 0; i < n_snap && o < n; i++)
        o += (size_t)snprintf(sig + o, n - o, "%s=%s;", snap[i].source, snap[i].version);
    return o >= n ? -1 : 0;
}

/* 1 when the prefilter over snapshot (sig: snap_sig) covers k; -1 when the snapshot cannot
 * be opened. */
static int covers(rv_incr *x, const char *sig, const rv_source_ver *snap, int n_snap, const rv_varkey *k)
{
    if (!sig) return -1;
    pthread_mutex_lock(&x->mu);
    int r = -1;
    if (!x->pf_sig || strcmp(x->pf_sig, sig) != 0) {
        rv_prefilter_close(x->pf);
        x->pf = NULL;
        free(x->pf_sig);
        x->pf_sig = strdup(sig);
        rv_err e = { 0 };
        if (rv_prefilter_open(&x->pf, x->home, x->conf, snap, n_snap, &e) < 0) x->pf = NULL;
    }
    if (x->pf) r = rv_prefilter_covers(x->pf, k);
    pthread_mutex_unlock(&x->mu);
    return r;
}

/* 1 when k cannot be a call of this run whatever the sample carries (no previous call, not
 * reported: the caller checks): over the run's own releases no clinical-assertion or
 * lab-classification source knows it and it is common in every population source
 * (rv_prefilter_common_unknown). 0 when it may be, or when that cannot be told. */
static int cannot_matter(rv_incr *x, const rv_varkey *k)
{
    pthread_mutex_lock(&x->mu);
    if (!x->pf_now_tried) {
        x->pf_now_tried = 1;
        rv_source_ver *v = calloc((size_t)x->n_now + 1, sizeof *v);
        int n = 0;
        for (int i = 0; v && i < x->n_now; i++) {
            rv_role_id r = rv_role_id_of(x->now[i].role);
            if (r == RV_ROLE_CLINICAL_ASSERTION || r == RV_ROLE_LAB_CLASSIFICATION || r == RV_ROLE_POPULATION_FREQUENCY)
                v[n++] = x->now[i];
        }
        rv_err e = { 0 };
        if (v && rv_prefilter_open(&x->pf_now, x->home, x->conf, v, n, &e) < 0) x->pf_now = NULL;
        free(v);
    }
    int r = x->pf_now ? rv_prefilter_common_unknown(x->pf_now, k) : 0;
    pthread_mutex_unlock(&x->mu);
    return r;
}

/* 1 when the call's candidate reasons ("panel,clinvar,reported") include reason. */
static int has_reason(const rv_call *c, const char *reason)
{
    size_t n = strlen(reason);
    for (const char *p = c->candidate_reason; p && *p;) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == n && strncmp(p, reason, n) == 0) return 1;
        p = e ? e + 1 : NULL;
    }
    return 0;
}

static int is_reported(char *const *reported, int n, const char *key)
{
    for (int i = 0; i < n; i++) if (strcmp(reported[i], key) == 0) return 1;
    return 0;
}

int rv_incr_sample_changed(const rv_run_info *info, const rv_sample *s, const char *config_hash, char *why, size_t n)
{
    if (!info->vcf_sha256) snprintf(why, n, "the VCF its last run read was not recorded");
    else if (strcmp(info->vcf_sha256, s->vcf_sha256) != 0) snprintf(why, n, "its VCF changed since its last run");
    else if (strcmp(info->indication ? info->indication : "", s->indication ? s->indication : "") != 0)
        snprintf(why, n, "its indication changed (%s, was %s)", s->indication ? s->indication : "none",
                 info->indication ? info->indication : "none");
    else if (info->registration_changed)
        snprintf(why, n, "%s", info->registration_changed > 0 ? "its sex, family, PED entry or VCF column changed since its last run"
                                                             : "the registration its last run read was not recorded");
    else if (!info->config_hash || strcmp(info->config_hash, config_hash) != 0)
        snprintf(why, n, "the pipeline config or rules changed");
    else if (!info->revus_version || strcmp(info->revus_version, rv_version()) != 0)
        snprintf(why, n, "revus %s; its last run used %s", rv_version(), info->revus_version ? info->revus_version : "another");
    else return 0;
    return 1;
}

int rv_incr_decide(rv_incr *x, rv_state *rd, const rv_sample *s, int64_t prev_run, const rv_calls *prev,
                   char *const *reported, int n_reported, rv_incr_decision *d, rv_err *err)
{
    memset(d, 0, sizeof *d);
    if (!prev_run) { d->full = 1; snprintf(d->reason, sizeof d->reason, "never run"); return 0; }
    if (s->n_relatives > 0) {
        d->full = 1;
        snprintf(d->reason, sizeof d->reason, "a family member: read with its relatives (de novo, segregation)");
        return 0;
    }
    rv_run_info info;
    int rc = rv_run_info_get(rd, prev_run, s->id, &info, err);
    if (rc < 0) return rc;
    ptrlist check = { 0 };     /* the keys to look at: borrowed from the diffs, prev and reported */
    rv_carriers *car = NULL;
    long long pr = (long long)prev_run;
    char why[400];
    if (rv_incr_sample_changed(&info, s, x->config_hash, why, sizeof why)) { set_full(d, pr, "%s", why); goto out; }
    /* both snapshots are sorted by source name */
    for (int i = 0, j = 0; i < info.n_sources || j < x->n_now;) {
        const rv_source_ver *a = i < info.n_sources ? &info.sources[i] : NULL, *b = j < x->n_now ? &x->now[j] : NULL;
        int c = !a ? 1 : !b ? -1 : strcmp(a->source, b->source);
        if (c < 0) { set_full(d, pr, "source %s was removed", a->source); goto out; }
        if (c > 0) { set_full(d, pr, "source %s was added", b->source); goto out; }
        i++, j++;
        int same_sha = strcmp(a->sha256 ? a->sha256 : "", b->sha256 ? b->sha256 : "") == 0;
        if (strcmp(a->version, b->version) == 0) {
            if (same_sha) continue;
            set_full(d, pr, "%s %s was re-imported with other content", a->source, a->version);
            goto out;
        }
        const diff_entry *de = get_diff(x, a->source, a->version, b->version);
        if (!de) { rc = rv_err_set(err, RV_ENOMEM, "out of memory"); goto out; }
        if (de->why_full) { set_full(d, pr, "%s", de->why_full); goto out; }
        int by_gene = de->n_genes > 0 || (de->n_regions > 0 && !de->coverage);
        if (add_change(d, a->source, a->version, b->version, by_gene ? de->n_rows : de->n_keys) < 0 ||
            (de->coverage && !(d->changes[d->n_changes - 1].coverage = strdup(de->coverage)))) { rc = rv_err_set(err, RV_ENOMEM, "out of memory"); goto out; }
        d->changes[d->n_changes - 1].genes = by_gene;
        d->changes[d->n_changes - 1].n_regions = de->n_regions;
        for (int k = 0; k < de->n_keys; k++)
            if (ptr_add(&check, de->keys[k]) < 0) { rc = rv_err_set(err, RV_ENOMEM, "out of memory"); goto out; }
        if (add_gene_change(d, de) < 0 || residue_calls(de, prev, &check) < 0) { rc = rv_err_set(err, RV_ENOMEM, "out of memory"); goto out; }
    }
    merge_gene_regions(d);
    /* previous calls in a changed gene, by name or by place, are re-read with the rest of
     * the gene's region (rv_incr_take_region_calls) */
    for (int i = 0; d->n_gene_regions > 0 && i < prev->n; i++) {
        const rv_call *c = &prev->x[i];
        if ((in_genes(d, c->gene) || in_genes(d, c->hgnc_id) || in_gene_regions(d, c->contig, c->pos)) &&
            ptr_add(&check, c->variant) < 0) { rc = rv_err_set(err, RV_ENOMEM, "out of memory"); goto out; }
    }
    /* reported variants whose call does not say so (no call, or not kept as reported),
     * calls kept as reported that are not any more, and calls kept only because they had
     * been candidates */
    for (int i = 0; i < n_reported; i++) {
        const rv_call *c = rv_calls_find(prev, reported[i]);
        if ((!c || !has_reason(c, "reported")) && ptr_add(&check, reported[i]) < 0) { rc = rv_err_set(err, RV_ENOMEM, "out of memory"); goto out; }
    }
    for (int i = 0; i < prev->n; i++) {
        const rv_call *c = &prev->x[i];
        int stale_reported = has_reason(c, "reported") && !is_reported(reported, n_reported, c->variant);
        if ((!c->candidate || stale_reported) && ptr_add(&check, c->variant) < 0) { rc = rv_err_set(err, RV_ENOMEM, "out of memory"); goto out; }
    }
    ptr_sort_unique(&check);

    keylist hit = { 0 };
    int n_snap = 0, m_reg = 0;
    const rv_source_ver *snap = NULL;
    char sig_buf[4096], *sig = NULL;
    if (check.n > 0) {
        rv_err e = { 0 };
        if ((x->readonly ? rv_carriers_open(&car, x->home, x->conf, s, &e)
                         : rv_carriers_ensure(&car, x->home, x->conf, s, reported, n_reported,
                                              &d->carriers_rebuilt, &e)) < 0) {
            set_full(d, pr, "carrier index: %s", e.msg);
            goto out;
        }
        snap = rv_carriers_snapshot(car, &n_snap);
        if (snap_sig(snap, n_snap, sig_buf, sizeof sig_buf) == 0) sig = sig_buf;
    }
    for (int i = 0; i < check.n; i++) {
        const char *key = check.k[i];
        rv_varkey vk;
        if (rv_varkey_parse(key, &vk) < 0) continue;          /* not a key a VCF record can have */
        uint64_t at[8];
        int n_at = rv_carriers_lines(car, &vk, at, 8);
        int affected = n_at > 0 || rv_calls_find_at(prev, vk.contig, vk.pos, key) != NULL;   /* held, or had a call */
        if (!affected) {
            int cov = covers(x, sig, snap, n_snap, &vk);
            if (cov <= 0 && (is_reported(reported, n_reported, key) || !cannot_matter(x, &vk))) {
                affected = 1;
                d->n_uncovered++;
            }
        }
        if (!affected) continue;
        if (keylist_add(&hit, key) < 0) { free_keys(hit.k, hit.n); rc = rv_err_set(err, RV_ENOMEM, "out of memory"); goto out; }
        if (d->n_regions + 1 > m_reg) {
            m_reg = 2 * (d->n_regions + 1);
            rv_region *g = realloc(d->regions, (size_t)m_reg * sizeof *g);
            if (!g) { free_keys(hit.k, hit.n); rc = rv_err_set(err, RV_ENOMEM, "out of memory"); goto out; }
            d->regions = g;
        }
        d->regions[d->n_regions++] = (rv_region){ vk.contig, vk.pos > RV_ALIGN_WINDOW ? vk.pos - RV_ALIGN_WINDOW : 1,
                                                  vk.pos + RV_ALIGN_WINDOW };
    }
    d->keys = hit.k;
    d->n_keys = hit.n;
    /* how many of each change's keys the sample had to re-read */
    for (int c = 0, i = 0, j = 0; c < d->n_changes && i < info.n_sources; ) {
        const rv_source_ver *a = &info.sources[i], *b = &x->now[j];
        i++, j++;
        if (strcmp(a->version, b->version) == 0 && strcmp(a->sha256 ? a->sha256 : "", b->sha256 ? b->sha256 : "") == 0)
            continue;
        const diff_entry *de = get_diff(x, a->source, a->version, b->version);
        for (int k = 0; de && k < de->n_keys; k++) d->changes[c].n_carried += has_key(d->keys, d->n_keys, de->keys[k]);
        c++;
    }
out:
    if (rc == 0 && !d->full) d->car = car;      /* where the keys are read (rv_incr_locate) */
    else rv_carriers_close(car);
    free(check.k);
    rv_run_info_free(&info);
    if (rc < 0 || d->full) {
        free_keys(d->keys, d->n_keys);
        d->keys = NULL;
        d->n_keys = 0;
        free(d->regions);
        d->regions = NULL;
        d->n_regions = 0;
        free_keys(d->genes, d->n_genes);
        d->genes = NULL;
        d->n_genes = 0;
        free(d->gene_regions);
        d->gene_regions = NULL;
        d->n_gene_regions = 0;
    }
    return rc;
}

static int gene_in(char **genes, int n, const char *g)
{
    for (int i = 0; g && i < n; i++) if (strcmp(genes[i], g) == 0) return 1;
    return 0;
}

int rv_incr_expand_genes(const rv_calls *prev, rv_incr_decision *d, const rv_calls *fresh, char ***added, rv_err *err)
{
    *added = NULL;
    keylist genes = { 0 }, add = { 0 };
    int rc = 0;
    for (int i = 0; i < fresh->n && rc == 0; i++)
        if (fresh->x[i].gene && keylist_add(&genes, fresh->x[i].gene) < 0) rc = -1;
    for (int i = 0; i < prev->n && rc == 0; i++)
        if (prev->x[i].gene && has_key(d->keys, d->n_keys, prev->x[i].variant) && keylist_add(&genes, prev->x[i].gene) < 0)
            rc = -1;
    for (int i = 0; i < prev->n && rc == 0; i++) {
        const rv_call *c = &prev->x[i];
        if (c->gene && gene_in(genes.k, genes.n, c->gene) && !has_key(d->keys, d->n_keys, c->variant) &&
            keylist_add(&add, c->variant) < 0)
            rc = -1;
    }
    rv_region *g = rc == 0 && add.n ? realloc(d->regions, (size_t)(d->n_regions + add.n) * sizeof *g) : d->regions;
    char **k = rc == 0 && add.n ? realloc(d->keys, (size_t)(d->n_keys + add.n) * sizeof *k) : d->keys;
    if (g) d->regions = g;
    if (k) d->keys = k;
    if (rc < 0 || (add.n && (!g || !k))) {
        free_keys(genes.k, genes.n);
        free_keys(add.k, add.n);
        return rv_err_set(err, RV_ENOMEM, "out of memory");
    }
    for (int i = 0; i < add.n; i++) {
        const rv_call *c = rv_calls_find(prev, add.k[i]);
        d->regions[d->n_regions++] = (rv_region){ c->contig, c->pos > RV_ALIGN_WINDOW ? c->pos - RV_ALIGN_WINDOW : 1,
                                                  c->pos + RV_ALIGN_WINDOW };
        d->keys[d->n_keys++] = add.k[i];
    }
    int n_added = add.n;
    free_keys(genes.k, genes.n);
    if (n_added > 1 || (n_added && d->n_keys > 1)) qsort(d->keys, (size_t)d->n_keys, sizeof *d->keys, cmp_str);
    if (n_added > 1) qsort(add.k, (size_t)n_added, sizeof *add.k, cmp_str);
    if (n_added) *added = add.k;         /* the strings are d->keys' */
    else free(add.k);
    return n_added;
}

/* The version of source in the snapshot; NULL when absent. */
static const char *version_in(const rv_source_ver *now, int n, const char *source)
{
    for (int i = 0; source && i < n; i++) if (strcmp(now[i].source, source) == 0) return now[i].version;
    return NULL;
}

static int set_version(char **version, const char *source, const rv_source_ver *now, int n)
{
    const char *v = version_in(now, n, source);
    if (!v || (*version && strcmp(*version, v) == 0)) return 0;
    char *c = strdup(v);
    if (!c) return -1;
    free(*version);
    *version = c;
    return 0;
}

static int version_char(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '-' || c == '_';
}

/* Replace the version at [v, e) of *text by version; *at moves to the same place of the
 * new text. 0, or -1 (out of memory). */
static int put_version(char **text, char **at, char *v, char *e, const char *version)
{
    size_t lv = strlen(version);
    if ((size_t)(e - v) == lv && strncmp(v, version, lv) == 0) return 0;
    size_t head = (size_t)(v - *text), len = strlen(*text);
    char *t = malloc(len - (size_t)(e - v) + lv + 1);
    if (!t) return -1;
    memcpy(t, *text, head);
    memcpy(t + head, version, lv);
    memcpy(t + head + lv, e, len - (size_t)(e - *text) + 1);
    *at = t + (*at - *text);
    free(*text);
    *text = t;
    return 0;
}

/* The criteria text cites the release each criterion came from as "SOURCE@VERSION"
 * (classify/classifier.c), and so does the inheritance text its MOI ("moi_source"); a
 * population source that does not cover the variant is cited as "not covered by SOURCE
 * VERSION". A carried-over call cites the releases of now, as a full run would (its values
 * did not change, and neither did the coverage at its position: run/incremental.h).
 * Rewrites *text in place of each citation of a source of now with another version. */
static int cite_current(char **text, const rv_source_ver *now, int n)
{
    static const char covered[] = "covered by ";
    for (int i = 0; *text && i < n; i++) {
        size_t ln = strlen(now[i].source);
        for (char *at = strchr(*text, '@'); at; at = strchr(at + 1, '@')) {
            char *name = at - ln;
            if (name < *text || strncmp(name, now[i].source, ln) != 0 || (name > *text && version_char(name[-1])))
                continue;
            char *e = at + 1;
            while (version_char(*e)) e++;
            if (put_version(text, &at, at + 1, e, now[i].version) < 0) return -1;
        }
        for (char *at = strstr(*text, covered); at; at = strstr(at + 1, covered)) {
            char *name = at + sizeof covered - 1;
            if (strncmp(name, now[i].source, ln) != 0 || name[ln] != ' ') continue;
            char *v = name + ln + 1, *e = v;
            while (version_char(*e)) e++;
            if (put_version(text, &at, v, e, now[i].version) < 0) return -1;
        }
    }
    return 0;
}

/* 1 when v..e is not version. */
static int other_version(const char *v, const char *version)
{
    const char *e = v;
    while (version_char(*e)) e++;
    size_t lv = strlen(version);
    return (size_t)(e - v) != lv || strncmp(v, version, lv) != 0;
}

/* 1 when text cites a source of now at another version than now's: the citations
 * cite_current rewrites ("SOURCE@VERSION", "covered by SOURCE VERSION"). */
static int cites_other(const char *text, const rv_source_ver *now, int n)
{
    static const char covered[] = "covered by ";
    for (int i = 0; text && i < n; i++) {
        size_t ln = strlen(now[i].source);
        for (const char *at = strchr(text, '@'); at; at = strchr(at + 1, '@')) {
            const char *name = at - ln;
            if (name < text || strncmp(name, now[i].source, ln) != 0 || (name > text && version_char(name[-1])))
                continue;
            if (other_version(at + 1, now[i].version)) return 1;
        }
        for (const char *at = strstr(text, covered); at; at = strstr(at + 1, covered)) {
            const char *name = at + sizeof covered - 1;
            if (strncmp(name, now[i].source, ln) == 0 && name[ln] == ' ' && other_version(name + ln + 1, now[i].version))
                return 1;
        }
    }
    return 0;
}

int rv_incr_cites_moved(const char *criteria, const char *inheritance, void *incr)
{
    const rv_incr *x = incr;
    return cites_other(criteria, x->now, x->n_now) || cites_other(inheritance, x->now, x->n_now);
}

int rv_incr_delta_keys(const rv_calls *prev, const rv_incr_decision *d, char *const *reported, int n_reported,
                       const rv_source_ver *now, int n_now, char ***keys, int *n_keys, int *n_carried)
{
    keylist k = { 0 };
    int carried = 0;
    for (int i = 0; i < d->n_keys; i++)
        if (keylist_add(&k, d->keys[i]) < 0) goto nomem;
    for (int i = 0; i < prev->n; i++) {
        const rv_call *p = &prev->x[i];
        if (has_key(d->keys, d->n_keys, p->variant)) continue;
        carried++;
        /* carried over: stored again only when its text cites another release now, and
         * compared when reported (rv_run_apply_sample_delta) */
        if ((is_reported(reported, n_reported, p->variant) || cites_other(p->criteria, now, n_now) ||
             cites_other(p->inheritance, now, n_now)) && keylist_add(&k, p->variant) < 0)
            goto nomem;
    }
    keylist_sort_unique(&k);
    *keys = k.k;
    *n_keys = k.n;
    *n_carried = carried;
    return 0;
nomem:
    free_keys(k.k, k.n);
    return -1;
}

int rv_incr_delta(const rv_calls *prev_sub, const rv_incr_decision *d, rv_calls *fresh, char *const *keys, int n_keys,
                  const rv_source_ver *now, int n_now, rv_calls *out, rv_err *err)
{
    int copies = 0;
    for (int i = 0; i < n_keys; i++) {
        if (has_key(d->keys, d->n_keys, keys[i])) continue;
        const rv_call *p = rv_calls_find(prev_sub, keys[i]);
        if (!p) continue;
        copies++;
        rv_call *c = rv_calls_push(out);
        if (!c || rv_call_copy(c, p) < 0) { if (c) out->n--; return rv_err_set(err, RV_ENOMEM, "out of memory"); }
        if (set_version(&c->clinvar_version, c->clinvar_source, now, n_now) < 0 ||
            set_version(&c->pop_version, c->pop_source, now, n_now) < 0 ||
            set_version(&c->panel_version, c->panel_source, now, n_now) < 0 ||
            set_version(&c->validity_version, c->validity_source, now, n_now) < 0 ||
            cite_current(&c->criteria, now, n_now) < 0 || cite_current(&c->inheritance, now, n_now) < 0)
            return rv_err_set(err, RV_ENOMEM, "out of memory");
    }
    for (int i = 0; i < fresh->n; i++) {
        rv_call *c = rv_calls_push(out);
        if (!c) return rv_err_set(err, RV_ENOMEM, "out of memory");
        *c = fresh->x[i];                 /* moved */
        fresh->x[i] = (rv_call){ 0 };
    }
    out->n_symbolic += fresh->n_symbolic;
    rv_calls_free(fresh);
    rv_calls_sort(out);
    rv_calls_dedup(out);
    return copies;
}

int rv_incr_locate(const rv_incr_decision *d, char *const *keys, int n, rv_incr_reads *out)
{
    memset(out, 0, sizeof *out);
    int has_records = d->car && rv_carriers_has_records(d->car);
    out->line_keys = malloc((size_t)(n + 1) * sizeof *out->line_keys);
    out->region_keys = malloc((size_t)(n + 1) * sizeof *out->region_keys);
    out->lines = malloc((size_t)(8 * n + 1) * sizeof *out->lines);
    out->regions = malloc((size_t)(n + 1) * sizeof *out->regions);
    if (!out->line_keys || !out->region_keys || !out->lines || !out->regions) { rv_incr_reads_free(out); return -1; }
    for (int i = 0; i < n; i++) {
        rv_varkey vk;
        if (rv_varkey_parse(keys[i], &vk) < 0) continue;          /* not a key a VCF record can have */
        uint64_t at[8];
        int n_at = has_records ? rv_carriers_lines(d->car, &vk, at, 8) : 0, all = n_at > 0;
        for (int k = 0; k < n_at; k++) all &= at[k] != 0;
        if (all) {
            for (int k = 0; k < n_at; k++) out->lines[out->n_lines++] = at[k] - 1;
            out->line_keys[out->n_line_keys++] = keys[i];
        } else {
            out->regions[out->n_regions++] = (rv_region){ vk.contig, vk.pos > RV_ALIGN_WINDOW ? vk.pos - RV_ALIGN_WINDOW : 1,
                                                          vk.pos + RV_ALIGN_WINDOW };
            out->region_keys[out->n_region_keys++] = keys[i];
        }
    }
    return 0;
}

void rv_incr_reads_free(rv_incr_reads *r)
{
    free(r->line_keys);
    free(r->region_keys);
    free(r->lines);
    free(r->regions);
    memset(r, 0, sizeof *r);
}
