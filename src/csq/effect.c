/* csq/effect.c: consequences of one allele on the overlapping transcripts (csq/effect.h).
 *
 * Coordinates: genomic positions are 1-based; a transcript's cDNA is its exons spliced in
 * transcript order (reverse-complemented on the minus strand), numbered from 1. An allele
 * becomes "replace cDNA x1..x2 by S" (an insertion has x2 = x1 - 1), and the protein is
 * the translation of the changed coding sequence read on into the 3' UTR, compared with
 * the reference protein. Splice terms come from the genomic distance to each junction:
 * donor and acceptor are the two intronic bases at each end of an intron, the splice region
 * is exonic bases 1-3 and intronic bases 3-8 from a junction (VEP's definition; the extents
 * and the edge cases where callers differ are the conventions, csq/conventions.h). */
#include <stdlib.h>
#include <string.h>
#include "csq/effect.h"
#include "csq/codon.h"

#define MAX_TX    256
#define SHIFT_MAX 500    /* most bases an indel is 3'-shifted for HGVS */

typedef struct txcache { char *cdna; char *prot; int64_t nprot; } txcache;

struct rv_conseq {
    const rv_model *m;
    rv_genome *g;
    rv_csq_conv cv;            /* the conventions followed */
    txcache *tc;               /* per transcript, filled on first use */
    int64_t *cached;           /* which ones, to free them when the contig changes */
    int64_t n_cached, m_cached;
    int cached_contig;
    rv_effect eff[MAX_TX];
    int64_t hits[MAX_TX];
    kstring_t alt, work;       /* work buffers */
    int ref_held_only;         /* the last allele's REF ran past the reference's end */
    int64_t written_pos;       /* where the allele lies trimmed anchor-first (as written) */
};

int rv_conseq_new(rv_conseq **out, const rv_model *m, rv_genome *g, rv_err *err)
{
    rv_conseq *c = calloc(1, sizeof *c);
    if (!c || !(c->tc = calloc((size_t)(rv_model_n(m) ? rv_model_n(m) : 1), sizeof *c->tc))) {
        free(c);
        return rv_err_set(err, RV_ENOMEM, "out of memory");
    }
    c->m = m; c->g = g; c->cached_contig = -1;
    rv_csq_conv_vep(&c->cv);
    *out = c;
    return 0;
}

void rv_conseq_set_conventions(rv_conseq *c, const rv_csq_conv *cv) { c->cv = *cv; }
const rv_csq_conv *rv_conseq_conventions(const rv_conseq *c) { return &c->cv; }
int rv_conseq_ref_held_only(const rv_conseq *c) { return c->ref_held_only; }

static void drop_cache(rv_conseq *c)
{
    for (int64_t i = 0; i < c->n_cached; i++) {
        txcache *t = &c->tc[c->cached[i]];
        free(t->cdna); free(t->prot);
        t->cdna = t->prot = NULL;
    }
    c->n_cached = 0;
}

void rv_conseq_free(rv_conseq *c)
{
    if (!c) return;
    drop_cache(c);
    for (int i = 0; i < MAX_TX; i++) { free(c->eff[i].hgvsc.s); free(c->eff[i].hgvsp.s); }
    free(c->tc); free(c->cached); free(c->alt.s); free(c->work.s);
    free(c);
}

/* ---- transcript coordinates ---- */

/* Exon (genomic index) holding g, or -1; *intron is the genomic index of the exon left of an
 * intronic g (-1 when g is outside the transcript). */
static int find_exon(const rv_tx *t, int64_t g, int *intron)
{
    int lo = 0, hi = t->n_exon - 1;
    *intron = -1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (g < t->ex[2 * mid]) hi = mid - 1;
        else if (g > t->ex[2 * mid + 1]) lo = mid + 1;
        else return mid;
    }
    if (hi >= 0 && lo < t->n_exon) *intron = hi;
    return -1;
}

static int exon_number(const rv_tx *t, int gi) { return t->strand == '+' ? gi + 1 : t->n_exon - gi; }
static int intron_number(const rv_tx *t, int gi) { return t->strand == '+' ? gi + 1 : t->n_exon - 1 - gi; }

static int64_t cdna_of(const rv_tx *t, int gi, int64_t g)
{
    return t->cum[gi] + (t->strand == '+' ? g - t->ex[2 * gi] : t->ex[2 * gi + 1] - g) + 1;
}

/* cDNA position and intronic offset of genomic g (HGVS: c.88+2, c.89-1). Outside the
 * transcript the cDNA numbering continues (0, -1, ... before it; past cdna_len after it). */
static void tx_coord(const rv_tx *t, int64_t g, int64_t *cdna, int64_t *off)
{
    int in;
    int gi = find_exon(t, g, &in);
    *off = 0;
    if (gi >= 0) { *cdna = cdna_of(t, gi, g); return; }
    if (in >= 0) {
        int64_t le = t->ex[2 * in + 1], rs = t->ex[2 * (in + 1)];
        int64_t dl = g - le, dr = rs - g;   /* to the exon on the left and on the right */
        int up = t->strand == '+' ? in : in + 1, down = t->strand == '+' ? in + 1 : in;
        int64_t dup = t->strand == '+' ? dl : dr, ddown = t->strand == '+' ? dr : dl;
        if (dup <= ddown) { *cdna = cdna_of(t, up, t->strand == '+' ? le : rs); *off = dup; }
        else { *cdna = cdna_of(t, down, t->strand == '+' ? rs : le); *off = -ddown; }
        return;
    }
    int before5 = t->strand == '+' ? g < t->start : g > t->end;
    int64_t d = g < t->start ? t->start - g : g - t->end;
    *cdna = before5 ? 1 - d : t->cdna_len + d;
}

static void put_pos(kstring_t *s, const rv_tx *t, int64_t cdna, int64_t off)
{
    if (t->cds_s) {
        if (cdna < t->cds_c1) { kputc('-', s); kputll(t->cds_c1 - cdna, s); }
        else if (cdna > t->cds_c2) { kputc('*', s); kputll(cdna - t->cds_c2, s); }
        else kputll(cdna - t->cds_c1 + 1, s);
    } else if (cdna < 1) {
        kputc('-', s); kputll(1 - cdna, s);
    } else {
        kputll(cdna, s);
    }
    if (off > 0) { kputc('+', s); kputll(off, s); }
    else if (off < 0) kputll(off, s);
}

static void put_gpos(kstring_t *s, const rv_tx *t, int64_t g)
{
    int64_t cdna, off;
    tx_coord(t, g, &cdna, &off);
    put_pos(s, t, cdna, off);
}

/* ---- sequences ---- */

