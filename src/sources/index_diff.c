/* sources/index_diff.c: what changed between two releases of one source, record by record and
 * field by field. Variant-keyed indexes are merged in key order; gene-keyed and interval
 * indexes are matched on a row key (symbol, HGNC id and, for gene-validity, the disease
 * and MOI; intervals add contig:start-end). Output is TSV:
 *   #change  key  field  old  new
 * with change one of added, removed, changed (one line per changed field). */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "sources/role.h"
#include "variant/contig.h"
#include "sources/index.h"

typedef struct field_pair { int a, b; const char *name; } field_pair;

/* One value as text into buf ("." when missing). */
static const char *value_text(const rv_index *x, int64_t rec, int f, char *buf, size_t n, size_t *len)
{
    switch (rv_index_field_type(x, f)) {
    case RV_T_FLOAT: { double v; if (rv_index_get_float(x, rec, f, &v) == 0) { *len = (size_t)snprintf(buf, n, "%.10g", v); return buf; } break; }
    case RV_T_INT: { int64_t v; if (rv_index_get_int(x, rec, f, &v) == 0) { *len = (size_t)snprintf(buf, n, "%" PRId64, v); return buf; } break; }
    case RV_T_STR: { const char *s; size_t l; if (rv_index_get_str(x, rec, f, &s, &l) == 0) { *len = l; return s; } break; }
    }
    *len = 1;
    return ".";
}

static void put_clean(FILE *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) fputc(s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ? ' ' : s[i], out);
}

static int values_equal(const rv_index *a, int64_t ra, int fa, const rv_index *b, int64_t rb, int fb)
{
    char b1[64], b2[64];
    size_t l1, l2;
    const char *v1 = value_text(a, ra, fa, b1, sizeof b1, &l1), *v2 = value_text(b, rb, fb, b2, sizeof b2, &l2);
    return l1 == l2 && memcmp(v1, v2, l1) == 0;
}

static void line_out(FILE *out, const char *change, const char *key, const char *field,
                     const rv_index *a, int64_t ra, int fa, const rv_index *b, int64_t rb, int fb)
{
    char buf[64];
    size_t l;
    fprintf(out, "%s\t%s\t%s\t", change, key, field);
    if (a && fa >= 0) { const char *v = value_text(a, ra, fa, buf, sizeof buf, &l); put_clean(out, v, l); } else fputc('.', out);
    fputc('\t', out);
    if (b && fb >= 0) { const char *v = value_text(b, rb, fb, buf, sizeof buf, &l); put_clean(out, v, l); } else fputc('.', out);
    fputc('\n', out);
}

static void compare_rows(FILE *out, const char *key, const rv_index *a, int64_t ra, const rv_index *b, int64_t rb,
                         const field_pair *fp, int nfp, rv_diff_stats *st)
{
    int changed = 0;
    for (int i = 0; i < nfp; i++) {
        if (values_equal(a, ra, fp[i].a, b, rb, fp[i].b)) continue;
        if (out) line_out(out, "changed", key, fp[i].name, a, ra, fp[i].a, b, rb, fp[i].b);
        changed = 1;
    }
    if (changed) st->changed++; else st->unchanged++;
}

/* ---- row keys for gene-keyed and interval indexes ---- */

typedef struct row { char *key; int64_t rec; } row;

static int cmp_row(const void *x, const void *y)
{
    const row *a = x, *b = y;
    int c = strcmp(a->key, b->key);
    return c ? c : (a->rec < b->rec ? -1 : a->rec > b->rec);
}

static const char *const row_key_fields[] = { "symbol", "hgnc_id", "mondo", "disease", "moi" };

