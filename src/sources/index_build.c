/* sources/index_build.c: in-memory record collection, sort and write of a compiled index. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include "variant/contig.h"
#include "sources/index_build_internal.h"
#include "sources/index_format_internal.h"

/* ---- interning of byte blobs (strings, allele pairs) ---- */

typedef struct interner {
    uint8_t  *data;      /* the blobs, back to back */
    size_t    len, cap;
    uint32_t *slots;     /* open addressing: blob offset + 1, 0 = empty */
    size_t    n_slots, used;
} interner;

static uint64_t hash_bytes(const void *p, size_t n)
{
    const uint8_t *s = p;
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) { h ^= s[i]; h *= 1099511628211ULL; }
    return h ^ (h >> 29);
}

/* blob_len(data + off): the length of the blob stored at off, for comparisons */
typedef size_t (*blob_len_fn)(const uint8_t *p);

static size_t str_blob_len(const uint8_t *p) { uint32_t n; memcpy(&n, p, 4); return 4 + (size_t)n; }
static size_t allele_blob_len(const uint8_t *p)
{
    uint16_t r, a; memcpy(&r, p, 2); memcpy(&a, p + 2, 2); return 4 + (size_t)r + a;
}

static int intern_grow(interner *in, blob_len_fn blen)
{
    size_t ns = in->n_slots ? in->n_slots * 2 : 1024;
    uint32_t *sl = calloc(ns, sizeof *sl);
    if (!sl) return RV_ENOMEM;
    for (size_t i = 0; i < in->n_slots; i++) {
        if (!in->slots[i]) continue;
        const uint8_t *p = in->data + in->slots[i] - 1;
        size_t j = hash_bytes(p, blen(p)) & (ns - 1);
        while (sl[j]) j = (j + 1) & (ns - 1);
        sl[j] = in->slots[i];
    }
    free(in->slots);
    in->slots = sl; in->n_slots = ns;
    return 0;
}

/* Offset of blob in in->data (added when new); -1 when out of memory or too big. */
static int64_t intern(interner *in, const void *blob, size_t n, blob_len_fn blen, int *is_new)
{
    if (is_new) *is_new = 0;
    if ((in->used + 1) * 2 > in->n_slots && intern_grow(in, blen) < 0) return -1;
    size_t j = hash_bytes(blob, n) & (in->n_slots - 1);
    while (in->slots[j]) {
        const uint8_t *p = in->data + in->slots[j] - 1;
        if (blen(p) == n && memcmp(p, blob, n) == 0) return in->slots[j] - 1;
        j = (j + 1) & (in->n_slots - 1);
    }
    if (in->len + n >= UINT32_MAX - 1) return -1;    /* ids are u32 offsets */
    if (in->len + n > in->cap) {
        size_t nc = in->cap ? in->cap * 2 : 65536;
        while (nc < in->len + n) nc *= 2;
        uint8_t *d = realloc(in->data, nc);
        if (!d) return -1;
        in->data = d; in->cap = nc;
    }
    int64_t off = (int64_t)in->len;
    memcpy(in->data + in->len, blob, n);
    in->len += n;
    in->slots[j] = (uint32_t)off + 1;
    in->used++;
    if (is_new) *is_new = 1;
    return off;
}

static void interner_free(interner *in) { free(in->data); free(in->slots); }

/* ---- the builder ---- */

typedef struct column {
    rv_ftype type;
    int      wide;       /* int column promoted to 64 bits */
    void    *v;          /* double[], int32_t[] / int64_t[], uint32_t[] */
} column;

struct rv_ibuild {
    rv_key_kind kind;
    int n_fields;
    char **names;
    column *cols;
    int64_t n, cap;
    uint8_t  *contig;
    uint32_t *pos, *end, *allele, *sym_up, *hgnc;
    interner strs, alleles;
    uint32_t snv_allele[256][256];   /* interned single-base pairs, UINT32_MAX = not yet */
    char **meta; int n_meta;
    char *scratch; size_t scratch_cap;
    uint32_t *cover; int64_t n_cover;  /* declared coverage: contig, start, end triples */
    rv_ibuild_dup_fn on_dup; void *on_dup_ud;   /* merges a duplicate key into the kept record */
    int dup_rc;                                 /* the first error the merge returned */
};

