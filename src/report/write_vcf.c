/* report/write_vcf.c: one sample's flagged variants as VCF, for pipelines and genome browsers.
 *
 * Text VCF 4.2, records sorted by canonical contig and position, contigs named as revus
 * names them (1..22, X, Y, MT) with lengths from pipeline/genome_builds.tsv. One record per
 * variant (its most urgent flag when a selection holds several). The classification rides
 * in RVS_* INFO tags; the genotype comes from the stored zygosity. INFO values are
 * percent-encoded (VCF 4.3 style) for ; = , % : tab and space. */
#include <stdlib.h>
#include <string.h>
#include "variant/contig.h"
#include "report/write.h"
#include "variant/varkey.h"
#include "input/vcf_writer.h"

static const struct { const char *id, *number, *type, *desc; } info_tags[] = {
    { "RVS_FLAG", "1", "Integer", "revus flag id (revus ack FLAG_ID)" },
    { "RVS_CATEGORY", "1", "String", "Flag category: plp_downgraded, vus_upgraded, new_candidate, left_candidates, vus_downgraded, evidence_changed" },
    { "RVS_PRIORITY", "1", "Integer", "Flag priority (1 most urgent)" },
    { "RVS_CLASS", "1", "String", "Class now (P, LP, VUS, LB, B)" },
    { "RVS_POINTS", "1", "Integer", "ACMG/AMP points now" },
    { "RVS_VUS_TIER", "1", "String", "VUS sub-tier now (hot, warm, cold)" },
    { "RVS_CRITERIA", ".", "String", "ACMG/AMP criteria met now" },
    { "RVS_PREV_CLASS", "1", "String", "Class in the earlier run" },
    { "RVS_PREV_POINTS", "1", "Integer", "ACMG/AMP points in the earlier run" },
    { "RVS_REPORTED_CLASS", "1", "String", "Class the lab reported" },
    { "RVS_SIGNIFICANT", "0", "Flag", "New class is in another management group (P/LP, VUS, LB/B) than the reported (else previous) class" },
    { "RVS_CLINVAR_STARS", "1", "Integer", "ClinVar review stars now (0-4)" },
    { "RVS_TRIGGER", "1", "String", "Source change that raised the flag: source|old_version|new_version|field" },
    { "RVS_GENE", "1", "String", "Gene symbol" },
    { "RVS_HGVS", "1", "String", "HGVS: transcript:c. and p. (three-letter amino acids)" },
    { "RVS_CONDITION", "1", "String", "Condition of the gene-disease validity curation(s) (ClinGen), '; '-separated" },
    { "RVS_MONDO", "1", "String", "MONDO id(s) of that condition, '; '-separated" },
    { "RVS_CLINVAR_DISEASE", "1", "String", "Conditions ClinVar names for the variant (CLNDN), '; '-separated" },
    { "RVS_CLINVAR_ID", "1", "Integer", "ClinVar Variation ID" },
    { "RVS_REPORT_ID", "1", "String", "The lab's own id of its report" },
    { "RVS_EVIDENCE", "1", "String", "The evidence in one plain-words sentence" },
    { "RVS_ACK", "0", "Flag", "The flag has been acknowledged" },
};

typedef struct { const rv_report_line *l; rv_varkey k; } vrec;

static int cmp_vrec(const void *pa, const void *pb)
{
    const vrec *a = pa, *b = pb;
    return rv_varkey_cmp(&a->k, &b->k);
}

static void put_enc(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (strchr(";=,%: \t\r\n", *s)) fprintf(f, "%%%02X", (unsigned char)*s);
        else fputc(*s, f);
    }
}

/* ";KEY=value" with the value encoded; nothing when value is NULL or empty. */
static void tag(FILE *f, int *first, const char *key, const char *value)
{
    if (!value || !*value) return;
    fprintf(f, "%s%s=", *first ? "" : ";", key);
    *first = 0;
    put_enc(f, value);
}

static void tag_int(FILE *f, int *first, const char *key, long long v)
{
    fprintf(f, "%s%s=%lld", *first ? "" : ";", key, v);
    *first = 0;
}