static int make_rows(const rv_index *x, row **out)
{
    int64_t n = rv_index_n_records(x);
    row *r = calloc((size_t)(n ? n : 1), sizeof *r);
    if (!r) return -1;
    const char *role = rv_index_meta(x, "role");
    int validity = rv_role_id_of(role) == RV_ROLE_GENE_VALIDITY;
    int nk = validity ? 5 : 2;
    int fid[5];
    for (int i = 0; i < 5; i++) fid[i] = rv_index_field_id(x, row_key_fields[i]);
    if (validity && fid[2] >= 0) fid[3] = -1;     /* MONDO id when present, else the label */
    /* a gene model: a transcript is the same transcript in every release, whatever its version */
    int model = rv_role_id_of(role) == RV_ROLE_GENE_MODEL;
    int tx = rv_index_field_id(x, "transcript");
    for (int64_t i = 0; i < n; i++) {
        char buf[1024];
        size_t k = 0;
        const char *v; size_t l;
        if (model && tx >= 0 && rv_index_get_str(x, i, tx, &v, &l) == 0) {
            const char *dot = memchr(v, '.', l);
            k = (size_t)snprintf(buf, sizeof buf, "%.*s", (int)(dot ? (size_t)(dot - v) : l), v);
        } else if (rv_index_kind(x) == RV_KEY_INTERVAL) {
            rv_varkey vk;
            rv_index_key(x, i, &vk);
            k += (size_t)snprintf(buf, sizeof buf, "%s:%lld-%lld|", rv_contig_name(vk.contig), (long long)vk.pos,
                                  (long long)rv_index_interval_end(x, i));
        }
        for (int j = 0; j < nk && !model; j++) {
            if (fid[j] < 0) continue;
            char vb[64]; size_t l;
            const char *v = value_text(x, i, fid[j], vb, sizeof vb, &l);
            if (k + l + 2 >= sizeof buf) break;
            memcpy(buf + k, v, l); k += l;
            buf[k++] = '|';
        }
        if (k && !model) k--;
        if (k >= sizeof buf) k = sizeof buf - 1;
        buf[k] = 0;
        r[i].key = strdup(buf);
        r[i].rec = i;
        if (!r[i].key) { for (int64_t j = 0; j < i; j++) free(r[j].key); free(r); return -1; }
    }
    qsort(r, (size_t)n, sizeof *r, cmp_row);
    *out = r;
    return 0;
}

int rv_index_diff(const rv_index *a, const rv_index *b, FILE *out, rv_diff_stats *st, rv_err *err)
{
    rv_diff_stats local;
    if (!st) st = &local;
    memset(st, 0, sizeof *st);
    if (rv_index_kind(a) != rv_index_kind(b))
        return rv_err_set(err, RV_EUSAGE, "%s and %s hold different kinds of records", rv_index_path(a), rv_index_path(b));
    const char *sa = rv_index_meta(a, "source"), *sb = rv_index_meta(b, "source");
    if (sa && sb && strcmp(sa, sb) != 0)
        return rv_err_set(err, RV_EUSAGE, "%s is source '%s', %s is source '%s': diff compares releases of one source",
                          rv_index_path(a), sa, rv_index_path(b), sb);
    int na = rv_index_n_fields(a);
    field_pair *fp = calloc((size_t)na + 1, sizeof *fp);
    if (!fp) return rv_err_set(err, RV_ENOMEM, "out of memory");
    int nfp = 0;
    for (int i = 0; i < na; i++) {
        int j = rv_index_field_id(b, rv_index_field_name(a, i));
        if (j >= 0 && rv_index_field_type(b, j) == rv_index_field_type(a, i))
            fp[nfp++] = (field_pair){ i, j, rv_index_field_name(a, i) };
    }
    if (out) fprintf(out, "#change\tkey\tfield\told\tnew\n");
    int64_t n1 = rv_index_n_records(a), n2 = rv_index_n_records(b);
    char key[2048];
    if (rv_index_kind(a) == RV_KEY_VARIANT) {
        int64_t i = 0, j = 0;
        while (i < n1 || j < n2) {
            rv_varkey ka, kb;
            int c;
            if (i < n1) rv_index_key(a, i, &ka);
            if (j < n2) rv_index_key(b, j, &kb);
            c = i >= n1 ? 1 : j >= n2 ? -1 : rv_varkey_cmp(&ka, &kb);
            rv_varkey_format(c <= 0 ? &ka : &kb, key, sizeof key);
            if (c < 0) { st->removed++; if (out) line_out(out, "removed", key, ".", NULL, 0, -1, NULL, 0, -1); i++; }
            else if (c > 0) { st->added++; if (out) line_out(out, "added", key, ".", NULL, 0, -1, NULL, 0, -1); j++; }
            else { compare_rows(out, key, a, i, b, j, fp, nfp, st); i++; j++; }
        }
    } else {
        row *ra = NULL, *rb = NULL;
        if (make_rows(a, &ra) < 0 || make_rows(b, &rb) < 0) {
            if (ra) { for (int64_t k = 0; k < n1; k++) free(ra[k].key); free(ra); }
            free(fp);
            return rv_err_set(err, RV_ENOMEM, "out of memory");
        }
        int64_t i = 0, j = 0;
        while (i < n1 || j < n2) {
            int c = i >= n1 ? 1 : j >= n2 ? -1 : strcmp(ra[i].key, rb[j].key);
            if (c < 0) { st->removed++; if (out) line_out(out, "removed", ra[i].key, ".", NULL, 0, -1, NULL, 0, -1); i++; }
            else if (c > 0) { st->added++; if (out) line_out(out, "added", rb[j].key, ".", NULL, 0, -1, NULL, 0, -1); j++; }
            else { compare_rows(out, ra[i].key, a, ra[i].rec, b, rb[j].rec, fp, nfp, st); i++; j++; }
        }
        for (int64_t k = 0; k < n1; k++) free(ra[k].key);
        for (int64_t k = 0; k < n2; k++) free(rb[k].key);
        free(ra); free(rb);
    }
    free(fp);
    if (out && ferror(out)) return rv_err_set(err, RV_EIO, "diff: write failed");
    return 0;
}

