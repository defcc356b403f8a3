/* Unit tests: ClinVar CLNSIG / CLNREVSTAT / CLNSIGCONF parsing (docs/domain.md, section 4) and
 * every (CLNSIG, CLNREVSTAT) pair in the real ClinVar files of test-data/classify. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sources/clinvar.h"
#include "testhelp.h"

static rv_clinvar parse3(const char *sig, const char *rev, const char *conf, int *rc, rv_err *err)
{
    rv_clinvar cv;
    *rc = rv_clinvar_parse(sig, sig ? strlen(sig) : 0, rev, rev ? strlen(rev) : 0,
                           conf, conf ? strlen(conf) : 0, &cv, err);
    return cv;
}

/* Every CLNSIG value of ClinVar's vocabulary (docs/domain.md, section 4), with the tier and class it must give. */
static const struct { const char *sig; const char *tier; const char *cls; int lowpen; } sig_cases[] = {
    { "Pathogenic", "P/LP", "P", 0 },
    { "Pathogenic/Likely_pathogenic", "P/LP", "P/LP", 0 },
    { "Pathogenic/Likely_pathogenic/Established_risk_allele", "P/LP", "P/LP", 0 },
    { "Pathogenic/Likely_pathogenic/Likely_risk_allele", "P/LP", "P/LP", 0 },
    { "Pathogenic/Likely_risk_allele", "P/LP", "P", 0 },
    { "Likely_pathogenic", "P/LP", "LP", 0 },
    { "Likely_pathogenic/Likely_risk_allele", "P/LP", "LP", 0 },
    { "Established_risk_allele", "Risk", "None", 0 },
    { "Likely_risk_allele", "Risk", "None", 0 },
    { "Conflicting_classifications_of_pathogenicity", "Conflicting", "None", 0 },
    { "Conflicting_interpretations_of_pathogenicity", "Conflicting", "None", 0 },
    { "Uncertain_risk_allele", "Risk", "None", 0 },
    { "Uncertain_significance/Uncertain_risk_allele", "VUS", "VUS", 0 },
    { "Uncertain_significance", "VUS", "VUS", 0 },
    { "Likely_benign", "B/LB", "LB", 0 },
    { "Benign/Likely_benign", "B/LB", "B/LB", 0 },
    { "Benign", "B/LB", "B", 0 },
    { "Affects", "Other", "None", 0 },
    { "association", "Other", "None", 0 },
    { "association_not_found", "Other", "None", 0 },
    { "confers_sensitivity", "Other", "None", 0 },
    { "drug_response", "Other", "None", 0 },
    { "low_penetrance", "Other", "None", 1 },
    { "not_provided", "Other", "None", 0 },
    { "other", "Other", "None", 0 },
    { "protective", "Other", "None", 0 },
    { "risk_factor", "Risk", "None", 0 },
    { "no_classification_for_the_single_variant", "Other", "None", 0 },
    { "no_classifications_from_unflagged_records", "Other", "None", 0 },
    { "no_interpretation_for_the_single_variant", "Other", "None", 0 },
    /* real examples */
    { "Pathogenic|risk_factor", "P/LP", "P", 0 },
    { "Conflicting_classifications_of_pathogenicity|other", "Conflicting", "None", 0 },
    { "Pathogenic/Likely_pathogenic/Pathogenic,_low_penetrance|other", "P/LP", "P/LP", 1 },
    { "Likely_pathogenic/Pathogenic,_low_penetrance", "P/LP", "P/LP", 1 },
    { "Pathogenic,_low_penetrance", "P/LP", "P", 1 },
    { "Likely_pathogenic,_low_penetrance", "P/LP", "LP", 1 },
    { "association|protective", "Other", "None", 0 },
    { "Uncertain_significance|drug_response", "VUS", "VUS", 0 },
    { "Pathogenic|low_penetrance", "P/LP", "P", 1 },
    /* variant_summary spellings (spaces) match too */
    { "Likely pathogenic", "P/LP", "LP", 0 },
    { "Pathogenic/Likely pathogenic", "P/LP", "P/LP", 0 },
    /* disagreeing ACMG terms in one aggregate: a conflict */
    { "Pathogenic|Benign", "Conflicting", "None", 0 },
    { "5|0", "Conflicting", "None", 0 },
};

