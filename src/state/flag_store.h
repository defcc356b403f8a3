/* state/flag_store.h: list stored flags and acknowledge them.
 *
 * Acknowledging records who, when, an optional note, and the flag's evidence
 * fingerprint: a later run does not raise a flag with the same fingerprint again for the
 * same sample and variant (state/runs.c), and raises a new one when the class or the
 * triggering evidence moves further (a new fingerprint). */
#ifndef RV_FLAG_STORE_H
#define RV_FLAG_STORE_H

#include <stdint.h>
#include "base/err.h"
#include "state/db.h"

/* One stored flag with its acknowledgement (ack_* NULL when open). Strings owned. */
typedef struct rv_flag_row {
    int64_t id, run;
    int     priority;
    char *sample, *variant, *category, *basis, *old_class, *new_class;
    char *trigger_source, *old_version, *new_version, *field, *old_value, *new_value;
    char *detail, *fingerprint, *created_at, *gene, *hgvs;
    char *ack_by, *ack_note, *ack_at;
    char *fit, *inheritance;     /* the variant's genotype fit and its evidence (JSON), or NULL */
} rv_flag_row;

typedef struct rv_flag_filter {
    int64_t run;          /* 0 = every run */
    int     max_priority; /* keep priority <= this (1 = most urgent only); 0 = all */
    int     include_acked;/* 0: open flags only */
    const char *sample;   /* NULL = every sample */
} rv_flag_filter;

/* Flags matching f, most urgent first, then sample, position, id.
 * RV_OK with *rows (caller frees with rv_flag_rows_free) and *n; RV_ESTATE, RV_ENOMEM. */
int rv_flags_list(rv_state *st, const rv_flag_filter *f, rv_flag_row **rows, int *n, rv_err *err);
void rv_flag_rows_free(rv_flag_row *rows, int n);

/* Acknowledge flag id. RV_ENOTFOUND for an unknown id; RV_EUSAGE when it is already
 * acknowledged (the message names by whom and when). */
int rv_flag_ack(rv_state *st, int64_t id, const char *by, const char *note, rv_err *err);

/* 1 when run id exists. */
int rv_run_exists(rv_state *st, int64_t run);
/* The id of the latest run (any status), 0 when none.
 * RV_OK; RV_ESTATE. */
int rv_runs_latest(rv_state *st, int64_t *run, rv_err *err);

#endif
