/* sources/index.c: open (mmap), check and query a compiled index. Format: sources/index_format_internal.h. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include "variant/contig.h"
#include "sources/index.h"
#include "sources/index_format_internal.h"

typedef struct idx_field {
    const char *name;    /* points into the mapped header */
    rv_ftype type;
    uint32_t width;
    const uint8_t *col;
} idx_field;

struct rv_index {
    char *path;
    const uint8_t *base;
    size_t size;
    rv_idx_hdr h;
    const uint8_t *sec[RV_SEC_N];
    uint64_t sec_size[RV_SEC_N];
    const char **meta;      /* key, value pairs */
    idx_field *fields;
    const uint64_t *contig_first;
    const uint32_t *pos, *allele, *end, *maxend;
    const rv_idx_gene *gsym, *ghgnc;
    int64_t n_runs;
    const uint32_t *cover;  /* declared coverage triples (version 2), NULL: contigs with records */
    int64_t n_cover;
};

/* Sections a file of this format version has in its section table. */
static int n_sections(uint32_t version) { return version == 1 ? RV_IDX_V1_SECTIONS : RV_SEC_N; }

static int read_header(const char *path, int fd, size_t size, rv_idx_hdr *h, rv_err *err)
{
    if (size < sizeof *h)
        return rv_err_set(err, RV_ESOURCE, "%s: not a revus index (file too short: %zu bytes)", path, size);
    if (pread(fd, h, sizeof *h, 0) != (ssize_t)sizeof *h)
        return rv_err_set(err, RV_EIO, "%s: cannot read: %s", path, strerror(errno));
    if (memcmp(h->magic, RV_IDX_MAGIC, 8) != 0)
        return rv_err_set(err, RV_ESOURCE, "%s: not a revus index (bad magic number)", path);
    if (h->version > RV_IDX_VERSION)
        return rv_err_set(err, RV_ESOURCE, "%s: index format version %u is newer than this revus supports (%u); "
                          "upgrade revus or recompile the source", path, h->version, RV_IDX_VERSION);
    if (h->version < 1)
        return rv_err_set(err, RV_ESOURCE, "%s: index format version %u is not supported", path, h->version);
    if (h->file_size != size)
        return rv_err_set(err, RV_ESOURCE, "%s: index is truncated or damaged (%zu bytes, header says %llu)",
                          path, size, (unsigned long long)h->file_size);
    if (h->header_size < sizeof *h + (uint32_t)n_sections(h->version) * 16 || h->header_size > size)
        return rv_err_set(err, RV_ESOURCE, "%s: index header is damaged (header size %u)", path, h->header_size);
    if (h->kind < RV_KEY_VARIANT || h->kind > RV_KEY_INTERVAL)
        return rv_err_set(err, RV_ESOURCE, "%s: index header is damaged (key kind %u)", path, h->kind);
    return 0;
}

static int damaged(rv_index *idx, rv_err *err, const char *what)
{
    return rv_err_set(err, RV_ESOURCE, "%s: index is damaged (%s)", idx->path, what);
}

