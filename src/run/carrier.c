/* run/carrier.c: the cohort carrier index (run/carrier.h). */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>
#include "run/carrier.h"
#include "input/genotype.h"
#include "input/vcf_csq.h"
#include "variant/moi.h"
#include "base/digest.h"
#include "sources/index.h"
#include "sources/store.h"
#include "input/vcf_reader.h"
#include "csq/model.h"
#include <htslib/bgzf.h>
#include <htslib/hts.h>
#include <htslib/kseq.h>

#define MAGIC "REVUSCAR"
#define FORMAT_VERSION 2u
#define RECORD_BLOCK 4096          /* uncompressed bytes per BGZF block of the records file */

typedef struct file_head {
    char magic[8];
    uint32_t version, n_snapshot;
    uint64_t n_entries;
    uint32_t crc, gene_padding;
    double max_af;
    char vcf_sha256[72];
    int64_t vcf_size, vcf_mtime_ns;    /* the VCF's stat when built (its content had vcf_sha256) */
    uint64_t stream_bytes;             /* the encoded entries after the snapshot */
    uint64_t records_size;             /* the records file (0: none) and its CRC32 */
    uint32_t records_crc, exon_padding;
} file_head;

typedef struct snap_rec { char source[64], version[64], role[32]; } snap_rec;

_Static_assert(sizeof(rv_carrier_entry) == 16, "16-byte entries in memory");
_Static_assert(sizeof(file_head) % 8 == 0 && sizeof(snap_rec) % 8 == 0, "8-byte aligned sections");

struct rv_carriers {
    file_head h;
    rv_carrier_entry *e;               /* decoded, sorted */
    snap_rec *snap_raw;
    rv_source_ver *snap;
    int n_snap;
};

/* ---- the prefilter ---- */

typedef struct pf_index { rv_index *idx; rv_index_cursor cur; int af_field; } pf_index;

struct rv_prefilter {
    pf_index *known, *pop, *regions;
    int n_known, n_pop, n_regions;
    rv_model **models;          /* gene-model releases: near an exon instead of near a gene */
    int n_models;
    int gene_padding, exon_padding;
    double max_af;
};

static int role_is(const char *role, const char *const *names)
{
    for (int i = 0; names[i]; i++) if (role && strcmp(role, names[i]) == 0) return 1;
    return 0;
}
static const char *const known_roles[] = { "clinical-assertion", "lab-classification", NULL };
static const char *const pop_roles[] = { "population-frequency", NULL };
static const char *const region_roles[] = { "gene-regions", NULL };
static const char *const model_roles[] = { "gene-model", NULL };

/* The roles the prefilter reads; others do not enter a snapshot. */
static int prefilter_role(const rv_runconf *conf, const char *role)
{
    (void)conf;
    return role_is(role, known_roles) || role_is(role, pop_roles) || role_is(role, region_roles) ||
           role_is(role, model_roles);
}

void rv_prefilter_close(rv_prefilter *pf)
{
    if (!pf) return;
    pf_index *lists[] = { pf->known, pf->pop, pf->regions };
    int ns[] = { pf->n_known, pf->n_pop, pf->n_regions };
    for (int l = 0; l < 3; l++) {
        for (int i = 0; i < ns[l]; i++) rv_index_close(lists[l][i].idx);
        free(lists[l]);
    }
    for (int i = 0; i < pf->n_models; i++) rv_model_close(pf->models[i]);
    free(pf->models);
    free(pf);
}

int rv_prefilter_open(rv_prefilter **out, const char *home, const rv_runconf *conf,
                      const rv_source_ver *rel, int n, rv_err *err)
{
    *out = NULL;
    rv_prefilter *pf = calloc(1, sizeof *pf);
    if (!pf) return rv_err_set(err, RV_ENOMEM, "out of memory");
    pf->gene_padding = conf->carrier_gene_padding;
    pf->exon_padding = conf->carrier_exon_padding;
    pf->max_af = conf->carrier_max_af;
    pf->known = calloc((size_t)n + 1, sizeof *pf->known);
    pf->pop = calloc((size_t)n + 1, sizeof *pf->pop);
    pf->regions = calloc((size_t)n + 1, sizeof *pf->regions);
    pf->models = calloc((size_t)n + 1, sizeof *pf->models);
    if (!pf->known || !pf->pop || !pf->regions || !pf->models) { rv_prefilter_close(pf); return rv_err_set(err, RV_ENOMEM, "out of memory"); }
    for (int i = 0; i < n; i++) {
        if (role_is(rel[i].role, model_roles)) {
            rv_release r;
            int rc = rv_store_get(home, rel[i].source, rel[i].version, &r, err);
            if (rc == 0) rc = rv_model_open(&pf->models[pf->n_models], r.index_path, err);
            if (rc < 0) { rv_prefilter_close(pf); return rc; }
            pf->n_models++;
            continue;
        }
        pf_index *slot = role_is(rel[i].role, known_roles) ? &pf->known[pf->n_known]
                       : role_is(rel[i].role, pop_roles) ? &pf->pop[pf->n_pop]
                       : role_is(rel[i].role, region_roles) ? &pf->regions[pf->n_regions] : NULL;
        if (!slot) continue;
        rv_release r;
        int rc = rv_store_get(home, rel[i].source, rel[i].version, &r, err);
        if (rc == 0) rc = rv_index_open(&slot->idx, r.index_path, err);
        if (rc < 0) { rv_prefilter_close(pf); return rc; }
        slot->af_field = rv_index_field_id(slot->idx, "af");
        if (slot == &pf->known[pf->n_known]) pf->n_known++;
        else if (slot == &pf->pop[pf->n_pop]) pf->n_pop++;
        else pf->n_regions++;
    }
    *out = pf;
    return 0;
}

