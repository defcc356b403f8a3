/* Unit tests: what an incremental run carries over (run/incremental.h, rv_incr_merge): a
 * call that is not re-read keeps its values and cites the releases of now, in its version
 * fields, in each SOURCE@VERSION of its criteria and inheritance, and in the "not covered
 * by SOURCE VERSION" note of a population source; a re-read call replaces the previous one. */
#include <stdlib.h>
#include <string.h>
#include "run/incremental.h"
#include "testhelp.h"

static char *dup(const char *s) { return s ? strdup(s) : NULL; }

static void add_call(rv_calls *v, const char *key, int64_t pos, const char *cls, const char *criteria)
{
    rv_call *c = rv_calls_push(v);
    c->variant = dup(key);
    c->contig = 0;
    c->pos = pos;
    c->cls = dup(cls);
    c->criteria = dup(criteria);
    c->clinvar_source = dup("clinvar");
    c->clinvar_version = dup("2020-01-01");
    c->pop_source = dup("pop");
    c->pop_version = dup("cov1");
    c->inheritance = dup("{\"moi_source\":\"panel@1.0\"}");
}

int main(void)
{
    rv_source_ver now[] = { { "clinvar", "2021-02-02", "x", "clinical-assertion" },
                            { "panel", "1.1", "y", "gene-panel" },
                            { "pop", "cov2", "z", "population-frequency" } };
    rv_calls prev = { 0 }, fresh = { 0 }, out = { 0 };
    rv_err err = { 0 };
    add_call(&prev, "1-100-A-G", 100, "VUS",
             "{\"criteria\":[\"PM2_Supporting (clinvar@2020-01-01)\"],\"not_evaluated\":[\"BA1,BS1,BS2,PM2: "
             "not evaluated: chr1:100 not covered by pop cov1\"],\"also\":\"xclinvar@2020-01-01 popular cov1\"}");
    add_call(&prev, "1-200-C-T", 200, "LB", "{}");
    add_call(&fresh, "1-200-C-T", 200, "B", "{\"fresh\":1}");
    char *keys[] = { "1-200-C-T" };
    rv_incr_decision d;
    memset(&d, 0, sizeof d);
    d.keys = keys;
    d.n_keys = 1;

    TEST_CASE("carried-over calls cite the releases of now");
    CHECK_INT(rv_incr_merge(&prev, &d, &fresh, now, 3, &out, &err), 0);
    CHECK_INT(out.n, 2);
    CHECK_STR(out.x[0].variant, "1-100-A-G");
    CHECK_STR(out.x[0].cls, "VUS");
    CHECK_STR(out.x[0].clinvar_version, "2021-02-02");
    CHECK_STR(out.x[0].pop_version, "cov2");
    CHECK_STR(out.x[0].criteria,
              "{\"criteria\":[\"PM2_Supporting (clinvar@2021-02-02)\"],\"not_evaluated\":[\"BA1,BS1,BS2,PM2: "
              "not evaluated: chr1:100 not covered by pop cov2\"],\"also\":\"xclinvar@2020-01-01 popular cov1\"}");
    CHECK_STR(out.x[0].inheritance, "{\"moi_source\":\"panel@1.1\"}");

    TEST_CASE("a re-read call replaces the previous one");
    CHECK_STR(out.x[1].variant, "1-200-C-T");
    CHECK_STR(out.x[1].cls, "B");
    CHECK_STR(out.x[1].criteria, "{\"fresh\":1}");
    CHECK_INT(fresh.n, 0);

    rv_calls_free(&prev);
    rv_calls_free(&fresh);
    rv_calls_free(&out);
    return TEST_REPORT();
}