int rv_ibuild_new(rv_ibuild **out, rv_key_kind kind, int n_fields, const char *const *names,
                  const rv_ftype *types, rv_err *err)
{
    rv_ibuild *b = calloc(1, sizeof *b);
    if (!b) return rv_err_set(err, RV_ENOMEM, "index: out of memory");
    b->kind = kind;
    b->n_fields = n_fields;
    b->names = calloc((size_t)n_fields + 1, sizeof *b->names);
    b->cols = calloc((size_t)n_fields + 1, sizeof *b->cols);
    if (!b->names || !b->cols) { rv_ibuild_free(b); return rv_err_set(err, RV_ENOMEM, "index: out of memory"); }
    for (int i = 0; i < n_fields; i++) {
        b->names[i] = strdup(names[i]);
        if (!b->names[i]) { rv_ibuild_free(b); return rv_err_set(err, RV_ENOMEM, "index: out of memory"); }
        b->cols[i].type = types[i];
    }
    memset(b->snv_allele, 0xff, sizeof b->snv_allele);
    *out = b;
    return 0;
}

void rv_ibuild_free(rv_ibuild *b)
{
    if (!b) return;
    for (int i = 0; i < b->n_fields; i++) { free(b->names ? b->names[i] : NULL); if (b->cols) free(b->cols[i].v); }
    free(b->names); free(b->cols);
    free(b->contig); free(b->pos); free(b->end); free(b->allele); free(b->sym_up); free(b->hgnc);
    interner_free(&b->strs); interner_free(&b->alleles);
    for (int i = 0; i < b->n_meta * 2; i++) free(b->meta[i]);
    free(b->meta); free(b->scratch); free(b->cover);
    free(b);
}

int rv_ibuild_meta(rv_ibuild *b, const char *key, const char *value)
{
    for (int i = 0; i < b->n_meta; i++)
        if (strcmp(b->meta[2 * i], key) == 0) {
            char *v = strdup(value ? value : "");
            if (!v) return RV_ENOMEM;
            free(b->meta[2 * i + 1]); b->meta[2 * i + 1] = v;
            return 0;
        }
    char **m = realloc(b->meta, (size_t)(b->n_meta + 1) * 2 * sizeof *m);
    if (!m) return RV_ENOMEM;
    b->meta = m;
    m[2 * b->n_meta] = strdup(key);
    m[2 * b->n_meta + 1] = strdup(value ? value : "");
    b->n_meta++;
    return m[2 * b->n_meta - 2] && m[2 * b->n_meta - 1] ? 0 : RV_ENOMEM;
}

static size_t col_width(const column *c)
{
    return c->type == RV_T_FLOAT ? 8 : c->type == RV_T_INT ? (c->wide ? 8 : 4) : 4;
}

static int grow_arr(void **p, int64_t cap, size_t w)
{
    void *q = realloc(*p, (size_t)cap * w);
    if (!q) return -1;
    *p = q;
    return 0;
}

static int ensure_cap(rv_ibuild *b)
{
    if (b->n < b->cap) return 0;
    int64_t nc = b->cap ? b->cap * 2 : 4096;
    if (nc > (int64_t)UINT32_MAX - 1) nc = (int64_t)UINT32_MAX - 1;
    if (b->n >= nc) return RV_ENOMEM;
    int bad = 0;
    if (b->kind == RV_KEY_VARIANT || b->kind == RV_KEY_INTERVAL) {
        bad |= grow_arr((void **)&b->contig, nc, 1);
        bad |= grow_arr((void **)&b->pos, nc, 4);
    }
    if (b->kind == RV_KEY_VARIANT) bad |= grow_arr((void **)&b->allele, nc, 4);
    if (b->kind == RV_KEY_INTERVAL) bad |= grow_arr((void **)&b->end, nc, 4);
    if (b->kind == RV_KEY_GENE) {
        bad |= grow_arr((void **)&b->sym_up, nc, 4);
        bad |= grow_arr((void **)&b->hgnc, nc, 4);
    }
    for (int i = 0; i < b->n_fields; i++) bad |= grow_arr(&b->cols[i].v, nc, col_width(&b->cols[i]));
    if (bad) return RV_ENOMEM;
    b->cap = nc;
    return 0;
}

/* The new record's columns start missing. */
static void set_missing(rv_ibuild *b, int64_t r)
{
    for (int i = 0; i < b->n_fields; i++) {
        column *c = &b->cols[i];
        if (c->type == RV_T_FLOAT) ((double *)c->v)[r] = NAN;
        else if (c->type == RV_T_STR) ((uint32_t *)c->v)[r] = RV_IDX_NA_STR;
        else if (c->wide) ((int64_t *)c->v)[r] = RV_IDX_NA_I64;
        else ((int32_t *)c->v)[r] = RV_IDX_NA_I32;
    }
}