static int known(rv_prefilter *pf, const rv_varkey *k)
{
    for (int i = 0; i < pf->n_known; i++)
        if (rv_index_find(pf->known[i].idx, &pf->known[i].cur, k) >= 0) return 1;
    return 0;
}

/* Not common: some population source has it at AF <= max_af, or lacks it (or its AF). */
static int not_common(rv_prefilter *pf, const rv_varkey *k)
{
    if (pf->n_pop == 0) return 1;
    for (int i = 0; i < pf->n_pop; i++) {
        pf_index *p = &pf->pop[i];
        int64_t rec = rv_index_find(p->idx, &p->cur, k);
        double af;
        if (rec < 0 || p->af_field < 0 || rv_index_get_float(p->idx, rec, p->af_field, &af) < 0 || isnan(af) ||
            af <= pf->max_af)
            return 1;
    }
    return 0;
}

/* Within exon_padding of an exon of a transcript of a gene model (a transcript list cut
 * short counts as near: keeping more only costs bytes). */
static int near_exon(rv_prefilter *pf, int contig, int64_t beg, int64_t end)
{
    int64_t tx[64];
    int64_t pad = pf->exon_padding;
    for (int i = 0; i < pf->n_models; i++) {
        int n = rv_model_overlaps(pf->models[i], contig, beg - pad, end + pad, tx, 64);
        if (n >= 64) return 1;
        for (int t = 0; t < n; t++) {
            const rv_tx *x = rv_model_tx(pf->models[i], tx[t]);
            for (int e = 0; x && e < x->n_exon; e++)
                if (x->ex[2 * e] - pad <= end && x->ex[2 * e + 1] + pad >= beg) return 1;
        }
    }
    return 0;
}

static int near_gene(rv_prefilter *pf, const rv_varkey *k)
{
    int64_t rec;
    int64_t end = k->pos + (k->ref_len ? (int64_t)k->ref_len - 1 : 0);
    if (pf->n_models > 0) return near_exon(pf, k->contig, k->pos, end);
    for (int i = 0; i < pf->n_regions; i++)
        if (rv_index_overlaps_range(pf->regions[i].idx, k->contig, k->pos - pf->gene_padding,
                                    end + pf->gene_padding, &rec, 1) > 0)
            return 1;
    return 0;
}

int rv_prefilter_keep(rv_prefilter *pf, const rv_varkey *k, int has_gene)
{
    if (known(pf, k)) return 1;
    return (has_gene || near_gene(pf, k)) && not_common(pf, k);
}

int rv_prefilter_covers(rv_prefilter *pf, const rv_varkey *k)
{
    return rv_prefilter_keep(pf, k, 0);
}

int rv_prefilter_common_unknown(rv_prefilter *pf, const rv_varkey *k)
{
    return pf->n_pop > 0 && !known(pf, k) && !not_common(pf, k);
}

/* ---- the file ---- */

uint32_t rv_carrier_allele_hash(const rv_varkey *k)
{
    uint32_t h = 2166136261u;       /* FNV-1a over REF '>' ALT, folded to 16 bits */
    for (uint32_t i = 0; i < k->ref_len; i++) { h ^= (uint8_t)k->ref[i]; h *= 16777619u; }
    h ^= '>'; h *= 16777619u;
    for (uint32_t i = 0; i < k->alt_len; i++) { h ^= (uint8_t)k->alt[i]; h *= 16777619u; }
    return (h ^ (h >> 16)) & 0xffffu;
}

static int cmp_entry(const void *a, const void *b)
{
    const rv_carrier_entry *x = a, *y = b;
    if (x->contig != y->contig) return x->contig < y->contig ? -1 : 1;
    if (x->pos != y->pos) return x->pos < y->pos ? -1 : 1;
    if (x->allele_hash != y->allele_hash) return x->allele_hash < y->allele_hash ? -1 : 1;
    return 0;
}

static void file_path(char *buf, size_t n, const char *home, const char *sample)
{
    snprintf(buf, n, "%s/%s/%s.rvc", home, RV_CARRIER_DIR, sample);
}