/* 1 when record ra of a and rb of b hold the same value in every field (matched by name,
 * compared as stored: floats bit for bit, strings byte for byte). */
static int records_equal(const rv_index *a, int64_t ra, const rv_index *b, int64_t rb, const field_pair *fp, int nfp)
{
    for (int i = 0; i < nfp; i++) {
        int fa = fp[i].a, fb = fp[i].b;
        switch (rv_index_field_type(a, fa)) {
        case RV_T_FLOAT: {
            double x, y;
            int ha = rv_index_get_float(a, ra, fa, &x) == 0, hb = rv_index_get_float(b, rb, fb, &y) == 0;
            if (ha != hb || (ha && memcmp(&x, &y, sizeof x) != 0)) return 0;
            break;
        }
        case RV_T_INT: {
            int64_t x, y;
            int ha = rv_index_get_int(a, ra, fa, &x) == 0, hb = rv_index_get_int(b, rb, fb, &y) == 0;
            if (ha != hb || (ha && x != y)) return 0;
            break;
        }
        case RV_T_STR: {
            const char *x, *y;
            size_t lx, ly;
            int ha = rv_index_get_str(a, ra, fa, &x, &lx) == 0, hb = rv_index_get_str(b, rb, fb, &y, &ly) == 0;
            if (ha != hb || (ha && (lx != ly || memcmp(x, y, lx) != 0))) return 0;
            break;
        }
        }
    }
    return 1;
}

/* Pair each field of release a with the same-named field of b (same type required); the
 * caller frees *out. Returns the number of fields, or RV_EUSAGE / RV_ENOMEM. */
static int pair_fields(const rv_index *a, const rv_index *b, field_pair **out, rv_err *err)
{
    int na = rv_index_n_fields(a), nb = rv_index_n_fields(b);
    if (na != nb)
        return rv_err_set(err, RV_EUSAGE, "%s and %s map different fields", rv_index_path(a), rv_index_path(b));
    field_pair *fp = calloc((size_t)na + 1, sizeof *fp);
    if (!fp) return rv_err_set(err, RV_ENOMEM, "out of memory");
    for (int i = 0; i < na; i++) {
        int j = rv_index_field_id(b, rv_index_field_name(a, i));
        if (j < 0 || rv_index_field_type(b, j) != rv_index_field_type(a, i)) {
            free(fp);
            return rv_err_set(err, RV_EUSAGE, "%s and %s map field %s differently", rv_index_path(a),
                              rv_index_path(b), rv_index_field_name(a, i));
        }
        fp[i] = (field_pair){ i, j, rv_index_field_name(a, i) };
    }
    *out = fp;
    return na;
}

