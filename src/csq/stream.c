/* csq/stream.c: RV_CSQ for a VCF stream, batches computed in a thread pool, written in order
 * (csq/stream.h).
 *
 * A worker writes each record's output line; for BCF output it also parses that line into a
 * record, against its own copy of the output header (htslib's parser may add to a header, so
 * threads do not share one), which keeps the reading thread to reading. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "csq/effect.h"
#include "csq/stream.h"
#include "csq/tag.h"
#include "variant/genome.h"

/* Records per batch, and the bytes of input text after which a batch is closed early (long
 * lines: many samples). A batch is a few hundred microseconds of work: enough to make the
 * hand-over to a worker cheap, small enough to keep every thread busy. */
#define BATCH_RECS  2048
#define BATCH_BYTES (4 << 20)

enum { IT_PLAIN, IT_ALLELE, IT_INS, IT_DEL };   /* what a record is computed as */

typedef struct item {
    int      kind, contig;
    int64_t  pos, end;          /* end: a symbolic deletion's INFO/END */
    size_t   ref, alt, line;    /* offsets in the batch's arena */
    uint32_t ref_len, alt_len;
    size_t   line_len, info, info_len;   /* the line's INFO column, from its start */
    int64_t  line_no;
} item;

typedef struct engine {
    rv_genome *gen;
    rv_conseq *cq;
    bcf_hdr_t *hdr;             /* BCF output: this worker's copy of the output header */
    struct engine *next;        /* free list */
} engine;

typedef struct batch batch;

/* What the workers share: the engines, one per thread that may run a batch at once. */
typedef struct shared {
    engine *engines, *free_engines;
    int n_engines;
    pthread_mutex_t lock;
    int text;                   /* output lines (VCF, VCF.gz); else BCF records */
    int n_ids, n_ctgs;          /* the output header's tags and contigs */
    const char *in;
} shared;

struct batch {
    shared   *sh;
    item     *it;
    bcf1_t  **rec;              /* BCF output: the records, parsed from the output lines */
    int       n, m_rec;
    size_t    m_it;
    kstring_t arena;            /* alleles and input lines */
    kstring_t out;              /* the output lines (BCF: one at a time) */
    kstring_t work;
    /* results */
    int       n_done;           /* records computed: n, or the failing one's index */
    long long hits, mismatch, held;
    int64_t   mismatch_line;    /* line of the batch's first REF mismatch */
    int64_t   held_line;        /* line of the first REF checked only as far as the reference goes */
    rv_err    mismatch_err;     /* what it says */
    rv_err    err;              /* the batch's failure */
    batch    *next;             /* free list */
};

/* Whether an INFO column may hold RV_CSQ= (a scan for its first letter: most INFO columns have
 * no 'R' at all, and glibc's memmem costs more than the rest of the copy). */
static int has_tag(const char *s, size_t n)
{
    const char *end = s + n;
    while ((s = memchr(s, RV_CSQ_TAG[0], (size_t)(end - s))) != NULL) {
        if ((size_t)(end - s) >= sizeof RV_CSQ_TAG && memcmp(s, RV_CSQ_TAG "=", sizeof RV_CSQ_TAG) == 0) return 1;
        s++;
    }
    return 0;
}

/* Copy line, whose INFO column is [info, info + info_len), with RV_CSQ=val in INFO (an RV_CSQ
 * already there is replaced) and a newline, to out. */
static int put_info(const char *line, size_t len, size_t info, size_t info_len, const char *val, size_t val_len,
                    kstring_t *out)
{
    const char *p = line + info, *q = p + info_len;
    kputsn(line, info, out);
    int any = 0;
    if (info_len == 1 && *p == '.') {
        /* empty */
    } else if (!has_tag(p, info_len)) {
        kputsn(p, info_len, out);
        any = info_len > 0;
    } else {
        for (const char *s = p; s < q;) {
            const char *e = memchr(s, ';', (size_t)(q - s));
            if (!e) e = q;
            if (!((size_t)(e - s) >= sizeof RV_CSQ_TAG && memcmp(s, RV_CSQ_TAG "=", sizeof RV_CSQ_TAG) == 0)) {
                if (any) kputc(';', out);
                kputsn(s, (size_t)(e - s), out);
                any = 1;
            }
            s = e + 1;
        }
    }
    if (val_len) {
        if (any) kputc(';', out);
        kputsn(RV_CSQ_TAG "=", sizeof RV_CSQ_TAG, out);
        kputsn(val, val_len, out);
        any = 1;
    }
    if (!any) kputc('.', out);
    kputsn(q, (size_t)(line + len - q), out);
    return kputc('\n', out) < 0 ? -1 : 0;
}