/* Parse the header region of a mapped file. */
static int parse_layout(rv_index *idx, rv_err *err)
{
    const uint8_t *b = idx->base;
    const rv_idx_hdr *h = &idx->h;
    uLong crc = crc32(0L, Z_NULL, 0);
    rv_idx_hdr z = *h;
    z.header_crc = 0;
    crc = crc32(crc, (const Bytef *)&z, sizeof z);
    crc = crc32(crc, b + sizeof z, h->header_size - sizeof z);
    /* the stored crc was computed with header_crc zeroed but body_crc set */
    if ((uint32_t)crc != h->header_crc)
        return rv_err_set(err, RV_ESOURCE, "%s: index header checksum mismatch (damaged or not a revus index)", idx->path);
    const uint8_t *p = b + sizeof *h, *hend = b + h->header_size;
    for (int s = 0; s < n_sections(h->version); s++) {
        uint64_t off, sz;
        memcpy(&off, p, 8); memcpy(&sz, p + 8, 8); p += 16;
        if (off < h->header_size || off > idx->size || sz > idx->size - off || off % 8) return damaged(idx, err, "section table");
        idx->sec[s] = b + off;
        idx->sec_size[s] = sz;
    }
    idx->meta = calloc((size_t)h->n_meta * 2 + 1, sizeof *idx->meta);
    idx->fields = calloc((size_t)h->n_fields + 1, sizeof *idx->fields);
    if (!idx->meta || !idx->fields) return rv_err_set(err, RV_ENOMEM, "index: out of memory");
    for (uint32_t i = 0; i < h->n_meta * 2; i++) {
        const uint8_t *z0 = memchr(p, 0, (size_t)(hend - p));
        if (!z0) return damaged(idx, err, "metadata");
        idx->meta[i] = (const char *)p;
        p = z0 + 1;
    }
    uint64_t n = h->n_records;
    for (uint32_t i = 0; i < h->n_fields; i++) {
        if (hend - p < 17) return damaged(idx, err, "field schema");
        uint32_t t, w; uint64_t off;
        memcpy(&t, p, 4); memcpy(&w, p + 4, 4); memcpy(&off, p + 8, 8); p += 16;
        const uint8_t *z0 = memchr(p, 0, (size_t)(hend - p));
        if (!z0) return damaged(idx, err, "field schema");
        idx_field *f = &idx->fields[i];
        f->name = (const char *)p;
        p = z0 + 1;
        f->type = (rv_ftype)t;
        f->width = w;
        int ok = (t == RV_T_FLOAT && w == 8) || (t == RV_T_INT && (w == 4 || w == 8)) || (t == RV_T_STR && w == 4);
        if (!ok || off % 8 || off < h->header_size || off > idx->size || n * w > idx->size - off)
            return damaged(idx, err, "field column");
        f->col = b + off;
    }
    if (h->kind != RV_KEY_GENE) {
        if (idx->sec_size[RV_SEC_CONTIG] != (RV_N_CONTIGS + 1) * 8 || idx->sec_size[RV_SEC_POS] != n * 4)
            return damaged(idx, err, "contig table");
        idx->contig_first = (const uint64_t *)idx->sec[RV_SEC_CONTIG];
        for (int c = 0; c <= RV_N_CONTIGS; c++)
            if (idx->contig_first[c] > n || (c && idx->contig_first[c] < idx->contig_first[c - 1]))
                return damaged(idx, err, "contig table");
        idx->pos = (const uint32_t *)idx->sec[RV_SEC_POS];
    }
    if (h->kind == RV_KEY_VARIANT) {
        if (idx->sec_size[RV_SEC_ALLELE] != n * 4) return damaged(idx, err, "allele table");
        idx->allele = (const uint32_t *)idx->sec[RV_SEC_ALLELE];
    }
    if (h->kind == RV_KEY_INTERVAL) {
        if (idx->sec_size[RV_SEC_END] != n * 4 || idx->sec_size[RV_SEC_MAXEND] != n * 4) return damaged(idx, err, "interval table");
        idx->end = (const uint32_t *)idx->sec[RV_SEC_END];
        idx->maxend = (const uint32_t *)idx->sec[RV_SEC_MAXEND];
    }
    if (h->kind == RV_KEY_GENE) {
        if (idx->sec_size[RV_SEC_GENE_SYM] != idx->sec_size[RV_SEC_GENE_HGNC] || idx->sec_size[RV_SEC_GENE_SYM] % sizeof(rv_idx_gene))
            return damaged(idx, err, "gene tables");
        idx->gsym = (const rv_idx_gene *)idx->sec[RV_SEC_GENE_SYM];
        idx->ghgnc = (const rv_idx_gene *)idx->sec[RV_SEC_GENE_HGNC];
        idx->n_runs = (int64_t)(idx->sec_size[RV_SEC_GENE_SYM] / sizeof(rv_idx_gene));
    }
    if (idx->sec_size[RV_SEC_COVER]) {
        if (idx->sec_size[RV_SEC_COVER] % 12 || h->kind == RV_KEY_GENE) return damaged(idx, err, "coverage table");
        idx->cover = (const uint32_t *)idx->sec[RV_SEC_COVER];
        idx->n_cover = (int64_t)(idx->sec_size[RV_SEC_COVER] / 12);
        for (int64_t i = 0; i < idx->n_cover; i++) {
            const uint32_t *t = idx->cover + 3 * i;
            if (t[0] >= RV_N_CONTIGS || t[1] < 1 || t[2] < t[1] ||
                (i && (t[0] < t[-3] || (t[0] == t[-3] && t[1] <= t[-1]))))
                return damaged(idx, err, "coverage table");
        }
    }
    return 0;
}