static int tx_seq(rv_conseq *c, int64_t ti, const rv_tx *t, txcache **out, rv_err *err)
{
    txcache *tc = &c->tc[ti];
    *out = tc;
    if (tc->cdna) return 0;
    if (t->contig != c->cached_contig) { drop_cache(c); c->cached_contig = t->contig; }
    char *s = malloc((size_t)t->cdna_len + 1);
    if (!s) return rv_err_set(err, RV_ENOMEM, "out of memory");
    for (int i = 0; i < t->n_exon; i++) {
        int64_t gb, gl;
        const char *b = rv_genome_get(c->g, t->contig, t->ex[2 * i], t->ex[2 * i + 1], &gb, &gl, err);
        if (!b) { free(s); return RV_EINPUT; }
        int64_t want = t->ex[2 * i + 1] - t->ex[2 * i] + 1;
        char *dst = s + t->cum[i];
        if (gl < want) memset(dst, 'N', (size_t)want);   /* an exon past the contig end */
        if (t->strand == '+') memcpy(dst, b, (size_t)(gl < want ? gl : want));
        else rv_revcomp(b, (size_t)(gl < want ? gl : want), dst);
    }
    s[t->cdna_len] = 0;
    if (c->n_cached == c->m_cached) {
        int64_t nm = c->m_cached ? c->m_cached * 2 : 256;
        int64_t *p = realloc(c->cached, (size_t)nm * sizeof *p);
        if (!p) { free(s); return rv_err_set(err, RV_ENOMEM, "out of memory"); }
        c->cached = p; c->m_cached = nm;
    }
    c->cached[c->n_cached++] = ti;           /* from here drop_cache frees it */
    tc->cdna = s;
    if (t->cds_s) {
        int64_t l = t->cds_c2 - t->cds_c1 + 1 - t->phase, n = l / 3;
        tc->prot = malloc((size_t)n + 1);
        if (!tc->prot) return rv_err_set(err, RV_ENOMEM, "out of memory");
        const char *cds = s + t->cds_c1 - 1 + t->phase;
        for (int64_t k = 0; k < n; k++) tc->prot[k] = rv_codon_aa(cds + 3 * k);
        tc->prot[n] = 0;
        tc->nprot = n;        /* every codon: an internal stop (selenocysteine) is kept as '*' */
    }
    return 0;
}

/* ---- splice terms, exon/intron numbers, distance to a junction ---- */

static int overlap(int64_t a, int64_t b, int64_t s, int64_t e) { return a <= e && b >= s; }

/* An insertion between a and b = a + 1 lies in [lo, hi] when both its flanks do. */
static int ins_within(int64_t a, int64_t b, int64_t lo, int64_t hi) { return a >= lo && b <= hi; }

/* Genomic span [a, b] of the allele (an insertion between a and b = a + 1 has ins = 1; pin:
 * an insertion after an exon's last base that the conventions put in the intron). Splice
 * region: exonic bases 1..splice_exon and intronic bases 3..splice_intron from each junction;
 * an insertion is in it when both its flanks are in that stretch (the junction between them
 * counts) and not both on the splice site's two bases (VEP's reading). */
static void structure(const rv_csq_conv *cv, const rv_tx *t, int64_t a, int64_t b, int ins, int pin, rv_effect *e)
{
    int64_t best = -1, SE = cv->splice_exon, SI = cv->splice_intron;
    int any_site = 0, region = 0;
    for (int i = 0; i < t->n_exon; i++) {
        int64_t s = t->ex[2 * i], en = t->ex[2 * i + 1];
        /* an insertion next to an exon belongs to it (the splice sites keep their place),
         * unless pinned into the intron that follows */
        int hit = ins ? (!pin && a >= s && a <= en) || (b >= s && b <= en) : overlap(a, b, s, en);
        if (hit) {
            int k = exon_number(t, i);
            if (!e->exon[0] || k < e->exon[0]) e->exon[0] = k;
            if (k > e->exon[1]) e->exon[1] = k;
        }
        if (i + 1 == t->n_exon) break;
        int64_t is = en + 1, ie = t->ex[2 * (i + 1)] - 1;     /* the intron */
        if (ie < is) continue;
        int64_t ia = ins && pin && a == en ? is : a;           /* a pinned insertion's left flank */
        int lo_hit = 0, hi_hit = 0;
        if (ins ? (ia >= is && b <= ie) : overlap(a, b, is, ie)) {
            int k = intron_number(t, i);
            if (!e->intron[0] || k < e->intron[0]) e->intron[0] = k;
            if (k > e->intron[1]) e->intron[1] = k;
            /* the two bases at each end; which end is the donor depends on the strand */
            int64_t lo_s = is, lo_e = is + 1 < ie ? is + 1 : ie, hi_s = ie - 1 > is ? ie - 1 : is, hi_e = ie;
            lo_hit = ins ? ins_within(ia, b, lo_s, lo_e) : overlap(a, b, lo_s, lo_e);
            hi_hit = ins ? ins_within(a, b, hi_s, hi_e) : overlap(a, b, hi_s, hi_e);
            if (lo_hit) e->terms |= 1u << (t->strand == '+' ? RV_SO_SPLICE_DONOR : RV_SO_SPLICE_ACCEPTOR);
            if (hi_hit) e->terms |= 1u << (t->strand == '+' ? RV_SO_SPLICE_ACCEPTOR : RV_SO_SPLICE_DONOR);
            /* intron_variant: an intronic base beyond the two at each end */
            if (ins ? !(lo_hit || hi_hit) : overlap(a, b, is + 2, ie - 2)) e->terms |= 1u << RV_SO_INTRON;
        }
        /* the splice region of the junction exon|intron (lo) and intron|exon (hi) */
        int lo_reg = ins ? ins_within(a, b, en - SE + 1, is + SI - 1) && !ins_within(a, b, is, is + 1)
                         : overlap(a, b, en - SE + 1, en) || overlap(a, b, is + 2, is + SI - 1);
        int hi_reg = ins ? (ins_within(a, b, ie - SI + 1, ie + SE) && !ins_within(a, b, ie - 1, ie))
                           || (cv->ins_right_intronic && a == ie + SE)   /* bcftools: after the left end's last region base */
                         : overlap(a, b, ie - SI + 1, ie - 2) || overlap(a, b, ie + 1, ie + SE);
        /* other-junction: a splice site hides the region of its own junction only */
        if (cv->region_other_junction) region |= (lo_reg && !lo_hit) || (hi_reg && !hi_hit);
        else region |= lo_reg || hi_reg;
        any_site |= lo_hit || hi_hit;
        int64_t ends[2] = { a, b };
        for (int k = 0; k < 2; k++) {
            int64_t g = ends[k], d;
            if (g <= en) d = en - g + 1;            /* exonic side (or before it) */
            else if (g >= ie + 1) d = g - ie;       /* the next exon */
            else d = g - en < ie + 1 - g ? g - en : ie + 1 - g;
            if (d >= 1 && (best < 0 || d < best)) best = d;
        }
    }
    /* never: no splice region beside a splice donor or acceptor (VEP) */
    if (region && (cv->region_other_junction || !any_site)) e->terms |= 1u << RV_SO_SPLICE_REGION;
    e->splice_dist = t->n_exon > 1 ? best : -1;
}

/* ---- HGVS ---- */

static void put_seq(kstring_t *s, const char *q, int64_t n) { kputsn(q, (int)n, s); }