/* The kind of a symbolic ALT revus annotates: IT_INS an insertion (<INS>, <INS:ME:ALU>, ...),
 * IT_DEL a deletion (<DEL>, <DEL:ME:...>); IT_PLAIN any other (<DUP>, <INV>, <CNV>, breakends, *). */
static int symbolic_kind(const rv_nrec *rec)
{
    const char *a = rec->input_alt;
    uint32_t n = rec->input_alt_len;
    if (n >= 5 && memcmp(a, "<INS", 4) == 0 && (a[4] == '>' || a[4] == ':')) return IT_INS;
    if (n >= 5 && memcmp(a, "<DEL", 4) == 0 && (a[4] == '>' || a[4] == ':')) return IT_DEL;
    return IT_PLAIN;
}

/* INFO/END of the current record: from the text line when there is one, else the parsed
 * record; 0 when it has none. */
static int64_t info_end(rv_reader *r, rv_err *err)
{
    const kstring_t *l = rv_reader_line(r);
    if (l) {
        const char *p = l->s, *end = l->s + l->l;
        for (int i = 0; i < 7 && p; i++) { p = memchr(p, '\t', (size_t)(end - p)); if (p) p++; }
        while (p && p < end && *p != '\t') {
            if (strncmp(p, "END=", 4) == 0) return strtoll(p + 4, NULL, 10);
            const char *q = memchr(p, ';', (size_t)(end - p));
            p = q ? q + 1 : NULL;
        }
        return 0;
    }
    bcf1_t *b = rv_reader_bcf(r, err);
    int32_t *v = NULL;
    int nv = 0;
    int64_t e = b && bcf_get_info_int32(rv_reader_header(r), b, "END", &v, &nv) > 0 ? v[0] : 0;
    free(v);
    return e;
}

static engine *engine_take(shared *sh)
{
    pthread_mutex_lock(&sh->lock);
    engine *e = sh->free_engines;
    sh->free_engines = e->next;
    pthread_mutex_unlock(&sh->lock);
    return e;
}

static void engine_give(shared *sh, engine *e)
{
    pthread_mutex_lock(&sh->lock);
    e->next = sh->free_engines;
    sh->free_engines = e;
    pthread_mutex_unlock(&sh->lock);
}

/* BCF output: RV_EINPUT when parsing the record at line added a contig or tag to h, a worker's
 * copy of the output header (htslib adds what a record uses undeclared). A multiallelic record
 * is parsed by the reader, into the output header, which the writer checks (vcf_writer.h). */
static int undeclared(const shared *sh, const bcf_hdr_t *h, int64_t line, rv_err *err)
{
    if (h->n[BCF_DT_ID] <= sh->n_ids && h->n[BCF_DT_CTG] <= sh->n_ctgs) return 0;
    return rv_err_set(err, RV_EINPUT, "%s:%lld: a record uses a contig or tag the input header does not declare; "
                      "BCF output needs every one declared (write VCF with -O v or z instead)", sh->in, (long long)line);
}

/* Parse the output line of record b->n_done (in b->out, newline-ended) into b->rec[b->n_done]. */
static int to_bcf(batch *b, engine *en)
{
    shared *sh = b->sh;
    const item *it = &b->it[b->n_done];
    if (b->n_done == b->m_rec) {
        bcf1_t **rr = realloc(b->rec, (size_t)(b->m_rec + 256) * sizeof *rr);
        if (!rr) return rv_err_set(&b->err, RV_ENOMEM, "out of memory");
        b->rec = rr;
        for (int i = 0; i < 256 && (rr[b->m_rec] = bcf_init()); i++) b->m_rec++;
        if (b->n_done == b->m_rec) return rv_err_set(&b->err, RV_ENOMEM, "out of memory");
    }
    b->out.s[--b->out.l] = '\0';
    if (vcf_parse(&b->out, en->hdr, b->rec[b->n_done]) < 0)
        return rv_err_set(&b->err, RV_EINPUT, "%s:%lld: htslib cannot parse the record", sh->in, (long long)it->line_no);
    /* a contig or tag the header lacks was added to this copy only: the BCF could not be read */
    return undeclared(sh, en->hdr, it->line_no, &b->err);
}

