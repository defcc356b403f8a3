/* input/vcf_reader.c: lazy streaming VCF/BCF reader that yields normalised biallelic records.
 *
 * Text records are read as lines and tokenised up to INFO. A biallelic record is kept as its
 * line (rewritten only in POS/REF/ALT when trimming or left-alignment changes them); only
 * multiallelic records, BCF input and full_parse go through htslib's parser. Normalised
 * records wait in a small ordered queue until the input has moved past the point where a
 * later record could land before them, so the output stays sorted. Lines, records and queue
 * slots are recycled: nothing is allocated per record once the buffers are warm. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <htslib/bgzf.h>
#include <htslib/faidx.h>
#include <htslib/hfile.h>
#include <htslib/hts.h>
#include <htslib/hts_log.h>
#include <htslib/kseq.h>
#include <htslib/tbx.h>
#include <sys/stat.h>
#include <unistd.h>
#include "input/leftalign.h"
#include "input/vcf_reader.h"
#include "input/vcf_split.h"
#include "input/vcf_regions.h"

/* How much reference is fetched at a time around the records being normalised. */
#define REF_CHUNK (1 << 20)
/* REF mismatches named one by one (to the warning sink) before the rest are only counted. */
#define REF_MISMATCH_SHOWN 5

typedef struct contig_ent {
    char   *name;        /* as written in the input */
    int     id;          /* rv_contig_id */
    int     fa_checked;  /* FASTA name resolved (or found missing) */
    char   *fa_name;     /* name in the FASTA, NULL when absent */
    int64_t fa_len;
} contig_ent;

typedef struct slot {
    rv_nrec   rec;
    kstring_t line;      /* normalised text form, when has_line */
    kstring_t orig;      /* input REF\0ALT\0 when they are not in line as written */
    bcf1_t   *b;         /* normalised parsed form, when has_bcf */
    int       has_line, has_bcf;
    int       has_cols;  /* col_off/col_len hold line's first 8 columns (the line as read) */
    int       col_off[8], col_len[8];
    int64_t   run;       /* contig run number (order of contig changes in the input) */
    int64_t   seq;       /* arrival order: ties keep input order */
} slot;

struct rv_reader {
    char          *path;
    htsFile       *fp;
    bcf_hdr_t     *hdr;
    int            is_bcf;
    int            n_file_samples;   /* the file's sample columns, also when -s keeps fewer */
    rv_reader_opts o;
    int64_t        window;
    rv_build       build;
    const char    *build_origin;
    int            hg19_mt;

    int64_t        line_no;        /* lines read (text) or records read (BCF) */
    kstring_t      inl;            /* the input line being processed */
    kstring_t      scratch;        /* copy for vcf_parse, which writes into its input */
    kstring_t      als;            /* REF\0ALT\0 for bcf_update_alleles */
    kstring_t      work_ref, work_alt;
    bcf1_t        *src;            /* parsed input record */
    rv_split_buf   sb;
    struct { int off, len; } *alts;
    int            m_alts;

    slot         **free_slots;
    int            n_free, m_free;
    slot         **q;              /* ordered pending records: q[qh..qn) */
    int            qh, qn, qcap;
    slot          *cur;
    int            eof;
    /* region reads (rv_reader_set_regions): an index and the regions left to visit */
    hts_idx_t     *idx;
    tbx_t         *tbx;
    hts_itr_t     *itr;
    int64_t        file_size;      /* bytes on disk (0: standard input), for the fraction read */
    rv_region     *reg;
    int            n_reg, cur_reg;
    uint64_t      *offs;           /* rv_reader_set_offsets: the lines left to read */
    int            n_offs, cur_off;
    int64_t        run, last_pos, seq;

    contig_ent    *ctgs;
    int            n_ctgs, m_ctgs, cur_ctg;

    faidx_t       *fai;
    int            win_ctg;        /* contig index of the loaded reference window */
    int64_t        win_beg, win_len;
    char          *win_seq;
    int            mismatches_shown;

    rv_reader_stats st;
};

/* ---------- small helpers ---------- */

static int is_base(int c)
{
    switch (toupper(c)) {
    case 'A': case 'C': case 'G': case 'T': case 'N':
    case 'R': case 'Y': case 'S': case 'W': case 'K': case 'M':
    case 'B': case 'D': case 'H': case 'V':
        return 1;
    }
    return 0;
}

/* Symbolic or otherwise unmatchable ALT: <DEL>, *, breakends. */
static int is_symbolic(const char *a, int len)
{
    if (len == 1 && a[0] == '*') return 1;
    if (len > 0 && a[0] == '<') return 1;
    for (int i = 0; i < len; i++)            /* a breakend; alleles are short: no memchr calls */
        if (a[i] == '[' || a[i] == ']') return 1;
    if (len > 1 && (a[0] == '.' || a[len - 1] == '.')) return 1;
    return 0;
}

/* A gVCF's reference-block allele: "any other allele", never a variant of its own. */
static int gvcf_ref_allele(const char *a)
{
    return strcmp(a, "<*>") == 0 || strcmp(a, "<NON_REF>") == 0;
}

static int all_bases(const char *s, int len)
{
    for (int i = 0; i < len; i++)
        if (!is_base((unsigned char)s[i])) return 0;
    return len > 0;
}

static const char *where(rv_reader *r, char *buf, size_t n, int64_t line_no)
{
    if (r->is_bcf) snprintf(buf, n, "%s:record %lld", r->path, (long long)line_no);
    else snprintf(buf, n, "%s:%lld", r->path, (long long)line_no);
    return buf;
}

/* A malformed record: an error, or with skip_bad a count and 0 (keep reading). */
static int bad_record(rv_reader *r, rv_err *err, int64_t line_no, const char *what)
{
    char w[512];
    where(r, w, sizeof w, line_no);
    if (r->o.skip_bad) {
        r->st.bad_skipped++;
        rv_log_debug("skipped %s: %s", w, what);
        return 0;
    }
    return rv_err_set(err, RV_EINPUT, "%s: %s", w, what);
}

/* At end of input: a bgzip stream must end with its empty EOF block, else it was cut short. */
static int truncated(const rv_reader *r)
{
    return r->fp->format.compression == bgzf && !r->fp->fp.bgzf->last_block_eof;
}

/* FORMAT keys as htslib needs them before it parses a record: each one non-empty, of
 * printable characters, none twice. Given the whole line; NULL when fine, else what is wrong.
 * htslib's parser accepts an empty key (":GT") and then stores values with a type that
 * bcf_get_format_values() answers with exit(). */
static const char *format_keys_problem(const char *s, size_t len)
{
    const char *end = s + len, *p = s;
    for (int col = 0; col < 8; col++) {            /* skip to FORMAT */
        p = memchr(p, '\t', (size_t)(end - p));
        if (!p) return NULL;                         /* sites-only */
        p++;
    }
    const char *fe = memchr(p, '\t', (size_t)(end - p));
    if (!fe) fe = end;
    if (fe - p == 1 && *p == '.') return NULL;
    for (const char *k = p; k <= fe;) {
        const char *c = memchr(k, ':', (size_t)(fe - k));
        if (!c) c = fe;
        if (c == k) return "empty FORMAT key";
        for (const char *q = k; q < c; q++)
            if (!isgraph((unsigned char)*q)) return "FORMAT key with a space or control character";
        for (const char *o = p; o < k;) {            /* the same key earlier in the column */
            const char *oc = memchr(o, ':', (size_t)(k - o));
            if (oc - o == c - k && memcmp(o, k, (size_t)(c - k)) == 0) return "FORMAT key given twice";
            o = oc + 1;
        }
        k = c + 1;
    }
    return NULL;
}

