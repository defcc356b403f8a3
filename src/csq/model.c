/* csq/model.c: the gene-model index parsed into flat transcript arrays (csq/model.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "csq/model.h"
#include "sources/index.h"

struct rv_model {
    rv_tx   *tx;
    int64_t  n;
    int64_t *maxend;              /* running maximum of ends within a contig */
    int64_t  first[RV_N_CONTIGS + 1];
    int64_t *num;                 /* exons and cumulative lengths */
    char    *str;                 /* names */
    char     source[160], version[64];
    rv_build build;
};

enum { F_TX, F_SYM, F_HGNC, F_GENE, F_BIO, F_TAGS, F_STRAND, F_EXONS, F_CDS, F_FLAGS, N_F };
static const char *const field_names[N_F] = { "transcript", "symbol", "hgnc_id", "gene_id", "biotype", "tags",
                                              "strand", "exons", "cds", "flags" };

/* Which tags and flags set which bits: a table, so a new tag is one line. */
static const struct { const char *word; unsigned bit; } tag_bits[] = {
    { "MANE_Select", RV_TX_MANE_SELECT }, { "MANE_Plus_Clinical", RV_TX_MANE_PLUS },
    { "Ensembl_canonical", RV_TX_CANONICAL }, { "cds_start_NF", RV_TX_CDS_START_NF },
    { "cds_end_NF", RV_TX_CDS_END_NF }, { "cds_not_multiple_of_3", RV_TX_CDS_NOT3 },
    { "no_utr_features", RV_TX_NO_UTR_FEATURES },
};

static unsigned words_bits(const char *s, size_t n)
{
    unsigned b = 0;
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && s[j] != ',') j++;
        for (size_t k = 0; k < sizeof tag_bits / sizeof *tag_bits; k++)
            if (strlen(tag_bits[k].word) == j - i && memcmp(tag_bits[k].word, s + i, j - i) == 0) b |= tag_bits[k].bit;
        i = j + 1;
    }
    return b;
}

static int64_t num(const char **p, const char *end)
{
    int64_t v = 0;
    while (*p < end && **p >= '0' && **p <= '9') v = v * 10 + (*(*p)++ - '0');
    return v;
}

typedef struct growbuf { void *p; size_t n, cap; } growbuf;

static int grow(growbuf *g, size_t add, size_t elem)
{
    if (g->n + add <= g->cap) return 0;
    size_t cap = g->cap ? g->cap : 4096;
    while (cap < g->n + add) cap *= 2;
    void *np = realloc(g->p, cap * elem);
    if (!np) return -1;
    g->p = np; g->cap = cap;
    return 0;
}

/* Copy a string field into the string pool; the offset is returned (fixed up later). */
static int64_t put_str(growbuf *s, const rv_index *idx, int64_t rec, int f)
{
    const char *v = ""; size_t l = 0;
    if (f >= 0 && rv_index_get_str(idx, rec, f, &v, &l) < 0) { v = ""; l = 0; }
    if (grow(s, l + 1, 1) < 0) return -1;
    int64_t off = (int64_t)s->n;
    memcpy((char *)s->p + s->n, v, l);
    ((char *)s->p)[s->n + l] = 0;
    s->n += l + 1;
    return off;
}

