/* classify/residue_index.c: PS1/PM5 residues from the active ClinVar release (residue_index.h). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "classify/residue_index.h"
#include "sources/clinvar.h"
#include "sources/index.h"
#include "csq/effect.h"

/* An amino acid at s (three letters, one letter, or Ter or a star): its length, 0 when none. */
static size_t amino_acid(const char *s, const char *end, char *out)
{
    if (end - s >= 3 && (*out = rv_aa_one_letter(s, 3))) return 3;
    if (end - s >= 1 && (isupper((unsigned char)*s) || *s == '*') && (*out = rv_aa_one_letter(s, 1))) return 1;
    return 0;
}

int rv_protein_change_parse(const char *s, size_t n, char *ref, int *pos, char *alt)
{
    const char *end = s + n, *p = NULL;
    for (const char *q = s; q + 1 < end; q++)
        if (q[0] == 'p' && q[1] == '.') { p = q + 2; break; }
    if (!p) return 0;
    if (p < end && *p == '(') p++;
    size_t k = amino_acid(p, end, ref);
    if (!k) return 0;
    p += k;
    long v = 0;
    const char *d = p;
    while (p < end && isdigit((unsigned char)*p) && v < 100000) v = v * 10 + (*p++ - '0');
    if (p == d || v <= 0) return 0;
    k = amino_acid(p, end, alt);
    if (!k || *alt == *ref) return 0;
    p += k;
    if (p < end && *p == ')') p++;
    if (p < end && !isspace((unsigned char)*p) && *p != ';' && *p != ',' && *p != '|') return 0;   /* fs, del, ext... */
    *pos = (int)v;
    return 1;
}

static void free_table(void *t) { rv_residue_table_free(t); }

/* The fields of a ClinVar release that the residue table reads. */
typedef struct cv_fields { int protein, gene, sig, rev, vid; } cv_fields;

static cv_fields fields_of(const rv_index *idx)
{
    return (cv_fields){ rv_index_field_id(idx, "protein"), rv_index_field_id(idx, "gene"), rv_index_field_id(idx, "clnsig"),
                        rv_index_field_id(idx, "clnrevstat"), rv_index_field_id(idx, "variation_id") };
}

/* Record r's ClinVar interpretation: 1 when P/LP (cv set), 0 otherwise. */
static int record_plp(const rv_index *idx, const cv_fields *f, int64_t r, rv_clinvar *cv)
{
    const char *sig, *rev = NULL;
    size_t sn, rn = 0;
    if (f->sig < 0 || rv_index_get_str(idx, r, f->sig, &sig, &sn) < 0) return 0;
    if (f->rev >= 0 && rv_index_get_str(idx, r, f->rev, &rev, &rn) < 0) rev = NULL;
    return rv_clinvar_parse(sig, sn, rev, rev ? rn : 0, NULL, 0, cv, NULL) == 0 && cv->tier == RV_CV_TIER_PLP;
}

static int64_t record_vid(const rv_index *idx, const cv_fields *f, int64_t r)
{
    int64_t vid = -1;
    if (f->vid >= 0 && rv_index_get_int(idx, r, f->vid, &vid) < 0) vid = -1;
    return vid;
}

/* ---- protein changes the release carries ---- */