void rv_carriers_records_path(char *buf, size_t n, const char *home, const char *sample)
{
    snprintf(buf, n, "%s/%s/%s.rvr", home, RV_CARRIER_DIR, sample);
}

void rv_carriers_vcf_index_path(char *buf, size_t n, const char *home, const char *sample)
{
    snprintf(buf, n, "%s/%s/%s.vcfidx", home, RV_CARRIER_DIR, sample);
}

void rv_carriers_remove(const char *home, const char *sample)
{
    char path[4096];
    file_path(path, sizeof path, home, sample);
    unlink(path);
    rv_carriers_vcf_index_path(path, sizeof path, home, sample);
    unlink(path);
    rv_carriers_records_path(path, sizeof path, home, sample);
    unlink(path);
}

static int keys_has(char *const *keys, int n, const char *k)
{
    for (int i = 0; i < n; i++) if (strcmp(keys[i], k) == 0) return 1;
    return 0;
}

static uint8_t zyg_code(const char *z)
{
    return !z || !*z ? RV_ZYG_UNKNOWN : !strcmp(z, "het") ? RV_ZYG_HET : !strcmp(z, "hom") ? RV_ZYG_HOM : RV_ZYG_HEMI;
}

/* ---- varints ---- */

static int put_varint(kstring_t *o, uint64_t v)
{
    unsigned char b[10];
    int n = 0;
    do { b[n] = (unsigned char)(v & 0x7f); v >>= 7; if (v) b[n] |= 0x80; n++; } while (v);
    return kputsn((const char *)b, (size_t)n, o) < 0 ? -1 : 0;
}

/* 0 and *v set, or -1 past end or on an overlong value. */
static int get_varint(const unsigned char **p, const unsigned char *end, uint64_t *v)
{
    uint64_t x = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (*p >= end) return -1;
        unsigned char c = *(*p)++;
        x |= (uint64_t)(c & 0x7f) << shift;
        if (!(c & 0x80)) { *v = x; return 0; }
    }
    return -1;
}

static uint64_t zigzag(int64_t v) { return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63); }
static int64_t unzigzag(uint64_t v) { return (int64_t)(v >> 1) ^ -(int64_t)(v & 1); }

/* Entries, sorted, as a byte stream: per contig, varint contig and varint count, then per
 * entry varint((pos - previous pos) << 3 | zygosity << 1 | has_record), u16 allele hash
 * (little-endian) and, with a record, zigzag varint of its virtual offset in the records
 * file minus the previous entry's. */
static int encode(const rv_carrier_entry *e, size_t n, kstring_t *o)
{
    uint64_t prev_line = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && e[j].contig == e[i].contig) j++;
        if (put_varint(o, e[i].contig) < 0 || put_varint(o, j - i) < 0) return -1;
        uint32_t prev = 0;
        for (; i < j; i++) {
            int has = e[i].line != 0;
            if (put_varint(o, ((uint64_t)(e[i].pos - prev) << 3) | (uint64_t)(e[i].zygosity & 3) << 1 | (uint64_t)has) < 0)
                return -1;
            unsigned char h[2] = { (unsigned char)(e[i].allele_hash & 0xff), (unsigned char)(e[i].allele_hash >> 8) };
            if (kputsn((const char *)h, 2, o) < 0) return -1;
            if (has && put_varint(o, zigzag((int64_t)(e[i].line - prev_line))) < 0) return -1;
            if (has) prev_line = e[i].line;
            prev = e[i].pos;
        }
    }
    return 0;
}

static int decode(const unsigned char *p, const unsigned char *end, rv_carrier_entry *e, uint64_t n)
{
    uint64_t k = 0, prev_line = 0;
    while (k < n) {
        uint64_t contig, count;
        if (get_varint(&p, end, &contig) < 0 || get_varint(&p, end, &count) < 0 || contig > 255 || count > n - k)
            return -1;
        uint64_t prev = 0;
        for (uint64_t i = 0; i < count; i++, k++) {
            uint64_t v, d;
            if (get_varint(&p, end, &v) < 0 || end - p < 2) return -1;
            uint64_t pos = prev + (v >> 3);
            if (pos > UINT32_MAX) return -1;
            rv_carrier_entry *x = &e[k];
            x->contig = (uint8_t)contig;
            x->pos = (uint32_t)pos;
            x->zygosity = (uint8_t)((v >> 1) & 3);
            x->allele_hash = (uint16_t)(p[0] | p[1] << 8);
            p += 2;
            x->line = 0;
            if (v & 1) {
                if (get_varint(&p, end, &d) < 0) return -1;
                prev_line = (uint64_t)((int64_t)prev_line + unzigzag(d));
                x->line = prev_line;
            }
            prev = pos;
        }
    }
    return p == end ? 0 : -1;
}