/* Every CLNREVSTAT value (docs/domain.md, section 4), current and legacy spelling, with stars. */
static const struct { const char *rev; int stars; const char *canonical; } rev_cases[] = {
    { "practice_guideline", 4, "practice_guideline" },
    { "reviewed_by_expert_panel", 3, "reviewed_by_expert_panel" },
    { "criteria_provided,_multiple_submitters,_no_conflicts", 2,
      "criteria_provided,_multiple_submitters,_no_conflicts" },
    { "criteria_provided,_conflicting_classifications", 1,
      "criteria_provided,_conflicting_classifications" },
    { "criteria_provided,_conflicting_interpretations", 1,
      "criteria_provided,_conflicting_classifications" },
    { "criteria_provided,_single_submitter", 1, "criteria_provided,_single_submitter" },
    { "no_assertion_criteria_provided", 0, "no_assertion_criteria_provided" },
    { "no_classification_provided", 0, "no_classification_provided" },
    { "no_assertion_provided", 0, "no_classification_provided" },
    { "no_classification_for_the_single_variant", 0, "no_classification_for_the_single_variant" },
    { "no_interpretation_for_the_single_variant", 0, "no_classification_for_the_single_variant" },
    { "no_classifications_from_unflagged_records", 0, "no_classifications_from_unflagged_records" },
    { "criteria_provided,_multiple_submitters", 2, "criteria_provided,_multiple_submitters" },
    { "flagged_submission", 0, "flagged_submission" },
    /* whitespace around the value is ignored; spaces match underscores */
    { " reviewed_by_expert_panel ", 3, "reviewed_by_expert_panel" },
    { "criteria provided, single submitter", 1, "criteria_provided,_single_submitter" },
};

static void test_real_values(void)
{
    const char *path = "test-data/classify/clinvar_real_values.tsv";
    FILE *f = fopen(path, "r");
    TEST_CASE("real ClinVar values file opens");
    CHECK(f != NULL);
    if (!f) return;
    char line[1024];
    int rows = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#') continue;
        line[strcspn(line, "\n")] = '\0';
        char *col[6] = { 0 };
        char *p = line;
        for (int i = 0; i < 6 && p; i++) {
            col[i] = p;
            p = strchr(p, '\t');
            if (p) *p++ = '\0';
        }
        if (!col[5]) continue;
        rows++;
        TEST_CASE(col[0]);
        int rc;
        rv_err err;
        rv_err_clear(&err);
        rv_clinvar cv = parse3(col[0], col[1], strcmp(col[2], ".") ? col[2] : NULL, &rc, &err);
        if (strcmp(col[4], "error") == 0) {
            CHECK_INT(rc, RV_ESOURCE);
            CHECK(err.msg[0] != '\0');
        } else {
            CHECK_INT(rc, 0);
            CHECK_STR(rv_clinvar_tier_name(cv.tier), col[4]);
            CHECK_INT(cv.stars, atoi(col[5]));
        }
    }
    fclose(f);
    TEST_CASE("real values rows");
    CHECK(rows >= 40);
}