static int table_from_field(rv_classifier *c, const rv_index *idx, const cv_fields *f, const char *src,
                            const char *name, const char *version, int *rows, rv_err *err)
{
    rv_residue_table *tab = rv_residue_table_new();
    if (!tab) return rv_err_set(err, RV_ENOMEM, "out of memory");
    int64_t n = rv_index_n_records(idx);
    for (int64_t r = 0; r < n; r++) {
        const char *p, *g;
        size_t pn, gn;
        rv_residue_hit h = { 0 };
        int pos;
        if (rv_index_get_str(idx, r, f->protein, &p, &pn) < 0 || !rv_protein_change_parse(p, pn, &h.aa_ref, &pos, &h.aa_alt)) continue;
        rv_clinvar cv;
        if (rv_index_get_str(idx, r, f->gene, &g, &gn) < 0 || !record_plp(idx, f, r, &cv)) continue;
        size_t k = 0;               /* GENEINFO "CFTR:1080|..." -> CFTR */
        while (k < gn && g[k] != ':' && g[k] != '|') k++;
        h.tier = cv.tier;
        h.stars = cv.stars;
        h.cls = cv.cls;
        h.variation_id = record_vid(idx, f, r);
        snprintf(h.source, sizeof h.source, "%s", src);
        if (k && rv_residue_table_add_hit(tab, g, k, pos, &h) < 0) {
            rv_residue_table_free(tab);
            return rv_err_set(err, RV_ENOMEM, "out of memory");
        }
    }
    rv_residue_table_finish(tab);
    *rows = rv_residue_table_size(tab);
    if (*rows == 0) {
        rv_residue_table_free(tab);
        char why[160];
        snprintf(why, sizeof why, "protein change unknown (no P/LP one in %s %s)", name, version);
        rv_classifier_set_residue_gap(c, why);
        return 0;
    }
    rv_classifier_own_residues(c, rv_residue_table_lookup, tab, free_table);
    return 0;
}

/* ---- protein changes computed with the gene model, gene by gene ---- */

/* One gene's rows, computed on its first lookup. */
typedef struct gene_rows { char *gene; rv_residue_table *tab; } gene_rows;

typedef struct model_residues {
    const rv_index *cv;         /* the ClinVar release (borrowed from the annotator) */
    cv_fields f;
    rv_gene_model *gm;          /* a view beside the run's model: its own buffers */
    char source[64];            /* "clinvar@VERSION+model@VERSION" */
    gene_rows *genes;           /* sorted by name */
    int n_genes, cap;
} model_residues;

static void model_residues_free(void *ctx)
{
    model_residues *m = ctx;
    if (!m) return;
    for (int i = 0; i < m->n_genes; i++) {
        free(m->genes[i].gene);
        rv_residue_table_free(m->genes[i].tab);
    }
    free(m->genes);
    rv_gene_model_close(m->gm);
    free(m);
}

/* Sequence Ontology terms joined by '&' as a bit set (csq/effect.h). */
static uint32_t term_bits(rv_str s)
{
    uint32_t bits = 0;
    for (size_t i = 0; i < s.n;) {
        size_t j = i;
        while (j < s.n && s.s[j] != '&') j++;
        int t = rv_so_parse(s.s + i, j - i);
        if (t >= 0) bits |= 1u << t;
        i = j + 1;
    }
    return bits;
}

/* The P/LP ClinVar records inside the gene's span whose consequence, computed with the
 * model as a patient's variant would be, is a missense change of this gene. */
static int gene_table(model_residues *m, const char *gene, size_t gn, rv_residue_table **out)
{
    rv_residue_table *tab = rv_residue_table_new();
    if (!tab) return RV_ENOMEM;
    int contig;
    int64_t beg = 0, end = 0, stop = 0;
    int rc = rv_gene_model_gene_span(m->gm, gene, gn, &contig, &beg, &end);
    for (int64_t r = rc == 1 ? rv_index_first_at(m->cv, contig, beg, &stop) : 0; rc == 1 && r < stop; r++) {
        rv_varkey k;
        rv_index_key(m->cv, r, &k);
        if (k.pos > end) break;
        rv_clinvar cv;
        if (!record_plp(m->cv, &m->f, r, &cv)) continue;
        rv_evidence ev;
        memset(&ev, 0, sizeof ev);
        rv_err e = { 0 };
        int got = rv_gene_model_evidence(m->gm, &k, &ev, &e);
        if (got < 0) { rc = got; break; }
        uint32_t bits = got ? term_bits(ev.consequence) : 0;
        if (!(bits & (1u << RV_SO_MISSENSE)) || ev.gene.n != gn || strncmp(ev.gene.s, gene, gn) != 0 ||
            ev.protein_pos <= 0 || ev.aa_ref.n != 1 || ev.aa_alt.n != 1)
            continue;
        rv_residue_hit h = { ev.aa_ref.s[0], ev.aa_alt.s[0], cv.tier, cv.stars, cv.cls, record_vid(m->cv, &m->f, r), bits, "" };
        memcpy(h.source, m->source, sizeof h.source);
        if (rv_residue_table_add_hit(tab, gene, gn, ev.protein_pos, &h) < 0) { rc = RV_ENOMEM; break; }
    }
    if (rc < 0) { rv_residue_table_free(tab); return rc; }
    rv_residue_table_finish(tab);
    *out = tab;
    return 0;
}