/* The consequences and output of every record of b (in a worker, or in the reading thread). */
static void batch_compute(batch *b, engine *en)
{
    rv_conseq *cq = en->cq;
    shared *sh = b->sh;
    kstring_t *val = &b->work;
    b->out.l = 0;
    b->hits = b->mismatch = b->held = 0;
    b->mismatch_line = b->held_line = 0;
    rv_err_clear(&b->err);
    for (b->n_done = 0; b->n_done < b->n; b->n_done++) {
        const item *it = &b->it[b->n_done];
        const char *A = b->arena.s;
        rv_effect *e;
        int n = 0;
        val->l = 0;
        if (it->kind == IT_ALLELE) {
            rv_err err;
            n = rv_conseq_allele(cq, it->contig, it->pos, A + it->ref, (int)it->ref_len, A + it->alt, (int)it->alt_len,
                                 &e, &err);
            if (n == RV_EINPUT && strncmp(err.msg, "REF ", 4) == 0) {
                if (!b->mismatch++) {
                    b->mismatch_line = it->line_no;
                    b->mismatch_err = err;
                }
                n = 0;
            } else if (n >= 0 && rv_conseq_ref_held_only(cq) && !b->held++) {
                b->held_line = it->line_no;
            } else if (n < 0) {
                b->err = err;
                rv_err_prefix(&b->err, "%s:%lld", sh->in, (long long)it->line_no);
                return;
            }
        } else if (it->kind == IT_INS || it->kind == IT_DEL) {
            n = rv_conseq_symbolic(cq, it->contig, it->pos, it->end, it->kind == IT_DEL, &e);
        }
        if (n > 0) {
            b->hits++;
            rv_csq_format(val, e, n, A + it->alt, it->alt_len);
        }
        if (!sh->text) b->out.l = 0;
        if (put_info(A + it->line, it->line_len, it->info, it->info_len, val->s, val->l, &b->out) < 0) {
            rv_err_set(&b->err, RV_EINPUT, "%s:%lld: cannot format record", sh->in, (long long)it->line_no);
            return;
        }
        if (!sh->text && to_bcf(b, en) < 0) return;
    }
}

static void *batch_job(void *arg)
{
    batch *b = arg;
    engine *e = engine_take(b->sh);
    batch_compute(b, e);
    engine_give(b->sh, e);
    return b;
}

static void batch_free(batch *b)
{
    if (!b) return;
    for (int i = 0; i < b->m_rec; i++) bcf_destroy(b->rec[i]);
    free(b->rec); free(b->it);
    free(b->arena.s); free(b->out.s); free(b->work.s);
    free(b);
}

static size_t arena_put(kstring_t *a, const char *s, size_t len)
{
    size_t at = a->l;
    kputsn(s, len, a);
    return at;
}

/* Read up to a batch of records into b. Returns 1 when b is full, 0 at the end of the input,
 * < 0 on a read error (b holds the records read before it). */