/* Write head, snapshot and the encoded entries to path (temporary name, fsync, rename). */
static int write_file(const char *path, file_head *h, const snap_rec *snap, const kstring_t *stream, rv_err *err)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return rv_err_set(err, RV_EIO, "%s: %s", tmp, strerror(errno));
    h->stream_bytes = stream->l;
    uLong crc = crc32(0L, Z_NULL, 0);
    crc = crc32(crc, (const Bytef *)snap, (uInt)(h->n_snapshot * sizeof *snap));
    crc = crc32(crc, (const Bytef *)stream->s, (uInt)stream->l);
    h->crc = (uint32_t)crc;
    const void *parts[] = { h, snap, stream->s };
    size_t lens[] = { sizeof *h, h->n_snapshot * sizeof *snap, stream->l };
    int ok = 1;
    for (int i = 0; i < 3 && ok; i++) {
        const char *p = parts[i];
        for (size_t done = 0; done < lens[i];) {
            ssize_t w = write(fd, p + done, lens[i] - done);
            if (w < 0 && errno == EINTR) continue;
            if (w <= 0) { ok = 0; break; }
            done += (size_t)w;
        }
    }
    if (ok && fsync(fd) != 0) ok = 0;
    if (close(fd) != 0) ok = 0;
    if (!ok || rename(tmp, path) != 0) {
        int rc = rv_err_set(err, RV_EIO, "%s: %s", path, strerror(errno));
        unlink(tmp);
        return rc;
    }
    return 0;
}

/* CRC32 and size of a whole file; -1 when it cannot be read. */
static int file_crc(const char *path, uint32_t *crc_out, uint64_t *size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    unsigned char buf[1 << 16];
    uLong crc = crc32(0L, Z_NULL, 0);
    uint64_t n = 0;
    for (;;) {
        ssize_t r = read(fd, buf, sizeof buf);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) { close(fd); return -1; }
        if (r == 0) break;
        crc = crc32(crc, buf, (uInt)r);
        n += (uint64_t)r;
    }
    close(fd);
    *crc_out = (uint32_t)crc;
    *size = n;
    return 0;
}

/* ---- the records file: the VCF's own lines of the entries ----
 *
 * The VCF is read a second time, as text, beside the normalising reader: a kept record's
 * input line (rv_nrec.line_no) is taken from a window of the last lines read (a
 * left-aligned record comes out of the reader a little after the lines that follow it).
 * A line that has left the window, or a BCF input, gives its entries no record: those
 * are read from the VCF itself. */

#define RAW_WINDOW 4096

typedef struct raw_lines {
    htsFile *fp;
    kstring_t header;
    kstring_t line[RAW_WINDOW];
    int64_t no[RAW_WINDOW];       /* line number held in each slot (1-based; 0 none) */
    int64_t read;                 /* lines read so far */
    int eof;
} raw_lines;

static void raw_close(raw_lines *w)
{
    if (!w) return;
    if (w->fp) hts_close(w->fp);
    free(w->header.s);
    for (int i = 0; i < RAW_WINDOW; i++) free(w->line[i].s);
    free(w);
}

static raw_lines *raw_open(const char *path)
{
    raw_lines *w = calloc(1, sizeof *w);
    if (!w) return NULL;
    if (!(w->fp = hts_open(path, "r")) || w->fp->format.format != vcf) { raw_close(w); return NULL; }
    return w;
}

/* The text of line no, or NULL when it is not (any more) in the window. */
static const kstring_t *raw_get(raw_lines *w, int64_t no)
{
    while (!w->eof && w->read < no) {
        kstring_t *slot = &w->line[(w->read + 1) % RAW_WINDOW];
        if (hts_getline(w->fp, KS_SEP_LINE, slot) < 0) { w->eof = 1; break; }
        w->read++;
        w->no[w->read % RAW_WINDOW] = w->read;
        if (slot->l && slot->s[slot->l - 1] == '\r') slot->s[--slot->l] = '\0';
        if (slot->l && slot->s[0] == '#' && (kputsn(slot->s, slot->l, &w->header) < 0 || kputc('\n', &w->header) < 0))
            return NULL;
    }
    int s = (int)(no % RAW_WINDOW);
    return no > 0 && w->no[s] == no ? &w->line[s] : NULL;
}

/* A kept line, before the records file is written. */
typedef struct kept_line { int64_t no; int contig; int64_t pos; size_t off, len; uint64_t voff; } kept_line;

static int cmp_kept(const void *a, const void *b)
{
    const kept_line *x = a, *y = b;
    if (x->contig != y->contig) return x->contig < y->contig ? -1 : 1;
    if (x->pos != y->pos) return x->pos < y->pos ? -1 : 1;
    return x->no < y->no ? -1 : x->no > y->no;
}

static int cmp_kept_no(const void *a, const void *b)
{
    const kept_line *x = a, *y = b;
    return x->no < y->no ? -1 : x->no > y->no;
}