int rv_index_open(rv_index **out, const char *path, rv_err *err)
{
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return rv_err_set(err, errno == ENOENT ? RV_ENOTFOUND : RV_EIO, "%s: cannot open index: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0) { close(fd); return rv_err_set(err, RV_EIO, "%s: %s", path, strerror(errno)); }
    rv_index *idx = calloc(1, sizeof *idx);
    if (!idx || !(idx->path = strdup(path))) { free(idx); close(fd); return rv_err_set(err, RV_ENOMEM, "index: out of memory"); }
    idx->size = (size_t)st.st_size;
    int rc = read_header(path, fd, idx->size, &idx->h, err);
    if (rc == 0) {
        void *m = mmap(NULL, idx->size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (m == MAP_FAILED) rc = rv_err_set(err, RV_EIO, "%s: cannot map: %s", path, strerror(errno));
        else { idx->base = m; rc = parse_layout(idx, err); }
    }
    close(fd);
    if (rc < 0) { rv_index_close(idx); return rc; }
    *out = idx;
    return 0;
}

void rv_index_close(rv_index *idx)
{
    if (!idx) return;
    if (idx->base) munmap((void *)idx->base, idx->size);
    free(idx->meta); free(idx->fields); free(idx->path);
    free(idx);
}

/* The stamp of a verified index: "size inode mtime.ns ctime.ns" of the file. */
static int stamp_of(const char *path, char *buf, size_t n)
{
    struct stat st;
    if (stat(path, &st) != 0) return -1;
    snprintf(buf, n, "%lld %llu %lld.%09ld %lld.%09ld\n", (long long)st.st_size, (unsigned long long)st.st_ino,
             (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec, (long long)st.st_ctim.tv_sec, st.st_ctim.tv_nsec);
    return 0;
}

/* Record that path was verified (best effort: a read-only store just verifies again). */
static void stamp_write(const char *path)
{
    char stamp[160], sp[4200], tmp[4300];
    if (stamp_of(path, stamp, sizeof stamp) < 0) return;
    snprintf(sp, sizeof sp, "%s.verified", path);
    snprintf(tmp, sizeof tmp, "%s.XXXXXX", sp);
    int fd = mkstemp(tmp);                    /* 0600 */
    if (fd < 0) return;
    size_t n = strlen(stamp);
    int ok = write(fd, stamp, n) == (ssize_t)n;
    ok &= close(fd) == 0;
    if (!ok || rename(tmp, sp) != 0) unlink(tmp);
}

static int stamp_matches(const char *path)
{
    char want[160], have[160] = "", sp[4200];
    if (stamp_of(path, want, sizeof want) < 0) return 0;
    snprintf(sp, sizeof sp, "%s.verified", path);
    int fd = open(sp, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) return 0;
    ssize_t k = read(fd, have, sizeof have - 1);
    close(fd);
    if (k <= 0) return 0;
    have[k] = '\0';
    return strcmp(want, have) == 0;
}

/* The whole body against its checksum; a mismatch says `why` after the path. With stamp,
 * records a match beside the file. */
static int check_body(const char *path, const char *why, int stamp, rv_err *err)
{
    rv_index *idx;
    int rc = rv_index_open(&idx, path, err);
    if (rc < 0) return rc;
    uLong crc = crc32(0L, Z_NULL, 0);
    const uint8_t *p = idx->base + idx->h.header_size;
    size_t left = idx->size - idx->h.header_size;
    while (left) {
        size_t k = left > (1u << 30) ? (1u << 30) : left;
        crc = crc32(crc, p, (uInt)k);
        p += k; left -= k;
    }
    if ((uint32_t)crc != idx->h.body_crc) rc = rv_err_set(err, RV_ESOURCE, "%s: index body checksum mismatch %s", path, why);
    rv_index_close(idx);
    if (rc == 0 && stamp) stamp_write(path);
    return rc;
}

int rv_index_verify(const char *path, rv_err *err)
{
    return check_body(path, "(the file is damaged; recompile the release)", 0, err);
}

int rv_index_verify_stamp(const char *path, rv_err *err)
{
    return check_body(path, "(the file is damaged; recompile the release)", 1, err);
}

int rv_index_open_trusted(rv_index **idx, const char *path, rv_err *err)
{
    *idx = NULL;
    int rc = stamp_matches(path) ? 0
        : check_body(path, "(the file changed on disk since it was verified; see `revus sources verify`, "
                     "then re-import or re-fetch the release)", 0, err);
    return rc < 0 ? rc : rv_index_open(idx, path, err);
}

rv_key_kind rv_index_kind(const rv_index *idx) { return (rv_key_kind)idx->h.kind; }
int64_t rv_index_n_records(const rv_index *idx) { return (int64_t)idx->h.n_records; }
const char *rv_index_path(const rv_index *idx) { return idx->path; }

const char *rv_index_meta(const rv_index *idx, const char *key)
{
    for (uint32_t i = 0; i < idx->h.n_meta; i++)
        if (strcmp(idx->meta[2 * i], key) == 0) return idx->meta[2 * i + 1];
    return NULL;
}

int rv_index_meta_at(const rv_index *idx, int i, const char **key, const char **value)
{
    if (i < 0 || (uint32_t)i >= idx->h.n_meta) return -1;
    *key = idx->meta[2 * i]; *value = idx->meta[2 * i + 1];
    return 0;
}

int rv_index_n_fields(const rv_index *idx) { return (int)idx->h.n_fields; }

const char *rv_index_field_name(const rv_index *idx, int f)
{
    return f >= 0 && (uint32_t)f < idx->h.n_fields ? idx->fields[f].name : NULL;
}

rv_ftype rv_index_field_type(const rv_index *idx, int f)
{
    return f >= 0 && (uint32_t)f < idx->h.n_fields ? idx->fields[f].type : 0;
}

int rv_index_field_id(const rv_index *idx, const char *name)
{
    for (uint32_t i = 0; i < idx->h.n_fields; i++)
        if (strcmp(idx->fields[i].name, name) == 0) return (int)i;
    return -1;
}

/* ---- coverage ---- */

int rv_index_format_version(const rv_index *idx) { return (int)idx->h.version; }

int rv_index_contig_has_records(const rv_index *idx, int contig)
{
    if (idx->h.kind == RV_KEY_GENE || contig < 0 || contig >= RV_N_CONTIGS) return 0;
    return idx->contig_first[contig + 1] > idx->contig_first[contig];
}

int64_t rv_index_n_coverage_regions(const rv_index *idx) { return idx->n_cover; }

void rv_index_coverage_region(const rv_index *idx, int64_t i, int *contig, int64_t *start, int64_t *end)
{
    const uint32_t *t = idx->cover + 3 * i;
    *contig = (int)t[0]; *start = t[1]; *end = t[2];
}

int rv_index_covers(const rv_index *idx, int contig, int64_t pos)
{
    if (idx->h.kind == RV_KEY_GENE || contig < 0 || contig >= RV_N_CONTIGS) return 0;
    if (!idx->cover) return rv_index_contig_has_records(idx, contig);
    /* last region starting at or before (contig, pos) */
    int64_t lo = 0, hi = idx->n_cover;
    while (lo < hi) {
        int64_t mid = lo + (hi - lo) / 2;
        const uint32_t *t = idx->cover + 3 * mid;
        if (t[0] < (uint32_t)contig || (t[0] == (uint32_t)contig && t[1] <= pos)) lo = mid + 1; else hi = mid;
    }
    if (lo == 0) return 0;
    const uint32_t *t = idx->cover + 3 * (lo - 1);
    return t[0] == (uint32_t)contig && pos <= t[2];
}

/* ---- variant-keyed lookup ---- */

static void rec_alleles(const rv_index *idx, int64_t rec, const char **ref, uint32_t *rl,
                        const char **alt, uint32_t *al)
{
    const uint8_t *p = idx->sec[RV_SEC_HEAP] + idx->allele[rec];
    uint16_t r, a;
    memcpy(&r, p, 2); memcpy(&a, p + 2, 2);
    *ref = (const char *)p + 4; *rl = r;
    *alt = (const char *)p + 4 + r; *al = a;
}

static int cmp_bytes(const char *a, uint32_t na, const char *b, uint32_t nb)
{
    uint32_t n = na < nb ? na : nb;
    int c = n ? memcmp(a, b, n) : 0;
    if (c) return c;
    return na < nb ? -1 : na > nb;
}

/* First record in [lo, hi) whose position is >= pos (binary search). */
static int64_t lower_bound(const uint32_t *v, int64_t lo, int64_t hi, uint32_t pos)
{
    while (lo < hi) {
        int64_t mid = lo + (hi - lo) / 2;
        if (v[mid] < pos) lo = mid + 1; else hi = mid;
    }
    return lo;
}

/* Lower bound of pos in [cs, ce), galloping forward from the cursor. */
static int64_t seek(const uint32_t *v, int64_t cs, int64_t ce, int64_t from, uint32_t pos)
{
    if (from < cs || from > ce) from = cs;
    if (from > cs && v[from - 1] >= pos) return lower_bound(v, cs, from, pos);  /* went back */
    int64_t lo = from, step = 1;
    while (lo + step < ce && v[lo + step - 1] < pos) { lo += step; step *= 2; }
    int64_t hi = lo + step < ce ? lo + step : ce;
    return lower_bound(v, lo, hi, pos);
}

int64_t rv_index_find(const rv_index *idx, rv_index_cursor *cur, const rv_varkey *key)
{
    if (idx->h.kind != RV_KEY_VARIANT || key->contig < 0 || key->contig >= RV_N_CONTIGS
        || key->pos < 1 || key->pos > (int64_t)UINT32_MAX)
        return -1;
    int64_t cs = (int64_t)idx->contig_first[key->contig], ce = (int64_t)idx->contig_first[key->contig + 1];
    if (cur->contig != key->contig) { cur->contig = key->contig; cur->rec = cs; }
    int64_t i = seek(idx->pos, cs, ce, cur->rec, (uint32_t)key->pos);
    cur->rec = i;
    for (; i < ce && idx->pos[i] == (uint32_t)key->pos; i++) {
        const char *r, *a; uint32_t rl, al;
        rec_alleles(idx, i, &r, &rl, &a, &al);
        int c = cmp_bytes(r, rl, key->ref, key->ref_len);
        if (!c) c = cmp_bytes(a, al, key->alt, key->alt_len);
        if (c == 0) return i;
        if (c > 0) break;
    }
    return -1;
}

int64_t rv_index_first_at(const rv_index *idx, int contig, int64_t pos, int64_t *end)
{
    *end = 0;
    if (idx->h.kind != RV_KEY_VARIANT || contig < 0 || contig >= RV_N_CONTIGS) return 0;
    int64_t cs = (int64_t)idx->contig_first[contig], ce = (int64_t)idx->contig_first[contig + 1];
    *end = ce;
    if (pos < 1) return cs;
    return pos > (int64_t)UINT32_MAX ? ce : lower_bound(idx->pos, cs, ce, (uint32_t)pos);
}

void rv_index_key(const rv_index *idx, int64_t rec, rv_varkey *out)
{
    memset(out, 0, sizeof *out);
    if (rec < 0 || (uint64_t)rec >= idx->h.n_records || idx->h.kind == RV_KEY_GENE) return;
    int c = 0;
    while (c < RV_N_CONTIGS && idx->contig_first[c + 1] <= (uint64_t)rec) c++;
    out->contig = c;
    out->pos = idx->pos[rec];
    if (idx->h.kind == RV_KEY_VARIANT)
        rec_alleles(idx, rec, &out->ref, &out->ref_len, &out->alt, &out->alt_len);
}

int64_t rv_index_interval_end(const rv_index *idx, int64_t rec)
{
    return idx->h.kind == RV_KEY_INTERVAL && rec >= 0 && (uint64_t)rec < idx->h.n_records ? (int64_t)idx->end[rec] : -1;
}

/* ---- field values ---- */

int rv_index_get_float(const rv_index *idx, int64_t rec, int f, double *out)
{
    if (f < 0 || (uint32_t)f >= idx->h.n_fields || rec < 0 || (uint64_t)rec >= idx->h.n_records) return -1;
    const idx_field *fl = &idx->fields[f];
    if (fl->type == RV_T_FLOAT) {
        double v = ((const double *)fl->col)[rec];
        if (isnan(v)) return -1;
        *out = v;
        return 0;
    }
    int64_t i;
    if (fl->type == RV_T_INT && rv_index_get_int(idx, rec, f, &i) == 0) { *out = (double)i; return 0; }
    return -1;
}

int rv_index_get_int(const rv_index *idx, int64_t rec, int f, int64_t *out)
{
    if (f < 0 || (uint32_t)f >= idx->h.n_fields || rec < 0 || (uint64_t)rec >= idx->h.n_records) return -1;
    const idx_field *fl = &idx->fields[f];
    if (fl->type != RV_T_INT) return -1;
    if (fl->width == 4) {
        int32_t v = ((const int32_t *)fl->col)[rec];
        if (v == RV_IDX_NA_I32) return -1;
        *out = v;
    } else {
        int64_t v = ((const int64_t *)fl->col)[rec];
        if (v == RV_IDX_NA_I64) return -1;
        *out = v;
    }
    return 0;
}

static int str_at(const rv_index *idx, uint32_t id, const char **s, size_t *len)
{
    if (id == RV_IDX_NA_STR || (uint64_t)id + 4 > idx->sec_size[RV_SEC_STRTAB]) return -1;
    const uint8_t *p = idx->sec[RV_SEC_STRTAB] + id;
    uint32_t n;
    memcpy(&n, p, 4);
    if ((uint64_t)id + 4 + n > idx->sec_size[RV_SEC_STRTAB]) return -1;
    *s = (const char *)p + 4;
    *len = n;
    return 0;
}

int rv_index_get_str(const rv_index *idx, int64_t rec, int f, const char **s, size_t *len)
{
    if (f < 0 || (uint32_t)f >= idx->h.n_fields || rec < 0 || (uint64_t)rec >= idx->h.n_records) return -1;
    const idx_field *fl = &idx->fields[f];
    if (fl->type != RV_T_STR) return -1;
    return str_at(idx, ((const uint32_t *)fl->col)[rec], s, len);
}

/* ---- gene-keyed lookup ---- */

static int cmp_key(const rv_index *idx, uint32_t id, const char *k, size_t kn)
{
    const char *s; size_t n;
    if (str_at(idx, id, &s, &n) < 0) return -1;
    size_t m = n < kn ? n : kn;
    int c = m ? memcmp(s, k, m) : 0;
    if (c) return c;
    return n < kn ? -1 : n > kn;
}

static int64_t find_run(const rv_index *idx, const rv_idx_gene *t, const char *k, size_t kn)
{
    int64_t lo = 0, hi = idx->n_runs;
    while (lo < hi) {
        int64_t mid = lo + (hi - lo) / 2;
        if (cmp_key(idx, t[mid].key, k, kn) < 0) lo = mid + 1; else hi = mid;
    }
    return lo < idx->n_runs && cmp_key(idx, t[lo].key, k, kn) == 0 ? lo : -1;
}

int64_t rv_index_find_gene(const rv_index *idx, const char *q, int64_t *n_rows)
{
    return rv_index_find_gene_n(idx, q, q ? strlen(q) : 0, n_rows);
}

int64_t rv_index_find_gene_n(const rv_index *idx, const char *q, size_t qn, int64_t *n_rows)
{
    if (n_rows) *n_rows = 0;
    if (idx->h.kind != RV_KEY_GENE || !q || qn == 0) return -1;
    if (qn >= 5 && strncasecmp(q, "HGNC:", 5) == 0) {
        int64_t r = find_run(idx, idx->ghgnc, q, qn);
        if (r < 0) return -1;
        /* a HGNC id may head several symbol runs only in inconsistent data: take the first */
        if (n_rows) *n_rows = idx->ghgnc[r].count;
        return idx->ghgnc[r].first;
    }
    char up[256];
    if (qn >= sizeof up) return -1;
    for (size_t i = 0; i < qn; i++) up[i] = (char)toupper((unsigned char)q[i]);
    int64_t r = find_run(idx, idx->gsym, up, qn);
    if (r < 0) return -1;
    /* runs of one symbol with different HGNC ids are adjacent: report them together */
    int64_t first = idx->gsym[r].first, n = 0;
    for (int64_t j = r; j < idx->n_runs && cmp_key(idx, idx->gsym[j].key, up, qn) == 0; j++)
        n += idx->gsym[j].count;
    if (n_rows) *n_rows = n;
    return first;
}

/* ---- interval lookup ---- */

int rv_index_overlaps_range(const rv_index *idx, int contig, int64_t beg, int64_t end, int64_t *recs, int max)
{
    if (idx->h.kind != RV_KEY_INTERVAL || contig < 0 || contig >= RV_N_CONTIGS || end < 1 || beg > (int64_t)UINT32_MAX)
        return 0;
    if (beg < 1) beg = 1;
    if (end > (int64_t)UINT32_MAX) end = (int64_t)UINT32_MAX;
    int64_t cs = (int64_t)idx->contig_first[contig], ce = (int64_t)idx->contig_first[contig + 1];
    /* records with start <= end are [cs, j); walk back while the running max end reaches beg */
    int64_t j = lower_bound(idx->pos, cs, ce, (uint32_t)end + 1);
    int n = 0;
    for (int64_t i = j - 1; i >= cs && idx->maxend[i] >= (uint32_t)beg; i--) {
        if (idx->end[i] >= (uint32_t)beg) {
            if (n < max) recs[n] = i;
            n++;
        }
    }
    /* report in file order (start ascending) */
    int m = n < max ? n : max;
    for (int a = 0, b = m - 1; a < b; a++, b--) { int64_t t = recs[a]; recs[a] = recs[b]; recs[b] = t; }
    return m;
}

int rv_index_overlaps(const rv_index *idx, int contig, int64_t pos, int64_t *recs, int max)
{
    return pos < 1 || pos > (int64_t)UINT32_MAX ? 0 : rv_index_overlaps_range(idx, contig, pos, pos, recs, max);
}

/* Drop mapped pages before record rec (of every column) from this process: a forward
 * sweep then holds only a window of the file, not all of it. */
void rv_index_release_before(const rv_index *idx, int64_t rec)
{
    if (rec <= 0 || (uint64_t)rec > idx->h.n_records) return;
    long pg = sysconf(_SC_PAGESIZE);
    const uint8_t *starts[RV_SEC_N + 64];
    size_t lens[RV_SEC_N + 64];
    int k = 0;
    if (idx->pos) { starts[k] = (const uint8_t *)idx->pos; lens[k++] = (size_t)rec * 4; }
    if (idx->allele) { starts[k] = (const uint8_t *)idx->allele; lens[k++] = (size_t)rec * 4; }
    for (uint32_t f = 0; f < idx->h.n_fields && k < RV_SEC_N + 64; f++) {
        starts[k] = idx->fields[f].col; lens[k++] = (size_t)rec * idx->fields[f].width;
    }
    for (int i = 0; i < k; i++) {
        uintptr_t a = ((uintptr_t)starts[i] + (uintptr_t)pg - 1) & ~((uintptr_t)pg - 1);
        uintptr_t e = ((uintptr_t)starts[i] + lens[i]) & ~((uintptr_t)pg - 1);
        if (e > a) madvise((void *)a, e - a, MADV_DONTNEED);
    }
}