static int batch_fill(batch *b, rv_reader *r, rv_err *err)
{
    shared *sh = b->sh;
    b->n = 0;
    b->arena.l = 0;
    rv_nrec *rec;
    int rc;
    while (b->n < BATCH_RECS && b->arena.l < BATCH_BYTES) {
        if ((rc = rv_reader_next(r, &rec, err)) <= 0) return rc;
        if ((size_t)b->n == b->m_it) {
            size_t m = b->m_it ? 2 * b->m_it : 256;
            item *it = realloc(b->it, m * sizeof *it);
            if (!it) return rv_err_set(err, RV_ENOMEM, "out of memory");
            b->it = it;
            b->m_it = m;
        }
        item *it = &b->it[b->n];
        memset(it, 0, sizeof *it);
        it->contig = rec->key.contig;
        it->line_no = rec->line_no;
        if (rec->key.contig != RV_CONTIG_OTHER && !rec->no_alt && !rec->symbolic) {
            it->kind = IT_ALLELE;
            it->pos = rec->key.pos;
            it->ref = arena_put(&b->arena, rec->key.ref, rec->key.ref_len);
            it->ref_len = rec->key.ref_len;
            it->alt = arena_put(&b->arena, rec->key.alt, rec->key.alt_len);
            it->alt_len = rec->key.alt_len;
        } else if (rec->key.contig != RV_CONTIG_OTHER && rec->symbolic && (it->kind = symbolic_kind(rec)) != IT_PLAIN) {
            /* an insertion or deletion of unknown sequence: where it falls, no protein change */
            it->pos = rec->input_pos;
            it->end = it->kind == IT_DEL ? info_end(r, err) : 0;
            it->alt = arena_put(&b->arena, rec->input_alt, rec->input_alt_len);
            it->alt_len = rec->input_alt_len;
        }
        const kstring_t *l = rv_reader_line(r);
        const char *col[8];
        size_t len[8];
        if (!l || rv_reader_columns(r, col, len) != 8)
            return rv_err_set(err, RV_EINPUT, "%s:%lld: cannot format record", sh->in, (long long)rec->line_no);
        it->line = arena_put(&b->arena, l->s, l->l);
        it->line_len = l->l;
        it->info = (size_t)(col[7] - l->s);
        it->info_len = len[7];
        if (b->arena.l && !b->arena.s) return rv_err_set(err, RV_ENOMEM, "out of memory");
        b->n++;
    }
    return 1;
}

/* Write the records of a computed batch, in order. */
static int batch_write(batch *b, rv_writer *w, rv_csq_stream_stats *st, rv_err *err)
{
    shared *sh = b->sh;
    if (b->mismatch && !st->ref_mismatch)
        rv_log_warn("%s:%lld: %s (such records are left unannotated)", sh->in, (long long)b->mismatch_line,
                    b->mismatch_err.msg);
    st->ref_mismatch += b->mismatch;
    if (b->held && !st->ref_held_only)
        rv_log_warn("%s:%lld: REF runs past the end of the reference sequence; compared over the bases it holds "
                    "(conventions ref_past_reference_end)", sh->in, (long long)b->held_line);
    st->ref_held_only += b->held;
    st->hits += b->hits;
    st->records += b->n_done;
    if (sh->text) {
        if (rv_writer_text(w, b->out.s, b->out.l, err) < 0) return err->code;
    } else {
        for (int i = 0; i < b->n_done; i++)
            if (rv_writer_record(w, b->rec[i], err) < 0) return err->code;
    }
    if (b->err.code < 0) { *err = b->err; return err->code; }
    return 0;
}

/* A copy of h for one worker, with the same tag and contig numbers (the text BCF headers carry,
 * IDX= included: bcf_hdr_dup would number them afresh). */
static bcf_hdr_t *hdr_copy(const bcf_hdr_t *h)
{
    kstring_t t = { 0, 0, NULL };
    bcf_hdr_t *c = bcf_hdr_format(h, 1, &t) == 0 ? bcf_hdr_init("r") : NULL;
    if (c && bcf_hdr_parse(c, t.s) < 0) { bcf_hdr_destroy(c); c = NULL; }
    free(t.s);
    return c;
}

static int shared_init(shared *sh, int n, const rv_model *m, const char *fasta, const rv_csq_conv *conv,
                       const bcf_hdr_t *hdr, rv_err *err)
{
    sh->n_ids = hdr->n[BCF_DT_ID];
    sh->n_ctgs = hdr->n[BCF_DT_CTG];
    if (!(sh->engines = calloc((size_t)n, sizeof *sh->engines))) return rv_err_set(err, RV_ENOMEM, "out of memory");
    for (int i = 0; i < n; i++) {
        engine *e = &sh->engines[i];
        sh->n_engines++;
        if (rv_genome_open(&e->gen, fasta, err) < 0 || rv_conseq_new(&e->cq, m, e->gen, err) < 0) return err->code;
        rv_conseq_set_conventions(e->cq, conv);
        if (!sh->text && !(e->hdr = hdr_copy(hdr)))
            return rv_err_set(err, RV_ENOMEM, "cannot copy the VCF header for a worker");
        e->next = sh->free_engines;
        sh->free_engines = e;
    }
    return 0;
}