/* A parsed record whose values htslib could not format or fetch without exit(): a FORMAT
 * value of a type other than integer, float or characters (from a damaged BCF, or text
 * htslib misread), or no REF allele. NULL when fine. */
static const char *parsed_problem(bcf1_t *b)
{
    if (bcf_unpack(b, BCF_UN_ALL) < 0) return "cannot unpack record";
    if (b->n_allele < 1) return "no REF allele";
    for (int i = 0; i < b->n_fmt; i++)
        switch (b->d.fmt[i].type) {
        case BCF_BT_INT8: case BCF_BT_INT16: case BCF_BT_INT32: case BCF_BT_FLOAT: case BCF_BT_CHAR: break;
        default: return "FORMAT value of an unknown type";
        }
    for (int i = 0; i < b->n_info; i++)
        switch (b->d.info[i].type) {
        case BCF_BT_NULL: case BCF_BT_INT8: case BCF_BT_INT16: case BCF_BT_INT32: case BCF_BT_FLOAT: case BCF_BT_CHAR: break;
        default: return "INFO value of an unknown type";
        }
    return NULL;
}

/* Parse text line (len bytes) into b with htslib, after the checks htslib itself lacks.
 * NULL when parsed, else what is wrong with the record. */
static const char *parse_line(rv_reader *r, const char *line, size_t len, bcf1_t *b)
{
    const char *why = format_keys_problem(line, len);
    if (why) return why;
    kstring_t *sc = &r->scratch;     /* vcf_parse writes into its input */
    sc->l = 0;
    kputsn(line, len, sc);
    if (vcf_parse(sc, r->hdr, b) < 0 || b->errcode & ~BCF_ERR_CTG_UNDEF & ~BCF_ERR_TAG_UNDEF)
        return "malformed record (htslib could not parse it)";
    return parsed_problem(b);
}

/* ---------- slots and the ordered queue ---------- */

static void slot_free(slot *s);

static slot *slot_get(rv_reader *r)
{
    if (r->n_free) return r->free_slots[--r->n_free];
    return calloc(1, sizeof(slot));
}

static void slot_put(rv_reader *r, slot *s)
{
    if (!s) return;
    if (r->n_free == r->m_free) {
        int m = r->m_free ? r->m_free * 2 : 16;
        slot **p = realloc(r->free_slots, (size_t)m * sizeof *p);
        if (!p) { slot_free(s); return; }
        r->free_slots = p; r->m_free = m;
    }
    r->free_slots[r->n_free++] = s;
}

static void slot_free(slot *s)
{
    if (!s) return;
    free(s->line.s);
    free(s->orig.s);
    if (s->b) bcf_destroy(s->b);
    free(s);
}

static int slot_before(const slot *a, const slot *b)
{
    if (a->run != b->run) return a->run < b->run;
    if (a->rec.key.pos != b->rec.key.pos) return a->rec.key.pos < b->rec.key.pos;
    return a->seq < b->seq;
}

static int queue_insert(rv_reader *r, slot *s, rv_err *err)
{
    if (r->qn == r->qcap) {
        if (r->qh > 0) {
            memmove(r->q, r->q + r->qh, (size_t)(r->qn - r->qh) * sizeof *r->q);
            r->qn -= r->qh; r->qh = 0;
        } else {
            int m = r->qcap ? r->qcap * 2 : 64;
            slot **p = realloc(r->q, (size_t)m * sizeof *p);
            if (!p) return rv_err_set(err, RV_ENOMEM, "%s: out of memory", r->path);
            r->q = p; r->qcap = m;
        }
    }
    s->seq = r->seq++;
    int i = r->qn++;
    while (i > r->qh && slot_before(s, r->q[i - 1])) { r->q[i] = r->q[i - 1]; i--; }
    r->q[i] = s;
    return 0;
}

/* ---------- contigs and reference ---------- */

static int contig_index(rv_reader *r, const char *name, size_t len)
{
    if (r->cur_ctg >= 0) {
        const char *c = r->ctgs[r->cur_ctg].name;
        if (strncmp(c, name, len) == 0 && c[len] == '\0') return r->cur_ctg;
    }
    for (int i = 0; i < r->n_ctgs; i++)
        if (strncmp(r->ctgs[i].name, name, len) == 0 && r->ctgs[i].name[len] == '\0') return i;
    if (r->n_ctgs == r->m_ctgs) {
        int m = r->m_ctgs ? r->m_ctgs * 2 : 32;
        contig_ent *p = realloc(r->ctgs, (size_t)m * sizeof *p);
        if (!p) return -1;
        r->ctgs = p; r->m_ctgs = m;
    }
    contig_ent *c = &r->ctgs[r->n_ctgs];
    memset(c, 0, sizeof *c);
    c->name = strndup(name, len);
    if (!c->name) return -1;
    c->id = rv_contig_id(name, len);
    return r->n_ctgs++;
}

/* Name of contig c in the FASTA: as written, else its chr/no-chr and M/MT spellings. */
static const char *fasta_name(rv_reader *r, contig_ent *c)
{
    if (c->fa_checked) return c->fa_name;
    c->fa_checked = 1;
    char alt[4][16];
    const char *cand[5] = { c->name, NULL, NULL, NULL, NULL };
    int n = 1;
    const char *canon = rv_contig_name(c->id);
    if (canon) {
        snprintf(alt[0], sizeof alt[0], "chr%s", canon);
        snprintf(alt[1], sizeof alt[1], "%s", canon);
        cand[n++] = alt[0]; cand[n++] = alt[1];
        if (c->id == RV_CONTIG_MT) {
            snprintf(alt[2], sizeof alt[2], "chrM");
            snprintf(alt[3], sizeof alt[3], "M");
            cand[n++] = alt[2]; cand[n++] = alt[3];
        }
    }
    for (int i = 0; i < n; i++)
        if (faidx_has_seq(r->fai, cand[i])) {
            c->fa_name = strdup(cand[i]);
            c->fa_len = faidx_seq_len(r->fai, cand[i]);
            break;
        }
    return c->fa_name;
}

/* Reference covering 0-based [beg, end) of contig ci (clipped to the contig). */
static int ref_span(rv_reader *r, int ci, int64_t beg, int64_t end, rv_refspan *span,
                    int64_t line_no, rv_err *err)
{
    contig_ent *c = &r->ctgs[ci];
    if (!fasta_name(r, c)) {
        char w[512];
        return rv_err_set(err, RV_EINPUT, "%s: contig '%s' is not in the FASTA %s",
                          where(r, w, sizeof w, line_no), c->name, r->o.fasta);
    }
    if (beg < 0) beg = 0;
    if (end > c->fa_len) end = c->fa_len;
    if (!(r->win_seq && r->win_ctg == ci && beg >= r->win_beg && end <= r->win_beg + r->win_len)) {
        int64_t lb = beg, le = end > beg + REF_CHUNK ? end : beg + REF_CHUNK;
        if (le > c->fa_len) le = c->fa_len;
        free(r->win_seq);
        r->win_seq = NULL;
        hts_pos_t got = 0;
        if (le > lb) {
            r->win_seq = faidx_fetch_seq64(r->fai, c->fa_name, lb, le - 1, &got);
            if (!r->win_seq)
                return rv_err_set(err, RV_EIO, "%s: cannot read %s:%lld-%lld", r->o.fasta,
                                  c->fa_name, (long long)lb + 1, (long long)le);
            for (hts_pos_t i = 0; i < got; i++) r->win_seq[i] = (char)toupper((unsigned char)r->win_seq[i]);
        }
        r->win_ctg = ci; r->win_beg = lb; r->win_len = got;
    }
    span->seq = r->win_seq ? r->win_seq : "";
    span->beg = r->win_beg;
    span->len = r->win_len;
    return 0;
}

