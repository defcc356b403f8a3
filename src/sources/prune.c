/* sources/prune.c: remove stored versions beyond the newest N, never the active one
 * (sources/prune.h). */
#include <stdlib.h>
#include <string.h>
#include "sources/prune.h"
#include "sources/store.h"

int rv_store_prune(const char *home, const char *source, int keep, rv_prune_fn fn, void *ud, rv_err *err)
{
    if (keep < 1) return rv_err_set(err, RV_EUSAGE, "prune: keep at least one version (got %d)", keep);
    int lock, rc;
    if ((rc = rv_store_lock(home, source, &lock, err)) < 0) return rc;
    rv_release *vs = NULL, act;
    int nv = 0, failed = 0;
    int has_active = rv_store_active(home, source, &act, NULL) == RV_OK;
    if ((rc = rv_store_list_versions(home, source, &vs, &nv, err)) < 0) {
        rv_store_unlock(lock);
        return rc;
    }
    /* vs is oldest first: everything before the last `keep` goes, except the active one */
    for (int k = 0; k < nv - keep; k++) {
        if (has_active && strcmp(vs[k].version, act.version) == 0) continue;
        rv_err e;
        rv_err_clear(&e);
        int bad = rv_store_remove(home, source, vs[k].version, &e) < 0;
        failed += bad;
        if (fn) fn(ud, source, vs[k].version, bad ? &e : NULL);
    }
    free(vs);
    rv_store_unlock(lock);
    return failed;
}