static void shared_free(shared *sh)
{
    for (int i = 0; i < sh->n_engines; i++) {
        rv_conseq_free(sh->engines[i].cq);
        rv_genome_close(sh->engines[i].gen);
        if (sh->engines[i].hdr) bcf_hdr_destroy(sh->engines[i].hdr);
    }
    free(sh->engines);
}

/* The oldest batch the pool finished (waiting for it when wait), written unless an error came
 * first (*rc), and put back among the spare ones. 0 when none was ready. */
static int collect(hts_tpool_process *q, int wait, batch **spare, rv_writer *w, rv_csq_stream_stats *st,
                   int *rc, rv_err *err)
{
    hts_tpool_result *res = wait ? hts_tpool_next_result_wait(q) : hts_tpool_next_result(q);
    if (!res) {
        if (wait && *rc == 0) *rc = rv_err_set(err, RV_ENOMEM, "the consequence queue stopped");
        return 0;
    }
    batch *d = hts_tpool_result_data(res);
    hts_tpool_delete_result(res, 0);
    if (*rc == 0) *rc = batch_write(d, w, st, err);
    d->next = *spare;
    *spare = d;
    return 1;
}

int rv_csq_stream(rv_reader *r, rv_writer *w, const rv_model *m, const char *fasta, const rv_csq_conv *conv,
                  htsThreadPool *pool, const char *in, rv_csq_stream_stats *st, rv_err *err)
{
    int threads = pool && pool->pool ? hts_tpool_size(pool->pool) : 0;
    shared sh = { .text = rv_writer_is_text(w), .in = in };
    memset(st, 0, sizeof *st);
    if (pthread_mutex_init(&sh.lock, NULL) != 0) return rv_err_set(err, RV_ENOMEM, "cannot create a lock");
    hts_tpool_process *q = NULL;
    batch *spare = NULL;               /* batches not in the pool; all of them at the end */
    int in_flight = 0, more = 1, read_rc = 0;
    rv_err read_err;
    rv_err_clear(&read_err);
    int rc = shared_init(&sh, threads ? threads : 1, m, fasta, conv, rv_reader_header(r), err);
    if (rc == 0 && threads && !(q = hts_tpool_process_init(pool->pool, 2 * threads, 0)))
        rc = rv_err_set(err, RV_ENOMEM, "cannot start the consequence queue");
    while (rc == 0 && more) {
        batch *b = spare;
        if (b) spare = b->next;
        else if ((b = calloc(1, sizeof *b))) b->sh = &sh;
        else { rc = rv_err_set(err, RV_ENOMEM, "out of memory"); break; }
        /* a read error ends the input; the records before it are still written */
        int got = batch_fill(b, r, &read_err);
        if (got < 0) read_rc = got;
        more = got > 0;
        int queued = 0;
        if (b->n && !threads) {
            batch_compute(b, &sh.engines[0]);
            rc = batch_write(b, w, st, err);
        } else if (b->n) {
            while (rc == 0) {
                if (hts_tpool_dispatch2(pool->pool, q, batch_job, b, 1) == 0) { queued = 1; in_flight++; break; }
                if (errno != EAGAIN) rc = rv_err_set(err, RV_ENOMEM, "cannot queue a batch");
                else if (collect(q, 1, &spare, w, st, &rc, err)) in_flight--;   /* full: write the oldest */
            }
        }
        if (!queued) { b->next = spare; spare = b; }
        while (in_flight && collect(q, 0, &spare, w, st, &rc, err)) in_flight--;
    }
    /* the rest, in order (after an error: let the running jobs finish before their batches go) */
    while (in_flight && collect(q, 1, &spare, w, st, &rc, err)) in_flight--;
    if (q) hts_tpool_process_destroy(q);
    while (spare) { batch *b = spare; spare = b->next; batch_free(b); }
    shared_free(&sh);
    pthread_mutex_destroy(&sh.lock);
    if (rc == 0 && read_rc < 0) { *err = read_err; rc = read_rc; }
    return rc;
}