/* 3' shift of a deletion (rl > 0, al == 0) or insertion (rl == 0) in the transcript's
 * direction, over the genomic window w (w[0] at genomic wb). Stays inside the exon or intron
 * it started in. *pos is updated; seq (length n, genomic orientation) is rotated in place. */
static void shift3(const rv_tx *t, const char *w, int64_t wb, int64_t wl, int64_t *pos, char *seq, int64_t n,
                   int is_del, int64_t lim_lo, int64_t lim_hi)
{
    if (n <= 0) return;
    if (t->strand == '+') {
        for (;;) {
            int64_t next = is_del ? *pos + n : *pos;            /* base after the event */
            if (next > lim_hi || next - wb >= wl) break;
            if (w[next - wb] != seq[0]) break;
            memmove(seq, seq + 1, (size_t)n - 1);
            seq[n - 1] = w[next - wb];
            (*pos)++;
        }
    } else {
        for (;;) {
            int64_t prev = *pos - 1;                            /* base before the event */
            if (prev < lim_lo || prev - wb < 0) break;
            if (w[prev - wb] != seq[n - 1]) break;
            memmove(seq + 1, seq, (size_t)n - 1);
            seq[0] = w[prev - wb];
            (*pos)--;
        }
    }
}

/* The exon or intron holding g as a genomic range (a shift never leaves it). */
static void region_of(const rv_tx *t, int64_t g, int64_t *lo, int64_t *hi)
{
    int in;
    int gi = find_exon(t, g, &in);
    if (gi >= 0) { *lo = t->ex[2 * gi]; *hi = t->ex[2 * gi + 1]; return; }
    if (in >= 0) { *lo = t->ex[2 * in + 1] + 1; *hi = t->ex[2 * (in + 1)] - 1; return; }
    *lo = g; *hi = g;
}

static void put_range(kstring_t *s, const rv_tx *t, int64_t g1, int64_t g2)
{
    /* in transcript order */
    int64_t f = t->strand == '+' ? g1 : g2, l = t->strand == '+' ? g2 : g1;
    put_gpos(s, t, f);
    if (g2 != g1) { kputc('_', s); put_gpos(s, t, l); }
}

static void put_tx_seq(kstring_t *s, const rv_tx *t, const char *q, int64_t n, kstring_t *work)
{
    if (t->strand == '+') { put_seq(s, q, n); return; }
    work->l = 0;
    ks_resize(work, (size_t)n + 1);
    rv_revcomp(q, (size_t)n, work->s);
    put_seq(s, work->s, n);
}

static int hgvs_c(rv_conseq *c, const rv_tx *t, int64_t p, const char *ref, int64_t rl, const char *alt, int64_t al,
                  kstring_t *s, rv_err *err)
{
    s->l = 0;
    kputs(t->id, s);
    kputs(t->cds_s ? ":c." : ":n.", s);
    if (rl == 1 && al == 1) {
        put_gpos(s, t, p);
        char r = ref[0], a = alt[0];
        if (t->strand == '-') { rv_revcomp(&r, 1, &r); rv_revcomp(&a, 1, &a); }
        kputc(r, s); kputc('>', s); kputc(a, s);
        return 0;
    }
    if (rl > 0 && al > 0) {
        put_range(s, t, p, p + rl - 1);
        kputs("delins", s);
        put_tx_seq(s, t, alt, al, &c->work);
        return 0;
    }
    /* a pure deletion or insertion: 3'-shift it first */
    int is_del = rl > 0;
    int64_t n = is_del ? rl : al;
    char *seq = malloc((size_t)n);
    if (!seq) return rv_err_set(err, RV_ENOMEM, "out of memory");
    memcpy(seq, is_del ? ref : alt, (size_t)n);
    int64_t lo, hi;
    region_of(t, is_del ? p : (t->strand == '+' ? p : p - 1), &lo, &hi);
    if (lo < p - SHIFT_MAX) lo = p - SHIFT_MAX;    /* a longer shift is not worth the read */
    if (hi > p + n + SHIFT_MAX) hi = p + n + SHIFT_MAX;
    int64_t wb, wl;
    const char *w = rv_genome_get(c->g, t->contig, lo - n - 1, hi + n + 1, &wb, &wl, err);
    if (!w) { free(seq); return RV_EINPUT; }
    shift3(t, w, wb, wl, &p, seq, n, is_del, lo, hi);
    if (is_del) {
        put_range(s, t, p, p + n - 1);
        kputs("del", s);
    } else {
        /* a duplication when the inserted bases repeat the ones 5' of it (transcript order) */
        int64_t d0 = t->strand == '+' ? p - n : p;
        int dup = d0 >= wb && d0 + n <= wb + wl && memcmp(w + (d0 - wb), seq, (size_t)n) == 0;
        if (dup) {
            put_range(s, t, d0, d0 + n - 1);
            kputs("dup", s);
        } else {
            put_range(s, t, p - 1, p);
            kputs("ins", s);
            put_tx_seq(s, t, seq, n, &c->work);
        }
    }
    free(seq);
    return 0;
}

static void put_aa(kstring_t *s, char aa, int64_t pos) { kputs(rv_aa3(aa), s); kputll(pos, s); }

static void put_aas(kstring_t *s, const char *q, int64_t n)
{
    for (int64_t i = 0; i < n; i++) kputs(rv_aa3(q[i]), s);
}

/* ---- the protein ---- */

static int nmd_of(const rv_csq_conv *cv, const rv_tx *t, int64_t ptc_cdna)
{
    if (t->n_exon < 2) return RV_NMD_ESCAPE_LAST_EXON;
    int last = t->strand == '+' ? t->n_exon - 1 : 0;
    int64_t junction = t->cum[last] + 1;     /* cDNA position of the last exon's first base */
    if (ptc_cdna >= junction) return RV_NMD_ESCAPE_LAST_EXON;
    if (junction - ptc_cdna <= cv->nmd_nt) return RV_NMD_ESCAPE_50NT;
    return RV_NMD_YES;
}

/* Translate codons of q[0..len) into P, at most max (-1: up to and including the first stop). */
static void translate(kstring_t *P, const char *q, size_t len, int64_t max)
{
    P->l = 0;
    for (size_t k = 0; k + 3 <= len && (max < 0 || (int64_t)P->l < max); k += 3) {
        char aa = rv_codon_aa(q + k);
        kputc(aa, P);
        if (max < 0 && aa == '*') break;
    }
    if (!P->s) kputs("", P);
}

static int64_t find_stop(const char *q, int64_t from, int64_t n)
{
    for (int64_t i = from; i < n; i++) if (q[i] == '*') return i;
    return -1;
}

/* The coding consequence of replacing cDNA x1..x2 (inside the CDS) by S (transcript
 * orientation, n bases). The reference protein is every codon of the CDS, its last one the
 * stop when the model is complete. */
