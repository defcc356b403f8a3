/* sources/compile/gene_model.c: a GFF3 gene model (Ensembl, GENCODE, MANE, RefSeq) compiled into
 * one interval record per transcript (role gene-model, sources/role.c).
 *
 * A transcript is any feature that has exon (or CDS) children; its gene is its own Parent.
 * The mapped fields are attribute keys looked up on the transcript line, then on the gene
 * line; "from" may list alternatives ("gene_name|gene|gene.Name", gene.KEY: the gene line only). The transcript id gets the
 * "version" attribute appended when it has no version of its own (Ensembl). The structure
 * is computed: strand, exons (offsets from the transcript start), the coding span with the
 * phase of its first base in transcript order, and flags for an incomplete model.
 *
 * Seqids: 1/chr1 names, or RefSeq chromosome accessions (NC_000013.10) through the
 * refseq column of pipeline/genome_builds.tsv; an accession of the other build is an
 * error. Other seqids (scaffolds, alts) are skipped and counted. A Parent that no line
 * defines is an error naming the file and line. A CDS whose length is not a multiple of
 * three is kept, flagged cds_not_multiple_of_3 and reported as a warning. */
#include <stdlib.h>
#include <string.h>
#include <htslib/khash.h>
#include "sources/compile/compile_internal.h"
#include "variant/contig.h"
#include "base/textfile.h"

KHASH_MAP_INIT_STR(gm_id, int)

typedef struct seg { int64_t s, e; int phase; } seg;

typedef struct feat {
    char   *id;           /* owned by the hash */
    int     defined;      /* a line with this ID was read */
    int64_t line, ref_line; /* where defined / first referenced as Parent */
    int     contig;
    int64_t start, end;
    char    strand;
    char   *attr;         /* column 9 of gene and transcript lines */
    int     parent;       /* feature index of the first Parent, -1 none */
    seg    *exon, *cds;
    int     n_exon, m_exon, n_cds, m_cds;
    int     has_utr;      /* a five_prime_UTR or three_prime_UTR line names it as Parent */
} feat;

typedef struct gm {
    rv_compile_ctx *c;
    khash_t(gm_id) *h;
    feat *f;
    int n, m;
    rv_build gff_build;   /* from #!genome-version / RefSeq accessions, when said */
} gm;

static int feat_get(gm *g, const char *id, size_t n, int64_t line)
{
    char buf[512];
    if (n >= sizeof buf) n = sizeof buf - 1;
    memcpy(buf, id, n); buf[n] = 0;
    khiter_t k = kh_get(gm_id, g->h, buf);
    if (k != kh_end(g->h)) return kh_val(g->h, k);
    if (g->n == g->m) {
        int m = g->m ? g->m * 2 : 1024;
        feat *nf = realloc(g->f, (size_t)m * sizeof *nf);
        if (!nf) return -1;
        g->f = nf; g->m = m;
    }
    feat *f = &g->f[g->n];
    memset(f, 0, sizeof *f);
    f->parent = -1;
    f->ref_line = line;
    if (!(f->id = strdup(buf))) return -1;
    int ret;
    k = kh_put(gm_id, g->h, f->id, &ret);
    if (ret < 0) { free(f->id); return -1; }
    kh_val(g->h, k) = g->n;
    return g->n++;
}

static int seg_add(seg **a, int *n, int *m, int64_t s, int64_t e, int phase)
{
    if (*n == *m) {
        int nm = *m ? *m * 2 : 8;
        seg *na = realloc(*a, (size_t)nm * sizeof *na);
        if (!na) return -1;
        *a = na; *m = nm;
    }
    (*a)[(*n)++] = (seg){ s, e, phase };
    return 0;
}

static int cmp_seg(const void *x, const void *y)
{
    const seg *a = x, *b = y;
    return a->s < b->s ? -1 : a->s > b->s;
}

