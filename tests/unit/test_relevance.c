/* Unit tests (issue 12): which variants are candidates, and the reasons stored with them. */
#include <string.h>
#include "classify/relevance.h"
#include "sources/clinvar.h"
#include "testhelp.h"

static char *terms[] = { "stop_gained", "frameshift_variant", "missense_variant", "splice_region_variant",
                         "splice_donor_variant", "inframe_deletion" };
static char *tiers[] = { "P/LP", "VUS", "Conflicting" };

static void evidence(rv_evidence *ev, const char *csq)
{
    rv_evidence_init(ev, NULL);
    if (csq) {
        ev->has_csq = 1;
        ev->consequence.s = csq;
        ev->consequence.n = strlen(csq);
    }
}

static int decide(const rv_relevance_in *in, const char *csq, int splice_pp3, int cv_tier, char *why, size_t n)
{
    rv_relevance_conf c = { terms, 6, tiers, 3, 0 };
    rv_evidence ev;
    evidence(&ev, csq);
    rv_classification cl;
    memset(&cl, 0, sizeof cl);
    cl.splice_pp3 = splice_pp3;
    if (cv_tier) { cl.has_clinvar = 1; cl.clinvar.tier = cv_tier; }
    return rv_relevance_decide(&c, in, &ev, &cl, why, n);
}

int main(void)
{
    char why[256];
    rv_relevance_in panel = { "panel", 1, 0, 0 };
    TEST_CASE("a panel gene's missense variant is a candidate, named by its consequence");
    CHECK_INT(decide(&panel, "missense_variant", 0, 0, why, sizeof why), 1);
    CHECK_STR(why, "panel:missense_variant");
    CHECK_INT(decide(&panel, "intron_variant&splice_region_variant", 0, 0, why, sizeof why), 1);
    CHECK_STR(why, "panel:splice_region_variant");

    TEST_CASE("intronic, synonymous, UTR, flanking: not candidates, and the reason says why");
    const char *quiet[] = { "intron_variant", "synonymous_variant", "3_prime_UTR_variant", "5_prime_UTR_variant",
                            "upstream_gene_variant", "downstream_gene_variant", "intergenic_variant" };
    for (size_t i = 0; i < sizeof quiet / sizeof *quiet; i++) {
        CHECK_INT(decide(&panel, quiet[i], 0, 0, why, sizeof why), 0);
        CHECK(strncmp(why, "not-relevant:", 13) == 0 && strcmp(why + 13, quiet[i]) == 0);
    }

    TEST_CASE("splice prediction at PP3 makes any consequence relevant");
    CHECK_INT(decide(&panel, "synonymous_variant", 1, 0, why, sizeof why), 1);
    CHECK_STR(why, "panel:splice-PP3");

    TEST_CASE("no consequence annotation: kept, and said");
    rv_relevance_in dg = { "disease-gene", 1, 0, 0 };
    CHECK_INT(decide(&dg, NULL, 0, 0, why, sizeof why), 1);
    CHECK_STR(why, "disease-gene:consequence-unknown");

    TEST_CASE("common: not a gene-based candidate");
    rv_relevance_in common = { "panel", 0, 0, 0 };
    CHECK_INT(decide(&common, "missense_variant", 0, 0, why, sizeof why), 0);
    CHECK_STR(why, "not-rare");

    TEST_CASE("ClinVar: P/LP, VUS, Conflicting make a candidate whatever the consequence; B/LB does not");
    rv_relevance_in cv = { NULL, 1, 1, 0 };
    CHECK_INT(decide(&cv, "intron_variant", 0, RV_CV_TIER_VUS, why, sizeof why), 1);
    CHECK_STR(why, "clinvar:VUS");
    CHECK_INT(decide(&cv, "intron_variant", 0, RV_CV_TIER_CONFLICT, why, sizeof why), 1);
    CHECK_INT(decide(&cv, "intron_variant", 0, RV_CV_TIER_BLB, why, sizeof why), 0);
    CHECK_STR(why, "clinvar-tier:B/LB");
    rv_relevance_in both = { "panel", 1, 1, 0 };
    CHECK_INT(decide(&both, "intron_variant", 0, RV_CV_TIER_PLP, why, sizeof why), 1);
    CHECK_STR(why, "not-relevant:intron_variant,clinvar:P/LP");

    TEST_CASE("reported by the lab: always a candidate");
    rv_relevance_in rep = { "panel", 1, 0, 1 };
    CHECK_INT(decide(&rep, "intron_variant", 0, 0, why, sizeof why), 1);
    CHECK_STR(why, "not-relevant:intron_variant,reported");
    rv_relevance_in none = { NULL, 1, 0, 0 };
    CHECK_INT(decide(&none, "missense_variant", 0, 0, why, sizeof why), 0);
    CHECK_STR(why, "gene-not-of-interest");
    return TEST_REPORT();
}