int rv_model_open(rv_model **out, const char *path, rv_err *err)
{
    *out = NULL;
    rv_index *idx;
    int rc = rv_index_open(&idx, path, err);
    if (rc < 0) return rc;
    const char *role = rv_index_meta(idx, "role");
    if (rv_role_id_of(role) != RV_ROLE_GENE_MODEL) {
        rc = rv_err_set(err, RV_EUSAGE, "%s: role '%s' is not a gene model", path, role ? role : "");
        rv_index_close(idx);
        return rc;
    }
    int fid[N_F];
    for (int i = 0; i < N_F; i++) fid[i] = rv_index_field_id(idx, field_names[i]);
    if (fid[F_TX] < 0 || fid[F_EXONS] < 0 || fid[F_STRAND] < 0) {
        rc = rv_err_set(err, RV_ESOURCE, "%s: gene-model index without transcript, exons or strand", path);
        rv_index_close(idx);
        return rc;
    }
    rv_model *m = calloc(1, sizeof *m);
    int64_t n = rv_index_n_records(idx);
    if (!m || !(m->tx = calloc((size_t)(n ? n : 1), sizeof *m->tx)) || !(m->maxend = calloc((size_t)(n ? n : 1), sizeof *m->maxend))) {
        if (m) { free(m->tx); free(m); }
        rv_index_close(idx);
        return rv_err_set(err, RV_ENOMEM, "out of memory");
    }
    const char *src = rv_index_meta(idx, "source"), *ver = rv_index_meta(idx, "version");
    snprintf(m->source, sizeof m->source, "%s", src ? src : "");
    snprintf(m->version, sizeof m->version, "%s", ver ? ver : "");
    m->build = rv_build_parse(rv_index_meta(idx, "build"));
    growbuf s = { 0 }, nb = { 0 };
    int64_t (*soff)[5] = malloc((size_t)(n ? n : 1) * sizeof *soff);
    int64_t *noff = malloc((size_t)(n ? n : 1) * sizeof *noff);
    if (!soff || !noff) goto nomem;
    for (int64_t r = 0; r < n; r++) {
        rv_tx *t = &m->tx[r];
        rv_varkey k;
        rv_index_key(idx, r, &k);
        t->contig = k.contig;
        t->start = k.pos;
        t->end = rv_index_interval_end(idx, r);
        const char *v; size_t l;
        t->strand = rv_index_get_str(idx, r, fid[F_STRAND], &v, &l) == 0 && l && v[0] == '-' ? '-' : '+';
        if (fid[F_TAGS] >= 0 && rv_index_get_str(idx, r, fid[F_TAGS], &v, &l) == 0) t->flags |= words_bits(v, l);
        if (fid[F_FLAGS] >= 0 && rv_index_get_str(idx, r, fid[F_FLAGS], &v, &l) == 0) t->flags |= words_bits(v, l);
        const int fs[5] = { F_TX, F_SYM, F_HGNC, F_GENE, F_BIO };
        for (int i = 0; i < 5; i++)
            if ((soff[r][i] = put_str(&s, idx, r, fid[fs[i]])) < 0) goto nomem;
        if (rv_index_get_str(idx, r, fid[F_BIO], &v, &l) == 0 && l == 23 && memcmp(v, "nonsense_mediated_decay", 23) == 0)
            t->flags |= RV_TX_NMD_BIOTYPE;
        /* exons: "S-E,S-E" offsets from the start */
        noff[r] = (int64_t)nb.n;
        if (rv_index_get_str(idx, r, fid[F_EXONS], &v, &l) < 0) { v = ""; l = 0; }
        const char *p = v, *end = v + l;
        while (p < end) {
            int64_t a = num(&p, end);
            if (p < end && *p == '-') p++;
            int64_t b = num(&p, end);
            if (p < end && *p == ',') p++;
            else if (p < end) break;
            if (grow(&nb, 2, sizeof(int64_t)) < 0) goto nomem;
            ((int64_t *)nb.p)[nb.n++] = t->start + a;
            ((int64_t *)nb.p)[nb.n++] = t->start + b;
            t->n_exon++;
        }
        if (!t->n_exon) {                       /* a malformed record: one exon over the span */
            if (grow(&nb, 2, sizeof(int64_t)) < 0) goto nomem;
            ((int64_t *)nb.p)[nb.n++] = t->start;
            ((int64_t *)nb.p)[nb.n++] = t->end;
            t->n_exon = 1;
        }
        if (grow(&nb, (size_t)t->n_exon, sizeof(int64_t)) < 0) goto nomem;
        nb.n += (size_t)t->n_exon;              /* room for cum[] */
        if (fid[F_CDS] >= 0 && rv_index_get_str(idx, r, fid[F_CDS], &v, &l) == 0 && l) {
            const char *q = v, *qe = v + l;
            t->cds_s = num(&q, qe);
            if (q < qe && *q == '-') q++;
            t->cds_e = num(&q, qe);
            if (q < qe && *q == ':') { q++; t->phase = (int)num(&q, qe); }
        }
    }
    m->n = n;
    m->str = s.p;
    m->num = nb.p;
    for (int64_t r = 0; r < n; r++) {
        rv_tx *t = &m->tx[r];
        t->id = m->str + soff[r][0]; t->symbol = m->str + soff[r][1]; t->hgnc = m->str + soff[r][2];
        t->gene_id = m->str + soff[r][3]; t->biotype = m->str + soff[r][4];
        t->ex = m->num + noff[r];
        int64_t *cum = m->num + noff[r] + 2 * t->n_exon;
        t->cum = cum;
        int64_t acc = 0;
        for (int i = 0; i < t->n_exon; i++) {
            int gi = t->strand == '+' ? i : t->n_exon - 1 - i;   /* i-th exon in transcript order */
            cum[gi] = acc;
            acc += t->ex[2 * gi + 1] - t->ex[2 * gi] + 1;
        }
        t->cdna_len = acc;
        if (t->cds_s > 0) {
            /* cDNA positions of the coding span's ends */
            int64_t g5 = t->strand == '+' ? t->cds_s : t->cds_e, g3 = t->strand == '+' ? t->cds_e : t->cds_s;
            t->cds_c1 = t->cds_c2 = 0;
            for (int i = 0; i < t->n_exon; i++) {
                int64_t a = t->ex[2 * i], b = t->ex[2 * i + 1];
                int64_t g[2] = { g5, g3 };
                int64_t *c[2] = { &t->cds_c1, &t->cds_c2 };
                for (int k = 0; k < 2; k++)
                    if (g[k] >= a && g[k] <= b) *c[k] = cum[i] + (t->strand == '+' ? g[k] - a : b - g[k]) + 1;
            }
            if (!t->cds_c1 || !t->cds_c2 || t->cds_c2 < t->cds_c1) t->cds_s = t->cds_e = 0;   /* CDS outside exons */
        }
        if (r > 0 && m->tx[r - 1].contig == t->contig && m->maxend[r - 1] > t->end) m->maxend[r] = m->maxend[r - 1];
        else m->maxend[r] = t->end;
    }
    int64_t r = 0;
    for (int c = 0; c <= RV_N_CONTIGS; c++) {
        while (r < n && m->tx[r].contig < c) r++;
        m->first[c] = r;
    }
    free(soff); free(noff);
    rv_index_close(idx);
    *out = m;
    return 0;
nomem:
    free(soff); free(noff); free(s.p); free(nb.p);
    free(m->tx); free(m->maxend); free(m);
    rv_index_close(idx);
    return rv_err_set(err, RV_ENOMEM, "out of memory");
}