static int scratch(rv_ibuild *b, size_t n)
{
    if (n <= b->scratch_cap) return 0;
    size_t nc = b->scratch_cap ? b->scratch_cap : 256;
    while (nc < n) nc *= 2;
    char *s = realloc(b->scratch, nc);
    if (!s) return RV_ENOMEM;
    b->scratch = s; b->scratch_cap = nc;
    return 0;
}

static int64_t intern_str(rv_ibuild *b, const char *s, size_t n, int *is_new)
{
    if (n > UINT32_MAX / 2 || scratch(b, n + 4) < 0) return -1;
    uint32_t n32 = (uint32_t)n;
    memcpy(b->scratch, &n32, 4);
    memcpy(b->scratch + 4, s, n);
    return intern(&b->strs, b->scratch, n + 4, str_blob_len, is_new);
}

int rv_ibuild_add_variant(rv_ibuild *b, const rv_varkey *k)
{
    if (k->contig < 0 || k->contig >= RV_N_CONTIGS || k->pos < 1 || k->pos > (int64_t)UINT32_MAX)
        return RV_EINPUT;
    if (k->ref_len > UINT16_MAX || k->alt_len > UINT16_MAX) return RV_EINPUT;
    if (ensure_cap(b) < 0) return RV_ENOMEM;
    int64_t r = b->n;
    uint32_t al;
    if (k->ref_len == 1 && k->alt_len == 1
        && b->snv_allele[(uint8_t)k->ref[0]][(uint8_t)k->alt[0]] != UINT32_MAX) {
        al = b->snv_allele[(uint8_t)k->ref[0]][(uint8_t)k->alt[0]];
    } else {
        size_t n = 4 + (size_t)k->ref_len + k->alt_len;
        if (scratch(b, n) < 0) return RV_ENOMEM;
        uint16_t rl = (uint16_t)k->ref_len, alen = (uint16_t)k->alt_len;
        memcpy(b->scratch, &rl, 2); memcpy(b->scratch + 2, &alen, 2);
        memcpy(b->scratch + 4, k->ref, k->ref_len);
        memcpy(b->scratch + 4 + k->ref_len, k->alt, k->alt_len);
        int64_t off = intern(&b->alleles, b->scratch, n, allele_blob_len, NULL);
        if (off < 0) return RV_ENOMEM;
        al = (uint32_t)off;
        if (k->ref_len == 1 && k->alt_len == 1) b->snv_allele[(uint8_t)k->ref[0]][(uint8_t)k->alt[0]] = al;
    }
    b->contig[r] = (uint8_t)k->contig;
    b->pos[r] = (uint32_t)k->pos;
    b->allele[r] = al;
    set_missing(b, r);
    b->n++;
    return 0;
}

int rv_ibuild_add_interval(rv_ibuild *b, int contig, int64_t start, int64_t end)
{
    if (contig < 0 || contig >= RV_N_CONTIGS || start < 1 || end < start || end > (int64_t)UINT32_MAX)
        return RV_EINPUT;
    if (ensure_cap(b) < 0) return RV_ENOMEM;
    int64_t r = b->n;
    b->contig[r] = (uint8_t)contig;
    b->pos[r] = (uint32_t)start;
    b->end[r] = (uint32_t)end;
    set_missing(b, r);
    b->n++;
    return 0;
}

int rv_gene_symbol_valid(const char *s, size_t n)
{
    if (n == 0 || n > 64) return 0;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)s[i]) && !strchr("-._@", s[i] ? s[i] : ' ')) return 0;
    return 1;
}

int rv_ibuild_add_gene(rv_ibuild *b, const char *symbol, size_t n, const char *hgnc, size_t hn)
{
    if (!rv_gene_symbol_valid(symbol, n)) return RV_EINPUT;
    if (ensure_cap(b) < 0) return RV_ENOMEM;
    char up[256];
    for (size_t i = 0; i < n; i++) up[i] = (char)toupper((unsigned char)symbol[i]);
    int64_t s = intern_str(b, up, n, NULL);
    int64_t h = intern_str(b, hgnc ? hgnc : "", hgnc ? hn : 0, NULL);
    if (s < 0 || h < 0) return RV_ENOMEM;
    int64_t r = b->n;
    b->sym_up[r] = (uint32_t)s;
    b->hgnc[r] = (uint32_t)h;
    set_missing(b, r);
    b->n++;
    return 0;
}

void rv_ibuild_drop_last(rv_ibuild *b) { if (b->n > 0) b->n--; }
int64_t rv_ibuild_count(const rv_ibuild *b) { return b->n; }

uint32_t rv_ibuild_contigs_since(const rv_ibuild *b, int64_t from)
{
    uint32_t mask = 0;
    if (b->kind == RV_KEY_GENE) return 0;
    for (int64_t i = from < 0 ? 0 : from; i < b->n; i++) mask |= 1u << b->contig[i];
    return mask;
}

