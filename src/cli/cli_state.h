/* cli_state.h: what the state commands share: opening the home's database and config,
 * printing a list of row problems. */
#ifndef RV_CLI_STATE_H
#define RV_CLI_STATE_H

#include "cli/cli.h"
#include "state/runconf.h"
#include "state/db.h"
#include "base/tsv.h"

/* Load the pipeline config (conf may be NULL when not needed) and open the home's existing
 * state. On failure prints the error and returns the exit status (> 0); 0 on success. */
int cli_state_open(rv_cli *g, rv_state **st, rv_runconf **conf);
/* The same, refusing (exit 3) when the home has no database: only cli_state_create()
 * (cohort add and import) makes a new one. */
int cli_state_create(rv_cli *g, rv_state **st, rv_runconf **conf);
/* 1 when the home already has a database. */
int cli_state_exists(const rv_cli *g);
/* After a failed first registration: remove the database that cli_state_create made, so a
 * refused import leaves the home as it was (no empty database to pass for a real one). */
void cli_state_discard_new(const rv_cli *g, int existed);
/* The ACMG rules file a run classifies with: the config's reanalysis.rules, else
 * DATA/pipeline/acmg.json. */
const char *cli_rules_path(const rv_runconf *conf);
/* The profile conf names read from cli_conventions_path() into conf->conv. */
int cli_conf_conventions(rv_runconf *conf, rv_err *err);
/* Load the pipeline config (cli_config_path): keys a lab's config lacks come from the
 * shipped DATA/pipeline/default.json, with one warning naming them; with conventions, the
 * consequence conventions profile too. 0, or the error in err (*conf NULL). */
int cli_conf_load(rv_cli *g, rv_runconf **conf, int conventions, rv_err *err);
/* Print each problem as "revus: PROBLEM" on stderr, then fail with e. */
int cli_fail_problems(const rv_problems *p, const rv_err *e);

#endif

#ifndef RV_CLI_STATE_SOURCES
#define RV_CLI_STATE_SOURCES
#include "state/runs.h"
/* The source releases active in the home's store, sorted by source name (empty until a
 * source is activated). On failure prints the error and returns the exit status. */
int cli_active_sources(rv_cli *g, rv_source_ver **src, int *n);
#endif
