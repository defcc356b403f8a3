/* testhelp.h: a minimal unit-test harness. Each failed check names its case, file and
 * line; main() ends with TEST_REPORT(), which prints "N passed, N failed" and returns
 * non-zero when anything failed. */
#ifndef RV_TESTHELP_H
#define RV_TESTHELP_H
#include <stdio.h>
#include <string.h>

static int test_passed, test_failed;
static const char *test_case = "";

#define TEST_CASE(name) (test_case = (name))
#define CHECK(cond) do { \
    if (cond) test_passed++; \
    else { test_failed++; fprintf(stderr, "FAIL %s:%d [%s]: %s\n", __FILE__, __LINE__, test_case, #cond); } \
} while (0)
#define CHECK_INT(got, want) do { \
    long long g_ = (long long)(got), w_ = (long long)(want); \
    if (g_ == w_) test_passed++; \
    else { test_failed++; fprintf(stderr, "FAIL %s:%d [%s]: %s = %lld, want %lld\n", __FILE__, __LINE__, test_case, #got, g_, w_); } \
} while (0)
#define CHECK_STR(got, want) do { \
    const char *g_ = (got), *w_ = (want); \
    if (g_ && w_ && strcmp(g_, w_) == 0) test_passed++; \
    else { test_failed++; fprintf(stderr, "FAIL %s:%d [%s]: %s = \"%s\", want \"%s\"\n", __FILE__, __LINE__, test_case, #got, g_ ? g_ : "(null)", w_ ? w_ : "(null)"); } \
} while (0)
#define CHECK_DBL(got, want, eps) do { \
    double g_ = (got), w_ = (want); \
    if ((g_ - w_) < (eps) && (w_ - g_) < (eps)) test_passed++; \
    else { test_failed++; fprintf(stderr, "FAIL %s:%d [%s]: %s = %g, want %g\n", __FILE__, __LINE__, test_case, #got, g_, w_); } \
} while (0)
#define TEST_REPORT() (printf("%s: %d passed, %d failed\n", __FILE__, test_passed, test_failed), test_failed != 0)
#endif