/* Write the header and the kept lines (sorted by contig and position, each once) as a
 * BGZF file of small blocks; each kept line gets its virtual offset. */
static int write_records(const char *path, const kstring_t *header, kept_line *kl, size_t n, const char *text,
                         uint32_t *crc, uint64_t *size, rv_err *err)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return rv_err_set(err, RV_EIO, "%s: %s", tmp, strerror(errno));
    close(fd);
    BGZF *bz = bgzf_open(tmp, "w");
    int ok = bz && bgzf_write(bz, header->s, header->l) == (ssize_t)header->l;
    if (n > 1) qsort(kl, n, sizeof *kl, cmp_kept);
    for (size_t i = 0; ok && i < n; i++) {
        if (i && kl[i].no == kl[i - 1].no) { kl[i].voff = kl[i - 1].voff; continue; }
        if (bz->block_offset >= RECORD_BLOCK && bgzf_flush(bz) < 0) { ok = 0; break; }
        kl[i].voff = (uint64_t)bgzf_tell(bz);
        ok = bgzf_write(bz, text + kl[i].off, kl[i].len) == (ssize_t)kl[i].len && bgzf_write(bz, "\n", 1) == 1;
    }
    if (bz && bgzf_close(bz) < 0) ok = 0;
    if (ok) {
        int f = open(tmp, O_RDONLY | O_CLOEXEC);
        ok = f >= 0 && fsync(f) == 0;
        if (f >= 0) close(f);
    }
    if (!ok || file_crc(tmp, crc, size) < 0 || rename(tmp, path) != 0) {
        int rc = rv_err_set(err, RV_EIO, "%s: cannot write the records file", path);
        unlink(tmp);
        return rc;
    }
    return 0;
}

