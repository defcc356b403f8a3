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

#define MAGIC "REVUSCAR"
#define FORMAT_VERSION 1u

typedef struct file_head {
    char magic[8];
    uint32_t version, n_snapshot;
    uint64_t n_entries;
    uint32_t crc, gene_padding;
    double max_af;
    char vcf_sha256[72];
    int64_t vcf_size, vcf_mtime_ns;    /* the VCF's stat when built (its content had vcf_sha256) */
} file_head;

typedef struct snap_rec { char source[64], version[64], role[32]; } snap_rec;

_Static_assert(sizeof(rv_carrier_entry) == 16, "16-byte entries");
_Static_assert(sizeof(file_head) % 8 == 0 && sizeof(snap_rec) % 8 == 0, "8-byte aligned sections");

struct rv_carriers {
    void *map;
    size_t size;
    const file_head *h;
    const rv_carrier_entry *e;
    rv_source_ver *snap;
    int n_snap;
};

/* ---- the prefilter ---- */

typedef struct pf_index { rv_index *idx; rv_index_cursor cur; int af_field; } pf_index;

struct rv_prefilter {
    pf_index *known, *pop, *regions;
    int n_known, n_pop, n_regions;
    int gene_padding;
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

/* The roles the prefilter reads; others do not enter a snapshot. */
static int prefilter_role(const char *role)
{
    return role_is(role, known_roles) || role_is(role, pop_roles) || role_is(role, region_roles);
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
    free(pf);
}

int rv_prefilter_open(rv_prefilter **out, const char *home, const rv_runconf *conf,
                      const rv_source_ver *rel, int n, rv_err *err)
{
    *out = NULL;
    rv_prefilter *pf = calloc(1, sizeof *pf);
    if (!pf) return rv_err_set(err, RV_ENOMEM, "out of memory");
    pf->gene_padding = conf->carrier_gene_padding;
    pf->max_af = conf->carrier_max_af;
    pf->known = calloc((size_t)n + 1, sizeof *pf->known);
    pf->pop = calloc((size_t)n + 1, sizeof *pf->pop);
    pf->regions = calloc((size_t)n + 1, sizeof *pf->regions);
    if (!pf->known || !pf->pop || !pf->regions) { rv_prefilter_close(pf); return rv_err_set(err, RV_ENOMEM, "out of memory"); }
    for (int i = 0; i < n; i++) {
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

static int near_gene(rv_prefilter *pf, const rv_varkey *k)
{
    int64_t rec;
    int64_t end = k->pos + (k->ref_len ? (int64_t)k->ref_len - 1 : 0);
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

/* ---- the file ---- */

uint32_t rv_carrier_allele_hash(const rv_varkey *k)
{
    uint32_t h = 2166136261u;       /* FNV-1a over REF '>' ALT */
    for (uint32_t i = 0; i < k->ref_len; i++) { h ^= (uint8_t)k->ref[i]; h *= 16777619u; }
    h ^= '>'; h *= 16777619u;
    for (uint32_t i = 0; i < k->alt_len; i++) { h ^= (uint8_t)k->alt[i]; h *= 16777619u; }
    return h;
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

/* Write head, snapshot and entries to path (temporary name, fsync, rename). */
static int write_file(const char *dir, const char *path, file_head *h, const snap_rec *snap,
                      const rv_carrier_entry *e, rv_err *err)
{
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) return rv_err_set(err, RV_EIO, "%s: %s", dir, strerror(errno));
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return rv_err_set(err, RV_EIO, "%s: %s", tmp, strerror(errno));
    uLong crc = crc32(0L, Z_NULL, 0);
    crc = crc32(crc, (const Bytef *)snap, (uInt)(h->n_snapshot * sizeof *snap));
    crc = crc32(crc, (const Bytef *)e, (uInt)(h->n_entries * sizeof *e));
    h->crc = (uint32_t)crc;
    const void *parts[] = { h, snap, e };
    size_t lens[] = { sizeof *h, h->n_snapshot * sizeof *snap, h->n_entries * sizeof *e };
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
    size_t n = 0, m = 0;
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
        if (!prefilter_role(rel[i].role)) continue;
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
        if (rv_varkey_format(&rec->key, key, sizeof key) < 0) continue;     /* non-primary contig */
        rv_evidence_init(&ev, &rec->key);
        if ((rc = rv_csq_fill_reader(csq, r, rec, &ev, err)) < 0) {
            rv_err_prefix(err, "%s:%lld", s->vcf_path, (long long)rec->line_no);
            break;
        }
        if (!rv_prefilter_keep(pf, &rec->key, ev.gene.n || ev.hgnc_id.n) && !keys_has(reported, n_reported, key))
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
            if (!x) { rc = rv_err_set(err, RV_ENOMEM, "out of memory"); break; }
            e = x;
            m = mm;
        }
        e[n++] = (rv_carrier_entry){ (uint32_t)rec->key.pos, (uint32_t)rec->input_pos,
                                     rv_carrier_allele_hash(&rec->key), (uint8_t)rec->key.contig,
                                     zyg_code(zyg), { 0, 0 } };
    }
    if (rc < 0) goto out;
    if (n > 1) qsort(e, n, sizeof *e, cmp_entry);
    size_t k = 0;            /* one entry per key (a variant listed twice keeps its first) */
    for (size_t i = 0; i < n; i++)
        if (k == 0 || cmp_entry(&e[k - 1], &e[i]) != 0) e[k++] = e[i];
    n = k;
    file_head fh;
    memset(&fh, 0, sizeof fh);
    memcpy(fh.magic, MAGIC, 8);
    fh.version = FORMAT_VERSION;
    fh.n_snapshot = (uint32_t)n_snap;
    fh.n_entries = n;
    fh.gene_padding = (uint32_t)conf->carrier_gene_padding;
    fh.max_af = conf->carrier_max_af;
    snprintf(fh.vcf_sha256, sizeof fh.vcf_sha256, "%s", s->vcf_sha256);
    fh.vcf_size = (int64_t)vsb.st_size;
    fh.vcf_mtime_ns = (int64_t)vsb.st_mtim.tv_sec * 1000000000 + vsb.st_mtim.tv_nsec;
    char dir[4096], path[4096], idx[4096];
    snprintf(dir, sizeof dir, "%s/%s", home, RV_CARRIER_DIR);
    file_path(path, sizeof path, home, s->id);
    /* the VCF's own tabix/CSI index for region reads, written here (the lab's folder may be
     * read-only); an index of an earlier file never outlives it. None for a plain VCF. */
    rv_carriers_vcf_index_path(idx, sizeof idx, home, s->id);
    unlink(idx);
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) { rc = rv_err_set(err, RV_EIO, "%s: %s", dir, strerror(errno)); goto out; }
    rv_err ie = { 0 };
    if (rv_reader_build_index(s->vcf_path, idx, &ie) < 0 && ie.code != RV_EUSAGE)
        rv_log_debug("carriers: %s: no region index: %s", s->id, ie.msg);
    if ((rc = write_file(dir, path, &fh, snap, e, err)) < 0) goto out;
    st->kept = (int64_t)n;
    st->bytes = (int64_t)(sizeof fh + (size_t)n_snap * sizeof *snap + n * sizeof *e);
out:
    clock_gettime(CLOCK_MONOTONIC, &t1);
    st->seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    rv_genotype_buf_free(&gbuf);
    free(e);
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
    if (c->map) munmap(c->map, c->size);
    free(c->snap);
    free(c);
}

int rv_carriers_open(rv_carriers **out, const char *home, const rv_runconf *conf, const rv_sample *s,
                     rv_err *err)
{
    *out = NULL;
    char path[4096];
    file_path(path, sizeof path, home, s->id);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return rv_err_set(err, RV_ENOTFOUND, "%s: %s", path, strerror(errno));
    struct stat sb;
    if (fstat(fd, &sb) != 0 || (size_t)sb.st_size < sizeof(file_head)) {
        close(fd);
        return rv_err_set(err, RV_ENOTFOUND, "%s: too short to be a carrier index", path);
    }
    void *map = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED) return rv_err_set(err, RV_ENOTFOUND, "%s: %s", path, strerror(errno));
    rv_carriers *c = calloc(1, sizeof *c);
    if (!c) { munmap(map, (size_t)sb.st_size); return rv_err_set(err, RV_ENOMEM, "out of memory"); }
    c->map = map;
    c->size = (size_t)sb.st_size;
    c->h = map;
    const char *why = NULL;
    const file_head *h = c->h;
    if (memcmp(h->magic, MAGIC, 8) != 0) why = "not a carrier index";
    else if (h->version != FORMAT_VERSION) why = "another format version";
    else if (c->size != sizeof *h + (size_t)h->n_snapshot * sizeof(snap_rec) + h->n_entries * sizeof(rv_carrier_entry))
        why = "truncated or padded (size does not match its header)";
    else if (strcmp(h->vcf_sha256, s->vcf_sha256) != 0) why = "built from another VCF (checksum differs)";
    else if (h->gene_padding != (uint32_t)conf->carrier_gene_padding || h->max_af != conf->carrier_max_af)
        why = "built with other carriers settings";
    if (!why) {
        const snap_rec *snap = (const snap_rec *)(h + 1);
        c->e = (const rv_carrier_entry *)(snap + h->n_snapshot);
        uLong crc = crc32(0L, Z_NULL, 0);
        crc = crc32(crc, (const Bytef *)snap, (uInt)(c->size - sizeof *h));
        if ((uint32_t)crc != h->crc) why = "checksum mismatch (damaged)";
        else if (!(c->snap = calloc((size_t)h->n_snapshot + 1, sizeof *c->snap))) {
            rv_carriers_close(c);
            return rv_err_set(err, RV_ENOMEM, "out of memory");
        }
        for (uint32_t i = 0; !why && i < h->n_snapshot; i++)
            c->snap[i] = (rv_source_ver){ (char *)snap[i].source, (char *)snap[i].version, NULL, (char *)snap[i].role };
        c->n_snap = (int)h->n_snapshot;
    }
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

int64_t rv_carriers_n(const rv_carriers *c) { return (int64_t)c->h->n_entries; }

int rv_carriers_vcf_unchanged(const char *home, const rv_runconf *conf, const rv_sample *s)
{
    rv_carriers *c = NULL;
    rv_err e = { 0 };
    struct stat sb;
    if (stat(s->vcf_path, &sb) != 0 || rv_carriers_open(&c, home, conf, s, &e) < 0) return 0;
    int same = c->h->vcf_size == (int64_t)sb.st_size &&
               c->h->vcf_mtime_ns == (int64_t)sb.st_mtim.tv_sec * 1000000000 + sb.st_mtim.tv_nsec;
    rv_carriers_close(c);
    return same;
}

const rv_source_ver *rv_carriers_snapshot(const rv_carriers *c, int *n) { *n = c->n_snap; return c->snap; }

const rv_carrier_entry *rv_carriers_find(const rv_carriers *c, const rv_varkey *k)
{
    rv_carrier_entry want = { (uint32_t)k->pos, 0, rv_carrier_allele_hash(k), (uint8_t)k->contig, 0, { 0, 0 } };
    return bsearch(&want, c->e, (size_t)c->h->n_entries, sizeof *c->e, cmp_entry);
}

int rv_carriers_input_positions(const rv_carriers *c, const rv_varkey *k, int64_t *pos, int max)
{
    const rv_carrier_entry *hit = rv_carriers_find(c, k), *first = c->e, *end = c->e + c->h->n_entries;
    if (!hit) return 0;
    const rv_carrier_entry *a = hit, *b = hit;
    while (a > first && cmp_entry(a - 1, hit) == 0) a--;
    while (b + 1 < end && cmp_entry(b + 1, hit) == 0) b++;
    int n = 0;
    for (const rv_carrier_entry *e = a; e <= b && n < max; e++) pos[n++] = e->input_pos;
    return n;
}