int main(void)
{
    int rc;
    rv_err err;
    rv_clinvar cv;

    for (size_t i = 0; i < sizeof sig_cases / sizeof *sig_cases; i++) {
        TEST_CASE(sig_cases[i].sig);
        cv = parse3(sig_cases[i].sig, NULL, NULL, &rc, &err);
        CHECK_INT(rc, 0);
        CHECK_STR(rv_clinvar_tier_name(cv.tier), sig_cases[i].tier);
        CHECK_STR(rv_clinvar_class_name(cv.cls), sig_cases[i].cls);
        CHECK_INT(cv.low_penetrance, sig_cases[i].lowpen);
        CHECK_INT(cv.stars, -1);
    }
    for (size_t i = 0; i < sizeof rev_cases / sizeof *rev_cases; i++) {
        TEST_CASE(rev_cases[i].rev);
        cv = parse3(NULL, rev_cases[i].rev, NULL, &rc, &err);
        CHECK_INT(rc, 0);
        CHECK_INT(cv.stars, rev_cases[i].stars);
        CHECK_STR(cv.revstat, rev_cases[i].canonical);
        CHECK_INT(rv_clinvar_stars(rev_cases[i].rev, strlen(rev_cases[i].rev), NULL),
                  rev_cases[i].stars);
    }

    TEST_CASE("both conflict spellings map to one code and one term");
    rv_clinvar a = parse3("Conflicting_interpretations_of_pathogenicity",
                          "criteria_provided,_conflicting_interpretations", NULL, &rc, &err);
    rv_clinvar b = parse3("Conflicting_classifications_of_pathogenicity",
                          "criteria_provided,_conflicting_classifications", NULL, &rc, &err);
    CHECK_INT(a.tier, b.tier);
    CHECK_STR(a.terms[0], b.terms[0]);
    CHECK_STR(a.revstat, b.revstat);
    CHECK_INT(a.legacy, 1);
    CHECK_INT(b.legacy, 0);

    TEST_CASE("terms kept in order, canonical spelling");
    cv = parse3("Pathogenic/Likely_pathogenic/Pathogenic,_low_penetrance|other", NULL, NULL, &rc, &err);
    CHECK_INT(cv.n_terms, 4);
    CHECK_STR(cv.terms[2], "Pathogenic,_low_penetrance");
    CHECK_STR(cv.terms[3], "other");

    TEST_CASE("CLNSIGCONF with '|'");
    cv = parse3("Conflicting_classifications_of_pathogenicity", "criteria_provided,_conflicting_classifications",
                "Pathogenic(8)|Likely_pathogenic(2)|Uncertain_significance(1)", &rc, &err);
    CHECK_INT(rc, 0);
    CHECK_INT(cv.stars, 1);
    CHECK_INT(cv.has_conf, 1);
    CHECK_INT(cv.conf[RV_CV_CONF_P], 8);
    CHECK_INT(cv.conf[RV_CV_CONF_LP], 2);
    CHECK_INT(cv.conf[RV_CV_CONF_VUS], 1);
    CHECK_INT(cv.conf_total, 11);
    CHECK_STR(rv_clinvar_class_name(cv.conf_most_path), "P");
    CHECK_STR(rv_clinvar_class_name(cv.conf_most_benign), "VUS");
    char buf[128];
    rv_clinvar_format(&cv, buf, sizeof buf);
    CHECK_STR(buf, "Conflicting 1* P:8,LP:2,VUS:1,LB:0,B:0");

    TEST_CASE("CLNSIGCONF old ',' separator (2018, 2022 files)");
    cv = parse3("Conflicting_interpretations_of_pathogenicity", NULL,
                "Benign(2),Likely_benign(3),Uncertain_significance(1)", &rc, &err);
    CHECK_INT(rc, 0);
    CHECK_INT(cv.conf[RV_CV_CONF_B], 2);
    CHECK_INT(cv.conf[RV_CV_CONF_LB], 3);
    CHECK_INT(cv.conf[RV_CV_CONF_VUS], 1);
    CHECK_STR(rv_clinvar_class_name(cv.conf_most_path), "VUS");
    CHECK_STR(rv_clinvar_class_name(cv.conf_most_benign), "B");
    cv = parse3(NULL, NULL, "Pathogenic(1),Uncertain_significance(1)", &rc, &err);
    CHECK_INT(cv.conf_total, 2);

    TEST_CASE("CLNSIGCONF low penetrance inside an item, ',' separator");
    cv = parse3(NULL, NULL, "Pathogenic,_low_penetrance(2),Uncertain_significance(1)", &rc, &err);
    CHECK_INT(rc, 0);
    CHECK_INT(cv.conf[RV_CV_CONF_P], 2);
    CHECK_INT(cv.conf[RV_CV_CONF_VUS], 1);
    cv = parse3(NULL, NULL, "Pathogenic(1)|risk_factor(1)", &rc, &err);
    CHECK_INT(cv.conf[RV_CV_CONF_OTHER], 1);

    TEST_CASE("Conflicting without CLNSIGCONF (variantgrid: a few records lack it)");
    cv = parse3("Conflicting_classifications_of_pathogenicity", NULL, NULL, &rc, &err);
    CHECK_INT(rc, 0);
    CHECK_INT(cv.has_conf, 0);
    CHECK_INT(cv.conf_most_path, RV_CV_CLASS_NONE);

    TEST_CASE("absent values");
    cv = parse3(NULL, NULL, NULL, &rc, &err);
    CHECK_INT(rc, 0);
    CHECK_INT(cv.tier, RV_CV_TIER_NONE);
    CHECK_INT(cv.stars, -1);
    cv = parse3(".", ".", ".", &rc, &err);
    CHECK_INT(rc, 0);
    CHECK_INT(cv.tier, RV_CV_TIER_NONE);

    TEST_CASE("not NUL-terminated input");
    const char *line = "Benign/Likely_benign;CLNREVSTAT=x";
    rc = rv_clinvar_parse(line, 20, NULL, 0, NULL, 0, &cv, &err);
    CHECK_INT(rc, 0);
    CHECK_STR(rv_clinvar_class_name(cv.cls), "B/LB");

    TEST_CASE("unknown terms fail loudly, naming the term");
    rv_err_clear(&err);
    cv = parse3("Almost_pathogenic", NULL, NULL, &rc, &err);
    CHECK_INT(rc, RV_ESOURCE);
    CHECK(strstr(err.msg, "Almost_pathogenic") != NULL);
    CHECK_INT(cv.tier, RV_CV_TIER_NONE);
    cv = parse3("athogenic", NULL, NULL, &rc, &err);      /* never substring-match */
    CHECK_INT(rc, RV_ESOURCE);
    cv = parse3("Pathogenic/", NULL, NULL, &rc, &err);
    CHECK_INT(rc, RV_ESOURCE);
    cv = parse3("Uncertain_significance,_low_penetrance", NULL, NULL, &rc, &err);
    CHECK_INT(rc, RV_ESOURCE);
    cv = parse3(NULL, "criteria_provided", NULL, &rc, &err);
    CHECK_INT(rc, RV_ESOURCE);
    CHECK(strstr(err.msg, "CLNREVSTAT") != NULL);
    cv = parse3(NULL, "criteria_provided,_multiple_submitters,_conflicting_interpretations", NULL, &rc, &err);
    CHECK_INT(rc, RV_ESOURCE);
    cv = parse3(NULL, NULL, "Pathogenic(x)", &rc, &err);
    CHECK_INT(rc, RV_ESOURCE);
    cv = parse3(NULL, NULL, "Pathogenic", &rc, &err);
    CHECK_INT(rc, RV_ESOURCE);
    cv = parse3(NULL, NULL, "Pathogenic()", &rc, &err);
    CHECK_INT(rc, RV_ESOURCE);
    cv = parse3(NULL, NULL, "Pathogenish(2)", &rc, &err);
    CHECK_INT(rc, RV_ESOURCE);
    CHECK(strstr(err.msg, "Pathogenish") != NULL);
    CHECK_INT(rv_clinvar_stars("bogus", 5, NULL), RV_ESOURCE);

    TEST_CASE("tier names round-trip");
    for (int t = 0; t < RV_CV_TIER_N; t++) CHECK_INT(rv_clinvar_tier_parse(rv_clinvar_tier_name(t)), t);
    CHECK_INT(rv_clinvar_tier_parse("nope"), -1);
    CHECK_STR(rv_clinvar_tier_name(99), "?");

    TEST_CASE("vocabulary enumerates, every row parses");
    const char *field, *term, *legacy;
    int v, nrows = 0;
    while (rv_clinvar_vocab(nrows, &field, &term, &legacy, &v) == 0) {
        TEST_CASE(term);
        if (strcmp(field, "CLNSIG") == 0) { CHECK(v > RV_CV_TIER_NONE && v < RV_CV_TIER_N); }
        else { CHECK(v >= 0 && v <= 4); }
        nrows++;
    }
    CHECK(nrows > 50);

    test_real_values();
    return TEST_REPORT();
}
