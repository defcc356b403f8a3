/* run/plan.h: which samples are due for reanalysis, and why (`revus plan`).
 *
 * A sample is due when: it was never run ("never-run"); its last run skipped it
 * ("skipped"); the active source releases are not those its last completed run used
 * ("source": a newer or older version - a rollback is a change like any other -, a source
 * added or removed, a version re-imported with other content); what its last run read it
 * with changed ("changed": its VCF, indication or registration, the pipeline config or
 * rules, the revus version; the same test `revus run` makes, rv_incr_sample_changed); or
 * its last run is older than the configured interval ("interval"). Each reason is one
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
    char *kind;       /* "never-run", "skipped", "source", "changed", "reported", "interval" */
} rv_plan_item;

/* now: "YYYY-MM-DDTHH:MM:SSZ". active: the sources active now (from the store, sorted by
 * source). config_hash: what a run would record (rv_run_config_hash); NULL: "changed" is
 * not judged. RV_OK with *items (caller frees with rv_plan_items_free); RV_ESTATE, RV_ENOMEM. */
int rv_plan(rv_state *st, const rv_runconf *conf, const char *config_hash, const rv_source_ver *active, int n_active,
            const char *now, rv_plan_item **items, int *n, rv_err *err);
void rv_plan_items_free(rv_plan_item *items, int n);

#endif
