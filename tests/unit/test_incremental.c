/* Unit tests: what an incremental run carries over (run/incremental.h, rv_incr_delta_keys
 * and rv_incr_delta): a call that is not re-read keeps its values and cites the releases of
 * now, in its version fields, in each SOURCE@VERSION of its criteria and inheritance, and in
 * the "not covered by SOURCE VERSION" note of a population source; a re-read call replaces
 * the previous one; a carried-over call that cites no moved release is not stored again. */
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
    add_call(&prev, "1-300-G-T", 300, "VUS", "{\"criteria\":[\"PM2_Supporting (clinvar@2021-02-02)\"]}");
    add_call(&prev, "1-400-T-C", 400, "VUS", "{\"not_evaluated\":[\"BA1: not covered by pop cov1\"]}");
    for (int i = 2; i < 4; i++) { free(prev.x[i].inheritance); prev.x[i].inheritance = dup("{\"moi_source\":\"panel@1.1\"}"); }
    add_call(&fresh, "1-200-C-T", 200, "B", "{\"fresh\":1}");
    char *keys[] = { "1-200-C-T" };
    rv_incr_decision d;
    memset(&d, 0, sizeof d);
    d.keys = keys;
    d.n_keys = 1;

    TEST_CASE("only calls citing a moved release, and the re-read ones, can change");
    char **dk = NULL;
    int n_dk = 0, carried = 0;
    CHECK_INT(rv_incr_delta_keys(&prev, &d, NULL, 0, now, 3, &dk, &n_dk, &carried), 0);
    CHECK_INT(carried, 3);
    CHECK_INT(n_dk, 3);
    CHECK_STR(dk[0], "1-100-A-G");
    CHECK_STR(dk[1], "1-200-C-T");
    CHECK_STR(dk[2], "1-400-T-C");     /* "covered by pop cov1" alone */

    TEST_CASE("carried-over calls cite the releases of now");
    CHECK_INT(rv_incr_delta(&prev, &d, &fresh, dk, n_dk, now, 3, &out, &err), 2);
    CHECK_INT(out.n, 3);
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
    CHECK_STR(out.x[2].variant, "1-400-T-C");
    CHECK_STR(out.x[2].criteria, "{\"not_evaluated\":[\"BA1: not covered by pop cov2\"]}");
    for (int i = 0; i < n_dk; i++) free(dk[i]);
    free(dk);

    rv_calls_free(&prev);
    rv_calls_free(&fresh);
    rv_calls_free(&out);
    return TEST_REPORT();
}
