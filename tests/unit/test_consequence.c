/* Unit tests: VEP CSQ, SnpEff ANN and bcftools BCSQ parsing on real annotated VCFs
 * (test-data/classify, see PROVENANCE.md): header discovery, allele matching, transcript
 * choice, field extraction and scores, checked against hand-read expectations. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <htslib/vcf.h>
#include "input/vcf_csq.h"
#include "testhelp.h"

/* One line per (record, ALT): "POS REF>ALT gene tx cons exon/n pos/len ref>alt hgnc [scores]". */
static int summarise(const char *path, const char *prefer, char *out, size_t outn, char *tag, size_t tagn)
{
    htsFile *f = hts_open(path, "r");
    if (!f) return -1;
    bcf_hdr_t *h = bcf_hdr_read(f);
    bcf1_t *rec = bcf_init();
    rv_csq *p = NULL;
    rv_err err;
    int rc = rv_csq_open(h, prefer, &p, &err);
    out[0] = '\0';
    snprintf(tag, tagn, "%s", rc == 0 && rv_csq_tag(p) ? rv_csq_tag(p) : "-");
    char *val = NULL;
    int nval = 0, n = 0;
    while (rc == 0 && bcf_read(f, h, rec) == 0) {
        bcf_unpack(rec, BCF_UN_INFO);
        int got = rv_csq_tag(p) ? bcf_get_info_string(h, rec, rv_csq_tag(p), &val, &nval) : -1;
        for (int a = 1; a < rec->n_allele; a++) {
            rv_evidence ev;
            rv_evidence_init(&ev, NULL);
            const char *ref = rec->d.allele[0], *alt = rec->d.allele[a];
            int ok = got > 0 ? rv_csq_fill(p, val, strlen(val), ref, strlen(ref), alt, strlen(alt), a, &ev, &err) : 0;
            char line[512];
            if (ok != 1) {
                snprintf(line, sizeof line, "%lld %s>%s none\n", (long long)rec->pos + 1, ref, alt);
            } else {
                int k = snprintf(line, sizeof line, "%lld %s>%s %.*s %.*s %.*s %d/%d %d/%d %.*s>%.*s %.*s",
                    (long long)rec->pos + 1, ref, alt, (int)ev.gene.n, ev.gene.s, (int)ev.transcript.n, ev.transcript.s,
                    (int)ev.consequence.n, ev.consequence.s, ev.exon, ev.n_exons, ev.protein_pos, ev.protein_len,
                    (int)ev.aa_ref.n, ev.aa_ref.s, (int)ev.aa_alt.n, ev.aa_alt.s, (int)ev.hgnc_id.n, ev.hgnc_id.s);
                for (int i = 0; i < ev.n_scores; i++)
                    k += snprintf(line + k, sizeof line - (size_t)k, " %s=%g@%s", ev.scores[i].name, ev.scores[i].value, ev.scores[i].src.version);
                snprintf(line + k, sizeof line - (size_t)k, "\n");
            }
            strncat(out, line, outn - strlen(out) - 1);
            n++;
        }
    }
    free(val);
    rv_csq_close(p);
    bcf_destroy(rec);
    bcf_hdr_destroy(h);
    hts_close(f);
    return rc ? rc : n;
}

static int has_line(const char *all, const char *line)
{
    const char *p = strstr(all, line);
    return p && (p == all || p[-1] == '\n') && p[strlen(line)] == '\n';
}