void rv_ibuild_on_duplicate(rv_ibuild *b, rv_ibuild_dup_fn fn, void *ud) { b->on_dup = fn; b->on_dup_ud = ud; }

int rv_ibuild_rec_str(const rv_ibuild *b, int64_t rec, int f, const char **s, size_t *n)
{
    if (rec < 0 || rec >= b->n || f < 0 || f >= b->n_fields || b->cols[f].type != RV_T_STR) return -1;
    uint32_t id = ((const uint32_t *)b->cols[f].v)[rec];
    if (id == RV_IDX_NA_STR) return -1;
    uint32_t len;
    memcpy(&len, b->strs.data + id, 4);
    *s = (const char *)b->strs.data + id + 4;
    *n = len;
    return 0;
}

int rv_ibuild_rec_set_str(rv_ibuild *b, int64_t rec, int f, const char *s, size_t n)
{
    if (rec < 0 || rec >= b->n || f < 0 || f >= b->n_fields || b->cols[f].type != RV_T_STR) return RV_EINPUT;
    int64_t id = intern_str(b, s, n, NULL);
    if (id < 0) return RV_ENOMEM;
    ((uint32_t *)b->cols[f].v)[rec] = (uint32_t)id;
    return 0;
}

void rv_ibuild_rec_copy(rv_ibuild *b, int64_t to, int64_t from)
{
    for (int f = 0; f < b->n_fields; f++) {
        size_t w = col_width(&b->cols[f]);
        memcpy((uint8_t *)b->cols[f].v + (size_t)to * w, (const uint8_t *)b->cols[f].v + (size_t)from * w, w);
    }
}

int rv_ibuild_coverage(rv_ibuild *b, const uint32_t *triples, int64_t n)
{
    free(b->cover);
    b->cover = NULL;
    b->n_cover = 0;
    if (n <= 0) return 0;
    if (!(b->cover = malloc((size_t)n * 3 * sizeof *b->cover))) return RV_ENOMEM;
    memcpy(b->cover, triples, (size_t)n * 3 * sizeof *b->cover);
    b->n_cover = n;
    return 0;
}

int rv_ibuild_set_float(rv_ibuild *b, int f, double v)
{
    if (b->n == 0 || f < 0 || f >= b->n_fields || b->cols[f].type != RV_T_FLOAT) return RV_EINPUT;
    ((double *)b->cols[f].v)[b->n - 1] = v;
    return 0;
}

int rv_ibuild_set_int(rv_ibuild *b, int f, int64_t v)
{
    if (b->n == 0 || f < 0 || f >= b->n_fields || b->cols[f].type != RV_T_INT) return RV_EINPUT;
    column *c = &b->cols[f];
    if (!c->wide && (v <= INT32_MIN || v > INT32_MAX)) {
        /* promote the column to 64 bits, in place from the top down */
        if (grow_arr(&c->v, b->cap, 8) < 0) return RV_ENOMEM;
        int32_t *s = c->v; int64_t *d = c->v;
        for (int64_t i = b->n - 1; i >= 0; i--) d[i] = s[i] == RV_IDX_NA_I32 ? RV_IDX_NA_I64 : s[i];
        c->wide = 1;
    }
    if (c->wide) ((int64_t *)c->v)[b->n - 1] = v == RV_IDX_NA_I64 ? RV_IDX_NA_I64 + 1 : v;
    else ((int32_t *)c->v)[b->n - 1] = (int32_t)v;
    return 0;
}

int rv_ibuild_set_str(rv_ibuild *b, int f, const char *s, size_t n, int *is_new)
{
    if (b->n == 0 || f < 0 || f >= b->n_fields || b->cols[f].type != RV_T_STR) return RV_EINPUT;
    int64_t id = intern_str(b, s, n, is_new);
    if (id < 0) return RV_ENOMEM;
    ((uint32_t *)b->cols[f].v)[b->n - 1] = (uint32_t)id;
    return 0;
}

/* ---- sorting ---- */

static int cmp_alleles(const rv_ibuild *b, uint32_t x, uint32_t y)
{
    if (x == y) return 0;
    const uint8_t *p = b->alleles.data + x, *q = b->alleles.data + y;
    uint16_t pr, pa, qr, qa;
    memcpy(&pr, p, 2); memcpy(&pa, p + 2, 2); memcpy(&qr, q, 2); memcpy(&qa, q + 2, 2);
    /* same order as rv_varkey_cmp: ref bytewise (shorter first on a tie), then alt */
    size_t m = pr < qr ? pr : qr;
    int c = m ? memcmp(p + 4, q + 4, m) : 0;
    if (c) return c;
    if (pr != qr) return pr < qr ? -1 : 1;
    m = pa < qa ? pa : qa;
    c = m ? memcmp(p + 4 + pr, q + 4 + qr, m) : 0;
    if (c) return c;
    return pa < qa ? -1 : pa > qa;
}

