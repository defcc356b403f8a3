/* Unit tests: the error record (a message may be formatted from itself; prefixes keep the
 * cause) and the warning sink (the library hands warnings to its caller, never prints). */
#include <stdio.h>
#include <string.h>
#include "base/err.h"
#include "base/msg.h"
#include "testhelp.h"

typedef struct { int n[4]; char last[RV_ERR_MSG_MAX]; } seen;

static void collect(void *ctx, int level, const char *msg)
{
    seen *s = ctx;
    s->n[level]++;
    snprintf(s->last, sizeof s->last, "%s", msg);
}

int main(void)
{
    rv_err err;

    TEST_CASE("a message built from the record's own message keeps it whole");
    rv_err_set(&err, RV_EIO, "%s: cannot open: %s", "/store/clinvar/raw.vcf.gz", "No such file or directory");
    CHECK_INT(rv_err_set(&err, RV_ESOURCE, "%s %s: raw file unreadable: %s", "clinvar", "2016-09-27", err.msg),
              RV_ESOURCE);
    CHECK_STR(err.msg, "clinvar 2016-09-27: raw file unreadable: /store/clinvar/raw.vcf.gz: cannot open: "
                       "No such file or directory");
    CHECK_INT(err.code, RV_ESOURCE);

    TEST_CASE("prefix keeps the code and the cause");
    rv_err_set(&err, RV_EINPUT, "x.tsv:3: bad POS");
    CHECK_INT(rv_err_prefix(&err, "while importing %s", "cohort"), RV_EINPUT);
    CHECK_STR(err.msg, "while importing cohort: x.tsv:3: bad POS");

    TEST_CASE("a message stays on one line; NULL records are accepted");
    rv_err_set(&err, RV_EINPUT, "a\nb\rc");
    CHECK_STR(err.msg, "a b c");
    CHECK_INT(rv_err_set(NULL, RV_ESTATE, "ignored"), RV_ESTATE);
    rv_err_clear(&err);
    CHECK_INT(err.code, RV_OK);
    CHECK_STR(err.msg, "");

    TEST_CASE("warnings reach the installed sink, with their level");
    seen s = { { 0 }, "" };
    rv_msg_sink sink = { collect, &s };
    rv_msg_set_default(&sink);
    rv_log_warn("%s: %d variants listed twice", "S01.vcf", 2);
    CHECK_INT(s.n[RV_MSG_WARN], 1);
    CHECK_STR(s.last, "S01.vcf: 2 variants listed twice");
    rv_log_info("retrying");
    rv_log_debug("skipped");
    CHECK_INT(s.n[RV_MSG_INFO], 1);
    CHECK_INT(s.n[RV_MSG_DEBUG], 1);

    TEST_CASE("a call's own sink gets its messages; a NULL sink drops them");
    rv_msg(&sink, RV_MSG_WARN, "run: %d earlier runs interrupted", 2);
    CHECK_INT(s.n[RV_MSG_WARN], 2);
    CHECK_STR(s.last, "run: 2 earlier runs interrupted");
    rv_msg(NULL, RV_MSG_WARN, "dropped");
    CHECK_INT(s.n[RV_MSG_WARN], 2);

    TEST_CASE("without a default sink, warnings are dropped");
    rv_msg_set_default(NULL);
    rv_log_warn("nobody listens");
    CHECK_INT(s.n[RV_MSG_WARN], 2);

    return TEST_REPORT();
}
