/* Unit test: end to end on real VEP-annotated VCFs. Evidence comes only from the input's
 * own annotation (consequence, REVEL, SpliceAI in CSQ); each record's classification INFO
 * is compared with a reviewed golden file. Set REVUS_UPDATE_GOLDEN=1 to rewrite it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <htslib/vcf.h>
#include "classify/classifier.h"
#include "classify/vcf_tags.h"
#include "input/vcf_csq.h"
#include "testhelp.h"

static void run(const rv_classifier *c, const char *path, kstring_t *out)
{
    htsFile *f = hts_open(path, "r");
    bcf_hdr_t *h = bcf_hdr_read(f);
    bcf1_t *rec = bcf_init();
    rv_csq *p = NULL;
    rv_err err;
    CHECK_INT(rv_csq_open(h, NULL, &p, &err), 0);
    char *val = NULL;
    int nval = 0;
    while (bcf_read(f, h, rec) == 0) {
        bcf_unpack(rec, BCF_UN_INFO);
        int got = bcf_get_info_string(h, rec, rv_csq_tag(p), &val, &nval);
        for (int a = 1; a < rec->n_allele; a++) {
            const char *chrom = bcf_seqname(h, rec), *ref = rec->d.allele[0], *alt = rec->d.allele[a];
            rv_varkey k = { rv_contig_id(chrom, strlen(chrom)), rec->pos + 1, ref, alt,
                            (uint32_t)strlen(ref), (uint32_t)strlen(alt) };
            rv_varkey_trim(&k);
            rv_evidence ev;
            rv_evidence_init(&ev, &k);
            if (got > 0) rv_csq_fill(p, val, strlen(val), ref, strlen(ref), alt, strlen(alt), a, &ev, &err);
            rv_classification r;
            CHECK_INT(rv_classify(c, &ev, &r, &err), 0);
            ksprintf(out, "%s:%lld:%s:%s\t", chrom, (long long)rec->pos + 1, ref, alt);
            rv_classification_info(c, &r, out);
            kputc('\n', out);
        }
    }
    free(val);
    rv_csq_close(p);
    bcf_destroy(rec);
    bcf_hdr_destroy(h);
    hts_close(f);
}

int main(void)
{
    hts_set_log_level(HTS_LOG_ERROR);
    rv_classifier *c = NULL;
    rv_err err;
    TEST_CASE("rules");
    CHECK_INT(rv_classifier_open("pipeline/acmg.json", &c, &err), 0);
    if (!c) return TEST_REPORT();
    kstring_t out = { 0, 0, NULL };
    run(c, "test-data/classify/scout_vep104_annotated.vcf", &out);
    run(c, "test-data/classify/scout_643594.csq_ann_subset.vcf", &out);
    run(c, "test-data/classify/bcftools_split-vep.4.vcf", &out);

    const char *golden = "test-data/classify/golden_classify_vcf.txt";
    if (getenv("REVUS_UPDATE_GOLDEN")) {
        FILE *g = fopen(golden, "w");
        fputs(out.s, g);
        fclose(g);
    }
    TEST_CASE("golden classification INFO");
    FILE *g = fopen(golden, "r");
    CHECK(g != NULL);
    if (g) {
        static char want[1 << 20];
        size_t n = fread(want, 1, sizeof want - 1, g);
        want[n] = '\0';
        fclose(g);
        CHECK_STR(out.s, want);
    }
    free(out.s);

    /* the same through the record path annotate and run use (rv_reader + rv_vcf_classify) */
    TEST_CASE("record path gives the golden tags");
    rv_reader *rd = NULL;
    rv_reader_opts o = { 0 };
    const char *path = "test-data/classify/scout_643594.csq_ann_subset.vcf";
    CHECK_INT(rv_reader_open(&rd, path, &o, &err), 0);
    rv_vcf_classify *v = NULL;
    if (rd) CHECK_INT(rv_vcf_classify_open(&v, path, rv_reader_header(rd), RV_BUILD_GRCH37, NULL, c, &err), 0);
    if (rd && v) {
        CHECK_INT(rv_vcf_classify_has_csq(v), 1);
        rv_nrec *rec;
        kstring_t tags = { 0, 0, NULL }, all = { 0, 0, NULL };
        int n = 0;
        rv_evidence ev;
        rv_classification res;
        while (rv_reader_next(rd, &rec, &err) > 0) {
            CHECK_INT(rv_vcf_classify_evidence(v, rd, rec, &ev, &err), 0);
            CHECK_INT(ev.has_csq, 1);
            CHECK_INT(rv_vcf_classify_record(v, rec, &ev, &res, &err), 0);
            tags.l = 0;
            CHECK_INT(rv_classification_info(c, &res, &tags), 0);
            ksprintf(&all, "%s\n", tags.s);
            n++;
        }
        CHECK_INT(n, 12);
        /* consequence-based notes match the htslib path for the same records */
        CHECK(strstr(all.s, "RV_CLASS=VUS;RV_POINTS=0;RV_VUS_TIER=ice_cold;RV_NOT_EVALUATED=BA1/BS1/BS2/PM2:_not_evaluated:_no_population-frequency_source,PP3/BP4/BP7:_not_evaluated:_no_SpliceAI_score") != NULL);

        /* a classifier error names the input and its line */
        TEST_CASE("record path errors name file and line");
        rv_evidence bad;
        rv_evidence_init(&bad, NULL);
        bad.has_clinvar = 1;
        bad.clnsig = (rv_str){ "Not_a_ClinVar_term", 18 };
        rec->line_no = 42;
        CHECK(rv_vcf_classify_record(v, rec, &bad, &res, &err) < 0);
        CHECK(strncmp(err.msg, "test-data/classify/scout_643594.csq_ann_subset.vcf:42: ", 55) == 0);

        /* a declared population source turns "not evaluated" into PM2 for absent sites */
        TEST_CASE("declared population source");
        rv_classifier_set_population_source(c, "gnomad-v2-exomes", "2.1.1");
        rv_evidence_init(&ev, NULL);
        CHECK_INT(rv_classify(c, &ev, &res, &err), 0);
        tags.l = 0;
        CHECK_INT(rv_classification_info(c, &res, &tags), 0);
        CHECK(strstr(tags.s, "RV_CRITERIA=PM2_Supporting|1|absent|gnomad-v2-exomes@2.1.1") != NULL);
        free(tags.s);
        free(all.s);
    }
    rv_vcf_classify_close(v);
    rv_reader_close(rd);
    rv_classifier_close(c);
    return TEST_REPORT();
}