static int model_lookup(void *ctx, const char *gene, size_t gene_n, int protein_pos, rv_residue_hit *hits, int max)
{
    model_residues *m = ctx;
    int lo = 0, hi = m->n_genes;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        int c = strncmp(m->genes[mid].gene, gene, gene_n);
        if (c == 0 && m->genes[mid].gene[gene_n]) c = 1;
        if (c < 0) lo = mid + 1; else hi = mid;
    }
    if (lo >= m->n_genes || strncmp(m->genes[lo].gene, gene, gene_n) != 0 || m->genes[lo].gene[gene_n]) {
        if (m->n_genes == m->cap) {
            int cap = m->cap ? 2 * m->cap : 64;
            gene_rows *v = realloc(m->genes, (size_t)cap * sizeof *v);
            if (!v) return RV_ENOMEM;
            m->genes = v;
            m->cap = cap;
        }
        gene_rows g = { strndup(gene, gene_n), NULL };
        if (!g.gene) return RV_ENOMEM;
        int rc = gene_table(m, gene, gene_n, &g.tab);
        if (rc < 0) { free(g.gene); return rc; }
        memmove(&m->genes[lo + 1], &m->genes[lo], (size_t)(m->n_genes - lo) * sizeof *m->genes);
        m->genes[lo] = g;
        m->n_genes++;
    }
    return rv_residue_table_lookup(m->genes[lo].tab, gene, gene_n, protein_pos, hits, max);
}

static int table_from_model(rv_classifier *c, const rv_index *idx, const cv_fields *f, const char *name,
                            const char *version, const rv_gene_model *gm, rv_err *err)
{
    model_residues *m = calloc(1, sizeof *m);
    if (!m) return rv_err_set(err, RV_ENOMEM, "out of memory");
    m->cv = idx;
    m->f = *f;
    snprintf(m->source, sizeof m->source, "%s@%s+%s", name, version, rv_gene_model_provenance(gm));
    int rc = rv_gene_model_open_beside(gm, &m->gm, err);
    if (rc < 0) { model_residues_free(m); return rc; }
    rv_classifier_own_residues(c, model_lookup, m, model_residues_free);
    return 0;
}

int rv_residues_attach(rv_classifier *c, const rv_annotator *a, const rv_gene_model *gm, int *rows, rv_err *err)
{
    *rows = 0;
    for (int i = 0; i < rv_annotator_n_sources(a); i++) {
        const char *name, *version, *role, *sha;
        rv_annotator_source(a, i, &name, &version, &role, &sha);
        if (!role || strcmp(role, "clinical-assertion") != 0) continue;
        const rv_index *idx = rv_annotator_index(a, i);
        cv_fields f = fields_of(idx);
        char src[64];
        snprintf(src, sizeof src, "%s@%s", name, version);
        if (f.protein >= 0 && f.gene >= 0) return table_from_field(c, idx, &f, src, name, version, rows, err);
        if (gm) return table_from_model(c, idx, &f, name, version, gm, err);
        char why[200];
        snprintf(why, sizeof why, "protein change unknown (none in %s %s, and no gene model with a reference FASTA to compute them)",
                 name, version);
        rv_classifier_set_residue_gap(c, why);
        return 0;
    }
    return 0;
}