static void coding(rv_conseq *c, const rv_tx *t, const txcache *tc, int64_t x1, int64_t x2, const char *S, int64_t n,
                   rv_effect *e)
{
    const char *cds = tc->cdna + t->cds_c1 - 1;
    int64_t y1 = x1 - t->cds_c1 + 1, y2 = x2 - t->cds_c1 + 1;   /* CDS positions, 1-based */
    int64_t rl = y2 - y1 + 1, delta = n - rl;
    int ins = rl == 0;
    int64_t first = ins ? y1 - 1 : y1;                            /* first base touched */
    kstring_t *hp = &e->hgvsp;
    if (first <= t->phase || !tc->prot) { e->terms |= 1u << RV_SO_CODING_SEQUENCE; kputs("p.?", hp); return; }
    int64_t k0 = (first - 1 - t->phase) / 3;
    int64_t kend = ((ins ? y1 : y2) - 1 - t->phase) / 3;
    if (kend >= tc->nprot) kend = tc->nprot - 1;
    /* alt nucleotides from codon k0 to the end of the cDNA */
    kstring_t *A = &c->alt;
    A->l = 0;
    int64_t from = t->phase + 3 * k0;
    kputsn(cds + from, (int)(y1 - 1 - from), A);
    kputsn(S, (int)n, A);
    int64_t alt_cds_end = (int64_t)A->l + (t->cds_c2 - t->cds_c1 + 1 - y2);   /* where the CDS ends in A */
    kputs(cds + y2, A);
    const char *R = tc->prot + k0;
    int64_t nR = tc->nprot - k0;
    int64_t z = tc->nprot > 0 && tc->prot[tc->nprot - 1] == '*' && !(t->flags & RV_TX_CDS_END_NF) ? tc->nprot - 1 : -1;
    int start_complete = !(t->flags & RV_TX_CDS_START_NF) && t->phase == 0 && tc->prot[0] == 'M';
    kstring_t *P = &c->work;

    if (delta % 3) {
        translate(P, A->s, A->l, -1);                             /* the new frame, to its stop */
        const char *X = P->s;
        int64_t nX = (int64_t)P->l, pre = 0;
        while (pre < nR && pre < nX && R[pre] == X[pre]) pre++;
        int64_t pos = k0 + pre + 1;
        if (k0 == 0 && pre == 0 && start_complete) {
            /* no protein is made from this start: the frame that follows does not matter */
            e->terms |= 1u << RV_SO_START_LOST;
            e->prot_pos = 1;
            e->ref_aa[0] = 'M';
            kputs("p.(Met1?)", hp);
            return;
        }
        e->terms |= 1u << RV_SO_FRAMESHIFT;
        if (z >= 0 && z >= k0 && z <= kend) e->terms |= 1u << RV_SO_STOP_LOST;
        if (pre >= nR) { kputs("p.?", hp); return; }
        int64_t zA = find_stop(X, pre, nX);
        e->prot_pos = pos;
        if (R[pre] == '*' && pre < nX) { e->ref_aa[0] = '*'; e->alt_aa[0] = X[pre]; }   /* through the stop: stop lost */
        kputs("p.(", hp);
        put_aa(hp, R[pre], pos);
        if (pre < nX && X[pre] == '*') {
            kputs("Ter)", hp);                              /* the new frame stops at once */
            e->terms |= 1u << RV_SO_STOP_GAINED;
        } else {
            if (pre < nX) kputs(rv_aa3(X[pre]), hp);
            if (zA >= 0) ksprintf(hp, "fsTer%lld)", (long long)(zA - pre + 1));
            else kputs("fsTer?)", hp);
        }
        /* the premature stop in reference cDNA numbering */
        if (zA >= 0) e->nmd = nmd_of(&c->cv, t, t->cds_c1 + t->phase + 3 * (k0 + zA) - delta);
        return;
    }
    /* in frame: the changed CDS codon for codon, then the stretch that differs. A
     * substitution away from the stop changes only its own codons: translate just those. */
    int64_t nX = nR + delta / 3;
    if (delta == 0 && !(z >= k0 && z <= kend) && kend - k0 + 1 < nR) nR = nX = kend - k0 + 1;
    translate(P, A->s, (size_t)(alt_cds_end > 0 ? alt_cds_end : 0), nX);
    const char *X = P->s;
    nX = (int64_t)P->l;
    int64_t pre = 0, suf = 0;
    while (pre < nR && pre < nX && R[pre] == X[pre]) pre++;
    while (suf < nR - pre && suf < nX - pre && R[nR - 1 - suf] == X[nX - 1 - suf]) suf++;
    int64_t nr = nR - pre - suf, nx = nX - pre - suf, pos = k0 + pre + 1;
    if (n > rl) e->terms |= 1u << RV_SO_INFRAME_INSERTION;
    if (n < rl) e->terms |= 1u << RV_SO_INFRAME_DELETION;
    int stop_in_r = z >= 0 && z - k0 >= pre && z - k0 < pre + nr;
    int stop_in_x = memchr(X + pre, '*', (size_t)nx) != NULL;
    /* cds_without_stop = last-codon-is-the-stop: a change of the last codon of a CDS without a
     * stop that makes none is judged by its residues alone, also where that codon is the start
     * (a one-codon model: bcftools drops start and stop terms of such an incomplete CDS) */
    int incomplete_end = z < 0 && c->cv.last_codon_stop && kend >= tc->nprot - 1 && !stop_in_x;
    if (k0 == 0 && pre == 0 && start_complete && (nx == 0 || X[0] != 'M') && !incomplete_end) {
        e->terms |= 1u << RV_SO_START_LOST;
        e->prot_pos = 1;
        e->ref_aa[0] = 'M';
        if (rl == n && nx > 0) e->alt_aa[0] = X[0];
        kputs("p.(Met1?)", hp);
        return;
    }
    if (stop_in_r && !(nx > 0 && X[pre + nx - 1] == '*')) {
        /* the stop is gone: read on into the 3' UTR to the next one */
        e->terms |= 1u << RV_SO_STOP_LOST;
        e->prot_pos = z + 1;
        int64_t at = z - k0;
        ksprintf(hp, "p.(Ter%lld%s", (long long)(z + 1), at < nX ? rv_aa3(X[at]) : "Xaa");
        e->ref_aa[0] = '*';
        e->alt_aa[0] = at < nX ? X[at] : 'X';
        int64_t off = 3 * (at + delta / 3);                      /* the old stop codon in A */
        kstring_t ext = { 0, 0, NULL };
        if (off >= 0 && (size_t)off < A->l) translate(&ext, A->s + off, A->l - (size_t)off, -1);
        int64_t zs = ext.l ? find_stop(ext.s, 1, (int64_t)ext.l) : -1;
        if (zs > 0) ksprintf(hp, "extTer%lld)", (long long)zs); else kputs("extTer?)", hp);
        free(ext.s);
        return;
    }
    if (stop_in_x && !stop_in_r) {
        /* cds_without_stop = last-codon-is-the-stop: a stop in the last codon of a CDS without
         * one ends the protein where the model does */
        int at_end = z < 0 && c->cv.last_codon_stop && nr == 1 && nx == 1 && X[pre] == '*' && k0 + pre == tc->nprot - 1;
        e->terms |= 1u << (at_end ? RV_SO_STOP_RETAINED : RV_SO_STOP_GAINED);
        e->prot_pos = pos;
        if (pre < nR) e->ref_aa[0] = R[pre];
        e->alt_aa[0] = X[pre];
        kputs("p.(", hp);
        put_aa(hp, pre < nR ? R[pre] : 'X', pos);
        if (X[pre] == '*') kputs("Ter)", hp);
        else { kputs("delins", hp); put_aas(hp, X + pre, (int64_t)((char *)memchr(X + pre, '*', (size_t)nx) - (X + pre)) + 1); kputc(')', hp); }
        int64_t zA = find_stop(X, pre, nX);
        if (!at_end) e->nmd = nmd_of(&c->cv, t, t->cds_c1 + t->phase + 3 * (k0 + zA) - delta);
        return;
    }
    if (z >= 0 && z >= k0 && z <= kend) e->terms |= 1u << RV_SO_STOP_RETAINED;
    if (nr == 0 && nx == 0) {
        int64_t kv = (y1 - 1 - t->phase) / 3;
        if (kv >= tc->nprot) kv = tc->nprot - 1;
        if (rl == n && !(e->terms & (1u << RV_SO_STOP_RETAINED)))
            e->terms |= 1u << (kv == 0 && start_complete ? RV_SO_START_RETAINED : RV_SO_SYNONYMOUS);
        e->prot_pos = kv + 1;
        e->ref_aa[0] = e->alt_aa[0] = tc->prot[kv];
        kputs("p.(", hp); put_aa(hp, tc->prot[kv], kv + 1); kputs("=)", hp);
        return;
    }
    e->prot_pos = pos;
    kputs("p.(", hp);
    if (nr == 1 && nx == 1) {
        if (rl == n) e->terms |= 1u << RV_SO_MISSENSE;
        e->ref_aa[0] = R[pre]; e->alt_aa[0] = X[pre];
        put_aa(hp, R[pre], pos); kputs(rv_aa3(X[pre]), hp);
    } else if (nr == 0) {
        /* insertion between amino acids pos-1 and pos: a duplication when it repeats them */
        if (pos - 1 >= nx && memcmp(tc->prot + pos - 1 - nx, X + pre, (size_t)nx) == 0) {
            put_aa(hp, tc->prot[pos - 1 - nx], pos - nx);
            if (nx > 1) { kputc('_', hp); put_aa(hp, tc->prot[pos - 2], pos - 1); }
            kputs("dup", hp);
        } else if (pos >= 2 && pos <= tc->nprot) {
            put_aa(hp, tc->prot[pos - 2], pos - 1); kputc('_', hp); put_aa(hp, tc->prot[pos - 1], pos);
            kputs("ins", hp); put_aas(hp, X + pre, nx);
        } else {
            hp->l = 0; kputs("p.?", hp); return;
        }
    } else {
        put_aa(hp, R[pre], pos);
        if (nr > 1) { kputc('_', hp); put_aa(hp, R[pre + nr - 1], pos + nr - 1); }
        if (nx == 0) kputs("del", hp);
        else { kputs("delins", hp); put_aas(hp, X + pre, nx); }
        if (rl == n) e->terms |= 1u << RV_SO_MISSENSE;
    }
    kputc(')', hp);
}

