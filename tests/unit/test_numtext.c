/* Unit tests: fast decimal parsing and %g formatting agree with strtod and printf. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/numtext.h"
#include "testhelp.h"

int main(void)
{
    char a[64], b[64];
    double v;
    int sig;

    TEST_CASE("parse: exact values and significant digits");
    CHECK_INT(rv_parse_double("0.05", 4, &v, &sig), 0);
    CHECK(v == 0.05); CHECK_INT(sig, 1);
    CHECK_INT(rv_parse_double("5.25465e-05", 11, &v, &sig), 0);
    CHECK(v == 5.25465e-05); CHECK_INT(sig, 6);
    CHECK_INT(rv_parse_double("-12", 3, &v, &sig), 0);
    CHECK(v == -12);
    CHECK_INT(rv_parse_double("0.00000", 7, &v, &sig), 0);
    CHECK(v == 0);
    CHECK_INT(rv_parse_double("1e400", 5, &v, &sig), -1);      /* out of range */
    CHECK_INT(rv_parse_double("abc", 3, &v, &sig), -1);
    CHECK_INT(rv_parse_double("1.2.3", 5, &v, &sig), -1);
    CHECK_INT(rv_parse_double("1e", 2, &v, &sig), -1);
    CHECK_INT(rv_parse_double("12345678901234567890123", 23, &v, &sig), 0);   /* slow path */
    CHECK(v == 12345678901234567890123.0);
    CHECK_INT(rv_parse_double("1.50", 4, &v, &sig), 0);               /* trailing zeros count */
    CHECK(v == 1.5); CHECK_INT(sig, 3);
    CHECK_INT(rv_parse_double("00012.300", 9, &v, &sig), 0);          /* leading zeros do not */
    CHECK(v == 12.3); CHECK_INT(sig, 5);
    CHECK_INT(rv_parse_double("1.2E+3", 6, &v, &sig), 0);
    CHECK(v == 1200); CHECK_INT(sig, 2);
    CHECK_INT(rv_parse_double("+3", 2, &v, &sig), 0);
    CHECK(v == 3); CHECK_INT(sig, 1);
    CHECK_INT(rv_parse_double("9007199254740993", 16, &v, &sig), 0);  /* above 2^53: strtod */
    CHECK(v == 9007199254740993.0); CHECK_INT(sig, 16);
    CHECK_INT(rv_parse_double("-", 1, &v, &sig), -1);
    CHECK_INT(rv_parse_double("5.", 2, &v, &sig), 0);
    CHECK(v == 5); CHECK_INT(sig, 1);

    TEST_CASE("parse agrees with strtod on random decimals");
    srand(7);
    int bad = 0;
    for (int i = 0; i < 200000; i++) {
        int digits = 1 + rand() % 9, ex = -(rand() % 12);
        long long m = 0;
        for (int k = 0; k < digits; k++) m = m * 10 + rand() % 10;
        int n = i % 2 ? snprintf(a, sizeof a, "%lldE%d", m, ex) : snprintf(a, sizeof a, "%.*e", digits - 1, (double)m * pow(10, ex));
        if (rv_parse_double(a, (size_t)n, &v, NULL) < 0 || v != strtod(a, NULL)) bad++;
    }
    CHECK_INT(bad, 0);

    TEST_CASE("format gives back a source decimal of up to prec digits, as printf does");
    bad = 0;
    for (int i = 0; i < 200000; i++) {
        int prec = 1 + rand() % 12, digits = 1 + rand() % prec;
        long long m = 0;
        for (int k = 0; k < digits; k++) m = m * 10 + rand() % 10;
        snprintf(a, sizeof a, "%lldE%d", m, rand() % 20 - 14);
        double x = strtod(a, NULL);
        if (i % 7 == 0 && x != 0) x = -x;
        rv_format_double(x, prec, a);
        snprintf(b, sizeof b, "%.*g", prec, x);
        if (strcmp(a, b) != 0) { if (bad < 5) fprintf(stderr, "  %.17g prec %d: %s vs %s\n", x, prec, a, b); bad++; }
    }
    CHECK_INT(bad, 0);
    TEST_CASE("format agrees with printf on random doubles at up to 8 digits");
    bad = 0;
    for (int i = 0; i < 200000; i++) {
        int prec = 1 + rand() % 8;
        double x = (double)rand() / RAND_MAX * pow(10, rand() % 16 - 9);
        rv_format_double(x, prec, a);
        snprintf(b, sizeof b, "%.*g", prec, x);
        if (strcmp(a, b) != 0) bad++;
    }
    CHECK_INT(bad, 0);
    rv_format_double(0, 6, a); CHECK_STR(a, "0");
    rv_format_double(1e-5, 3, a); CHECK_STR(a, "1e-05");
    rv_format_double(0.0001, 3, a); CHECK_STR(a, "0.0001");
    rv_format_double(123456, 6, a); CHECK_STR(a, "123456");
    rv_format_double(1234567, 6, a); CHECK_STR(a, "1.23457e+06");
    rv_format_double(0.99999999, 3, a); CHECK_STR(a, "1");
    rv_format_double(9.5e-05, 4, a); CHECK_STR(a, "9.5e-05");
    rv_format_double(1e-300, 3, a); CHECK_STR(a, "1e-300");

    TEST_CASE("rv_whole_number: range checked before any cast (issue 11)");
    int64_t w = -1;
    CHECK_INT(rv_whole_number(42, 0, 100, &w), 1); CHECK_INT(w, 42);
    CHECK_INT(rv_whole_number(-3, -9.0e18, 9.0e18, &w), 1); CHECK_INT(w, -3);
    CHECK_INT(rv_whole_number(1e300, 0, 9.0e18, &w), 0);
    CHECK_INT(rv_whole_number(-1e300, -9.0e18, 9.0e18, &w), 0);
    CHECK_INT(rv_whole_number(2.5, 0, 100, &w), 0);
    CHECK_INT(rv_whole_number(NAN, 0, 100, &w), 0);
    CHECK_INT(rv_whole_number(INFINITY, 0, 9.0e18, &w), 0);
    CHECK_INT(rv_whole_number(101, 0, 100, &w), 0);
    return TEST_REPORT();
}
