/* report/stats.h: outcome statistics of reanalysis across runs, per indication and period.
 *
 * Answers "what did reanalysis yield this year, per indication": how many patients were
 * reanalysed, what was flagged (by category), how much was acknowledged, how long after a
 * source release its flags appeared, and how many patients now have a class in another
 * management group than the one the lab reported. Filled from the state database by
 * rv_stats_load(); written by report/write_stats.c. */
#ifndef RV_STATS_MODEL_H
#define RV_STATS_MODEL_H

#include <stddef.h>
#include <stdio.h>
#include "base/err.h"

struct sqlite3;

#define RV_STATS_N_CATEGORIES 7   /* rv_report_category_list() order */

typedef enum { RV_PERIOD_ALL = 0, RV_PERIOD_YEAR = 1, RV_PERIOD_MONTH = 2 } rv_period_type;

/* A growable set of ids (sorted) for distinct counts. */
typedef struct rv_idset { char **x; size_t n, m; } rv_idset;

typedef struct rv_stats_row {
    rv_period_type ptype;
    char   period[8];            /* "" (all), "2026", "2026-11" */
    char  *indication;           /* NULL = all indications */
    size_t runs;                 /* runs that processed a sample of this row */
    size_t samples_run;          /* distinct samples done in the period */
    size_t samples_reanalysed;   /* ... of which had an earlier done run */
    size_t flags;
    size_t by_category[RV_STATS_N_CATEGORIES];
    size_t flags_other;          /* category unknown to this revus */
    size_t acknowledged;
    size_t patients_changed;     /* distinct patients: new class in another group than reported */
    size_t patients_new_plp;     /* distinct patients: a VUS upgraded or a new candidate at P/LP */
    int   *delay_days;           /* source release -> flag, for date-versioned sources */
    size_t n_delay, m_delay;
    rv_idset run_ids, samples, reanalysed, changed, new_plp;   /* working sets */
} rv_stats_row;

typedef struct rv_stats {
    rv_stats_row *rows;          /* sorted: ptype, period, indication (all first) */
    size_t n_rows, m_rows;
    char generated_at[32];
    const char *generator;
} rv_stats;

/* Outcome statistics from the state database: RV_OK with *out set (caller frees with
 * rv_stats_free); RV_ESTATE naming the database on an SQL failure, RV_ENOMEM. */
int rv_stats_load(struct sqlite3 *db, rv_stats **out, rv_err *err) RV_MUST_CHECK;
void rv_stats_free(rv_stats *s);

/* Median and maximum of a row's delays; 0 when there is none. */
int rv_stats_delay(const rv_stats_row *r, int *median, int *max);

/* Writers (report/write_stats.c).
 * Each writes to f (the caller's stream): RV_OK; RV_EIO when the stream failed, RV_ENOMEM. */
int rv_stats_write_tsv(const rv_stats *s, FILE *f, rv_err *err);
int rv_stats_write_json(const rv_stats *s, FILE *f, rv_err *err);
int rv_stats_write_html(const rv_stats *s, FILE *f, rv_err *err);

/* Days since 1970-01-01 of "YYYY-MM-DD..." (civil calendar); -1 when malformed. */
long rv_days_from_date(const char *s);

#endif
