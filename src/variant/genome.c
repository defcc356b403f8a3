/* variant/genome.c: FASTA access by canonical contig id through a moving window (variant/genome.h). */
#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <htslib/faidx.h>
#include "variant/genome.h"

#define WINDOW (1 << 16)
#define PAD    1024

struct rv_genome {
    faidx_t *fai;
    char    *path;
    const char *name[RV_N_CONTIGS];      /* the FASTA's name of each canonical contig */
    int64_t  len[RV_N_CONTIGS];
    /* an uncompressed FASTA is read through mmap with the .fai's layout (htslib's reader
     * goes byte by byte); a bgzipped one through faidx */
    const char *map;
    size_t   map_len;
    size_t   released;                   /* mapped bytes before this were given back */
    int64_t  off[RV_N_CONTIGS], line_bases[RV_N_CONTIGS], line_width[RV_N_CONTIGS];
    char    *win;                        /* the current window (mapped: the last answer) */
    int64_t  buf_cap;
    int      win_contig;
    int64_t  win_beg, win_len;           /* 1-based start and length */
};

/* mmap an uncompressed FASTA and read its .fai (name, length, offset, bases and bytes per
 * line); on any doubt leave g->map NULL and read through faidx. */
static void map_plain(rv_genome *g, const char *fasta)
{
    char fai[4200];
    snprintf(fai, sizeof fai, "%s.fai", fasta);
    int fd = open(fasta, O_RDONLY);
    if (fd < 0) return;
    unsigned char magic[2] = { 0, 0 };
    struct stat st;
    if (read(fd, magic, 2) != 2 || (magic[0] == 0x1f && magic[1] == 0x8b) || fstat(fd, &st) < 0 || st.st_size == 0) {
        close(fd);
        return;
    }
    FILE *f = fopen(fai, "r");
    if (!f) { close(fd); return; }
    char name[1024];
    long long len, off, lb, lw;
    int ok = 1;
    while (fscanf(f, "%1023s %lld %lld %lld %lld%*[^\n]", name, &len, &off, &lb, &lw) == 5) {
        int id = rv_contig_id(name, strlen(name));
        if (id == RV_CONTIG_OTHER) id = rv_contig_id_refseq(name, strlen(name), NULL);
        if (id == RV_CONTIG_OTHER || !g->name[id] || strcmp(g->name[id], name) != 0) continue;
        if (lb <= 0 || lw < lb || off + (len / lb) * lw > (long long)st.st_size) ok = 0;
        g->off[id] = off; g->line_bases[id] = lb; g->line_width[id] = lw;
    }
    fclose(f);
    void *m = ok ? mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0) : MAP_FAILED;
    close(fd);
    if (m == MAP_FAILED) return;
    for (int c = 0; c < RV_N_CONTIGS; c++)
        if (g->name[c] && !g->line_bases[c]) { munmap(m, (size_t)st.st_size); return; }
    g->map = m;
    g->map_len = (size_t)st.st_size;
}

/* A forward sweep leaves the mapped pages it passed: drop them from the process (they stay
 * in the page cache) so resident memory follows the input, not the whole genome. */
#define RELEASE_LAG (8 << 20)
static void release_behind(rv_genome *g, int c, int64_t beg)
{
    size_t here = (size_t)(g->off[c] + (beg - 1) / g->line_bases[c] * g->line_width[c]);
    if (here < g->released + 2 * RELEASE_LAG) return;
    size_t page = (size_t)sysconf(_SC_PAGESIZE), to = (here - RELEASE_LAG) / page * page;
    size_t from = g->released / page * page;
    if (to > from) madvise((void *)(g->map + from), to - from, MADV_DONTNEED);
    g->released = to;
}

/* Bases [wb, we] (1-based) of contig from the mapped file, upper-case, into s. */
static void copy_mapped(const rv_genome *g, int c, int64_t wb, int64_t we, char *s)
{
    int64_t lb = g->line_bases[c], lw = g->line_width[c], k = 0;
    for (int64_t p = wb - 1; p < we;) {
        int64_t line = p / lb, col = p % lb, n = lb - col;
        if (n > we - p) n = we - p;
        const char *src = g->map + g->off[c] + line * lw + col;
        for (int64_t i = 0; i < n; i++) s[k++] = (char)(src[i] & ~0x20);   /* ASCII letters to upper case */
        p += n;
    }
    s[k] = 0;
}

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
    map_plain(g, fasta);
    *out = g;
    return 0;
}

void rv_genome_close(rv_genome *g)
{
    if (!g) return;
    if (g->fai) fai_destroy(g->fai);
    if (g->map) munmap((void *)g->map, g->map_len);
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
    if (g->map) {
        /* mapped: copy exactly what is asked, into a buffer reused from call to call */
        int64_t n = end - beg + 1;
        if (n + 1 > g->buf_cap) {
            char *nb = realloc(g->win, (size_t)n + 1);
            if (!nb) return rv_err_set(err, RV_ENOMEM, "out of memory"), NULL;
            g->win = nb; g->buf_cap = n + 1;
        }
        copy_mapped(g, contig, beg, end, g->win);
        g->win_contig = -1;
        release_behind(g, contig, beg);
        *got_beg = beg; *got_len = n;
        return g->win;
    }
    if (!(contig == g->win_contig && beg >= g->win_beg && end < g->win_beg + g->win_len)) {
        int64_t wb = beg > PAD ? beg - PAD : 1;
        int64_t we = end + PAD > wb + WINDOW ? end + PAD : wb + WINDOW;
        if (we > g->len[contig]) we = g->len[contig];
        hts_pos_t l = 0;
        char *s = faidx_fetch_seq64(g->fai, g->name[contig], wb - 1, we - 1, &l);
        if (s) for (hts_pos_t i = 0; i < l; i++) s[i] = (char)toupper((unsigned char)s[i]);
        if (!s || l != we - wb + 1) {
            free(s);
            return rv_err_set(err, RV_EINPUT, "%s: cannot read %s:%lld-%lld", g->path, g->name[contig],
                              (long long)wb, (long long)we), NULL;
        }
        free(g->win);
        g->win = s; g->win_contig = contig; g->win_beg = wb; g->win_len = l;
    }
    *got_beg = beg;
    *got_len = end - beg + 1;
    return g->win + (beg - g->win_beg);
}