/* ---------- normalisation of one biallelic allele pair ---------- */

typedef struct norm_res {
    int64_t     pos;
    const char *ref, *alt;
    int         ref_len, alt_len;
    int         changed;
} norm_res;

/* Trim and (with a FASTA) check REF and left-align. Returns 0 keep, 1 drop, < 0 error. */
static int normalise(rv_reader *r, int ci, int64_t pos, const char *ref, int rl,
                     const char *alt, int al, int64_t line_no, norm_res *res, rv_err *err)
{
    res->pos = pos; res->ref = ref; res->ref_len = rl; res->alt = alt; res->alt_len = al;
    res->changed = 0;
    int symbolic = al == 0 || is_symbolic(alt, al);
    rv_refspan span = { "", 0, 0 };
    int mismatch = 0;
    if (r->fai && !fasta_name(r, &r->ctgs[ci])) {
        char msg[600];
        snprintf(msg, sizeof msg, "contig '%s' is not in the FASTA %s", r->ctgs[ci].name, r->o.fasta);
        int rc = bad_record(r, err, line_no, msg);
        return rc < 0 ? rc : 1;           /* skipped (skip_bad): drop the record */
    }
    if (r->fai) {
        int rc = ref_span(r, ci, pos - 1 - r->window, pos - 1 + rl, &span, line_no, err);
        if (rc < 0) return rc;
        if (!rv_ref_matches(&span, pos, ref, rl)) {
            mismatch = 1;
            r->st.ref_mismatch++;
            if (r->mismatches_shown++ < REF_MISMATCH_SHOWN) {
                char w[512];
                rv_log_warn("%s: REF %.*s differs from the FASTA at %s:%lld%s", where(r, w, sizeof w, line_no),
                            rl > 50 ? 50 : rl, ref, r->ctgs[ci].name, (long long)pos,
                            r->mismatches_shown == REF_MISMATCH_SHOWN ? " (further mismatches are only counted)" : "");
            }
            if (r->o.drop_ref_mismatch) return 1;
        }
    }
    if (al == 0 && r->fai && rl > 1 && !mismatch) {
        /* a reference-only record keeps one REF base, as bcftools norm -f writes it */
        res->ref_len = 1;
        res->changed = 1;
        r->st.trimmed++;
        return 0;
    }
    if (symbolic) return 0;
    if (rl == al && strncasecmp(ref, alt, (size_t)rl) == 0) return 0;   /* ALT = REF: not a variant, as written */
    rv_varkey k = { 0, pos, ref, alt, (uint32_t)rl, (uint32_t)al };
    if (rv_varkey_trim(&k) > 0) {
        res->pos = k.pos; res->ref = k.ref; res->alt = k.alt;
        res->ref_len = (int)k.ref_len; res->alt_len = (int)k.alt_len;
        res->changed = 1;
        r->st.trimmed++;
    }
    if (r->fai && !mismatch && res->ref_len != res->alt_len) {
        rv_aligned a;
        if (rv_left_align(&span, res->pos, res->ref, res->ref_len, res->alt, res->alt_len,
                          r->window, &r->work_ref, &r->work_alt, &a) && a.pos < res->pos) {
            res->pos = a.pos; res->ref = a.ref; res->alt = a.alt;
            res->ref_len = a.ref_len; res->alt_len = a.alt_len;
            res->changed = 1;
            r->st.realigned++;
        }
    }
    return 0;
}

/* Keep a copy of the input alleles in the slot (the record itself is about to change). */
static void keep_input(slot *s, int64_t pos, const char *ref, int rl, const char *alt, int al)
{
    kstring_t *o = &s->orig;
    o->l = 0;
    kputsn(ref, (size_t)rl, o); kputc('\0', o);
    kputsn(alt, (size_t)al, o); kputc('\0', o);
    s->rec.input_pos = pos;
    s->rec.input_ref = o->s; s->rec.input_ref_len = (uint32_t)rl;
    s->rec.input_alt = o->s + rl + 1; s->rec.input_alt_len = (uint32_t)al;
}

static void fill_rec(rv_reader *r, slot *s, int ci, int64_t line_no, int alt_index, int n_alt)
{
    rv_nrec *rec = &s->rec;
    rec->chrom = r->ctgs[ci].name;
    rec->key.contig = r->ctgs[ci].id;
    rec->alt_index = alt_index;
    rec->n_alt = n_alt;
    rec->line_no = line_no;
    rec->no_alt = rec->key.alt_len == 0;
    rec->symbolic = !rec->no_alt && is_symbolic(rec->key.alt, (int)rec->key.alt_len);
    rec->gvcf_block = rec->symbolic && ((rec->key.alt_len == 3 && memcmp(rec->key.alt, "<*>", 3) == 0) ||
                                        (rec->key.alt_len == 9 && memcmp(rec->key.alt, "<NON_REF>", 9) == 0));
    s->run = r->run;
}

/* Normalise a parsed biallelic (or ALT-less) record held by slot s and queue it. */
static int queue_bcf(rv_reader *r, slot *s, int ci, int64_t line_no, int alt_index, int n_alt, rv_err *err)
{
    bcf1_t *b = s->b;
    if (bcf_unpack(b, BCF_UN_STR) < 0) {
        slot_put(r, s);
        return bad_record(r, err, line_no, "cannot unpack record");
    }
    const char *ref = b->d.allele[0], *alt = b->n_allele > 1 ? b->d.allele[1] : "";
    int rl = (int)strlen(ref), al = b->n_allele > 1 ? (int)strlen(alt) : 0;
    keep_input(s, b->pos + 1, ref, rl, alt, al);
    norm_res res;
    int rc = normalise(r, ci, b->pos + 1, ref, rl, alt, al, line_no, &res, err);
    if (rc != 0) { slot_put(r, s); return rc < 0 ? rc : 0; }
    if (res.changed) {
        /* copy first: the new alleles may point into the record's own allele storage */
        r->als.l = 0;
        kputsn(res.ref, (size_t)res.ref_len, &r->als); kputc('\0', &r->als);
        kputsn(res.alt, (size_t)res.alt_len, &r->als); kputc('\0', &r->als);
        const char *na[2] = { r->als.s, r->als.s + res.ref_len + 1 };
        if (bcf_update_alleles(r->hdr, b, na, res.alt_len ? 2 : 1) < 0) {
            slot_put(r, s);
            return bad_record(r, err, line_no, "cannot update alleles");
        }
        b->pos = res.pos - 1;
    }
    s->rec.key.pos = b->pos + 1;
    s->rec.key.ref = b->d.allele[0];
    s->rec.key.ref_len = (uint32_t)strlen(b->d.allele[0]);
    s->rec.key.alt = b->n_allele > 1 ? b->d.allele[1] : "";
    s->rec.key.alt_len = b->n_allele > 1 ? (uint32_t)strlen(b->d.allele[1]) : 0;
    s->has_bcf = 1; s->has_line = 0; s->has_cols = 0;
    fill_rec(r, s, ci, line_no, alt_index, n_alt);
    return queue_insert(r, s, err);
}

