/* state_ro.h: open the state database read-only for report and stats. */
#ifndef RV_CLI_STATE_RO_H
#define RV_CLI_STATE_RO_H

#include "err.h"

struct sqlite3;

/* Open HOME/revus.db read-only: a missing database or a schema this revus does not know
 * is RV_ESTATE with a message saying what to do. Close with cli_state_close(). */
int cli_state_open_ro(const char *home, struct sqlite3 **db, rv_err *err);
void cli_state_close(struct sqlite3 *db);    /* NULL ok */

#endif
