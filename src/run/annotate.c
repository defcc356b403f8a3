/* run/annotate.c: stream, join, classify, write (run/annotate.h). */
#include <stdlib.h>
#include <string.h>
#include "input/vcf_writer.h"
#include "classify/classifier.h"
#include "classify/vcf_tags.h"
#include "classify/residue_index.h"
#include "run/annotate.h"

/* Copy line into out with tags spliced into its INFO column (info, info_n: the column as
 * rv_reader_columns gives it, inside line). */
static void splice_info(const kstring_t *line, const char *info, size_t info_n, const kstring_t *tags,
                        kstring_t *out)
{
    const char *q = info + info_n, *end = line->s + line->l;
    out->l = 0;
    if (info_n == 1 && *info == '.') {
        kputsn(line->s, (size_t)(info - line->s), out);
    } else {
        kputsn(line->s, (size_t)(q - line->s), out);
        kputc(';', out);
    }
    kputsn(tags->s, tags->l, out);
    kputsn(q, (size_t)(end - q), out);
}

/* The writer mode the output will get: the caller's, else from the file name. */
static char out_mode(const rv_annotate_opts *o)
{
    if (o->mode) return o->mode;
    size_t n = strlen(o->out);
    return strcmp(o->out, "-") != 0 && n > 4 && strcmp(o->out + n - 4, ".bcf") == 0 ? 'b' : 'v';
}

/* Everything one stream holds; released by stream_close. */
typedef struct stream {
    rv_annotator *ann;
    rv_classifier *cls;
    rv_reader *r;
    rv_vcf_classify *vc;
    rv_gene_model *gm;
    rv_writer *w;
    kstring_t tags, cls_tags, line;   /* the sources' tags, the classification's, the line */
} stream;

static void stream_close(stream *s)
{
    if (s->w) rv_writer_abort(s->w);
    rv_vcf_classify_close(s->vc);
    rv_reader_close(s->r);
    rv_classifier_close(s->cls);             /* its residue table looks beside the gene model */
    rv_gene_model_close(s->gm);
    rv_annotator_close(s->ann);
    free(s->tags.s);
    free(s->cls_tags.s);
    free(s->line.s);
}

/* Open the sources, the classifier, the input, the record path and the output. */
static int stream_open(stream *s, const rv_annotate_opts *o, rv_err *err)
{
    int rc = o->n_index ? rv_annotator_open(&s->ann, o->index, o->n_index, err)
                        : rv_annotator_open_home(&s->ann, o->home, o->names, o->n_names, err);
    if (rc < 0) return rc;
    if (o->rules) {
        if ((rc = rv_classifier_open(o->rules, &s->cls, err)) < 0) return rc;
        rv_annotator_set_stars(s->ann, 0);        /* RV_STARS comes with the classification */
    }
    if (rv_annotator_n_sources(s->ann) == 0)
        rv_msg(&o->msg, RV_MSG_WARN, "annotate: no active sources in %s: the output gets no annotation (exit status 1)",
               o->home ? o->home : "the given indexes");
    rv_reader_opts ro = o->reader;
    char mode = out_mode(o);
    ro.full_parse = mode == 'b' || mode == 'u';
    if ((rc = rv_reader_open(&s->r, o->in, &ro, err)) < 0) return rc;
    bcf_hdr_t *hdr = rv_reader_header(s->r);
    int rows;                                     /* PS1/PM5 from the active ClinVar release (and gene model) */
    if ((rc = rv_vcf_classify_open(&s->vc, o->in, hdr, rv_reader_build(s->r), s->ann, s->cls, err)) < 0 ||
        (s->cls && (rc = rv_gene_model_open_home(&s->gm, o->n_index ? NULL : o->home, o->reader.fasta, err)) < 0))
        return rc;
    if (s->gm && o->conventions) rv_gene_model_set_conventions(s->gm, o->conventions);
    if ((s->cls && (rc = rv_residues_attach(s->cls, s->ann, s->gm, &rows, err)) < 0) ||
        (rc = rv_annotator_check_build(s->ann, rv_reader_build(s->r), o->in, err)) < 0 ||
        (rc = rv_annotator_header(s->ann, hdr, err)) < 0 ||
        (s->cls && (rc = rv_classification_hdr(hdr, err)) < 0) ||
        (rc = rv_hdr_add_provenance(hdr, o->command_line, err)) < 0)
        return rc;
    rv_vcf_classify_set_model(s->vc, s->gm, o->consequence);
    return rv_writer_open(&s->w, o->out, o->mode, hdr, o->reader.threads, err);
}

/* One record: its tags (sources, then classification) and the record written. Text and BCF
 * output carry the same tags: the sources' of this record, and the classification's (or why
 * the record was not classified) as one text that both writers take. */
