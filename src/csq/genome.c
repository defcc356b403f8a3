/* csq/genome.c: FASTA access by canonical contig id through a moving window (csq/genome.h). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <htslib/faidx.h>
#include "csq/genome.h"

#define WINDOW (1 << 20)
#define PAD    4096

struct rv_genome {
    faidx_t *fai;
    char    *path;
    const char *name[RV_N_CONTIGS];      /* the FASTA's name of each canonical contig */
    int64_t  len[RV_N_CONTIGS];
    char    *win;                        /* the current window */
    int      win_contig;
    int64_t  win_beg, win_len;           /* 1-based start and length */
};

int rv_genome_open(rv_genome **out, const char *fasta, rv_err *err)
{
    *out = NULL;
    rv_genome *g = calloc(1, sizeof *g);
    if (!g || !(g->path = strdup(fasta))) { free(g); return rv_err_set(err, RV_ENOMEM, "out of memory"); }
    g->fai = fai_load(fasta);
    if (!g->fai) {
        free(g->path); free(g);
        return rv_err_set(err, RV_EINPUT, "%s: cannot read the FASTA or its .fai index", fasta);
    }
    int n = faidx_nseq(g->fai);
    for (int i = 0; i < n; i++) {
        const char *nm = faidx_iseq(g->fai, i);
        size_t l = strlen(nm);
        int id = rv_contig_id(nm, l);
        if (id == RV_CONTIG_OTHER) id = rv_contig_id_refseq(nm, l, NULL);
        if (id == RV_CONTIG_OTHER || g->name[id]) continue;
        g->name[id] = nm;
        g->len[id] = faidx_seq_len(g->fai, nm);
    }
    g->win_contig = -1;
    *out = g;
    return 0;
}

void rv_genome_close(rv_genome *g)
{
    if (!g) return;
    if (g->fai) fai_destroy(g->fai);
    free(g->win); free(g->path);
    free(g);
}

int rv_genome_has(const rv_genome *g, int contig)
{
    return contig >= 0 && contig < RV_N_CONTIGS && g->name[contig];
}

int64_t rv_genome_length(const rv_genome *g, int contig)
{
    return rv_genome_has(g, contig) ? g->len[contig] : 0;
}

rv_build rv_genome_build(const rv_genome *g, int *contig)
{
    for (int c = 0; c < RV_N_CONTIGS; c++) {
        if (!g->name[c]) continue;
        rv_build b = rv_build_vote(g->name[c], strlen(g->name[c]), g->len[c], NULL);
        if (b != RV_BUILD_UNKNOWN) { if (contig) *contig = c; return b; }
    }
    return RV_BUILD_UNKNOWN;
}

const char *rv_genome_get(rv_genome *g, int contig, int64_t beg, int64_t end,
                          int64_t *got_beg, int64_t *got_len, rv_err *err)
{
    if (!rv_genome_has(g, contig))
        return rv_err_set(err, RV_EINPUT, "%s: no sequence for chromosome %s", g->path, rv_contig_name(contig)), NULL;
    if (beg < 1) beg = 1;
    if (end > g->len[contig]) end = g->len[contig];
    if (end < beg) { *got_beg = beg; *got_len = 0; return ""; }
    if (!(contig == g->win_contig && beg >= g->win_beg && end < g->win_beg + g->win_len)) {
        int64_t wb = beg > PAD ? beg - PAD : 1;
        int64_t we = end + PAD > wb + WINDOW ? end + PAD : wb + WINDOW;
        if (we > g->len[contig]) we = g->len[contig];
        hts_pos_t l = 0;
        char *s = faidx_fetch_seq64(g->fai, g->name[contig], wb - 1, we - 1, &l);
        if (!s || l != we - wb + 1) {
            free(s);
            return rv_err_set(err, RV_EINPUT, "%s: cannot read %s:%lld-%lld", g->path, g->name[contig],
                              (long long)wb, (long long)we), NULL;
        }
        for (hts_pos_t i = 0; i < l; i++) s[i] = (char)toupper((unsigned char)s[i]);
        free(g->win);
        g->win = s; g->win_contig = contig; g->win_beg = wb; g->win_len = l;
    }
    *got_beg = beg;
    *got_len = end - beg + 1;
    return g->win + (beg - g->win_beg);
}