/* ---- one allele on one transcript ---- */

/* A deletion of rl bases at p over the start codon that an equivalent placement further 5'
 * (the deleted bases repeat there) takes wholly out of the coding sequence leaves the start
 * codon and the protein as they were. 1 when so, 0 when not, <0 on an error. */
static int start_survives(rv_conseq *c, const rv_tx *t, int64_t p, int64_t rl, rv_err *err)
{
    int plus = t->strand == '+';
    int64_t need = plus ? p + rl - t->cds_s : t->cds_e - p + 1;     /* steps 5'-ward out of the CDS */
    if (need <= 0 || need > 2000) return 0;
    int64_t lo = plus ? p - need : p, hi = plus ? p + rl - 1 : p + rl - 1 + need, wb, wl;
    const char *w = rv_genome_get(c->g, t->contig, lo, hi, &wb, &wl, err);
    if (!w) return -1;
    if (wb != lo || wl != hi - lo + 1) return 0;
    /* one step 5'-ward is the same deletion when the base it uncovers equals the one it covers */
    for (int64_t k = 1; k <= need; k++)
        if (plus ? w[p - k - lo] != w[p + rl - k - lo] : w[p - 1 + k - lo] != w[p + rl - 1 + k - lo]) return 0;
    return 1;
}

/* The model's CDS starts with ATG at a complete 5' end. */
static int has_start(const rv_tx *t, const txcache *tc)
{
    return !(t->flags & RV_TX_CDS_START_NF) && t->phase == 0 && tc->prot && tc->nprot > 0 && tc->prot[0] == 'M';
}

/* The model's CDS ends with a stop codon; or, cds_without_stop = last-codon-is-the-stop, it
 * is whole codons (bcftools reads the last one as where the stop is). */
static int has_stop(const rv_csq_conv *cv, const rv_tx *t, const txcache *tc)
{
    if (t->flags & RV_TX_CDS_END_NF || !tc->prot || tc->nprot == 0) return 0;
    return tc->prot[tc->nprot - 1] == '*' || (cv->last_codon_stop && !(t->flags & RV_TX_CDS_NOT3));
}

/* deletion_over_exon_edge = exonic-part: 1 when the deletion [a, b] runs from coding bases
 * over an exon's genomic right end (judged by the coding bases it removes), -1 when it runs
 * over a left end into coding bases only (judged where it lies wholly in the exon, else
 * coding_sequence_variant alone), 0 when neither. */
static int exon_edge(const rv_tx *t, int64_t a, int64_t b)
{
    int left = 0;
    for (int i = 0; i < t->n_exon; i++) {
        int64_t s = t->ex[2 * i], en = t->ex[2 * i + 1];
        if (a >= s && a <= en && b > en && overlap(a, en, t->cds_s, t->cds_e)) return 1;
        if (a < s && b >= s && b <= en && overlap(s, b, t->cds_s, t->cds_e)) left = 1;
    }
    return left ? -1 : 0;
}

/* A deletion [a, b] over the genomic left edge of an exon that the sequence lets move right
 * (the deleted bases repeat after it) until it lies wholly in the exon's coding bases: 1 with
 * *gi that exon, 0 when it cannot, <0 on an error. */
static int shift_into_exon(rv_conseq *c, const rv_tx *t, int64_t a, int64_t b, int64_t *gi, rv_err *err)
{
    *gi = -1;
    for (int i = 0; i < t->n_exon; i++) {
        int64_t s = t->ex[2 * i], en = t->ex[2 * i + 1], k = s - a;
        if (!(a < s && b >= s && b + k <= en && s >= t->cds_s && b + k <= t->cds_e)) continue;
        int64_t wb, wl;
        const char *w = rv_genome_get(c->g, t->contig, a, b + k, &wb, &wl, err);
        if (!w) return -1;
        if (wb != a || wl != b + k - a + 1) return 0;
        for (int64_t j = 0; j < k; j++) if (w[j] != w[b + 1 + j - a]) return 0;
        *gi = i;
        return 1;
    }
    return 0;
}