/* The build a GFF3 header line states: "#!genome-version GRCh38", "#!genome-build GRCh37.p13". */
static rv_build header_build(const char *line, size_t len)
{
    static const char *const keys[] = { "#!genome-version ", "#!genome-build ", "##genome-build " };
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
        size_t kl = strlen(keys[i]);
        if (len <= kl || strncmp(line, keys[i], kl) != 0) continue;
        const char *p = line + kl;
        while (*p == ' ') p++;
        char b[16];
        size_t n = 0;
        while (n + 1 < sizeof b && p[n] && p[n] != '.' && p[n] != ' ') { b[n] = p[n]; n++; }
        b[n] = 0;
        rv_build r = rv_build_parse(b);
        if (r == RV_BUILD_UNKNOWN && strstr(p, "GRCh38")) r = RV_BUILD_GRCH38;
        if (r == RV_BUILD_UNKNOWN && strstr(p, "GRCh37")) r = RV_BUILD_GRCH37;
        return r;
    }
    return RV_BUILD_UNKNOWN;
}

static int build_clash(gm *g, rv_build b, int64_t line, const char *what)
{
    rv_compile_ctx *c = g->c;
    if (b == RV_BUILD_UNKNOWN || c->d->build == RV_BUILD_UNKNOWN || b == c->d->build) return 0;
    return rv_err_set(c->err, RV_EBUILD, "%s:%lld: %s is %s, the descriptor says %s", c->raw_path, (long long)line,
                      what, rv_build_name(b), rv_build_name(c->d->build));
}

/* Value of a mapped field: the first '|'-alternative of from that is set, each looked up on the
 * transcript line, then on its gene; "gene.KEY" looks on the gene line only (Ensembl names
 * the transcript "CD207-201" and the gene "CD207", both as Name). */
static int lookup(gm *g, const feat *tx, const char *from, const char **v, size_t *vl)
{
    const feat *gene = tx->parent >= 0 ? &g->f[tx->parent] : NULL;
    const char *p = from;
    while (*p) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);
        char key[64];
        if (n < sizeof key) {
            memcpy(key, p, n); key[n] = 0;
            int gene_only = strncmp(key, "gene.", 5) == 0;
            const char *k = gene_only ? key + 5 : key;
            const feat *where[2] = { gene_only ? NULL : tx, gene };
            for (int w = 0; w < 2; w++)
                if (where[w] && where[w]->attr && rv_gff_attr(where[w]->attr, strlen(where[w]->attr), k, v, vl) && *vl)
                    return 1;
        }
        if (!bar) break;
        p = bar + 1;
    }
    return 0;
}

static int set_str(rv_compile_ctx *c, int field, const char *s, size_t n)
{
    if (field < 0) return 0;
    int is_new;
    return rv_ibuild_set_str(c->b, field, s, n, &is_new);
}

static void warn(rv_compile_ctx *c, int64_t line, const char *fmt, const char *a)
{
    if (!c->st->warnings++)
        snprintf(c->st->first_warning, sizeof c->st->first_warning, "%s:%lld: %s %s", c->name, (long long)line, fmt, a);
}