static void write_record(FILE *f, const vrec *v)
{
    const rv_report_line *l = v->l;
    fprintf(f, "%s\t%lld\t.\t%.*s\t%.*s\t.\t.\t", rv_contig_name(v->k.contig), (long long)v->k.pos,
            (int)v->k.ref_len, v->k.ref, (int)v->k.alt_len, v->k.alt);
    int first = 1;
    tag_int(f, &first, "RVS_FLAG", (long long)l->flag_id);
    tag(f, &first, "RVS_CATEGORY", l->category);
    tag_int(f, &first, "RVS_PRIORITY", l->priority);
    tag(f, &first, "RVS_CLASS", l->now.klass);
    if (l->now.has_points) tag_int(f, &first, "RVS_POINTS", l->now.points);
    tag(f, &first, "RVS_VUS_TIER", l->now.vus_tier);
    if (l->now.criteria && *l->now.criteria) {
        /* Number=. list: commas separate values and stay unencoded */
        fprintf(f, ";RVS_CRITERIA=");
        for (const char *s = l->now.criteria; *s; s++) {
            if (*s == ',') fputc(',', f);
            else { char one[2] = { *s, 0 }; put_enc(f, one); }
        }
    }
    tag(f, &first, "RVS_PREV_CLASS", l->before.klass);
    if (l->before.has_points) tag_int(f, &first, "RVS_PREV_POINTS", l->before.points);
    tag(f, &first, "RVS_REPORTED_CLASS", l->reported_class);
    if (rv_report_line_significant(l)) fputs(";RVS_SIGNIFICANT", f);
    if (l->now.clinvar_stars >= 0) tag_int(f, &first, "RVS_CLINVAR_STARS", l->now.clinvar_stars);
    if (l->trigger_source) {
        char buf[1024];
        snprintf(buf, sizeof buf, "%s|%s|%s|%s", l->trigger_source,
                 l->trigger_old_version ? l->trigger_old_version : "",
                 l->trigger_new_version ? l->trigger_new_version : "",
                 l->trigger_field ? l->trigger_field : "");
        tag(f, &first, "RVS_TRIGGER", buf);
    }
    tag(f, &first, "RVS_GENE", l->gene);
    tag(f, &first, "RVS_HGVS", l->hgvs);
    tag(f, &first, "RVS_CONDITION", l->condition);
    tag(f, &first, "RVS_MONDO", l->mondo);
    tag(f, &first, "RVS_CLINVAR_DISEASE", l->clinvar_disease);
    if (l->clinvar_id > 0) tag_int(f, &first, "RVS_CLINVAR_ID", (long long)l->clinvar_id);
    tag(f, &first, "RVS_REPORT_ID", l->report_id);
    tag(f, &first, "RVS_EVIDENCE", l->evidence);
    if (l->acked) fputs(";RVS_ACK", f);
    const char *gt = "./.";
    if (l->zygosity) {
        if (!strcmp(l->zygosity, "het")) gt = "0/1";
        else if (!strcmp(l->zygosity, "hom")) gt = "1/1";
        else if (!strcmp(l->zygosity, "hemi")) gt = "1";
    }
    fprintf(f, "\tGT\t%s\n", gt);
}