typedef struct { uint64_t key; uint32_t rec; } keyrec;

/* LSD radix sort by key (stable), 13 bits a pass: contig (5 bits) << 32 | pos. */
static int radix_sort(keyrec *a, int64_t n)
{
    keyrec *tmp = malloc((size_t)n * sizeof *tmp);
    if (!tmp) return RV_ENOMEM;
    enum { BITS = 13, NB = 1 << BITS };
    size_t *cnt = malloc(NB * sizeof *cnt);
    if (!cnt) { free(tmp); return RV_ENOMEM; }
    keyrec *src = a, *dst = tmp;
    for (int shift = 0; shift < 39; shift += BITS) {
        memset(cnt, 0, NB * sizeof *cnt);
        for (int64_t i = 0; i < n; i++) cnt[(src[i].key >> shift) & (NB - 1)]++;
        size_t sum = 0;
        for (int i = 0; i < NB; i++) { size_t c = cnt[i]; cnt[i] = sum; sum += c; }
        for (int64_t i = 0; i < n; i++) dst[cnt[(src[i].key >> shift) & (NB - 1)]++] = src[i];
        keyrec *t = src; src = dst; dst = t;
    }
    if (src != a) memcpy(a, src, (size_t)n * sizeof *a);
    free(tmp); free(cnt);
    return 0;
}

/* Order of variant records; duplicates (same key as the previous kept record) are
 * marked with UINT32_MAX. Input VCFs are almost always sorted already: then only the
 * allele order inside one position is fixed up. */
static int sort_variants(rv_ibuild *b, uint32_t *perm, int64_t *n_dup)
{
    int64_t n = b->n;
    int sorted = 1;
    for (int64_t i = 1; i < n && sorted; i++) {
        uint64_t p = (uint64_t)b->contig[i - 1] << 32 | b->pos[i - 1];
        uint64_t q = (uint64_t)b->contig[i] << 32 | b->pos[i];
        if (q < p) sorted = 0;
    }
    if (sorted) {
        for (int64_t i = 0; i < n; i++) perm[i] = (uint32_t)i;
    } else {
        keyrec *kr = malloc((size_t)n * sizeof *kr);
        if (!kr) return RV_ENOMEM;
        for (int64_t i = 0; i < n; i++) { kr[i].key = (uint64_t)b->contig[i] << 32 | b->pos[i]; kr[i].rec = (uint32_t)i; }
        if (radix_sort(kr, n) < 0) { free(kr); return RV_ENOMEM; }
        for (int64_t i = 0; i < n; i++) perm[i] = kr[i].rec;
        free(kr);
    }
    /* stable insertion sort of alleles within each position */
    int64_t i = 0;
    *n_dup = 0;
    while (i < n) {
        int64_t j = i + 1;
        while (j < n && b->contig[perm[j]] == b->contig[perm[i]] && b->pos[perm[j]] == b->pos[perm[i]]) j++;
        for (int64_t x = i + 1; x < j; x++) {
            uint32_t v = perm[x];
            int64_t y = x;
            while (y > i && cmp_alleles(b, b->allele[perm[y - 1]], b->allele[v]) > 0) { perm[y] = perm[y - 1]; y--; }
            perm[y] = v;
        }
        for (int64_t x = i + 1; x < j; x++) {
            int64_t prev = x - 1;
            while (prev >= i && perm[prev] == UINT32_MAX) prev--;
            if (b->allele[perm[x]] == b->allele[perm[prev]]) {
                if (b->on_dup && !b->dup_rc) b->dup_rc = b->on_dup(b, perm[prev], perm[x], b->on_dup_ud);
                perm[x] = UINT32_MAX;
                (*n_dup)++;
            }
        }
        i = j;
    }
    return 0;
}

static int str_cmp_ids(const rv_ibuild *b, uint32_t x, uint32_t y)
{
    if (x == y) return 0;
    const uint8_t *p = b->strs.data + x, *q = b->strs.data + y;
    uint32_t pn, qn; memcpy(&pn, p, 4); memcpy(&qn, q, 4);
    uint32_t m = pn < qn ? pn : qn;
    int c = m ? memcmp(p + 4, q + 4, m) : 0;
    if (c) return c;
    return pn < qn ? -1 : pn > qn;
}

/* Comparators for qsort_r (glibc): the builder comes as the context, so compiles in
 * several threads never share sort state. */