int rv_carriers_build(const char *home, const rv_runconf *conf, const rv_sample *s,
                      char *const *reported, int n_reported, rv_carrier_stats *st, rv_err *err)
{
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    memset(st, 0, sizeof *st);
    rv_release *rel = NULL;
    int n_rel = 0, rc;
    rv_source_ver *snap_v = NULL;
    snap_rec *snap = NULL;
    rv_prefilter *pf = NULL;
    rv_reader *r = NULL;
    rv_csq *csq = NULL;
    rv_carrier_entry *e = NULL;
    int64_t *e_line = NULL;                /* the input line of each entry (0: none) */
    kept_line *kl = NULL;
    size_t n = 0, m = 0, n_kl = 0, m_kl = 0;
    kstring_t text = { 0 }, stream = { 0 };
    raw_lines *raw = NULL;
    rv_genotype_buf gbuf = { 0 };
    rv_genotype g;
    int n_snap = 0;
    /* the file must still be the registered one: the index stands for that content */
    struct stat vsb;
    char sha[RV_SHA256_HEX];
    if (stat(s->vcf_path, &vsb) != 0) return rv_err_set(err, RV_EIO, "%s: %s", s->vcf_path, strerror(errno));
    if ((rc = rv_digest_sha256_file(s->vcf_path, sha, err)) < 0) return rc;
    if (strcmp(sha, s->vcf_sha256) != 0)
        return rv_err_set(err, RV_EINPUT, "%s: VCF changed since it was registered", s->vcf_path);
    if ((rc = rv_store_list_active(home, &rel, &n_rel, err)) < 0) return rc;
    snap_v = calloc((size_t)n_rel + 1, sizeof *snap_v);
    snap = calloc((size_t)n_rel + 1, sizeof *snap);
    if (!snap_v || !snap) { rc = rv_err_set(err, RV_ENOMEM, "out of memory"); goto out; }
    for (int i = 0; i < n_rel; i++) {
        if (!prefilter_role(conf, rel[i].role)) continue;
        snprintf(snap[n_snap].source, sizeof snap[n_snap].source, "%s", rel[i].source);
        snprintf(snap[n_snap].version, sizeof snap[n_snap].version, "%s", rel[i].version);
        snprintf(snap[n_snap].role, sizeof snap[n_snap].role, "%s", rel[i].role);
        snap_v[n_snap] = (rv_source_ver){ snap[n_snap].source, snap[n_snap].version, NULL, snap[n_snap].role };
        n_snap++;
    }
    if ((rc = rv_prefilter_open(&pf, home, conf, snap_v, n_snap, err)) < 0) goto out;
    rv_reader_opts o = { 0 };
    o.fasta = conf->reference_fasta;
    if ((rc = rv_reader_open(&r, s->vcf_path, &o, err)) < 0) goto out;
    raw = raw_open(s->vcf_path);            /* NULL: a BCF, or no second read: no records file */
    bcf_hdr_t *h = rv_reader_header(r);
    int ns = bcf_hdr_nsamples(h), col = 0;
    const char *colname = s->vcf_sample ? s->vcf_sample : s->id;
    if ((ns > 1 || s->vcf_sample) && (col = bcf_hdr_id2int(h, BCF_DT_SAMPLE, colname)) < 0) {
        rc = rv_err_set(err, RV_EINPUT, "%s: the VCF has %d samples and none is named %s", s->vcf_path, ns, colname);
        goto out;
    }
    int male = s->sex && strcmp(s->sex, "M") == 0;
    rv_build build = rv_reader_build(r);
    if ((rc = rv_csq_open(h, NULL, &csq, err)) < 0) goto out;
    rv_nrec *rec;
    rv_evidence ev;
    char key[1024];
    while ((rc = rv_reader_next(r, &rec, err)) > 0) {
        st->records++;
        if (rec->symbolic || rec->no_alt) continue;
        if (!rv_contig_name(rec->key.contig)) continue;     /* non-primary contig: no key */
        rv_evidence_init(&ev, &rec->key);
        if ((rc = rv_csq_fill_reader(csq, r, rec, &ev, err)) < 0) {
            rv_err_prefix(err, "%s:%lld", s->vcf_path, (long long)rec->line_no);
            break;
        }
        if (!rv_prefilter_keep(pf, &rec->key, ev.gene.n || ev.hgnc_id.n) &&
            !(n_reported && rv_varkey_format(&rec->key, key, sizeof key) >= 0 && keys_has(reported, n_reported, key)))
            continue;
        bcf1_t *b = rv_reader_bcf(r, err);
        if (!b) { rc = err ? err->code : RV_EINPUT; break; }
        const char *zyg = "";                  /* sites only: carried, zygosity unknown */
        if (ns > 0 && (rv_genotype_read(h, b, col, &gbuf, &g) < 0 ||
                       !(zyg = rv_genotype_zygosity(&g, male && rv_male_haploid(build, rec->key.contig, rec->key.pos)))))
            continue;
        if (n == m) {
            size_t mm = m ? 2 * m : 1024;
            rv_carrier_entry *x = realloc(e, mm * sizeof *x);
            if (x) e = x;
            int64_t *y = x ? realloc(e_line, mm * sizeof *y) : NULL;
            if (y) e_line = y;
            if (!x || !y) { rc = rv_err_set(err, RV_ENOMEM, "out of memory"); break; }
            m = mm;
        }
        /* its input line, once per line */
        const kstring_t *line = raw ? raw_get(raw, rec->line_no) : NULL;
        e_line[n] = line ? rec->line_no : 0;
        if (line && (n_kl == 0 || kl[n_kl - 1].no != rec->line_no)) {
            if (n_kl == m_kl) {
                size_t mm = m_kl ? 2 * m_kl : 1024;
                kept_line *x = realloc(kl, mm * sizeof *x);
                if (!x) { rc = rv_err_set(err, RV_ENOMEM, "out of memory"); break; }
                kl = x;
                m_kl = mm;
            }
            kl[n_kl++] = (kept_line){ rec->line_no, rec->key.contig, rec->input_pos, text.l, line->l, 0 };
            if (kputsn(line->s, line->l, &text) < 0) { rc = rv_err_set(err, RV_ENOMEM, "out of memory"); break; }
        }
        e[n++] = (rv_carrier_entry){ (uint32_t)rec->key.pos, (uint16_t)rv_carrier_allele_hash(&rec->key),
                                     (uint8_t)rec->key.contig, zyg_code(zyg), 0 };
    }
    if (rc < 0) goto out;
    file_head fh;
    memset(&fh, 0, sizeof fh);
    char dir[4096], path[4096], idx[4096], recs[4096];
    snprintf(dir, sizeof dir, "%s/%s", home, RV_CARRIER_DIR);
    file_path(path, sizeof path, home, s->id);
    rv_carriers_records_path(recs, sizeof recs, home, s->id);
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) { rc = rv_err_set(err, RV_EIO, "%s: %s", dir, strerror(errno)); goto out; }
    unlink(recs);
    if (raw && n_kl) {
        /* the records file; each entry's line gets its virtual offset there (+1: 0 is none) */
        if ((rc = write_records(recs, &raw->header, kl, n_kl, text.s, &fh.records_crc, &fh.records_size, err)) < 0)
            goto out;
        qsort(kl, n_kl, sizeof *kl, cmp_kept_no);
        for (size_t i = 0; i < n; i++) {
            if (!e_line[i]) continue;
            kept_line want = { .no = e_line[i] };
            kept_line *hit = bsearch(&want, kl, n_kl, sizeof *kl, cmp_kept_no);
            e[i].line = hit ? hit->voff + 1 : 0;
        }
    }
    if (n > 1) qsort(e, n, sizeof *e, cmp_entry);
    memcpy(fh.magic, MAGIC, 8);
    fh.version = FORMAT_VERSION;
    fh.n_snapshot = (uint32_t)n_snap;
    fh.n_entries = n;
    fh.gene_padding = (uint32_t)conf->carrier_gene_padding;
    fh.exon_padding = (uint32_t)conf->carrier_exon_padding;
    fh.max_af = conf->carrier_max_af;
    snprintf(fh.vcf_sha256, sizeof fh.vcf_sha256, "%s", s->vcf_sha256);
    fh.vcf_size = (int64_t)vsb.st_size;
    fh.vcf_mtime_ns = (int64_t)vsb.st_mtim.tv_sec * 1000000000 + vsb.st_mtim.tv_nsec;
    if (encode(e, n, &stream) < 0) { rc = rv_err_set(err, RV_ENOMEM, "out of memory"); goto out; }
    /* an index of an earlier file for region reads never outlives it (the run writes one
     * when it first reads by region: rv_carriers_vcf_index) */
    rv_carriers_vcf_index_path(idx, sizeof idx, home, s->id);
    unlink(idx);
    if ((rc = write_file(path, &fh, snap, &stream, err)) < 0) goto out;
    st->kept = (int64_t)n;
    st->bytes = (int64_t)(sizeof fh + (size_t)n_snap * sizeof *snap + stream.l);
    st->records_bytes = (int64_t)fh.records_size;