int main(int argc, char **argv)
{
    static char out[200000];
    hts_set_log_level(HTS_LOG_ERROR);   /* the scout header has tags htslib warns about */
    char tag[8];
    if (argc > 2) {   /* debugging aid: test_consequence FILE TAGS */
        summarise(argv[1], argv[2], out, sizeof out, tag, sizeof tag);
        fputs(out, stdout);
        return 0;
    }

    TEST_CASE("VEP 104 with SpliceAI and REVEL: canonical missense chosen");
    CHECK_INT(summarise("test-data/classify/scout_vep104_annotated.vcf", NULL, out, sizeof out, tag, sizeof tag), 1);
    CHECK_STR(tag, "CSQ");
    CHECK(has_line(out, "5924512 C>A NPHP4 ENST00000378156 missense_variant 28/30 1294/0 R>S HGNC:19104 SpliceAI=0.04@CSQ REVEL=0.664@CSQ"));

    TEST_CASE("VEP 97: canonical missense, old bare HGNC number");
    CHECK_INT(summarise("test-data/classify/scout_vep97_annotated_clnsig_conservation_revel.vcf", NULL, out, sizeof out, tag, sizeof tag), 1);
    CHECK(has_line(out, "986732 G>A AGRN ENST00000379370 missense_variant 31/36 1785/0 D>N HGNC:329"));

    TEST_CASE("CSQ and ANN in one file: CSQ preferred, ANN on request");
    CHECK_INT(summarise("test-data/classify/scout_643594.csq_ann_subset.vcf", NULL, out, sizeof out, tag, sizeof tag), 12);
    CHECK_STR(tag, "CSQ");
    CHECK(has_line(out, "7890024 T>G PER3 ENST00000361923 missense_variant 18/21 997/0 M>R HGNC:8847"));
    CHECK_INT(summarise("test-data/classify/scout_643594.csq_ann_subset.vcf", "ANN", out, sizeof out, tag, sizeof tag), 12);
    CHECK_STR(tag, "ANN");
    CHECK(has_line(out, "7890024 T>G PER3 ENST00000377532 missense_variant 18/21 1006/1210 Met>Arg "));

    TEST_CASE("bcftools BCSQ");
    CHECK(summarise("test-data/classify/bcftools_split-vep.4.vcf", "BCSQ", out, sizeof out, tag, sizeof tag) > 10);
    CHECK_STR(tag, "BCSQ");
    CHECK(has_line(out, "69428 T>G OR4F5 ENST00000335137 missense_variant 0/0 113/0 F>C "));
    CHECK(has_line(out, "69719 C>G OR4F5 ENST00000335137 stop_gained 0/0 210/0 S>* "));
    CHECK(has_line(out, "69270 A>G OR4F5 ENST00000335137 synonymous_variant 0/0 60/0 S>S "));
    CHECK(has_line(out, "66053 G>A none"));

    TEST_CASE("no annotation in the header");
    CHECK(summarise("test-data/classify/bcftools_split-vep.4.vcf", "ANN", out, sizeof out, tag, sizeof tag) > 0);
    CHECK_STR(tag, "-");

    TEST_CASE("severity table");
    CHECK(rv_so_severity("stop_gained", 11) < rv_so_severity("missense_variant", 16));
    CHECK(rv_so_severity("missense_variant", 16) < rv_so_severity("synonymous_variant", 18));
    CHECK(rv_so_severity("bogus", 5) > rv_so_severity("intergenic_variant", 18));

    /* allele matching on a hand-made header: VEP strips the shared first base */
    TEST_CASE("VEP indel allele '-' and multi-allelic ALLELE_NUM");
    bcf_hdr_t *h = bcf_hdr_init("w");
    bcf_hdr_append(h, "##INFO=<ID=CSQ,Number=.,Type=String,Description=\"Consequence annotations from Ensembl VEP. Format: Allele|Consequence|SYMBOL|Feature|EXON|CANONICAL|MANE_SELECT\">");
    CHECK_INT(bcf_hdr_sync(h), 0);
    rv_csq *p;
    rv_err err;
    CHECK_INT(rv_csq_open(h, NULL, &p, &err), 0);
    rv_evidence ev;
    rv_evidence_init(&ev, NULL);
    const char *v = "-|frameshift_variant|G1|T1|3/9||,-|intron_variant|G1|T2|||NM_1.1,TT|missense_variant|G1|T1|3/9|YES|";
    CHECK_INT(rv_csq_fill(p, v, strlen(v), "CA", 2, "C", 1, 1, &ev, &err), 1);
    CHECK(ev.transcript.n == 2 && memcmp(ev.transcript.s, "T2", 2) == 0);   /* MANE beats severity */
    CHECK_INT(ev.exon, 0);
    CHECK_INT(rv_csq_fill(p, v, strlen(v), "C", 1, "CTT", 3, 1, &ev, &err), 1);
    CHECK(ev.consequence.n == 16 && memcmp(ev.consequence.s, "missense_variant", 16) == 0);
    CHECK_INT(rv_csq_fill(p, v, strlen(v), "C", 1, "G", 1, 1, &ev, &err), 0);
    /* one allele in every entry: a differently trimmed key still finds it */
    const char *v1 = "T|intron_variant|G1|T2|||NM_1.1,T|stop_gained|G1|T3|2/5||";
    CHECK_INT(rv_csq_fill(p, v1, strlen(v1), "CAGT", 4, "CT", 2, 1, &ev, &err), 1);
    CHECK(ev.transcript.n == 2 && memcmp(ev.transcript.s, "T2", 2) == 0);
    rv_csq_close(p);
    bcf_hdr_destroy(h);

    TEST_CASE("a CSQ header without Format is refused");
    h = bcf_hdr_init("w");
    bcf_hdr_append(h, "##INFO=<ID=CSQ,Number=.,Type=String,Description=\"consequences\">");
    CHECK_INT(bcf_hdr_sync(h), 0);
    CHECK_INT(rv_csq_open(h, NULL, &p, &err), RV_EINPUT);
    CHECK(strstr(err.msg, "CSQ") != NULL);
    bcf_hdr_destroy(h);

    return TEST_REPORT();
}