/* A parsed record in r->src: split it (when multiallelic) and queue each allele. */
static int queue_parsed(rv_reader *r, int ci, int64_t line_no, rv_err *err)
{
    bcf1_t *src = r->src;
    if (bcf_unpack(src, BCF_UN_ALL) < 0) return bad_record(r, err, line_no, "cannot unpack record");
    int n_alt = src->n_allele > 0 ? src->n_allele - 1 : 0;
    if (src->n_allele <= 2) {
        slot *s = slot_get(r);
        if (!s) return rv_err_set(err, RV_ENOMEM, "%s: out of memory", r->path);
        bcf1_t *t = s->b;               /* swap the parsed record into the slot */
        s->b = src;
        r->src = t ? t : bcf_init();
        if (!r->src) return rv_err_set(err, RV_ENOMEM, "%s: out of memory", r->path);
        return queue_bcf(r, s, ci, line_no, 1, n_alt, err);
    }
    r->st.split++;
    for (int ia = 1; ia <= n_alt; ia++) {
        if (gvcf_ref_allele(src->d.allele[ia])) continue;   /* dropped at the split */
        slot *s = slot_get(r);
        if (!s || (!s->b && !(s->b = bcf_init())))
            return rv_err_set(err, RV_ENOMEM, "%s: out of memory", r->path);
        if (rv_split_allele(r->hdr, src, ia, s->b, &r->sb) < 0) {
            slot_put(r, s);
            return bad_record(r, err, line_no, "cannot split multiallelic record");
        }
        int rc = queue_bcf(r, s, ci, line_no, ia, n_alt, err);
        if (rc < 0) return rc;
    }
    return 0;
}

/* Move on to contig ci at input position pos (drives when queued records are released). */
static void advance(rv_reader *r, int ci, int64_t pos)
{
    if (ci != r->cur_ctg) { r->run++; r->cur_ctg = ci; r->last_pos = pos; }
    /* the furthest position seen: unsorted input then flows through instead of piling up */
    if (pos > r->last_pos) r->last_pos = pos;
}

/* ---------- text records ---------- */

typedef struct fields {
    int     off[8], len[8];   /* CHROM POS ID REF ALT QUAL FILTER INFO */
    int     ncols;
    int64_t pos;
} fields;

/* The one column walker: offsets and lengths of the first max tab-separated columns of
 * s[0..n); returns how many there are (at most max). */
static int walk_columns(const char *s, size_t n, int max, int *off, int *len)
{
    const char *p = s, *end = s + n;
    int col = 0;
    while (col < max) {
        const char *t = memchr(p, '\t', (size_t)(end - p));
        off[col] = (int)(p - s);
        len[col] = (int)((t ? t : end) - p);
        col++;
        if (!t) break;
        p = t + 1;
    }
    return col;
}

static int tokenise(rv_reader *r, const kstring_t *l, fields *f, int64_t line_no, rv_err *err, int *bad)
{
    const char *s = l->s, *end = l->s + l->l;
    *bad = 1;
    int col = walk_columns(s, l->l, 8, f->off, f->len);
    char msg[256];
    if (col < 8) {
        snprintf(msg, sizeof msg, "expected at least 8 tab-separated columns, found %d", col);
        return bad_record(r, err, line_no, msg);
    }
    int ncols = 8;
    for (const char *q = s + f->off[7] + f->len[7]; q < end && (q = memchr(q, '\t', (size_t)(end - q))); q++)
        ncols++;
    f->ncols = ncols;
    /* the file's own sample count, also when -s keeps fewer (htslib drops them on parse) */
    int ns = r->o.samples ? r->n_file_samples : bcf_hdr_nsamples(r->hdr);
    if (ns > 0 ? ncols != 9 + ns : ncols > 9) {
        snprintf(msg, sizeof msg, "expected %d tab-separated columns, found %d", ns > 0 ? 9 + ns : 8, ncols);
        return bad_record(r, err, line_no, msg);
    }
    if (f->len[0] == 0) return bad_record(r, err, line_no, "empty CHROM");
    int64_t pos = 0;
    const char *ps = s + f->off[1];
    for (int i = 0; i < f->len[1]; i++) {
        if (ps[i] < '0' || ps[i] > '9' || pos > (INT64_C(1) << 40)) { pos = -1; break; }
        pos = pos * 10 + (ps[i] - '0');
    }
    if (pos <= 0) {
        snprintf(msg, sizeof msg, "POS '%.*s' is not a positive integer", f->len[1] > 40 ? 40 : f->len[1], ps);
        return bad_record(r, err, line_no, msg);
    }
    f->pos = pos;
    const char *ref = s + f->off[3];
    if (!all_bases(ref, f->len[3])) {
        snprintf(msg, sizeof msg, "REF '%.*s' is not a sequence of bases", f->len[3] > 40 ? 40 : f->len[3], ref);
        return bad_record(r, err, line_no, msg);
    }
    /* ALT: '.', or comma-separated alleles: bases, '*', <ID>, or breakends */
    const char *alt = s + f->off[4];
    int alen = f->len[4], n = 0;
    if (alen == 0) return bad_record(r, err, line_no, "empty ALT");
    if (!(alen == 1 && alt[0] == '.')) {
        const char *a = alt, *aend = alt + alen;
        for (;;) {
            const char *c = memchr(a, ',', (size_t)(aend - a));
            int len = (int)((c ? c : aend) - a);
            if (len == 0 || !(all_bases(a, len) || is_symbolic(a, len))) {
                snprintf(msg, sizeof msg, "ALT allele '%.*s' is not bases, '*', <ID> or a breakend", len > 40 ? 40 : len, a);
                return bad_record(r, err, line_no, msg);
            }
            if (n == r->m_alts) {
                int m = r->m_alts ? r->m_alts * 2 : 8;
                void *np = realloc(r->alts, (size_t)m * sizeof *r->alts);
                if (!np) return rv_err_set(err, RV_ENOMEM, "%s: out of memory", r->path);
                r->alts = np; r->m_alts = m;
            }
            r->alts[n].off = (int)(a - s); r->alts[n].len = len; n++;
            if (!c) break;
            a = c + 1;
        }
    }
    *bad = 0;
    return n;
}

/* Rewrite POS/REF/ALT of the line in s->line from res, using r->inl as the scratch line. */
static void rewrite_line(rv_reader *r, slot *s, const fields *f, const norm_res *res)
{
    kstring_t *o = &r->inl;
    const char *l = s->line.s;
    o->l = 0;
    kputsn(l, (size_t)f->len[0], o); kputc('\t', o);
    kputll((long long)res->pos, o); kputc('\t', o);
    kputsn(l + f->off[2], (size_t)f->len[2], o); kputc('\t', o);
    size_t roff = o->l;
    kputsn(res->ref, (size_t)res->ref_len, o); kputc('\t', o);
    size_t aoff = o->l;
    if (res->alt_len) kputsn(res->alt, (size_t)res->alt_len, o);
    else kputc('.', o);                                   /* ALT '.' stays '.' */
    kputsn(l + f->off[5] - 1, s->line.l - (size_t)(f->off[5] - 1), o);   /* "\tQUAL..." */
    kstring_t t = s->line; s->line = *o; *o = t;
    s->has_cols = 0;
    s->rec.key.ref = s->line.s + roff;
    s->rec.key.alt = s->line.s + aoff;
}

/* The next region with records (its iterator in r->itr); 0 when none is left. */
static int next_region(rv_reader *r)
{
    hts_itr_destroy(r->itr);
    r->itr = NULL;
    while (r->cur_reg < r->n_reg) {
        const rv_region *g = &r->reg[r->cur_reg];
        const char **names = NULL;
        int n = 0, tid = -1;
        if (r->tbx) names = tbx_seqnames(r->tbx, &n);
        else names = bcf_hdr_seqnames(r->hdr, &n);
        for (int i = 0; names && i < n && tid < 0; i++)
            if (rv_contig_id(names[i], strlen(names[i])) == g->contig)
                tid = r->tbx ? tbx_name2id(r->tbx, names[i]) : bcf_hdr_name2id(r->hdr, names[i]);
        free(names);
        if (tid >= 0)
            r->itr = r->tbx ? tbx_itr_queryi(r->tbx, tid, g->beg - 1, g->end)
                            : bcf_itr_queryi(r->idx, tid, g->beg - 1, g->end);
        if (r->itr) return 1;
        r->cur_reg++;
    }
    return 0;
}

