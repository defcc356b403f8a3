/* csq/tag.c: the RV_CSQ INFO tag: header line and entries (csq/tag.h). */
#include <stdio.h>
#include <string.h>
#include "csq/tag.h"

#define FIELDS "Consequence|Allele|SYMBOL|HGNC_ID|Feature|BIOTYPE|STRAND|MANE|EXON|INTRON|HGVSc|HGVSp|" \
               "Protein_position|Amino_acids|SPLICE_DIST|NMD|FLAGS"

int rv_csq_header(bcf_hdr_t *h, const rv_model *m, rv_err *err)
{
    char line[1024];
    bcf_hdr_remove(h, BCF_HL_INFO, RV_CSQ_TAG);
    snprintf(line, sizeof line, "##INFO=<ID=%s,Number=.,Type=String,Description=\"Consequences computed by revus csq "
             "with gene model %s %s, one entry per ALT and transcript. Format: %s\">", RV_CSQ_TAG,
             rv_model_source(m), rv_model_version(m), FIELDS);
    if (bcf_hdr_append(h, line) < 0) return rv_err_set(err, RV_ENOMEM, "cannot add the %s header line", RV_CSQ_TAG);
    snprintf(line, sizeof line, "##revusGeneModel=<source=%s,version=%s,build=%s>", rv_model_source(m),
             rv_model_version(m), rv_build_name(rv_model_build(m)));
    if (bcf_hdr_append(h, line) < 0 || bcf_hdr_sync(h) < 0)
        return rv_err_set(err, RV_ENOMEM, "cannot add the gene model header line");
    return 0;
}

void rv_csq_terms(kstring_t *s, uint32_t terms)
{
    int first = 1;
    for (int i = 0; i < RV_SO_N; i++)
        if (terms & (1u << i)) {
            if (!first) kputc('&', s);
            kputs(rv_so_name(i), s);
            first = 0;
        }
}

static void range(kstring_t *s, const int *r, int total)
{
    if (!r[0]) return;
    kputw(r[0], s);
    if (r[1] != r[0]) { kputc('-', s); kputw(r[1], s); }
    kputc('/', s); kputw(total, s);
}

void rv_csq_format(kstring_t *s, const rv_effect *e, int n, const char *allele, size_t allele_len)
{
    for (int i = 0; i < n; i++) {
        const rv_effect *x = &e[i];
        const rv_tx *t = x->tx;
        if (s->l && s->s[s->l - 1] != '=') kputc(',', s);
        rv_csq_terms(s, x->terms);
        kputc('|', s); kputsn(allele, (int)allele_len, s);
        kputc('|', s); kputs(t->symbol, s); kputc('|', s); kputs(t->hgnc, s);
        kputc('|', s); kputs(t->id, s); kputc('|', s); kputs(t->biotype, s);
        kputc('|', s); kputc(t->strand, s); kputc('|', s);
        kputs(t->flags & RV_TX_MANE_SELECT ? "MANE_Select" : t->flags & RV_TX_MANE_PLUS ? "MANE_Plus_Clinical" : "", s);
        kputc('|', s); range(s, x->exon, t->n_exon);
        kputc('|', s); range(s, x->intron, t->n_exon - 1);
        kputc('|', s); if (x->hgvsc.l) kputsn(x->hgvsc.s, (int)x->hgvsc.l, s);
        kputc('|', s); if (x->hgvsp.l) kputsn(x->hgvsp.s, (int)x->hgvsp.l, s);
        kputc('|', s); if (x->prot_pos) kputll(x->prot_pos, s);
        kputc('|', s);
        if (x->ref_aa[0]) {
            kputc(x->ref_aa[0], s);
            if (x->alt_aa[0] != x->ref_aa[0]) { kputc('/', s); kputc(x->alt_aa[0], s); }
        }
        kputc('|', s); if (x->splice_dist >= 0) kputll(x->splice_dist, s);
        kputc('|', s); kputs(rv_nmd_name(x->nmd), s);
        kputc('|', s);
        unsigned inc = t->flags & RV_TX_INCOMPLETE;
        if (inc & RV_TX_CDS_START_NF) kputs("cds_start_NF", s);
        if (inc & RV_TX_CDS_END_NF) { if (inc & RV_TX_CDS_START_NF) kputc('&', s); kputs("cds_end_NF", s); }
        if (inc & RV_TX_CDS_NOT3) { if (inc & (RV_TX_CDS_START_NF | RV_TX_CDS_END_NF)) kputc('&', s); kputs("cds_not_multiple_of_3", s); }
    }
}