static int cmp_gene(const void *x, const void *y, void *ctx)
{
    const rv_ibuild *b = ctx;
    uint32_t a = *(const uint32_t *)x, c = *(const uint32_t *)y;
    int r = str_cmp_ids(b, b->sym_up[a], b->sym_up[c]);
    if (!r) r = str_cmp_ids(b, b->hgnc[a], b->hgnc[c]);
    return r ? r : (a < c ? -1 : a > c);
}

static int cmp_interval(const void *x, const void *y, void *ctx)
{
    uint32_t a = *(const uint32_t *)x, c = *(const uint32_t *)y;
    const rv_ibuild *b = ctx;
    if (b->contig[a] != b->contig[c]) return b->contig[a] < b->contig[c] ? -1 : 1;
    if (b->pos[a] != b->pos[c]) return b->pos[a] < b->pos[c] ? -1 : 1;
    if (b->end[a] != b->end[c]) return b->end[a] < b->end[c] ? -1 : 1;
    return a < c ? -1 : a > c;
}

static int cmp_run_hgnc(const void *x, const void *y, void *ctx)
{
    const rv_idx_gene *a = x, *c = y;
    int r = str_cmp_ids(ctx, a->key, c->key);
    return r ? r : (a->first < c->first ? -1 : a->first > c->first);
}

/* ---- writing ---- */

typedef struct outf { FILE *f; uLong crc; uint64_t off; int failed; } outf;

static void out_write(outf *o, const void *p, size_t n)
{
    if (!n || o->failed) return;
    if (fwrite(p, 1, n, o->f) != n) { o->failed = 1; return; }
    o->crc = crc32(o->crc, p, (uInt)n);   /* chunks below are < 4 GiB */
    o->off += n;
}

static void out_big(outf *o, const void *p, size_t n)
{
    const uint8_t *s = p;
    while (n) { size_t k = n > (1u << 30) ? (1u << 30) : n; out_write(o, s, k); s += k; n -= k; }
}

static void out_pad(outf *o)
{
    static const uint8_t zero[8];
    if (o->off % 8) out_write(o, zero, 8 - o->off % 8);
}

static uint64_t pad8(uint64_t x) { return (x + 7) & ~(uint64_t)7; }

/* Write n elements of width w gathered through perm (chunked, no big temporary). */
static void out_gather(outf *o, const void *src, size_t w, const uint32_t *perm, int64_t n)
{
    uint8_t buf[65536];
    size_t k = 0;
    for (int64_t i = 0; i < n; i++) {
        memcpy(buf + k, (const uint8_t *)src + (size_t)perm[i] * w, w);
        k += w;
        if (k + 8 > sizeof buf) { out_write(o, buf, k); k = 0; }
    }
    out_write(o, buf, k);
    out_pad(o);
}