/* One input line: from the current region's iterator, or the next line of the file. */
static int get_line(rv_reader *r)
{
    if (r->offs) {
        if (r->cur_off >= r->n_offs) return -1;
        if (bgzf_seek(hts_get_bgzfp(r->fp), (int64_t)r->offs[r->cur_off++], SEEK_SET) < 0) return -2;
        return hts_getline(r->fp, KS_SEP_LINE, &r->inl);
    }
    if (!r->reg) return hts_getline(r->fp, KS_SEP_LINE, &r->inl);
    for (;;) {
        if (!r->itr && !next_region(r)) return -1;
        int ret = tbx_itr_next(r->fp, r->tbx, r->itr, &r->inl);
        if (ret != -1) return ret < -1 ? ret : 0;
        r->cur_reg++;
        hts_itr_destroy(r->itr);
        r->itr = NULL;
    }
}

/* With regions: 1 when POS lies in the current region (a record is read once, in the
 * region where it starts, not in every region it overlaps). */
static int in_region(const rv_reader *r, int64_t pos)
{
    if (!r->reg) return 1;
    const rv_region *g = &r->reg[r->cur_reg];
    return pos >= g->beg && pos <= g->end;
}

/* -r/-R: the regions as the reader reads them (rv_reader_set_regions), from the names the
 * user gave; a contig revus does not know holds no record it could read. A missing index
 * is a usage error that says how to make one. */
static int open_regions(rv_reader *r, rv_err *err)
{
    const rv_region_list *in = r->o.regions;
    if (!strcmp(r->path, "stdin"))
        return rv_err_set(err, RV_EUSAGE, "-r/-R read an indexed file, not standard input");
    rv_region *reg = malloc((size_t)(in->n ? in->n : 1) * sizeof *reg);
    if (!reg) return rv_err_set(err, RV_ENOMEM, "out of memory");
    int n = 0;
    for (int i = 0; i < in->n; i++) {
        int c = rv_contig_id(in->x[i].chrom, strlen(in->x[i].chrom));
        if (c == RV_CONTIG_OTHER) continue;
        reg[n++] = (rv_region){ c, in->x[i].beg + 1, in->x[i].end == INT64_MAX ? INT64_MAX / 2 : in->x[i].end };
    }
    int rc = rv_reader_set_regions(r, NULL, reg, n, err);
    free(reg);
    if (rc < 0 && rc != RV_ENOMEM)
        return rv_err_set(err, RV_EUSAGE, "%s: -r/-R need an index (%s.tbi or .csi): make one with "
                          "`tabix -p vcf %s` (bgzipped VCF) or `bcftools index %s`", r->path, r->path,
                          r->path, r->path);
    return rc;
}

static int read_text(rv_reader *r, rv_err *err)
{
    int ret = get_line(r);
    if (ret < -1)
        return rv_err_set(err, RV_EINPUT, "%s:%lld: truncated or corrupt compressed input",
                          r->path, (long long)r->line_no + 1);
    if (ret == -1) {
        if (!r->reg && !r->offs && truncated(r))
            return rv_err_set(err, RV_EINPUT, "%s:%lld: truncated bgzip file (no end-of-file block)",
                              r->path, (long long)r->line_no);
        r->eof = 1;
        return 0;
    }
    int64_t line_no = ++r->line_no;
    kstring_t *l = &r->inl;
    if (l->l && l->s[l->l - 1] == '\r') l->s[--l->l] = '\0';
    if (l->l == 0) return 0;
    if (l->s[0] == '#') return bad_record(r, err, line_no, "header line after the #CHROM line");
    r->st.records_in++;
    if (memchr(l->s, '\0', l->l)) return bad_record(r, err, line_no, "NUL byte in the line");
    fields f;
    int bad = 0;
    int n_alt = tokenise(r, l, &f, line_no, err, &bad);
    if (bad) return n_alt;
    if (!in_region(r, f.pos)) { r->st.records_in--; return 0; }
    int ci = contig_index(r, l->s, (size_t)f.len[0]);
    if (ci < 0) return rv_err_set(err, RV_ENOMEM, "%s: out of memory", r->path);
    advance(r, ci, f.pos);

    if (n_alt > 1 || r->o.full_parse) {
        const char *why = parse_line(r, l->s, l->l, r->src);
        if (why) return bad_record(r, err, line_no, why);
        return queue_parsed(r, ci, line_no, err);
    }

    slot *s = slot_get(r);
    if (!s) return rv_err_set(err, RV_ENOMEM, "%s: out of memory", r->path);
    kstring_t t = s->line; s->line = *l; *l = t;   /* the slot takes the line, no copy */
    s->has_line = 1; s->has_bcf = 0;
    s->has_cols = 1;             /* the tokenised columns stay valid unless rewritten */
    memcpy(s->col_off, f.off, sizeof s->col_off);
    memcpy(s->col_len, f.len, sizeof s->col_len);
    const char *ref = s->line.s + f.off[3];
    const char *alt = n_alt ? s->line.s + r->alts[0].off : "";
    int al = n_alt ? r->alts[0].len : 0;
    norm_res res;
    int rc = normalise(r, ci, f.pos, ref, f.len[3], alt, al, line_no, &res, err);
    if (rc != 0) { slot_put(r, s); return rc < 0 ? rc : 0; }
    s->rec.key.pos = res.pos;
    s->rec.key.ref_len = (uint32_t)res.ref_len;
    s->rec.key.alt_len = (uint32_t)res.alt_len;
    if (res.changed) {
        keep_input(s, f.pos, ref, f.len[3], alt, al);   /* the line is about to be rewritten */
        rewrite_line(r, s, &f, &res);
    } else {
        s->rec.key.ref = res.ref; s->rec.key.alt = res.alt;
        s->rec.input_pos = f.pos;
        s->rec.input_ref = ref; s->rec.input_ref_len = (uint32_t)f.len[3];
        s->rec.input_alt = alt; s->rec.input_alt_len = (uint32_t)al;
    }
    fill_rec(r, s, ci, line_no, 1, n_alt);
    return queue_insert(r, s, err);
}

/* ---------- BCF records ---------- */

static int read_bcf(rv_reader *r, rv_err *err)
{
    int ret;
    for (;;) {
        if (!r->reg) { ret = bcf_read(r->fp, r->hdr, r->src); break; }
        if (!r->itr && !next_region(r)) { ret = -1; break; }
        ret = bcf_itr_next(r->fp, r->itr, r->src);
        if (ret == -1) { r->cur_reg++; hts_itr_destroy(r->itr); r->itr = NULL; continue; }
        if (ret >= 0 && !in_region(r, (int64_t)r->src->pos + 1)) continue;
        break;
    }
    if (ret < -1)
        return rv_err_set(err, RV_EINPUT, "%s:record %lld: truncated or corrupt BCF input",
                          r->path, (long long)r->line_no + 1);
    if (ret == -1) {
        if (!r->reg && truncated(r))
            return rv_err_set(err, RV_EINPUT, "%s:record %lld: truncated BCF file (no end-of-file block)",
                              r->path, (long long)r->line_no);
        r->eof = 1;
        return 0;
    }
    int64_t line_no = ++r->line_no;
    r->st.records_in++;
    if (r->src->errcode)
        return bad_record(r, err, line_no, "malformed BCF record");
    const char *why = parsed_problem(r->src);
    if (why) return bad_record(r, err, line_no, why);
    const char *chrom = bcf_seqname(r->hdr, r->src);
    if (!chrom) return bad_record(r, err, line_no, "contig id not in the header");
    int ci = contig_index(r, chrom, strlen(chrom));
    if (ci < 0) return rv_err_set(err, RV_ENOMEM, "%s: out of memory", r->path);
    advance(r, ci, r->src->pos + 1);
    return queue_parsed(r, ci, line_no, err);
}

