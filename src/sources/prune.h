/* sources/prune.h: the store's retention policy (`revus sources prune`).
 *
 * Of a source's stored versions, the keep newest in natural version order
 * (rv_store_version_cmp) stay, and so does the active version whatever its age; every
 * other version is removed. The prune holds the source's lock (rv_store_lock) throughout,
 * so no fetch or activation of that source runs meanwhile. */
#ifndef RV_SOURCES_PRUNE_H
#define RV_SOURCES_PRUNE_H

#include "base/err.h"

/* Called once for each version the policy removes: failed is NULL when it was removed,
 * else the error that kept it (the prune goes on with the next version). */
typedef void (*rv_prune_fn)(void *ud, const char *source, const char *version, const rv_err *failed);

/* Prune one source. keep >= 1. Returns the number of versions that could not be removed
 * (0: every removal worked), or < 0 with err, nothing removed: RV_EUSAGE for keep < 1,
 * RV_EBUSY when another process holds the source's lock, a store error when the versions
 * cannot be listed. fn may be NULL. */
int rv_store_prune(const char *home, const char *source, int keep, rv_prune_fn fn, void *ud, rv_err *err) RV_MUST_CHECK;

#endif