/* Deleting [a, b] (n bases) leaves the intronic window [w1, w2] beside an exon as it was, read
 * from the exon side (left: the exon ends at w1 - 1; else it starts at w2 + 1). 1 kept, 0 not
 * (or the deletion reaches into that exon), <0 on an error. */
static int window_kept(rv_conseq *c, const rv_tx *t, int64_t a, int64_t b, int64_t w1, int64_t w2, int left, rv_err *err)
{
    int64_t n = b - a + 1, lo = left ? w1 : w1 - n, hi = left ? w2 + n : w2, wb, wl;
    if (left ? a < w1 : b > w2) return 0;
    const char *w = rv_genome_get(c->g, t->contig, lo, hi, &wb, &wl, err);
    if (!w) return -1;
    if (wb != lo || wl != hi - lo + 1) return 0;
    for (int64_t g = w1; g <= w2; g++) {
        int64_t from = left ? (g < a ? g : g + n) : (g > b ? g : g - n);
        if (w[g - lo] != w[from - lo]) return 0;
    }
    return 1;
}

/* splice_sequence_kept = synonymous (bcftools): a deletion over a splice site or region whose
 * intronic bases there (splice_intron of them beside the exon) read the same after it, or
 * that moves wholly into the exon (moved: 1), is also synonymous_variant. */
static int splice_kept(rv_conseq *c, const rv_tx *t, int64_t a, int64_t b, int moved, rv_effect *e, rv_err *err)
{
    const uint32_t splice = (1u << RV_SO_SPLICE_REGION) | (1u << RV_SO_SPLICE_DONOR) | (1u << RV_SO_SPLICE_ACCEPTOR);
    if (!(e->terms & splice)) return 0;
    int kept = moved;
    for (int i = 0; i + 1 < t->n_exon && !kept; i++) {
        int64_t is = t->ex[2 * i + 1] + 1, ie = t->ex[2 * (i + 1)] - 1, SI = c->cv.splice_intron;
        if (ie < is) continue;
        int rc = 0;
        if (overlap(a, b, is, is + SI - 1)) rc = window_kept(c, t, a, b, is, is + SI - 1, 1, err);
        if (rc == 0 && overlap(a, b, ie - SI + 1, ie)) rc = window_kept(c, t, a, b, ie - SI + 1, ie, 0, err);
        if (rc < 0) return rc;
        kept = rc;
    }
    if (kept) e->terms |= 1u << RV_SO_SYNONYMOUS;
    return 0;
}

/* Coding bases in the genomic span [a, b]. */
static int64_t coding_bases(const rv_tx *t, int64_t a, int64_t b)
{
    int64_t n = 0;
    for (int i = 0; i < t->n_exon; i++) {
        int64_t lo = t->ex[2 * i], hi = t->ex[2 * i + 1];
        if (lo < t->cds_s) lo = t->cds_s;
        if (hi > t->cds_e) hi = t->cds_e;
        if (lo < a) lo = a;
        if (hi > b) hi = b;
        if (hi >= lo) n += hi - lo + 1;
    }
    return n;
}

/* Terms that describe a change of the protein. */
#define PROTEIN_TERMS ((1u << RV_SO_STOP_GAINED) | (1u << RV_SO_FRAMESHIFT) | (1u << RV_SO_STOP_LOST) \
    | (1u << RV_SO_START_LOST) | (1u << RV_SO_INFRAME_INSERTION) | (1u << RV_SO_INFRAME_DELETION) \
    | (1u << RV_SO_MISSENSE) | (1u << RV_SO_PROTEIN_ALTERING) | (1u << RV_SO_START_RETAINED) \
    | (1u << RV_SO_STOP_RETAINED) | (1u << RV_SO_SYNONYMOUS) | (1u << RV_SO_CODING_SEQUENCE))

static void effect_reset(rv_effect *e, int64_t ti, const rv_tx *t)
{
    memset(e->exon, 0, sizeof e->exon);
    memset(e->intron, 0, sizeof e->intron);
    e->tx_index = ti; e->tx = t; e->terms = 0; e->nmd = RV_NMD_NONE; e->prot_pos = 0;
    memset(e->ref_aa, 0, sizeof e->ref_aa); memset(e->alt_aa, 0, sizeof e->alt_aa);
    e->hgvsc.l = 0; e->hgvsp.l = 0;
    if (e->hgvsc.s) e->hgvsc.s[0] = 0;
    if (e->hgvsp.s) e->hgvsp.s[0] = 0;
}

