/* fuzz_manifest: a cohort manifest (`revus cohort import`): sample ids, VCF paths relative
 * to the manifest, indication, sex, family. All or nothing: a refused manifest stores no
 * sample. */
#include "state_common.h"

static int count_samples(rv_state *st)
{
    sqlite3_stmt *s = NULL;
    int n = -1;
    if (sqlite3_prepare_v2(rv_state_db(st), "SELECT count(*) FROM samples", -1, &s, NULL) == SQLITE_OK
        && sqlite3_step(s) == SQLITE_ROW) n = sqlite3_column_int(s, 0);
    sqlite3_finalize(s);
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rv_state *st = fuzz_state();
    const char *p = fuzz_file("manifest.tsv", data, size);
    rv_problems pr = { 0 };
    rv_err e = { 0 };
    int added = 0;
    int before = count_samples(st);
    int rc = rv_cohort_import(st, NULL, p, &added, &pr, &e);
    fuzz_note("manifest", &e);
    int after = count_samples(st);
    if (rc < 0 ? after != before : after != before + added) {
        fprintf(stderr, "manifest: %d samples before, %d after, rc %d, %d added\n", before, after, rc, added);
        abort();
    }
    rv_problems_free(&pr);
    if (rv_state_exec(st, "DELETE FROM samples WHERE id NOT IN ('S1','S2')", &e) < 0) abort();
    return 0;
}