static int stream_record(stream *s, const rv_annotate_opts *o, rv_nrec *rec, int need_ev,
                         rv_annotate_report *rep, rv_err *err)
{
    rv_evidence ev;
    rv_classification res;
    int rc, n_ann = 0;
    s->tags.l = 0;
    s->cls_tags.l = 0;
    if (rec->symbolic) {
        /* a structural or symbolic allele passes through, but never silently (a gVCF's
         * reference block is no variant: no tag) */
        if (!rec->gvcf_block && s->cls && rv_classification_not_evaluated("symbolic allele", &s->cls_tags) < 0)
            return rv_err_set(err, RV_ENOMEM, "out of memory");
    } else if (!need_ev) {
        /* tags only: no evidence record to fill */
        rv_annotator_variant(s->ann, &rec->key, NULL);
        n_ann = rv_annotator_info_text(s->ann, &s->tags);
    } else {
        if ((rc = rv_vcf_classify_evidence(s->vc, s->r, rec, &ev, err)) < 0) return rc;
        n_ann = rv_annotator_info_text(s->ann, &s->tags);
        if (s->cls) {
            if ((rc = rv_vcf_classify_record(s->vc, rec, &ev, &res, err)) < 0) return rc;
            if (rv_classification_info(s->cls, &res, &s->cls_tags) < 0) return rv_err_set(err, RV_ENOMEM, "out of memory");
        }
    }
    if (n_ann > 0) rep->n_annotated++;
    if (rv_writer_is_text(s->w)) {
        const kstring_t *l = rv_reader_line(s->r);
        if (!l) return rv_err_set(err, RV_EINPUT, "%s:%lld: cannot format record", o->in, (long long)rec->line_no);
        if (s->cls_tags.l) {
            if (s->tags.l) kputc(';', &s->tags);
            kputsn(s->cls_tags.s, s->cls_tags.l, &s->tags);
        }
        if (!s->tags.l) return rv_writer_line(s->w, l->s, l->l, err);
        const char *col[8];
        size_t cl[8];
        if (rv_reader_columns(s->r, col, cl) < 8)
            return rv_err_set(err, RV_EINPUT, "%s:%lld: fewer than 8 columns", o->in, (long long)rec->line_no);
        splice_info(l, col[7], cl[7], &s->tags, &s->line);
        return rv_writer_line(s->w, s->line.s, s->line.l, err);
    }
    bcf1_t *b = rv_reader_bcf(s->r, err);
    if (!b) return err ? err->code : RV_EINPUT;
    rc = 0;
    /* the sources' hits belong to this record only when it was looked up */
    if (n_ann > 0) rc = rv_annotator_info_bcf(s->ann, rv_reader_header(s->r), b, err);
    if (rc == 0 && s->cls_tags.l) rc = rv_classification_tags_bcf(s->cls_tags.s, rv_reader_header(s->r), b, err);
    if (rc == 0) rc = rv_writer_record(s->w, b, err);
    return rc;
}

int rv_annotate_stream(const rv_annotate_opts *o, rv_annotate_report *rep, rv_err *err)
{
    memset(rep, 0, sizeof *rep);
    stream s;
    memset(&s, 0, sizeof s);
    int rc = stream_open(&s, o, err);
    if (rc == 0) {
        int need_ev = s.cls || rv_vcf_classify_has_csq(s.vc) || rv_annotator_gene_level(s.ann);
        rv_nrec *rec;
        while ((rc = rv_reader_next(s.r, &rec, err)) > 0) {
            /* the share read costs a file-offset call: every 1024 records is often enough */
            if (o->progress) rv_meter_add(o->progress, 1, (rep->n_out & 1023) ? -1 : rv_reader_fraction(s.r));
            if ((rc = stream_record(&s, o, rec, need_ev, rep, err)) < 0) break;
            rep->n_out++;
        }
    }
    if (rc == 0) {
        rc = rv_writer_commit(s.w, err);
        s.w = NULL;                    /* committed, or released by the failed commit */
    }
    if (rc == 0) {
        rep->n_sources = rv_annotator_n_sources(s.ann);
        rv_msg(&o->msg, RV_MSG_INFO, "annotate: %lld records written, %lld annotated",
               (long long)rep->n_out, (long long)rep->n_annotated);
        for (int i = 0; i < rep->n_sources; i++) {
            const char *nm, *ver, *role;
            rv_annotator_source(s.ann, i, &nm, &ver, &role, NULL);
            rv_msg(&o->msg, RV_MSG_INFO, "annotate: %s %s (%s): %lld matches", nm, ver, role,
                   (long long)rv_annotator_hits(s.ann, i));
        }
    }
    stream_close(&s);
    return rc < 0 ? rc : 0;
}