static int one(rv_conseq *c, int64_t ti, const rv_tx *t, int64_t p, const char *ref, int64_t rl, const char *alt,
               int64_t al, rv_effect *e, rv_err *err)
{
    effect_reset(e, ti, t);
    int ins = rl == 0;
    int64_t a = ins ? p - 1 : p, b = ins ? p : p + rl - 1;
    int ga, gb, ia, ib;
    ga = find_exon(t, a, &ia);
    gb = find_exon(t, b, &ib);
    /* insertion_at_exon_end = intron-at-genomic-right-edge: after an exon's last base (not
     * the transcript's last) it is intronic */
    int pin = ins && c->cv.ins_right_intronic && ga >= 0 && gb < 0 && a == t->ex[2 * ga + 1] && ga + 1 < t->n_exon;
    if (pin) ga = -1;
    structure(&c->cv, t, a, b, ins, pin, e);
    int coding_tx = t->cds_s > 0;
    if (t->flags & RV_TX_NMD_BIOTYPE) e->terms |= 1u << RV_SO_NMD_TRANSCRIPT;
    /* exonic part: the cDNA range x1..x2 replaced when it lies in one exon (an insertion:
     * x2 = x1 - 1; next to an exon it belongs to that exon) */
    int64_t x1 = 0, x2 = 0;
    int contiguous = 0, any_exon = 0, touch5 = 0, touch3 = 0, touch_cds = 0;
    if (ins) {
        int gi = ga >= 0 ? ga : gb;
        if (gi >= 0) {
            int64_t f = ga >= 0 ? a : b, cf = cdna_of(t, gi, f);
            int other_in_exon = ga >= 0 && gb >= 0;
            /* the insertion is 3' of the exonic flank in transcript order when the other flank
             * is 3' of it: b on the plus strand, a on the minus strand */
            int after = other_in_exon ? 1 : (t->strand == '+') == (f == a);
            if (other_in_exon) { int64_t ca = cdna_of(t, ga, a), cb = cdna_of(t, gb, b); cf = ca < cb ? ca : cb; }
            x1 = after ? cf + 1 : cf;
            x2 = x1 - 1;
            contiguous = any_exon = 1;
            if (coding_tx) {
                if (x1 <= t->cds_c1) touch5 = 1;
                else if (x2 >= t->cds_c2) touch3 = 1;
                else touch_cds = 1;
            }
        }
    } else {
        if (ga >= 0 && gb >= 0 && ga == gb) {
            x1 = cdna_of(t, ga, a); x2 = cdna_of(t, gb, b);
            if (x1 > x2) { int64_t x = x1; x1 = x2; x2 = x; }
            contiguous = 1;
        }
        for (int i = 0; i < t->n_exon; i++) {
            int64_t s = t->ex[2 * i], en = t->ex[2 * i + 1];
            int64_t oa = a > s ? a : s, ob = b < en ? b : en;
            if (oa > ob) continue;
            any_exon = 1;
            if (!coding_tx) continue;
            int64_t c1 = cdna_of(t, i, oa), c2 = cdna_of(t, i, ob);
            if (c1 > c2) { int64_t x = c1; c1 = c2; c2 = x; }
            if (c1 < t->cds_c1) touch5 = 1;
            if (c2 > t->cds_c2) touch3 = 1;
            if (c2 >= t->cds_c1 && c1 <= t->cds_c2) touch_cds = 1;
        }
    }
    if (any_exon && !coding_tx) e->terms |= 1u << RV_SO_NC_EXON;
    if (!coding_tx && (e->terms & (1u << RV_SO_INTRON))) e->terms |= 1u << RV_SO_NC_TRANSCRIPT;
    /* utr_terms = gff3-utr-lines: a transcript whose GFF3 gave no UTR lines has none */
    if (c->cv.utr_from_features && (t->flags & RV_TX_NO_UTR_FEATURES)) touch5 = touch3 = 0;
    if (touch5) e->terms |= 1u << RV_SO_UTR5;
    if (touch3) e->terms |= 1u << RV_SO_UTR3;
    int inside = a >= t->start && b <= t->end;
    txcache *tc = NULL;
    if (touch_cds || inside) {
        int rc = tx_seq(c, ti, t, &tc, err);
        if (rc < 0) return rc;
    }
    int moved = 0;              /* a deletion judged where it lies wholly in an exon */
    if (touch_cds) {
        if (contiguous && !touch5 && !touch3) {
            /* S: alt in transcript orientation */
            char *S = malloc((size_t)al + 1);
            if (!S) return rv_err_set(err, RV_ENOMEM, "out of memory");
            if (t->strand == '+') memcpy(S, alt, (size_t)al); else rv_revcomp(alt, (size_t)al, S);
            coding(c, t, tc, x1, x2, S, al, e);
            free(S);
        } else {
            /* the coding change cannot be predicted: it reaches into an intron or a UTR. A
             * start or stop is lost when the deletion takes its codon, and the model has one */
            int64_t s5 = t->strand == '+' ? t->cds_s : t->cds_e - 2, s3 = t->strand == '+' ? t->cds_e - 2 : t->cds_s;
            uint32_t lost = 0, kind = 1u << RV_SO_CODING_SEQUENCE;
            if (has_start(t, tc) && overlap(a, b, s5, s5 + 2)) lost |= 1u << RV_SO_START_LOST;
            if (has_stop(&c->cv, t, tc) && overlap(a, b, s3, s3 + 2)) lost |= 1u << RV_SO_STOP_LOST;
            int edge = c->cv.del_exonic_length && al == 0 && !(t->flags & RV_TX_INCOMPLETE) ? exon_edge(t, a, b) : 0;
            int64_t gi = -1;
            if (edge < 0) {
                /* over a left edge: where the same deletion lies wholly in the exon, judged there */
                int rc = shift_into_exon(c, t, a, b, &gi, err);
                if (rc < 0) return rc;
            }
            if (gi >= 0) {
                int64_t s0 = t->ex[2 * gi], k = s0 - a, c1 = cdna_of(t, (int)gi, s0), c2 = cdna_of(t, (int)gi, b + k);
                coding(c, t, tc, c1 < c2 ? c1 : c2, c1 < c2 ? c2 : c1, "", 0, e);
                kind = lost = 0;
            } else if (edge > 0) {
                kind = 1u << (coding_bases(t, a, b) % 3 ? RV_SO_FRAMESHIFT : RV_SO_INFRAME_DELETION);
            } else if (edge < 0) {
                lost = 0;
            }
            e->terms |= kind | lost;
            if (gi < 0) kputs("p.?", &e->hgvsp);
            moved = gi >= 0;
        }
        /* a start codon deleted only as written: placed 5'-ward it survives (bcftools' reading) */
        if ((e->terms & (1u << RV_SO_START_LOST)) && al == 0) {
            int rc = start_survives(c, t, p, rl, err);
            if (rc < 0) return rc;
            if (rc) {
                e->terms = (e->terms & ~PROTEIN_TERMS) | 1u << RV_SO_START_RETAINED;
                e->nmd = RV_NMD_NONE; e->prot_pos = 0;
                memset(e->ref_aa, 0, sizeof e->ref_aa); memset(e->alt_aa, 0, sizeof e->alt_aa);
                e->hgvsp.l = 0;
                if (e->hgvsp.s) e->hgvsp.s[0] = 0;
            }
        }
    }
    /* allele_trimming = suffix-first: bcftools judges the start codon on the record as
     * written. A deletion trimmed to lie 5' of the CDS that as written takes bases of the start
     * codon is an equivalent placement of it: the start is retained (VEP, which places it as
     * written, says so too) */
    if (c->cv.trim_suffix_first && al == 0 && coding_tx && !touch_cds && c->written_pos != p) {
        int64_t pw = c->written_pos, s5 = t->strand == '+' ? t->cds_s : t->cds_e - 2;
        if (overlap(pw, pw + rl - 1, s5, s5 + 2)) {
            int rc = tc ? 0 : tx_seq(c, ti, t, &tc, err);
            if (rc < 0) return rc;
            if (has_start(t, tc) && (rc = start_survives(c, t, pw, rl, err)) != 0) {
                if (rc < 0) return rc;
                e->terms |= 1u << RV_SO_START_RETAINED;
            }
        }
    }
    if (c->cv.splice_kept_synonymous && al == 0 && rl > 0) {
        int rc = splice_kept(c, t, a, b, moved, e, err);
        if (rc < 0) return rc;
    }
    if (inside) {
        int rc = hgvs_c(c, t, p, ref, rl, alt, al, &e->hgvsc, err);
        if (rc < 0) return rc;
    }
    return 0;
}