/* ---------- header, build, FASTA ---------- */

static int read_text_header(rv_reader *r, rv_err *err)
{
    kstring_t h = { 0, 0, NULL };
    int rc = 0;
    for (;;) {
        int ret = hts_getline(r->fp, KS_SEP_LINE, &r->inl);
        if (ret < -1) {
            rc = rv_err_set(err, RV_EINPUT, "%s:%lld: truncated or corrupt compressed input",
                            r->path, (long long)r->line_no + 1);
            break;
        }
        if (ret == -1 && truncated(r)) {
            rc = rv_err_set(err, RV_EINPUT, "%s:%lld: truncated bgzip file (no end-of-file block)",
                            r->path, (long long)r->line_no);
            break;
        }
        if (ret == -1) {
            rc = r->line_no == 0
                ? rv_err_set(err, RV_EINPUT, "%s: empty input: no VCF header", r->path)
                : rv_err_set(err, RV_EINPUT, "%s:%lld: missing #CHROM header line", r->path, (long long)r->line_no);
            break;
        }
        r->line_no++;
        if (r->inl.l && r->inl.s[r->inl.l - 1] == '\r') r->inl.s[--r->inl.l] = '\0';
        if (memchr(r->inl.s, '\0', r->inl.l)) {
            rc = rv_err_set(err, RV_EINPUT, "%s:%lld: NUL byte in a header line", r->path, (long long)r->line_no);
            break;
        }
        if (r->inl.l == 0 || r->inl.s[0] != '#') {
            rc = rv_err_set(err, RV_EINPUT, "%s:%lld: missing VCF header: a record came before the #CHROM line",
                            r->path, (long long)r->line_no);
            break;
        }
        kputsn(r->inl.s, r->inl.l, &h);
        kputc('\n', &h);
        if (strncmp(r->inl.s, "#CHROM", 6) == 0) break;
    }
    if (rc == 0) {
        r->hdr = bcf_hdr_init("r");
        if (!r->hdr || bcf_hdr_parse(r->hdr, h.s) < 0)
            rc = rv_err_set(err, RV_EINPUT, "%s:%lld: malformed VCF header", r->path, (long long)r->line_no);
    }
    free(h.s);
    return rc;
}

/* Build from ##reference/##assembly values such as ".../human_g1k_v37.fasta" or "GRCh38". */
static rv_build build_from_text(const char *v)
{
    static const struct { const char *token; rv_build b; } tokens[] = {
        { "GRCh38", RV_BUILD_GRCH38 }, { "hg38", RV_BUILD_GRCH38 }, { "b38", RV_BUILD_GRCH38 },
        { "GRCh37", RV_BUILD_GRCH37 }, { "hg19", RV_BUILD_GRCH37 }, { "b37", RV_BUILD_GRCH37 },
        { "_v37", RV_BUILD_GRCH37 }, { "hs37", RV_BUILD_GRCH37 },
    };
    rv_build found = RV_BUILD_UNKNOWN;
    for (size_t i = 0; i < sizeof tokens / sizeof *tokens; i++)
        if (strcasestr(v, tokens[i].token)) {
            if (found != RV_BUILD_UNKNOWN && found != tokens[i].b) return RV_BUILD_UNKNOWN;
            found = tokens[i].b;
        }
    return found;
}

static int detect_build(rv_reader *r, rv_err *err)
{
    int votes37 = 0, votes38 = 0;
    rv_build ref_line = RV_BUILD_UNKNOWN;
    for (int i = 0; i < r->hdr->nhrec; i++) {
        bcf_hrec_t *h = r->hdr->hrec[i];
        if (h->type == BCF_HL_CTG) {
            int ki = bcf_hrec_find_key(h, "ID"), kl = bcf_hrec_find_key(h, "length");
            if (ki < 0 || kl < 0) continue;
            int hg19 = 0;
            rv_build b = rv_build_vote(h->vals[ki], strlen(h->vals[ki]), strtoll(h->vals[kl], NULL, 10), &hg19);
            if (hg19) r->hg19_mt = 1;
            votes37 += b == RV_BUILD_GRCH37;
            votes38 += b == RV_BUILD_GRCH38;
        } else if (h->type == BCF_HL_GEN && h->value
                   && (strcmp(h->key, "reference") == 0 || strcmp(h->key, "assembly") == 0)) {
            rv_build b = build_from_text(h->value);
            if (b != RV_BUILD_UNKNOWN) ref_line = b;
        }
    }
    rv_build seen = RV_BUILD_UNKNOWN;
    const char *origin = "none";
    if (votes37 && !votes38) { seen = RV_BUILD_GRCH37; origin = "##contig lengths"; }
    else if (votes38 && !votes37) { seen = RV_BUILD_GRCH38; origin = "##contig lengths"; }
    else if (votes37 && votes38)
        return rv_err_set(err, RV_EBUILD, "%s: ##contig lengths mix GRCh37 (%d contigs) and GRCh38 (%d contigs)",
                          r->path, votes37, votes38);
    else if (ref_line != RV_BUILD_UNKNOWN) { seen = ref_line; origin = "##reference line"; }

    if (r->o.build != RV_BUILD_UNKNOWN) {
        if (seen != RV_BUILD_UNKNOWN && seen != r->o.build)
            return rv_err_set(err, RV_EBUILD, "%s: the header (%s) says %s, but %s was requested",
                              r->path, origin, rv_build_name(seen), rv_build_name(r->o.build));
        r->build = r->o.build;
        r->build_origin = seen != RV_BUILD_UNKNOWN ? origin : "given";
        return 0;
    }
    r->build = seen;
    r->build_origin = origin;
    return 0;
}

/* A FASTA whose primary contig lengths are those of the other build is refused: left-aligning
 * against it would silently move variants. Other length differences (test FASTAs holding a
 * piece of a contig) are allowed; per-record REF checks still catch wrong bases. */
static int check_fasta(rv_reader *r, rv_err *err)
{
    r->fai = fai_load(r->o.fasta);
    if (!r->fai)
        return rv_err_set(err, RV_EIO, "%s: cannot open the FASTA or build its .fai index", r->o.fasta);
    int votes37 = 0, votes38 = 0;
    const char *example = NULL;
    for (int i = 0; i < faidx_nseq(r->fai); i++) {
        const char *name = faidx_iseq(r->fai, i);
        rv_build b = rv_build_vote(name, strlen(name), faidx_seq_len(r->fai, name), NULL);
        if (b == RV_BUILD_GRCH37) votes37++;
        if (b == RV_BUILD_GRCH38) votes38++;
        if (b != RV_BUILD_UNKNOWN && !example) example = name;
    }
    rv_build fa = votes37 && !votes38 ? RV_BUILD_GRCH37 : votes38 && !votes37 ? RV_BUILD_GRCH38 : RV_BUILD_UNKNOWN;
    if (fa != RV_BUILD_UNKNOWN && r->build != RV_BUILD_UNKNOWN && fa != r->build)
        return rv_err_set(err, RV_EINPUT, "%s: the FASTA is %s (length of contig %s) but %s is %s (%s)",
                          r->o.fasta, rv_build_name(fa), example, r->path, rv_build_name(r->build), r->build_origin);
    if (r->build == RV_BUILD_UNKNOWN && fa != RV_BUILD_UNKNOWN) {
        r->build = fa;
        r->build_origin = "FASTA contig lengths";
    }
    int found = 0, declared = 0;
    for (int i = 0; i < r->hdr->nhrec; i++) {
        bcf_hrec_t *h = r->hdr->hrec[i];
        if (h->type != BCF_HL_CTG) continue;
        int ki = bcf_hrec_find_key(h, "ID");
        if (ki < 0) continue;
        declared++;
        int ci = contig_index(r, h->vals[ki], strlen(h->vals[ki]));
        if (ci < 0) return rv_err_set(err, RV_ENOMEM, "out of memory");
        found += fasta_name(r, &r->ctgs[ci]) != NULL;
    }
    if (declared > 0 && found == 0)
        return rv_err_set(err, RV_EINPUT, "%s: none of the %d contigs declared in %s is in the FASTA",
                          r->o.fasta, declared, r->path);
    return 0;
}