/* One transcript into the index. */
static int emit(gm *g, feat *t)
{
    rv_compile_ctx *c = g->c;
    const rv_descriptor *d = c->d;
    seg *ex = t->n_exon ? t->exon : t->cds;   /* a CDS-only transcript: its CDS are its exons */
    int nex = t->n_exon ? t->n_exon : t->n_cds;
    qsort(ex, (size_t)nex, sizeof *ex, cmp_seg);
    if (t->n_cds) qsort(t->cds, (size_t)t->n_cds, sizeof *t->cds, cmp_seg);
    int64_t s = ex[0].s, e = ex[0].e;
    for (int i = 1; i < nex; i++) if (ex[i].e > e) e = ex[i].e;
    c->st->records_in++;
    int rc = rv_ibuild_add_interval(c->b, t->contig, s, e);
    if (rc < 0) return rv_err_set(c->err, rc, "%s:%lld: transcript does not fit the index", c->raw_path, (long long)t->line);
    int drop = 0;
    for (int i = 0; i < d->n_fields && rc == 0; i++) {
        const char *v; size_t vl;
        int have = lookup(g, t, d->fields[i].from, &v, &vl);
        char buf[600];
        if (strcmp(d->fields[i].name, "transcript") == 0) {
            if (!have && t->id) {      /* the ID without its "transcript:" / "rna-" prefix */
                const char *id = t->id, *colon = strchr(id, ':');
                if (colon) id = colon + 1;
                if (strncmp(id, "rna-", 4) == 0) id += 4;
                v = id; vl = strlen(id); have = 1;
            }
            const char *ver; size_t verl;
            if (have && !memchr(v, '.', vl) && rv_gff_attr(t->attr, strlen(t->attr), "version", &ver, &verl)
                && vl + verl + 2 < sizeof buf) {
                memcpy(buf, v, vl); buf[vl] = '.';
                memcpy(buf + vl + 1, ver, verl);
                v = buf; vl += verl + 1;
            }
        } else if (have && strcmp(d->fields[i].name, "tags") == 0 && vl < sizeof buf) {
            /* RefSeq writes "MANE Select": one vocabulary with GENCODE's MANE_Select */
            for (size_t k = 0; k < vl; k++) buf[k] = v[k] == ' ' ? '_' : v[k];
            v = buf;
        }
        if (!have) { if (rv_compile_required(d, i)) drop = 1; continue; }
        rc = rv_compile_value(c, i, v, vl, t->line, NULL, 0);
    }
    if (rc < 0) return rc;
    if (drop) { rv_ibuild_drop_last(c->b); c->st->skipped_other++; return 0; }

    kstring_t k = { 0, 0, NULL };
    char strand[2] = { t->strand == '-' ? '-' : '+', 0 };
    rc |= set_str(c, rv_compile_computed(d, "strand"), strand, 1);
    for (int i = 0; i < nex; i++)
        ksprintf(&k, "%s%lld-%lld", i ? "," : "", (long long)(ex[i].s - s), (long long)(ex[i].e - s));
    rc |= set_str(c, rv_compile_computed(d, "exons"), k.s, k.l);
    char flags[96] = "";
    const char *tags; size_t tl;
    int have_tags = rv_gff_attr(t->attr, strlen(t->attr), "tag", &tags, &tl);
    if (t->n_cds) {
        int64_t cs = t->cds[0].s, ce = t->cds[0].e, len = 0;
        for (int i = 0; i < t->n_cds; i++) {
            if (t->cds[i].e > ce) ce = t->cds[i].e;
            len += t->cds[i].e - t->cds[i].s + 1;
        }
        /* phase of the 5'-most CDS piece in transcript order */
        int phase = t->strand == '-' ? t->cds[t->n_cds - 1].phase : t->cds[0].phase;
        if (phase < 0 || phase > 2) phase = 0;
        k.l = 0;
        ksprintf(&k, "%lld-%lld:%d", (long long)cs, (long long)ce, phase);
        rc |= set_str(c, rv_compile_computed(d, "cds"), k.s, k.l);
        if (have_tags && memmem(tags, tl, "cds_start_NF", 12)) strcat(flags, "cds_start_NF,");
        if (have_tags && memmem(tags, tl, "cds_end_NF", 10)) strcat(flags, "cds_end_NF,");
        if ((len - phase) % 3) {
            strcat(flags, "cds_not_multiple_of_3,");
            warn(c, t->line, "CDS length is not a multiple of 3; transcript marked incomplete:", t->id);
        }
    }
    /* a coding transcript the GFF3 gave no UTR lines for (bcftools csq reads UTRs only from
     * those lines: conventions utr_terms) */
    if (t->n_cds && !t->has_utr) strcat(flags, "no_utr_features,");
    size_t fl = strlen(flags);
    if (fl) rc |= set_str(c, rv_compile_computed(d, "flags"), flags, fl - 1);
    free(k.s);
    return rc ? rv_err_set(c->err, RV_ENOMEM, "index: out of memory") : 0;
}