void rv_model_close(rv_model *m)
{
    if (!m) return;
    free(m->tx); free(m->maxend); free(m->num); free(m->str);
    free(m);
}

int64_t rv_model_n(const rv_model *m) { return m->n; }
const rv_tx *rv_model_tx(const rv_model *m, int64_t i) { return &m->tx[i]; }
const char *rv_model_source(const rv_model *m) { return m->source; }
const char *rv_model_version(const rv_model *m) { return m->version; }
rv_build rv_model_build(const rv_model *m) { return m->build; }

int rv_model_overlaps(const rv_model *m, int contig, int64_t beg, int64_t end, int64_t *out, int max)
{
    if (contig < 0 || contig >= RV_N_CONTIGS) return 0;
    int64_t lo = m->first[contig], hi = m->first[contig + 1];
    /* last transcript starting at or before end */
    int64_t a = lo, b = hi;
    while (a < b) {
        int64_t mid = a + (b - a) / 2;
        if (m->tx[mid].start <= end) a = mid + 1; else b = mid;
    }
    int n = 0;
    for (int64_t i = a - 1; i >= lo && m->maxend[i] >= beg; i--)
        if (m->tx[i].end >= beg && n < max) out[n++] = i;
    /* ascending order of start */
    for (int i = 0; i < n / 2; i++) { int64_t x = out[i]; out[i] = out[n - 1 - i]; out[n - 1 - i] = x; }
    return n;
}

void rv_model_contigs(const rv_model *m, int *has)
{
    for (int c = 0; c < RV_N_CONTIGS; c++) has[c] = m->first[c + 1] > m->first[c];
}

int rv_model_from_gff(rv_model **m, const rv_descriptor *d, const char *gff_path, rv_compile_stats *st, rv_err *err)
{
    const char *tmp = getenv("TMPDIR");
    char dir[4096], path[4200];
    snprintf(dir, sizeof dir, "%s/revus-csq.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(dir)) return rv_err_set(err, RV_EIO, "%s: cannot create a temporary folder", dir);
    snprintf(path, sizeof path, "%s/model.rvx", dir);
    int rc = rv_index_compile(d, gff_path, "given", path, st, err);
    if (rc == 0) rc = rv_model_open(m, path, err);
    unlink(path);
    rmdir(dir);
    return rc;
}
