/* report/load.h: fill a report model from the state database (read-only).
 *
 * The tables and columns read are the contract documented in state/db.h. The
 * loader only runs SELECTs through prepared statements; the caller opens the database
 * (rv_state_open_readonly) and passes the connection. */
#ifndef RV_REPORT_LOAD_H
#define RV_REPORT_LOAD_H

#include <stdint.h>
#include "base/err.h"
#include "report/model.h"

struct sqlite3;

typedef struct rv_report_query {
    int64_t     run;         /* flags of this run; 0 = not given */
    const char *since;       /* flags raised on or after this date "YYYY-MM-DD"; NULL = not given */
    const char *indication;  /* only samples of this indication code; NULL = all */
    const char *sample;      /* only this sample; NULL = all */
} rv_report_query;
/* Without run and since, the latest complete run is reported. */

/* Build *out (sorted, ready for a writer) or return RV_ENOTFOUND (no such run / no run
 * yet / unknown sample or indication), RV_EUSAGE (malformed date, run and since both
 * given), RV_ESTATE (database error), RV_ENOMEM. Free with rv_report_free(). */
int rv_report_load(struct sqlite3 *db, const rv_report_query *q, rv_report **out, rv_err *err) RV_MUST_CHECK;

/* Complete a loaded report from the source store of home: the genome build of the
 * variant-keyed releases the runs used becomes every line's build. Releases no longer in
 * the store are skipped (the header keeps what the state recorded).
 * RV_OK; RV_ENOMEM. */
int rv_report_add_store_info(rv_report *r, const char *home, rv_err *err);

/* Date a source version stands for, when the version is a date ("2025-01-06",
 * "20250106", "2025-01"), as "YYYY-MM-DD" into out (11 bytes); 0 ok, -1 not a date. */
int rv_version_date(const char *version, char out[11]);

#endif