static int parse_line(gm *g, char *line, size_t len, int64_t ln)
{
    rv_compile_ctx *c = g->c;
    char *f[10]; size_t fl[10];
    int n = rv_split_fields(line, len, '\t', 0, f, fl, 10);
    if (n < 9) return rv_err_set(c->err, RV_ESOURCE, "%s:%lld: %d columns, GFF3 has 9", c->raw_path, (long long)ln, n);
    rv_build acc_build = RV_BUILD_UNKNOWN;
    int contig = rv_contig_id(f[0], fl[0]);
    if (contig == RV_CONTIG_OTHER) contig = rv_contig_id_refseq(f[0], fl[0], &acc_build);
    if (acc_build != RV_BUILD_UNKNOWN) {
        f[0][fl[0]] = 0;
        if (build_clash(g, acc_build, ln, f[0]) < 0) return RV_EBUILD;
    }
    if (contig == RV_CONTIG_OTHER) { c->st->skipped_other++; return 0; }
    /* whole-sequence features carry no gene structure (Ensembl writes negative starts there) */
    static const char *const seq_types[] = { "chromosome", "region", "scaffold", "supercontig", "contig", "biological_region" };
    for (size_t i = 0; i < sizeof seq_types / sizeof *seq_types; i++)
        if (fl[2] == strlen(seq_types[i]) && memcmp(f[2], seq_types[i], fl[2]) == 0) return 0;
    f[3][fl[3]] = 0; f[4][fl[4]] = 0;
    char *e1, *e2;
    long long s = strtoll(f[3], &e1, 10), e = strtoll(f[4], &e2, 10);
    const char *type = f[2];
    size_t tl = fl[2];
    int is_exon = tl == 4 && memcmp(type, "exon", 4) == 0;
    int is_cds = (tl == 3 && memcmp(type, "CDS", 3) == 0) || (tl == 10 && memcmp(type, "stop_codon", 10) == 0);
    /* only exon and CDS coordinates are used: a gene cut at a sequence end may start below 1 */
    if (*e1 || *e2 || ((is_exon || is_cds) && (s < 1 || e < s)))
        return rv_err_set(c->err, RV_ESOURCE, "%s:%lld: bad start/end '%s'/'%s'", c->raw_path, (long long)ln, f[3], f[4]);
    const char *attr = f[8];
    size_t al = fl[8];
    const char *id, *par;
    size_t idl = 0, parl = 0;
    int has_id = rv_gff_attr(attr, al, "ID", &id, &idl) && idl;
    int has_par = rv_gff_attr(attr, al, "Parent", &par, &parl) && parl;
    int is_utr = (tl == 14 && memcmp(type, "five_prime_UTR", 14) == 0) || (tl == 15 && memcmp(type, "three_prime_UTR", 15) == 0);
    if (is_utr && has_par) {
        /* UTRs are derived from exons and CDS; only whether the file gave them is kept */
        for (size_t p = 0; p < parl;) {
            size_t q = p;
            while (q < parl && par[q] != ',') q++;
            int t = feat_get(g, par + p, q - p, ln);
            if (t < 0) return rv_err_set(c->err, RV_ENOMEM, "index: out of memory");
            g->f[t].has_utr = 1;
            p = q + 1;
        }
        return 0;
    }
    if (is_exon || is_cds) {
        if (!has_par)
            return rv_err_set(c->err, RV_ESOURCE, "%s:%lld: %.*s without a Parent attribute", c->raw_path, (long long)ln, (int)tl, type);
        int phase = fl[7] == 1 && f[7][0] >= '0' && f[7][0] <= '2' ? f[7][0] - '0' : 0;
        size_t p = 0;
        while (p < parl) {                      /* Parent=a,b: an exon shared by transcripts */
            size_t q = p;
            while (q < parl && par[q] != ',') q++;
            int t = feat_get(g, par + p, q - p, ln);
            if (t < 0) return rv_err_set(c->err, RV_ENOMEM, "index: out of memory");
            feat *tx = &g->f[t];
            int r = is_exon ? seg_add(&tx->exon, &tx->n_exon, &tx->m_exon, s, e, 0)
                            : seg_add(&tx->cds, &tx->n_cds, &tx->m_cds, s, e, tl == 3 ? phase : -1);
            if (r < 0) return rv_err_set(c->err, RV_ENOMEM, "index: out of memory");
            p = q + 1;
        }
        return 0;
    }
    if (!has_id) return 0;                      /* UTRs, start codons, repeats: derived or unused */
    int i = feat_get(g, id, idl, ln);
    if (i < 0) return rv_err_set(c->err, RV_ENOMEM, "index: out of memory");
    feat *x = &g->f[i];
    if (x->defined) return 0;                   /* a multi-line feature: the first line names it */
    x->defined = 1;
    x->line = ln;
    x->contig = contig;
    x->start = s; x->end = e;
    x->strand = fl[6] == 1 ? f[6][0] : '.';
    if (!(x->attr = strndup(attr, al))) return rv_err_set(c->err, RV_ENOMEM, "index: out of memory");
    if (has_par) {
        size_t q = 0;
        while (q < parl && par[q] != ',') q++;
        int p = feat_get(g, par, q, ln);
        if (p < 0) return rv_err_set(c->err, RV_ENOMEM, "index: out of memory");
        g->f[i].parent = p;                     /* g->f may have moved */
    }
    return 0;
}