out:
    clock_gettime(CLOCK_MONOTONIC, &t1);
    st->seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    rv_genotype_buf_free(&gbuf);
    free(e);
    free(e_line);
    free(kl);
    free(text.s);
    free(stream.s);
    raw_close(raw);
    rv_csq_close(csq);
    rv_reader_close(r);
    rv_prefilter_close(pf);
    free(snap);
    free(snap_v);
    free(rel);
    if (rc < 0) rv_err_prefix(err, "carrier index of %s", s->id);
    return rc < 0 ? rc : 0;
}

void rv_carriers_close(rv_carriers *c)
{
    if (!c) return;
    free(c->e);
    free(c->snap_raw);
    free(c->snap);
    free(c);
}

/* Read the header of path into h and check it against the sample and settings; NULL when
 * it holds, else why not. fd is left open at the end of the header. */
static const char *check_head(int fd, file_head *h, const rv_runconf *conf, const rv_sample *s, off_t *size)
{
    struct stat sb;
    if (fstat(fd, &sb) != 0 || (size_t)sb.st_size < sizeof *h) return "too short to be a carrier index";
    *size = sb.st_size;
    if (pread(fd, h, sizeof *h, 0) != (ssize_t)sizeof *h) return "cannot be read";
    if (memcmp(h->magic, MAGIC, 8) != 0) return "not a carrier index";
    if (h->version != FORMAT_VERSION) return "another format version";
    if (h->n_snapshot > 1024 || (uint64_t)sb.st_size != sizeof *h + h->n_snapshot * sizeof(snap_rec) + h->stream_bytes)
        return "truncated or padded (size does not match its header)";
    if (strnlen(h->vcf_sha256, sizeof h->vcf_sha256) == sizeof h->vcf_sha256 || strcmp(h->vcf_sha256, s->vcf_sha256) != 0)
        return "built from another VCF (checksum differs)";
    if (h->gene_padding != (uint32_t)conf->carrier_gene_padding || h->max_af != conf->carrier_max_af ||
        h->exon_padding != (uint32_t)conf->carrier_exon_padding)
        return "built with other carriers settings";
    return NULL;
}

