/* run/plan.h: which samples are due for reanalysis, and why (`revus plan`).
 *
 * A sample is due when: it was never run; its last run skipped it; a source active now
 * has a release its last completed run did not use (a newer version, or a source added
 * since); or its last run is older than the configured interval. Each reason is one
 * line naming what is behind it. */
#ifndef RV_PLAN_H
#define RV_PLAN_H

#include "base/err.h"
#include "state/runconf.h"
#include "state/runs.h"
#include "state/db.h"

typedef struct rv_plan_item {
    char *sample;
    char *reason;     /* "never run", "clinvar 2016-09-27 is newer than its last run's 2015-12-11", ... */
    char *kind;       /* "never-run", "skipped", "source", "interval" */
} rv_plan_item;

/* now: "YYYY-MM-DDTHH:MM:SSZ". active: the sources active now (from the store). */
int rv_plan(rv_state *st, const rv_runconf *conf, const rv_source_ver *active, int n_active,
            const char *now, rv_plan_item **items, int *n, rv_err *err);
void rv_plan_items_free(rv_plan_item *items, int n);

#endif