int rv_conseq_allele(rv_conseq *c, int contig, int64_t pos, const char *ref, int ref_len,
                  const char *alt, int alt_len, rv_effect **out, rv_err *err)
{
    *out = c->eff;
    c->ref_held_only = 0;
    /* trim the common prefix (the VCF anchor), then the common suffix, or (allele_trimming
     * suffix-first) the other way round: where an indel in a repeat lands; alleles may
     * become empty */
    const char *ref0 = ref, *alt0 = alt;
    int ref_len0 = ref_len, alt_len0 = alt_len;
    int64_t pos0 = pos;
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 0)
            while (ref_len > 0 && alt_len > 0 && ((ref[0] ^ alt[0]) & ~0x20) == 0) { ref++; alt++; ref_len--; alt_len--; pos++; }
        else
            while (ref_len > 0 && alt_len > 0 && ((ref[ref_len - 1] ^ alt[alt_len - 1]) & ~0x20) == 0) { ref_len--; alt_len--; }
        if (pass == 1) c->written_pos = pos;
        /* allele_trimming = suffix-first: a deletion is trimmed from its end first */
        if (pass == 1 && c->cv.trim_suffix_first && alt_len == 0 && ref_len > 0) {
            ref = ref0; alt = alt0; ref_len = ref_len0; alt_len = alt_len0; pos = pos0;
            while (ref_len > 0 && alt_len > 0 && ((ref[ref_len - 1] ^ alt[alt_len - 1]) & ~0x20) == 0) { ref_len--; alt_len--; }
            while (ref_len > 0 && alt_len > 0 && ((ref[0] ^ alt[0]) & ~0x20) == 0) { ref++; alt++; ref_len--; alt_len--; pos++; }
        }
    }
    if (ref_len == 0 && alt_len == 0) return 0;
    int64_t beg = ref_len ? pos : pos - 1, end = ref_len ? pos + ref_len - 1 : pos;
    int n = rv_model_overlaps(c->m, contig, beg - c->cv.splice_intron, end + c->cv.splice_intron, c->hits, MAX_TX);
    if (n == 0) return 0;
    /* check REF against the reference; upper-case alleles for the comparisons below */
    char *buf = malloc((size_t)ref_len + (size_t)alt_len + 2);
    if (!buf) return rv_err_set(err, RV_ENOMEM, "out of memory");
    for (int i = 0; i < ref_len; i++) buf[i] = (char)(ref[i] & ~0x20);
    for (int i = 0; i < alt_len; i++) buf[ref_len + 1 + i] = (char)(alt[i] & ~0x20);
    const char *R = buf, *A = buf + ref_len + 1;
    if (ref_len) {
        int64_t gb, gl;
        const char *g = rv_genome_get(c->g, contig, pos, pos + ref_len - 1, &gb, &gl, err);
        if (!g) { free(buf); return RV_EINPUT; }
        /* ref_past_reference_end = compare-held-bases: a REF running past the end of the
         * sequence is compared over the bases the reference holds (bcftools' reading) */
        int held = gb == pos && gl > 0 && gl < ref_len && c->cv.ref_past_end_held;
        if (gl != ref_len && !held && gb == pos && gl < ref_len) {
            free(buf);
            return rv_err_set(err, RV_EINPUT, "REF %.*s runs past the end of the reference sequence %s (at %lld) and "
                              "cannot be checked", ref_len, ref, rv_contig_name(contig), (long long)(gb + gl - 1));
        }
        if ((gl != ref_len && !held) || memcmp(g, R, (size_t)gl) != 0) {
            free(buf);
            return rv_err_set(err, RV_EINPUT, "REF %.*s differs from the reference (%.*s) at %s:%lld", ref_len, ref,
                              (int)gl, g, rv_contig_name(contig), (long long)pos);
        }
        c->ref_held_only = held;
    }
    int k = 0;
    for (int i = 0; i < n; i++) {
        const rv_tx *t = rv_model_tx(c->m, c->hits[i]);
        if (t->end < beg || t->start > end) continue;          /* near, not on: no up/downstream terms */
        int rc = one(c, c->hits[i], t, pos, R, ref_len, A, alt_len, &c->eff[k], err);
        if (rc < 0) { free(buf); return rc; }
        if (c->eff[k].terms) k++;
    }
    free(buf);
    return k;
}

/* Terms of an event of unknown sequence over [a, b] (an insertion between a and b = a + 1
 * when ins): the regions it touches, as one() finds them, without a protein prediction. */
static void symbolic_terms(const rv_csq_conv *cv, const rv_tx *t, int64_t a, int64_t b, int ins, rv_effect *e)
{
    structure(cv, t, a, b, ins, 0, e);
    if (t->flags & RV_TX_NMD_BIOTYPE) e->terms |= 1u << RV_SO_NMD_TRANSCRIPT;
    int coding_tx = t->cds_s > 0, any_exon = 0;
    for (int i = 0; i < t->n_exon; i++) {
        int64_t s = t->ex[2 * i], en = t->ex[2 * i + 1];
        /* the exonic part: a deletion's bases in this exon; an insertion's two flanks */
        int in_exon = ins ? (a >= s && a <= en) || (b >= s && b <= en) : overlap(a, b, s, en);
        if (!in_exon) continue;
        any_exon = 1;
        if (!coding_tx) continue;
        int64_t lo = ins ? a : (a > s ? a : s), hi = ins ? b : (b < en ? b : en);
        int cds, before, after;     /* genomic order; the strand names the UTR */
        if (ins) { cds = lo >= t->cds_s && hi <= t->cds_e; before = hi <= t->cds_s; after = lo >= t->cds_e; }
        else     { cds = hi >= t->cds_s && lo <= t->cds_e; before = lo < t->cds_s; after = hi > t->cds_e; }
        if (cds) e->terms |= 1u << RV_SO_CODING_SEQUENCE;
        if (cv->symbolic_no_utr) continue;
        if (before) e->terms |= 1u << (t->strand == '+' ? RV_SO_UTR5 : RV_SO_UTR3);
        if (after) e->terms |= 1u << (t->strand == '+' ? RV_SO_UTR3 : RV_SO_UTR5);
    }
    if (any_exon && !coding_tx) e->terms |= 1u << RV_SO_NC_EXON;
    if (!coding_tx && (e->terms & (1u << RV_SO_INTRON))) e->terms |= 1u << RV_SO_NC_TRANSCRIPT;
    e->terms |= 1u << (ins ? RV_SO_FEATURE_ELONGATION : RV_SO_FEATURE_TRUNCATION);
}

int rv_conseq_symbolic(rv_conseq *c, int contig, int64_t pos, int64_t end, int del, rv_effect **out)
{
    *out = c->eff;
    int64_t a = del ? pos + 1 : pos, b = del ? end : pos + 1;
    if (b < a) return 0;
    int n = rv_model_overlaps(c->m, contig, a - c->cv.splice_intron, b + c->cv.splice_intron, c->hits, MAX_TX), k = 0;
    for (int i = 0; i < n; i++) {
        const rv_tx *t = rv_model_tx(c->m, c->hits[i]);
        if (t->end < a || t->start > b) continue;
        effect_reset(&c->eff[k], c->hits[i], t);
        symbolic_terms(&c->cv, t, a, b, !del, &c->eff[k]);
        k++;
    }
    return k;
}

int rv_conseq_pick(const rv_effect *e, int n, const char *symbol)
{
    int best = -1;
    int64_t best_score = -1;
    for (int i = 0; i < n; i++) {
        const rv_tx *t = e[i].tx;
        if (symbol && strcmp(t->symbol, symbol) != 0) continue;
        int64_t len = t->cds_s ? t->cds_c2 - t->cds_c1 + 1 : 0;
        int64_t score = (t->flags & RV_TX_MANE_SELECT ? 4LL : t->flags & RV_TX_CANONICAL ? 2LL : t->cds_s ? 1LL : 0LL) << 40;
        score += len ? len : t->cdna_len / 1000;
        if (score > best_score) { best_score = score; best = i; }
    }
    return best;
}