int rv_report_write_vcf(const rv_report *r, const char *sample, FILE *f, rv_err *err)
{
    if (!sample) {
        for (size_t i = 0; i < r->n_lines; i++) {
            const char *s = r->lines[i].sample;
            if (!s) continue;
            if (sample && strcmp(sample, s) != 0)
                return rv_err_set(err, RV_EUSAGE, "vcf report: the selection holds several samples "
                                  "(%s, %s, ...); choose one with --sample", sample, s);
            sample = s;
        }
        if (!sample) return rv_err_set(err, RV_EUSAGE, "vcf report: no sample in the selection");
    }
    vrec *v = calloc(r->n_lines ? r->n_lines : 1, sizeof *v);
    if (!v) return rv_err_set(err, RV_ENOMEM, "vcf report: out of memory");
    size_t n = 0;
    const char *build = NULL;
    for (size_t i = 0; i < r->n_lines; i++) {
        const rv_report_line *l = &r->lines[i];
        if (!l->sample || strcmp(l->sample, sample) != 0 || !l->variant) continue;
        rv_varkey k;
        if (rv_varkey_parse(l->variant, &k) < 0) {
            free(v);
            return rv_err_set(err, RV_EINPUT, "vcf report: flag %lld: malformed variant key '%s'",
                              (long long)l->flag_id, l->variant);
        }
        /* lines are in urgency order: keep the first flag of each variant */
        int dup = 0;
        for (size_t j = 0; j < n && !dup; j++) dup = rv_varkey_eq(&v[j].k, &k);
        if (dup) continue;
        v[n].l = l; v[n].k = k; n++;
        if (l->build) build = l->build;
    }
    qsort(v, n, sizeof *v, cmp_vrec);

    fputs("##fileformat=VCFv4.2\n##source=revus report\n", f);
    if (r->generator) fprintf(f, "##revusVersion=%s\n", r->generator);
    if (build) fprintf(f, "##reference=%s\n", build);
    rv_build b = rv_build_parse(build);
    for (int c = 0; c < RV_N_CONTIGS; c++) {
        int64_t len = rv_build_contig_length(b, c);
        if (len > 0) fprintf(f, "##contig=<ID=%s,length=%lld>\n", rv_contig_name(c), (long long)len);
        else fprintf(f, "##contig=<ID=%s>\n", rv_contig_name(c));
    }
    for (size_t i = 0; i < r->n_sources; i++) {
        const rv_report_source *s = &r->sources[i];
        fputs("##revusSource=<ID=", f); put_enc(f, s->name ? s->name : "");
        fputs(",Version=\"", f); put_enc(f, s->version ? s->version : "");
        fputs("\",SHA256=", f); put_enc(f, s->sha256 ? s->sha256 : "");
        fputs(">\n", f);
    }
    for (size_t i = 0; i < sizeof info_tags / sizeof info_tags[0]; i++)
        fprintf(f, "##INFO=<ID=%s,Number=%s,Type=%s,Description=\"%s\">\n", info_tags[i].id,
                info_tags[i].number, info_tags[i].type, info_tags[i].desc);
    fputs("##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n", f);
    fputs("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t", f);
    put_enc(f, sample);
    fputc('\n', f);
    for (size_t i = 0; i < n; i++) write_record(f, &v[i]);
    free(v);
    if (fflush(f) != 0 || ferror(f)) return rv_err_set(err, RV_EIO, "vcf report: write failed");
    return 0;
}

int rv_report_write_vcf_path(const rv_report *r, const char *sample, const char *path, rv_err *err)
{
    char *text = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&text, &n);
    if (!m) return rv_err_set(err, RV_ENOMEM, "vcf report: out of memory");
    int rc = rv_report_write_vcf(r, sample, m, err);
    fclose(m);
    if (rc < 0) { free(text); return rc; }

    /* the header is everything up to and including the #CHROM line */
    char *chrom = strstr(text, "\n#CHROM");
    char *body = chrom ? strchr(chrom + 1, '\n') : NULL;
    if (!body) { free(text); return rv_err_set(err, RV_EINPUT, "vcf report: no #CHROM line"); }
    *body++ = '\0';
    bcf_hdr_t *h = bcf_hdr_init("r");
    if (!h || bcf_hdr_parse(h, text) < 0) {
        bcf_hdr_destroy(h); free(text);
        return rv_err_set(err, RV_EINPUT, "vcf report: htslib rejected the header");
    }
    rv_writer *w = NULL;
    bcf1_t *rec = bcf_init();
    if (!rec) rc = rv_err_set(err, RV_ENOMEM, "vcf report: out of memory");
    if (rc == 0) rc = rv_writer_open(&w, path, 0, h, 0, err);
    kstring_t line = { 0, 0, NULL };
    for (char *p = body; rc == 0 && *p; ) {
        char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (rv_writer_is_text(w)) rc = rv_writer_line(w, p, len, err);
        else {
            /* BCF: parse the text record (vcf_parse tokenises its own copy) */
            line.l = 0;
            kputsn(p, len, &line);
            if (vcf_parse(&line, h, rec) < 0) rc = rv_err_set(err, RV_EINPUT, "vcf report: htslib rejected a record");
            else rc = rv_writer_record(w, rec, err);
        }
        p = e ? e + 1 : p + len;
    }
    free(line.s);
    if (w) { if (rc == 0) rc = rv_writer_commit(w, err); else rv_writer_abort(w); }
    bcf_destroy(rec);
    bcf_hdr_destroy(h);
    free(text);
    return rc;
}