static void gm_free(gm *g)
{
    for (int i = 0; i < g->n; i++) {
        free(g->f[i].id); free(g->f[i].attr); free(g->f[i].exon); free(g->f[i].cds);
    }
    free(g->f);
    if (g->h) kh_destroy(gm_id, g->h);
}

int rv_compile_gene_model(rv_compile_ctx *c)
{
    gm g = { c, kh_init(gm_id), NULL, 0, 0, RV_BUILD_UNKNOWN };
    if (!g.h) return rv_err_set(c->err, RV_ENOMEM, "index: out of memory");
    rv_textfile *t;
    int rc = rv_textfile_open(&t, c->raw_path, c->err);
    if (rc < 0) { gm_free(&g); return rc; }
    char *line; size_t len;
    while ((rc = rv_textfile_next(t, &line, &len, c->err)) == 1) {
        int64_t ln = rv_textfile_line_no(t);
        if (len >= 7 && strncmp(line, "##FASTA", 7) == 0) break;
        if (len && line[0] == '#') {
            if ((rc = build_clash(&g, header_build(line, len), ln, "the file's genome build")) < 0) break;
            continue;
        }
        if (len == 0) continue;
        if ((rc = parse_line(&g, line, len, ln)) < 0) break;
    }
    rv_textfile_close(t);
    if (rc < 0) { gm_free(&g); return rc; }
    rc = 0;
    for (int i = 0; i < g.n && rc == 0; i++) {
        feat *x = &g.f[i];
        /* a UTR line's Parent that nothing else names is ignored, as UTR lines were before */
        if (!x->defined && !(x->has_utr && !x->n_exon && !x->n_cds)) {
            rc = rv_err_set(c->err, RV_ESOURCE, "%s:%lld: Parent '%s' is not defined by any line of the file",
                            c->raw_path, (long long)x->ref_line, x->id);
            break;
        }
        if (x->parent >= 0 && !g.f[x->parent].defined) {
            rc = rv_err_set(c->err, RV_ESOURCE, "%s:%lld: Parent '%s' is not defined by any line of the file",
                            c->raw_path, (long long)x->line, g.f[x->parent].id);
            break;
        }
    }
    for (int i = 0; i < g.n && rc == 0; i++)
        if (g.f[i].n_exon || g.f[i].n_cds) rc = emit(&g, &g.f[i]);
    gm_free(&g);
    return rc;
}
