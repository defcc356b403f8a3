/* fuzz_reported: a table of reported classes (`revus reported import`): variant keys,
 * classes, dates, reporters. All or nothing, and every stored variant is a normalised key. */
#include "state_common.h"
#include "variant/varkey.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rv_state *st = fuzz_state();
    const char *p = fuzz_file("reported.tsv", data, size);
    rv_problems pr = { 0 };
    rv_err e = { 0 };
    int added = 0, same = 0;
    int rc = rv_reported_import(st, p, &added, &same, &pr, &e);
    fuzz_note("reported", &e);
    sqlite3_stmt *s = NULL;
    if (sqlite3_prepare_v2(rv_state_db(st), "SELECT variant FROM reported", -1, &s, NULL) != SQLITE_OK) abort();
    int n = 0;
    while (sqlite3_step(s) == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(s, 0);
        rv_varkey k;
        char again[600];
        n++;
        /* stored keys parse, and format back to themselves (upper case, trimmed) */
        if (!v || rv_varkey_parse(v, &k) < 0 || rv_varkey_format(&k, again, sizeof again) < 0 || strcmp(again, v) != 0) {
            fprintf(stderr, "reported: stored variant '%s' is not a normalised key\n", v ? v : "(null)");
            abort();
        }
    }
    sqlite3_finalize(s);
    if (rc < 0 ? n != 0 : n != added) { fprintf(stderr, "reported: %d rows stored, rc %d, %d added\n", n, rc, added); abort(); }
    rv_problems_free(&pr);
    if (rv_state_exec(st, "DELETE FROM reported", &e) < 0) abort();
    return 0;
}