int rv_ibuild_write(rv_ibuild *b, const char *path, int64_t *n_out, int64_t *n_dup, rv_err *err)
{
    int rc = 0;
    int64_t n = b->n, dup = 0;
    uint32_t *perm = malloc((size_t)(n ? n : 1) * sizeof *perm);
    uint32_t *maxend = NULL;
    rv_idx_gene *runs = NULL, *runs_h = NULL;
    int64_t n_runs = 0;
    uint64_t contig_first[RV_N_CONTIGS + 1];
    char *tmp = NULL;
    FILE *f = NULL;
    uint8_t *hdrbuf = NULL;
    uint64_t *col_off = calloc((size_t)b->n_fields + 1, sizeof *col_off);
    if (!perm || !col_off) { free(perm); free(col_off); return rv_err_set(err, RV_ENOMEM, "index: out of memory"); }

    if (b->kind == RV_KEY_VARIANT) {
        if (sort_variants(b, perm, &dup) < 0) { rc = RV_ENOMEM; goto nomem; }
        if (b->dup_rc < 0) { rc = b->dup_rc; goto nomem; }
        int64_t k = 0;
        for (int64_t i = 0; i < n; i++) if (perm[i] != UINT32_MAX) perm[k++] = perm[i];
        n = k;
    } else {
        for (int64_t i = 0; i < n; i++) perm[i] = (uint32_t)i;
        if (n) qsort_r(perm, (size_t)n, sizeof *perm, b->kind == RV_KEY_GENE ? cmp_gene : cmp_interval, (void *)b);
    }
    if (b->kind != RV_KEY_GENE) {
        int64_t r = 0;
        for (int c = 0; c <= RV_N_CONTIGS; c++) {
            while (r < n && b->contig[perm[r]] < c) r++;
            contig_first[c] = (uint64_t)r;
        }
    }
    if (b->kind == RV_KEY_INTERVAL) {
        maxend = malloc((size_t)(n ? n : 1) * sizeof *maxend);
        if (!maxend) { rc = RV_ENOMEM; goto nomem; }
        for (int64_t i = 0; i < n; i++) {
            uint32_t e = b->end[perm[i]];
            if (i > 0 && b->contig[perm[i - 1]] == b->contig[perm[i]] && maxend[i - 1] > e) e = maxend[i - 1];
            maxend[i] = e;
        }
    }
    if (b->kind == RV_KEY_GENE) {
        runs = malloc((size_t)(n ? n : 1) * sizeof *runs);
        runs_h = malloc((size_t)(n ? n : 1) * sizeof *runs_h);
        if (!runs || !runs_h) { rc = RV_ENOMEM; goto nomem; }
        for (int64_t i = 0; i < n; i++) {
            uint32_t r = perm[i];
            if (n_runs && runs[n_runs - 1].key == b->sym_up[r] && runs_h[n_runs - 1].key == b->hgnc[r]) {
                runs[n_runs - 1].count++; runs_h[n_runs - 1].count++;
                continue;
            }
            runs[n_runs] = (rv_idx_gene){ b->sym_up[r], (uint32_t)i, 1, 0 };
            runs_h[n_runs] = (rv_idx_gene){ b->hgnc[r], (uint32_t)i, 1, 0 };
            n_runs++;
        }
        qsort_r(runs_h, (size_t)n_runs, sizeof *runs_h, cmp_run_hgnc, (void *)b);
    }

    /* layout: header region, then the sections in enum order */
    size_t meta_len = 0, schema_len = 0;
    for (int i = 0; i < b->n_meta; i++) meta_len += strlen(b->meta[2 * i]) + strlen(b->meta[2 * i + 1]) + 2;
    for (int i = 0; i < b->n_fields; i++) schema_len += 16 + strlen(b->names[i]) + 1;
    uint64_t header_size = pad8(sizeof(rv_idx_hdr) + RV_SEC_N * 16 + meta_len + schema_len);
    uint64_t sec_off[RV_SEC_N], sec_size[RV_SEC_N];
    memset(sec_size, 0, sizeof sec_size);
    if (b->kind != RV_KEY_GENE) { sec_size[RV_SEC_CONTIG] = sizeof contig_first; sec_size[RV_SEC_POS] = (uint64_t)n * 4; }
    if (b->kind == RV_KEY_VARIANT) { sec_size[RV_SEC_ALLELE] = (uint64_t)n * 4; sec_size[RV_SEC_HEAP] = b->alleles.len; }
    sec_size[RV_SEC_STRTAB] = b->strs.len;
    uint64_t cols = 0;
    for (int i = 0; i < b->n_fields; i++) cols += pad8((uint64_t)n * col_width(&b->cols[i]));
    sec_size[RV_SEC_COLUMNS] = cols;
    if (b->kind == RV_KEY_GENE) sec_size[RV_SEC_GENE_SYM] = sec_size[RV_SEC_GENE_HGNC] = (uint64_t)n_runs * sizeof *runs;
    if (b->kind == RV_KEY_INTERVAL) sec_size[RV_SEC_END] = sec_size[RV_SEC_MAXEND] = (uint64_t)n * 4;
    sec_size[RV_SEC_COVER] = (uint64_t)b->n_cover * 12;
    uint64_t at = header_size;
    for (int s = 0; s < RV_SEC_N; s++) { sec_off[s] = at; at += pad8(sec_size[s]); }
    uint64_t file_size = at;
    at = sec_off[RV_SEC_COLUMNS];
    for (int i = 0; i < b->n_fields; i++) { col_off[i] = at; at += pad8((uint64_t)n * col_width(&b->cols[i])); }

    /* write the body to a temporary file beside the target */
    size_t pl = strlen(path);
    tmp = malloc(pl + 16);
    if (!tmp) { rc = RV_ENOMEM; goto nomem; }
    snprintf(tmp, pl + 16, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) { rc = rv_err_set(err, RV_EIO, "%s: cannot create: %s", tmp, strerror(errno)); free(tmp); tmp = NULL; goto out; }
    f = fdopen(fd, "wb");
    if (!f) { close(fd); rc = rv_err_set(err, RV_EIO, "%s: %s", tmp, strerror(errno)); goto out; }
    hdrbuf = calloc(1, header_size);
    if (!hdrbuf) { rc = RV_ENOMEM; goto nomem; }
    if (fwrite(hdrbuf, 1, header_size, f) != header_size) goto ioerr;
    outf o = { f, crc32(0L, Z_NULL, 0), header_size, 0 };
    for (int s = 0; s < RV_SEC_N; s++) {
        switch (s) {
        case RV_SEC_CONTIG: if (sec_size[s]) { out_write(&o, contig_first, sizeof contig_first); out_pad(&o); } break;
        case RV_SEC_POS:    if (sec_size[s]) out_gather(&o, b->pos, 4, perm, n); break;
        case RV_SEC_ALLELE: if (sec_size[s]) out_gather(&o, b->allele, 4, perm, n); break;
        case RV_SEC_HEAP:   out_big(&o, b->alleles.data, b->alleles.len); out_pad(&o); break;
        case RV_SEC_STRTAB: out_big(&o, b->strs.data, b->strs.len); out_pad(&o); break;
        case RV_SEC_COLUMNS:
            for (int i = 0; i < b->n_fields; i++) out_gather(&o, b->cols[i].v, col_width(&b->cols[i]), perm, n);
            break;
        case RV_SEC_GENE_SYM:  if (sec_size[s]) { out_big(&o, runs, sec_size[s]); out_pad(&o); } break;
        case RV_SEC_GENE_HGNC: if (sec_size[s]) { out_big(&o, runs_h, sec_size[s]); out_pad(&o); } break;
        case RV_SEC_END:    if (sec_size[s]) out_gather(&o, b->end, 4, perm, n); break;
        case RV_SEC_MAXEND: if (sec_size[s]) { out_big(&o, maxend, (size_t)n * 4); out_pad(&o); } break;
        case RV_SEC_COVER:  if (sec_size[s]) { out_big(&o, b->cover, sec_size[s]); out_pad(&o); } break;
        }
        if (o.off != (s + 1 < RV_SEC_N ? sec_off[s + 1] : file_size) && !o.failed) {
            rc = rv_err_set(err, RV_EIO, "%s: internal layout error in section %d", path, s);
            goto out;
        }
    }
    if (o.failed) goto ioerr;

    /* the header region, with its checksum */
    rv_idx_hdr h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, RV_IDX_MAGIC, 8);
    h.version = RV_IDX_VERSION;
    h.kind = (uint32_t)b->kind;
    h.file_size = file_size;
    h.n_records = (uint64_t)n;
    h.n_fields = (uint32_t)b->n_fields;
    h.n_meta = (uint32_t)b->n_meta;
    h.header_size = (uint32_t)header_size;
    h.body_crc = (uint32_t)o.crc;
    uint8_t *p = hdrbuf + sizeof h;
    for (int s = 0; s < RV_SEC_N; s++) { memcpy(p, &sec_off[s], 8); memcpy(p + 8, &sec_size[s], 8); p += 16; }
    for (int i = 0; i < b->n_meta * 2; i++) { size_t l = strlen(b->meta[i]) + 1; memcpy(p, b->meta[i], l); p += l; }
    for (int i = 0; i < b->n_fields; i++) {
        uint32_t t = (uint32_t)b->cols[i].type, w = (uint32_t)col_width(&b->cols[i]);
        memcpy(p, &t, 4); memcpy(p + 4, &w, 4); memcpy(p + 8, &col_off[i], 8); p += 16;
        size_t l = strlen(b->names[i]) + 1; memcpy(p, b->names[i], l); p += l;
    }
    memcpy(hdrbuf, &h, sizeof h);
    h.header_crc = (uint32_t)crc32(crc32(0L, Z_NULL, 0), hdrbuf, (uInt)header_size);
    memcpy(hdrbuf, &h, sizeof h);
    if (fseek(f, 0, SEEK_SET) != 0 || fwrite(hdrbuf, 1, header_size, f) != header_size) goto ioerr;
    if (fflush(f) != 0 || fsync(fileno(f)) != 0) goto ioerr;
    if (fclose(f) != 0) { f = NULL; goto ioerr; }
    f = NULL;
    if (rename(tmp, path) != 0) { rc = rv_err_set(err, RV_EIO, "%s: cannot rename into place: %s", path, strerror(errno)); goto out; }
    free(tmp); tmp = NULL;
    if (n_out) *n_out = n;
    if (n_dup) *n_dup = dup;
    goto out;

ioerr:
    rc = rv_err_set(err, RV_EIO, "%s: write failed: %s", tmp, strerror(errno));
    goto out;
nomem:
    rc = rv_err_set(err, RV_ENOMEM, "index: out of memory while writing %s", path);
out:
    if (f) fclose(f);
    if (tmp) { unlink(tmp); free(tmp); }
    free(perm); free(maxend); free(runs); free(runs_h); free(hdrbuf); free(col_off);
    return rc;
}