int rv_index_diff_keys(const rv_index *a, const rv_index *b, rv_diff_key_fn fn, void *ctx, rv_diff_stats *st,
                       rv_err *err)
{
    memset(st, 0, sizeof *st);
    if (rv_index_kind(a) != RV_KEY_VARIANT || rv_index_kind(b) != RV_KEY_VARIANT)
        return rv_err_set(err, RV_EUSAGE, "%s, %s: not variant-keyed", rv_index_path(a), rv_index_path(b));
    field_pair *fp;
    int na = pair_fields(a, b, &fp, err);
    if (na < 0) return na;
    int64_t n1 = rv_index_n_records(a), n2 = rv_index_n_records(b), i = 0, j = 0;
    int rc = 0;
    while (rc == 0 && (i < n1 || j < n2)) {
        rv_varkey ka, kb;
        if (i < n1) rv_index_key(a, i, &ka);
        if (j < n2) rv_index_key(b, j, &kb);
        int c = i >= n1 ? 1 : j >= n2 ? -1 : rv_varkey_cmp(&ka, &kb);
        if (c < 0) { st->removed++; rc = fn(ctx, &ka); i++; }
        else if (c > 0) { st->added++; rc = fn(ctx, &kb); j++; }
        else {
            if (records_equal(a, i, b, j, fp, na)) st->unchanged++;
            else { st->changed++; rc = fn(ctx, &ka); }
            i++; j++;
        }
    }
    free(fp);
    return rc < 0 ? rv_err_set(err, RV_ENOMEM, "out of memory") : 0;
}

/* The text of field name of record rec (len 0 when absent or missing). */
static const char *field_text(const rv_index *x, int64_t rec, const char *name, char *buf, size_t n, size_t *len)
{
    int f = rv_index_field_id(x, name);
    *len = 0;
    return f < 0 ? "" : value_text(x, rec, f, buf, n, len);
}

static int gene_row(const rv_index *x, int64_t rec, rv_diff_gene_fn fn, void *ctx)
{
    rv_diff_gene g = { .contig = -1 };
    char bs[256], bh[64];
    g.symbol = field_text(x, rec, "symbol", bs, sizeof bs, &g.symbol_len);
    g.hgnc_id = field_text(x, rec, "hgnc_id", bh, sizeof bh, &g.hgnc_len);
    if (rv_index_kind(x) == RV_KEY_INTERVAL) {
        rv_varkey vk;
        rv_index_key(x, rec, &vk);
        g.contig = vk.contig;
        g.beg = vk.pos;
        g.end = rv_index_interval_end(x, rec);
    }
    return fn(ctx, &g);
}

int rv_index_diff_genes(const rv_index *a, const rv_index *b, rv_diff_gene_fn fn, void *ctx, rv_diff_stats *st,
                        rv_err *err)
{
    memset(st, 0, sizeof *st);
    if (rv_index_kind(a) == RV_KEY_VARIANT || rv_index_kind(a) != rv_index_kind(b))
        return rv_err_set(err, RV_EUSAGE, "%s, %s: not gene-keyed or interval releases of one kind",
                          rv_index_path(a), rv_index_path(b));
    field_pair *fp;
    int na = pair_fields(a, b, &fp, err);
    if (na < 0) return na;
    int64_t n1 = rv_index_n_records(a), n2 = rv_index_n_records(b), i = 0, j = 0;
    row *ra = NULL, *rb = NULL;
    int rc = 0;
    if (make_rows(a, &ra) < 0 || make_rows(b, &rb) < 0) rc = -1;
    while (rc == 0 && (i < n1 || j < n2)) {
        int c = i >= n1 ? 1 : j >= n2 ? -1 : strcmp(ra[i].key, rb[j].key);
        if (c < 0) { st->removed++; rc = gene_row(a, ra[i].rec, fn, ctx); i++; }
        else if (c > 0) { st->added++; rc = gene_row(b, rb[j].rec, fn, ctx); j++; }
        else {
            if (records_equal(a, ra[i].rec, b, rb[j].rec, fp, na)) st->unchanged++;
            else {          /* both sides: an interval may have moved within its key */
                st->changed++;
                if ((rc = gene_row(a, ra[i].rec, fn, ctx)) == 0) rc = gene_row(b, rb[j].rec, fn, ctx);
            }
            i++; j++;
        }
    }
    for (int64_t k = 0; ra && k < n1; k++) free(ra[k].key);
    for (int64_t k = 0; rb && k < n2; k++) free(rb[k].key);
    free(ra); free(rb);
    free(fp);
    return rc < 0 ? rv_err_set(err, RV_ENOMEM, "out of memory") : 0;
}