/* ---------- public API ---------- */

int rv_reader_open(rv_reader **out, const char *path, const rv_reader_opts *o, rv_err *err)
{
    *out = NULL;
    rv_reader *r = calloc(1, sizeof *r);
    /* messages name the file as given, and standard input as "stdin" */
    if (!r || !(r->path = strdup(strcmp(path, "-") == 0 ? "stdin" : path))) {
        free(r);
        return rv_err_set(err, RV_ENOMEM, "out of memory");
    }
    if (o) r->o = *o;
    r->window = r->o.align_window > 0 ? r->o.align_window : RV_ALIGN_WINDOW;
    if (!r->o.fasta) r->window = 0;     /* trimming only moves records right */
    r->cur_ctg = -1; r->win_ctg = -1;
    r->build_origin = "none";
    int rc = 0;
    r->fp = hts_open(path, "r");
    if (!r->fp) {
        if (errno == ENOEXEC)        /* htslib: a format it does not recognise */
            rc = rv_err_set(err, RV_EINPUT, "%s: not a VCF or BCF file", r->path);
        else
            rc = rv_err_set(err, errno == ENOENT || errno == EACCES ? RV_EIO : RV_EINPUT,
                            "%s: cannot open: %s", r->path, errno ? strerror(errno) : "unknown format");
        goto fail;
    }
    enum htsExactFormat fmt = r->fp->format.format;
    if (fmt == bcf) r->is_bcf = 1;
    else if (fmt == empty_format) { rc = rv_err_set(err, RV_EINPUT, "%s: empty input: no VCF header", path); goto fail; }
    else if (fmt != vcf && fmt != text_format) {
        rc = rv_err_set(err, RV_EINPUT, "%s: not a VCF or BCF file", path);
        goto fail;
    }
    if (r->o.pool) hts_set_thread_pool(r->fp, r->o.pool);
    else if (r->o.threads > 0) hts_set_threads(r->fp, r->o.threads);
    struct stat sb;
    if (strcmp(path, "-") != 0 && stat(path, &sb) == 0 && S_ISREG(sb.st_mode)) r->file_size = sb.st_size;
    if (r->is_bcf) {
        r->hdr = bcf_hdr_read(r->fp);
        if (!r->hdr) { rc = rv_err_set(err, RV_EINPUT, "%s: cannot read the BCF header (truncated or corrupt)", path); goto fail; }
    } else if ((rc = read_text_header(r, err)) < 0) goto fail;
    /* a header without ##fileformat would be written out without one: declare VCFv4.2,
     * moved to the front where the format requires it */
    if (!bcf_hdr_get_hrec(r->hdr, BCF_HL_GEN, "fileformat", NULL, NULL)
        && bcf_hdr_append(r->hdr, "##fileformat=VCFv4.2") == 0 && r->hdr->nhrec > 1) {
        bcf_hrec_t *ff = r->hdr->hrec[r->hdr->nhrec - 1];
        memmove(r->hdr->hrec + 1, r->hdr->hrec, (size_t)(r->hdr->nhrec - 1) * sizeof *r->hdr->hrec);
        r->hdr->hrec[0] = ff;
    }
    if (r->o.samples) {
        /* only these samples are parsed and written; records then need the full parse */
        int n_file = r->n_file_samples = bcf_hdr_nsamples(r->hdr);
        int bad = bcf_hdr_set_samples(r->hdr, r->o.samples, r->o.samples_is_file);
        /* htslib leaves a list that drops every sample (^S1 of a one-sample file) half done:
         * no sample kept, yet no mask; ask for none explicitly */
        if (bad == 0 && n_file > 0 && bcf_hdr_nsamples(r->hdr) == 0 && !r->hdr->keep_samples)
            bad = bcf_hdr_set_samples(r->hdr, NULL, 0);
        if (bad < 0) { rc = rv_err_set(err, RV_EUSAGE, "%s: cannot read the sample list %s", r->path, r->o.samples); goto fail; }
        if (bad > 0) {
            rc = rv_err_set(err, RV_EUSAGE, "%s: sample number %d of the list (%s) is not in the file", r->path, bad,
                            r->o.samples);
            goto fail;
        }
        r->o.full_parse = 1;
    }
    if (r->o.regions && (rc = open_regions(r, err)) < 0) goto fail;
    if ((rc = detect_build(r, err)) < 0) goto fail;
    if (r->o.fasta && (rc = check_fasta(r, err)) < 0) goto fail;
    r->src = bcf_init();
    if (!r->src) { rc = rv_err_set(err, RV_ENOMEM, "out of memory"); goto fail; }
    *out = r;
    return 0;
fail:
    rv_reader_close(r);
    return rc;
}

void rv_reader_close(rv_reader *r)
{
    if (!r) return;
    hts_itr_destroy(r->itr);
    if (r->tbx) tbx_destroy(r->tbx);
    if (r->idx) hts_idx_destroy(r->idx);
    free(r->reg);
    free(r->offs);
    if (r->fp) hts_close(r->fp);
    if (r->hdr) bcf_hdr_destroy(r->hdr);
    if (r->src) bcf_destroy(r->src);
    if (r->fai) fai_destroy(r->fai);
    free(r->win_seq);
    slot_free(r->cur);
    for (int i = r->qh; i < r->qn; i++) slot_free(r->q[i]);
    for (int i = 0; i < r->n_free; i++) slot_free(r->free_slots[i]);
    free(r->q); free(r->free_slots);
    for (int i = 0; i < r->n_ctgs; i++) { free(r->ctgs[i].name); free(r->ctgs[i].fa_name); }
    free(r->ctgs);
    free(r->alts);
    free(r->inl.s); free(r->scratch.s); free(r->als.s); free(r->work_ref.s); free(r->work_alt.s);
    rv_split_buf_free(&r->sb);
    free(r->path);
    free(r);
}

bcf_hdr_t *rv_reader_header(rv_reader *r) { return r->hdr; }
rv_build rv_reader_build(const rv_reader *r) { return r->build; }
const char *rv_reader_path(const rv_reader *r) { return r->path; }
const rv_reader_stats *rv_reader_get_stats(const rv_reader *r) { return &r->st; }

double rv_reader_fraction(const rv_reader *r)
{
    if (r->reg) return r->n_reg ? (double)r->cur_reg / r->n_reg : 1;
    if (!r->file_size) return -1;
    int64_t at = r->is_bcf || r->fp->is_bgzf || r->fp->format.compression != no_compression
               ? bgzf_tell(r->fp->fp.bgzf) >> 16          /* compressed offset of the block */
               : htell(r->fp->fp.hfile);
    double f = (double)at / (double)r->file_size;
    return f < 0 ? 0 : f > 1 ? 1 : f;
}
const char *rv_reader_build_origin(const rv_reader *r) { return r->build_origin; }
int rv_reader_hg19_mt(const rv_reader *r) { return r->hg19_mt; }

/* The front of the queue can go once no later input record can land before it. */
static int front_ready(const rv_reader *r)
{
    if (r->qh == r->qn) return 0;
    if (r->eof) return 1;
    const slot *s = r->q[r->qh];
    return s->run != r->run || s->rec.key.pos <= r->last_pos - r->window;
}