int rv_carriers_open(rv_carriers **out, const char *home, const rv_runconf *conf, const rv_sample *s,
                     rv_err *err)
{
    *out = NULL;
    char path[4096];
    file_path(path, sizeof path, home, s->id);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return rv_err_set(err, RV_ENOTFOUND, "%s: %s", path, strerror(errno));
    rv_carriers *c = calloc(1, sizeof *c);
    if (!c) { close(fd); return rv_err_set(err, RV_ENOMEM, "out of memory"); }
    off_t size = 0;
    const char *why = check_head(fd, &c->h, conf, s, &size);
    unsigned char *body = NULL;
    size_t body_len = (size_t)size - sizeof c->h;
    if (!why && !(body = malloc(body_len + 1))) { close(fd); rv_carriers_close(c); return rv_err_set(err, RV_ENOMEM, "out of memory"); }
    if (!why && pread(fd, body, body_len, sizeof c->h) != (ssize_t)body_len) why = "cannot be read";
    close(fd);
    if (!why && (uint32_t)crc32(crc32(0L, Z_NULL, 0), body, (uInt)body_len) != c->h.crc) why = "checksum mismatch (damaged)";
    if (!why && c->h.records_size) {
        char recs[4096];
        uint32_t rcrc;
        uint64_t rsize;
        rv_carriers_records_path(recs, sizeof recs, home, s->id);
        if (file_crc(recs, &rcrc, &rsize) < 0) why = "its records file is missing";
        else if (rsize != c->h.records_size || rcrc != c->h.records_crc) why = "its records file does not match (damaged)";
    }
    if (!why) {
        size_t snap_len = c->h.n_snapshot * sizeof(snap_rec);
        c->snap_raw = malloc(snap_len + 1);
        c->snap = calloc((size_t)c->h.n_snapshot + 1, sizeof *c->snap);
        c->e = malloc((size_t)(c->h.n_entries ? c->h.n_entries : 1) * sizeof *c->e);
        if (!c->snap_raw || !c->snap || !c->e || c->h.n_entries > c->h.stream_bytes) {
            free(body);
            int big = c->h.n_entries > c->h.stream_bytes;
            rv_carriers_close(c);
            return big ? rv_err_set(err, RV_ENOTFOUND, "%s: more entries than bytes (damaged)", path)
                       : rv_err_set(err, RV_ENOMEM, "out of memory");
        }
        memcpy(c->snap_raw, body, snap_len);
        for (uint32_t i = 0; i < c->h.n_snapshot; i++) {
            snap_rec *r = &c->snap_raw[i];
            r->source[sizeof r->source - 1] = r->version[sizeof r->version - 1] = r->role[sizeof r->role - 1] = '\0';
            c->snap[i] = (rv_source_ver){ r->source, r->version, NULL, r->role };
        }
        c->n_snap = (int)c->h.n_snapshot;
        if (decode(body + snap_len, body + body_len, c->e, c->h.n_entries) < 0) why = "entries cannot be decoded (damaged)";
    }
    free(body);
    if (why) {
        rv_carriers_close(c);
        return rv_err_set(err, RV_ENOTFOUND, "%s: %s", path, why);
    }
    *out = c;
    return 0;
}

int rv_carriers_ensure(rv_carriers **c, const char *home, const rv_runconf *conf, const rv_sample *s,
                       char *const *reported, int n_reported, int *rebuilt, rv_err *err)
{
    *rebuilt = 0;
    rv_err why = { 0 };
    if (rv_carriers_open(c, home, conf, s, &why) == 0) return 0;
    rv_log_debug("carriers: rebuilding: %s", why.msg);
    rv_carrier_stats st;
    int rc = rv_carriers_build(home, conf, s, reported, n_reported, &st, err);
    if (rc < 0) return rc;
    *rebuilt = 1;
    return rv_carriers_open(c, home, conf, s, err);
}

int64_t rv_carriers_n(const rv_carriers *c) { return (int64_t)c->h.n_entries; }

int rv_carriers_has_records(const rv_carriers *c) { return c->h.records_size > 0; }

const char *rv_carriers_vcf_index(const char *home, const rv_sample *s, char *buf, size_t n)
{
    rv_carriers_vcf_index_path(buf, n, home, s->id);
    if (access(buf, R_OK) == 0) return buf;
    rv_err e = { 0 };
    if (rv_reader_build_index(s->vcf_path, buf, &e) == 0) return buf;
    if (e.code != RV_EUSAGE) rv_log_debug("carriers: %s: no region index: %s", s->id, e.msg);
    return NULL;
}

int rv_carriers_vcf_unchanged(const char *home, const rv_runconf *conf, const rv_sample *s)
{
    /* the header alone: it records the stat of the VCF whose checksum the build checked */
    char path[4096];
    file_path(path, sizeof path, home, s->id);
    struct stat sb;
    file_head h;
    off_t size;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    const char *why = check_head(fd, &h, conf, s, &size);
    close(fd);
    if (why || stat(s->vcf_path, &sb) != 0) return 0;
    return h.vcf_size == (int64_t)sb.st_size &&
           h.vcf_mtime_ns == (int64_t)sb.st_mtim.tv_sec * 1000000000 + sb.st_mtim.tv_nsec;
}

const rv_source_ver *rv_carriers_snapshot(const rv_carriers *c, int *n) { *n = c->n_snap; return c->snap; }

const rv_carrier_entry *rv_carriers_find(const rv_carriers *c, const rv_varkey *k)
{
    rv_carrier_entry want = { (uint32_t)k->pos, (uint16_t)rv_carrier_allele_hash(k), (uint8_t)k->contig, 0, 0 };
    return bsearch(&want, c->e, (size_t)c->h.n_entries, sizeof *c->e, cmp_entry);
}

int rv_carriers_lines(const rv_carriers *c, const rv_varkey *k, uint64_t *voff, int max)
{
    const rv_carrier_entry *hit = rv_carriers_find(c, k), *first = c->e, *end = c->e + c->h.n_entries;
    if (!hit) return 0;
    const rv_carrier_entry *a = hit, *b = hit;
    while (a > first && cmp_entry(a - 1, hit) == 0) a--;
    while (b + 1 < end && cmp_entry(b + 1, hit) == 0) b++;
    int n = 0;
    for (const rv_carrier_entry *e = a; e <= b && n < max; e++) voff[n++] = e->line;
    return n;
}
