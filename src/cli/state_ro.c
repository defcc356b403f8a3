/* state_ro.c: read-only access to the state database for report and stats.
 * Until the state module is in main this opens the file itself and checks the schema
 * version the report queries were written for. */
#include <sqlite3.h>
#include <stdio.h>
#include <unistd.h>
#include "state_ro.h"

#define REPORT_SCHEMA_VERSION 1

int cli_state_open_ro(const char *home, sqlite3 **db, rv_err *err)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/revus.db", home);
    *db = NULL;
    if (access(path, R_OK) != 0)
        return rv_err_set(err, RV_ESTATE, "%s: no state database (register samples with `revus cohort add` and run `revus run`)", path);
    if (sqlite3_open_v2(path, db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        int rc = rv_err_set(err, RV_ESTATE, "%s: %s", path, *db ? sqlite3_errmsg(*db) : "cannot open");
        sqlite3_close(*db); *db = NULL;
        return rc;
    }
    sqlite3_busy_timeout(*db, 5000);
    sqlite3_stmt *st;
    int version = -1;
    if (sqlite3_prepare_v2(*db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW) version = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
    }
    if (version != REPORT_SCHEMA_VERSION) {
        sqlite3_close(*db); *db = NULL;
        return rv_err_set(err, RV_ESTATE, "%s: state schema version %d, this revus reads version %d%s",
                          path, version, REPORT_SCHEMA_VERSION,
                          version > REPORT_SCHEMA_VERSION ? " (written by a newer revus)" : "");
    }
    return 0;
}

void cli_state_close(sqlite3 *db) { if (db) sqlite3_close(db); }