int rv_reader_next(rv_reader *r, rv_nrec **rec, rv_err *err)
{
    if (r->cur) { slot_put(r, r->cur); r->cur = NULL; }
    while (!front_ready(r)) {
        if (r->eof) return 0;
        int rc = r->is_bcf ? read_bcf(r, err) : read_text(r, err);
        if (rc < 0) return rc;
    }
    r->cur = r->q[r->qh++];
    if (r->qh == r->qn) r->qh = r->qn = 0;
    r->st.records_out++;
    *rec = &r->cur->rec;
    return 1;
}

const kstring_t *rv_reader_line(rv_reader *r)
{
    slot *s = r->cur;
    if (!s) return NULL;
    if (!s->has_line) {
        s->line.l = 0;
        if (vcf_format(r->hdr, s->b, &s->line) < 0) return NULL;
        if (s->line.l && s->line.s[s->line.l - 1] == '\n') s->line.s[--s->line.l] = '\0';
        s->has_line = 1;
    }
    return &s->line;
}

int rv_reader_columns(rv_reader *r, const char **col, size_t *len)
{
    slot *s = r->cur;
    if (!s || !rv_reader_line(r)) return 0;
    if (!s->has_cols) {          /* the line was rewritten or formatted: walk it once */
        if (walk_columns(s->line.s, s->line.l, 8, s->col_off, s->col_len) < 8) return 0;
        s->has_cols = 1;
    }
    for (int k = 0; k < 8; k++) {
        col[k] = s->line.s + s->col_off[k];
        len[k] = (size_t)s->col_len[k];
    }
    return 8;
}

bcf1_t *rv_reader_bcf(rv_reader *r, rv_err *err)
{
    slot *s = r->cur;
    if (!s) { rv_err_set(err, RV_EUSAGE, "%s: no current record", r->path); return NULL; }
    if (!s->has_bcf) {
        if (!s->b && !(s->b = bcf_init())) { rv_err_set(err, RV_ENOMEM, "out of memory"); return NULL; }
        const char *why = parse_line(r, s->line.s, s->line.l, s->b);
        if (why) {
            char w[512];
            rv_err_set(err, RV_EINPUT, "%s: %s", where(r, w, sizeof w, s->rec.line_no), why);
            return NULL;
        }
        s->has_bcf = 1;
    }
    return s->b;
}

int rv_reader_info(rv_reader *r, const char *tag, const char **val, size_t *len)
{
    const char *col[8];
    size_t cl[8];
    if (rv_reader_columns(r, col, cl) < 8) return 0;
    const char *p = col[7], *ie = col[7] + cl[7];
    size_t tl = strlen(tag);
    while (p < ie) {
        const char *e = memchr(p, ';', (size_t)(ie - p));
        if (!e) e = ie;
        if ((size_t)(e - p) >= tl && memcmp(p, tag, tl) == 0) {
            if (p + tl == e) { *val = p + tl; *len = 0; return 1; }
            if (p[tl] == '=') { *val = p + tl + 1; *len = (size_t)(e - p - (ptrdiff_t)tl - 1); return 1; }
        }
        p = e + 1;
    }
    return 0;
}

static int cmp_region(const void *a, const void *b)
{
    const rv_region *x = a, *y = b;
    if (x->contig != y->contig) return x->contig < y->contig ? -1 : 1;
    return x->beg < y->beg ? -1 : x->beg > y->beg;
}

int rv_reader_set_regions(rv_reader *r, const char *index_path, const rv_region *reg, int n, rv_err *err)
{
    if (r->line_no > 0 && r->st.records_in > 0)
        return rv_err_set(err, RV_EUSAGE, "%s: regions must be set before the first record", r->path);
    if (r->fp->format.compression != bgzf)
        return rv_err_set(err, RV_EUSAGE, "%s: not bgzip-compressed: no region reads", r->path);
    if (r->is_bcf) r->idx = bcf_index_load2(r->path, index_path);
    else r->tbx = tbx_index_load2(r->path, index_path);
    if (!r->idx && !r->tbx) return rv_err_set(err, RV_EIO, "%s: cannot load its index", index_path);
    /* regions close together start in the same BGZF block: keep inflated blocks so that
     * each is inflated once */
    hts_set_cache_size(r->fp, 4 << 20);
    r->reg = malloc((size_t)(n > 0 ? n : 1) * sizeof *r->reg);
    if (!r->reg) return rv_err_set(err, RV_ENOMEM, "out of memory");
    memcpy(r->reg, reg, (size_t)n * sizeof *reg);
    qsort(r->reg, (size_t)n, sizeof *r->reg, cmp_region);
    int o = 0;                      /* merge overlapping and touching regions */
    for (int i = 0; i < n; i++) {
        if (o && r->reg[o - 1].contig == r->reg[i].contig && r->reg[i].beg <= r->reg[o - 1].end + 1) {
            if (r->reg[i].end > r->reg[o - 1].end) r->reg[o - 1].end = r->reg[i].end;
            continue;
        }
        r->reg[o++] = r->reg[i];
    }
    r->n_reg = o;
    r->cur_reg = 0;
    return 0;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

int rv_reader_set_offsets(rv_reader *r, const uint64_t *voff, int n, rv_err *err)
{
    if (r->line_no > 0 && r->st.records_in > 0)
        return rv_err_set(err, RV_EUSAGE, "%s: offsets must be set before the first record", r->path);
    if (r->is_bcf || r->fp->format.compression != bgzf || r->reg)
        return rv_err_set(err, RV_EUSAGE, "%s: line offsets need a bgzip-compressed VCF read whole", r->path);
    if (!(r->offs = malloc((size_t)(n > 0 ? n : 1) * sizeof *r->offs))) return rv_err_set(err, RV_ENOMEM, "out of memory");
    memcpy(r->offs, voff, (size_t)n * sizeof *voff);
    qsort(r->offs, (size_t)n, sizeof *r->offs, cmp_u64);
    int o = 0;                      /* each line once */
    for (int i = 0; i < n; i++)
        if (!o || r->offs[o - 1] != r->offs[i]) r->offs[o++] = r->offs[i];
    r->n_offs = o;
    r->cur_off = 0;
    hts_set_cache_size(r->fp, 1 << 20);
    return 0;
}

int rv_reader_build_index(const char *path, const char *index_path, rv_err *err)
{
    htsFile *fp = hts_open(path, "r");
    if (!fp) return rv_err_set(err, RV_EIO, "%s: cannot open", path);
    int bcf_in = fp->format.format == bcf, bgz = fp->format.compression == bgzf;
    hts_close(fp);
    if (!bgz) return rv_err_set(err, RV_EUSAGE, "%s: not bgzip-compressed: cannot be indexed", path);
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", index_path, (long)getpid());
    /* CSI with 128 kb bins (min_shift 17) for both: it is inflated whole before each
     * sample's region reads, and a tabix index's linear index (one offset per 16 kb of
     * every contig) or 16 kb bins make it megabytes for a genome; a bin of 128 kb holds
     * a few hundred records of a genome, about one BGZF block, so a region read starts at
     * most a block early (an exome-like VCF of 30,000 records: 1.6 MB tabix, 198 kB with
     * 16 kb bins, 78 kB with 128 kb bins, uncompressed) */
    int rc = bcf_in ? bcf_index_build2(path, tmp, 17) : tbx_index_build2(path, tmp, 17, &tbx_conf_vcf);
    if (rc != 0 || rename(tmp, index_path) != 0) {
        unlink(tmp);
        return rv_err_set(err, RV_EINPUT, "%s: cannot index it (unsorted, or not VCF/BCF)", path);
    }
    chmod(index_path, 0600);
    return 0;
}
