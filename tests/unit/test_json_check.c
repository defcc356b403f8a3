/* Unit tests: base/json_check, the one reader and member checker behind descriptors,
 * acmg.json and the pipeline config: one path syntax, "expected X, found Y". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "base/json_check.h"
#include "testhelp.h"

int main(void)
{
    rv_err err;
    rv_json_ctx j = { "x.json", &err };
    cJSON *doc = cJSON_Parse("{\"a\":{\"n\":2.5,\"i\":-3,\"s\":\"\",\"b\":1,\"l\":[1,{}]},\"a2\":1}");
    const cJSON *a, *v;
    double d;
    int64_t i;
    int b;
    const char *s;

    TEST_CASE("paths: keys joined by '.', elements as [i], the document as (top)");
    char p[64];
    rv_json_path(p, sizeof p, "", "a");             CHECK_STR(p, "a");
    rv_json_path(p, sizeof p, "a", "n");            CHECK_STR(p, "a.n");
    rv_json_elem_path(p, sizeof p, "a.l", 1);       CHECK_STR(p, "a.l[1]");
    rv_json_path(p, sizeof p, "", NULL);            CHECK_STR(p, "(top)");
    CHECK_INT(rv_json_fail(&j, "a.l[1]", "k", "bad %d", 7), RV_EINPUT);
    CHECK_STR(err.msg, "x.json: a.l[1].k: bad 7");

    TEST_CASE("typed members");
    CHECK_INT(rv_json_object(&j, doc, "", "a", 1, &a), RV_OK);
    CHECK_INT(rv_json_number(&j, a, "a", "n", 1, &d), RV_OK);
    CHECK_DBL(d, 2.5, 1e-12);
    CHECK_INT(rv_json_integer(&j, a, "a", "n", 1, 0, 10, &i), RV_EINPUT);
    CHECK_STR(err.msg, "x.json: a.n: expected an integer from 0 to 10, found 2.5");
    CHECK_INT(rv_json_integer(&j, a, "a", "i", 1, 0, INT64_MAX, &i), RV_EINPUT);
    CHECK_STR(err.msg, "x.json: a.i: expected a non-negative integer, found -3");
    CHECK_INT(rv_json_integer(&j, a, "a", "i", 1, -5, 5, &i), RV_OK);
    CHECK_INT(i, -3);
    CHECK_INT(rv_json_string(&j, a, "a", "s", 1, &s), RV_EINPUT);
    CHECK_STR(err.msg, "x.json: a.s: must not be empty");
    CHECK_INT(rv_json_bool(&j, a, "a", "b", 1, &b), RV_EINPUT);
    CHECK_STR(err.msg, "x.json: a.b: expected true or false, found a number");
    CHECK_INT(rv_json_object(&j, a, "a", "l", 1, &v), RV_EINPUT);
    CHECK_STR(err.msg, "x.json: a.l: expected object, found an array");

    TEST_CASE("absent members: an error only when required");
    CHECK_INT(rv_json_number(&j, a, "a", "zz", 1, &d), RV_EINPUT);
    CHECK_STR(err.msg, "x.json: a.zz: missing (required)");
    d = 9;
    CHECK_INT(rv_json_number(&j, a, "a", "zz", 0, &d), RV_OK);
    CHECK_DBL(d, 9, 1e-12);
    CHECK_INT(rv_json_string(&j, a, "a", "zz", 0, &s), RV_OK);
    CHECK(s == NULL);

    TEST_CASE("unknown keys are named with the list of known ones");
    static const char *const top[] = { "a", NULL };
    CHECK_INT(rv_json_keys_only(&j, doc, "", top), RV_EINPUT);
    CHECK_STR(err.msg, "x.json: a2: unknown key (expected one of: a)");
    cJSON_Delete(doc);

    TEST_CASE("load: the line of a syntax error; trailing text refused");
    char path[] = "/tmp/revus-json-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("{\n \"a\": 1,\n \"b\": ]\n}\n", f);
    fclose(f);
    cJSON *root;
    CHECK_INT(rv_json_load(path, 1000, &root, NULL, NULL, &err), RV_EINPUT);
    CHECK(strstr(err.msg, ":3: not valid JSON") != NULL);
    f = fopen(path, "w");
    fputs("{\"a\": 1} x", f);
    fclose(f);
    CHECK_INT(rv_json_load(path, 1000, &root, NULL, NULL, &err), RV_EINPUT);
    f = fopen(path, "w");
    fputs("{\"a\": 1}\n", f);
    fclose(f);
    char *text;
    size_t len;
    CHECK_INT(rv_json_load(path, 1000, &root, &text, &len, &err), RV_OK);
    CHECK_INT(len, 9);
    CHECK(root && cJSON_IsObject(root));
    cJSON_Delete(root);
    free(text);
    CHECK_INT(rv_json_load(path, 4, &root, NULL, NULL, &err), RV_ESOURCE);   /* over the cap */
    unlink(path);
    CHECK_INT(rv_json_load(path, 1000, &root, NULL, NULL, &err), RV_ENOTFOUND);
    return TEST_REPORT();
}
