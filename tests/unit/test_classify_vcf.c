/* Unit test: end to end on real VEP-annotated VCFs. Evidence comes only from the input's
 * own annotation (consequence, REVEL, SpliceAI in CSQ); each record's classification INFO
 * is compared with a reviewed golden file. Set REVUS_UPDATE_GOLDEN=1 to rewrite it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <htslib/vcf.h>
#include "classify.h"
#include "consequence.h"
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
    rv_classifier_close(c);
    return TEST_REPORT();
}
