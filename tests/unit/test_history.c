/* Unit tests: what the compact history counts as the same call (state/history.h): stored
 * content, and evidence that differs at most in the releases it names. */
#include <math.h>
#include <string.h>
#include "state/history.h"
#include "testhelp.h"

static rv_call base(char *criteria, char *inheritance, char *clinvar_version)
{
    rv_call c;
    memset(&c, 0, sizeof c);
    c.variant = "7-117199644-ATCT-A";
    c.contig = 7;
    c.pos = 117199644;
    c.gene = "CFTR";
    c.cls = "VUS";
    c.has_points = 1;
    c.points = 2;
    c.criteria = criteria;
    c.inheritance = inheritance;
    c.clinvar_stars = 1;
    c.clinvar_source = "clinvar";
    c.clinvar_version = clinvar_version;
    c.af = NAN;
    c.panel_confidence = -1;
    c.candidate = 1;
    return c;
}

int main(void)
{
    TEST_CASE("versions only: same evidence, not the same stored row");
    rv_call a = base("{\"criteria\":[{\"code\":\"PM2\",\"source\":\"pop@p002\"}]}",
                     "{\"moi_source\":\"validity@2025-01-10\"}", "2020-01-02");
    rv_call b = base("{\"criteria\":[{\"code\":\"PM2\",\"source\":\"pop@p012\"}]}",
                     "{\"moi_source\":\"validity@2025-01-14\"}", "2020-01-11");
    CHECK_INT(rv_call_same_evidence(&a, &b), 1);
    CHECK_INT(rv_call_same_stored(&a, &b), 0);
    CHECK_INT(rv_call_same_stored(&a, &a), 1);

    TEST_CASE("the X_version columns alone: the same stored row");
    rv_call c = base(a.criteria, a.inheritance, "2020-01-11");
    CHECK_INT(rv_call_same_stored(&a, &c), 1);

    TEST_CASE("a criterion that moved is not the same evidence");
    rv_call d = base("{\"criteria\":[{\"code\":\"BS1\",\"source\":\"pop@p012\"}]}", a.inheritance, "2020-01-02");
    CHECK_INT(rv_call_same_evidence(&a, &d), 0);

    TEST_CASE("nor is a class, a value or an inheritance that moved");
    rv_call e = a;
    e.cls = "LP";
    CHECK_INT(rv_call_same_evidence(&a, &e), 0);
    e = a;
    e.clinvar_stars = 2;
    CHECK_INT(rv_call_same_evidence(&a, &e), 0);
    e = a;
    e.inheritance = "{\"moi_source\":\"demo-panel@2.3\"}";
    CHECK_INT(rv_call_same_evidence(&a, &e), 0);
    e = a;
    e.criteria = NULL;
    CHECK_INT(rv_call_same_evidence(&a, &e), 0);
    return TEST_REPORT();
}
