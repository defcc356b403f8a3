/* base/progress.h: how far a long task has come, computed by the library, shown by the CLI.
 *
 * A task keeps an rv_meter and adds what it has done (records, samples, bytes); at most
 * every RV_METER_EVERY seconds, and once at the end, the meter calls its callback with
 * the count, the rate, the elapsed time and, when the total or the fraction done is known,
 * the time left. Without a callback a meter costs one comparison per update. The library
 * never prints: the callback (the CLI's) decides whether and how to show it. */
#ifndef RV_PROGRESS_H
#define RV_PROGRESS_H

#include <stdint.h>

#define RV_METER_EVERY 0.5

typedef struct rv_progress {
    const char *task;        /* "annotate", "run", ... */
    const char *unit;        /* "records", "samples", "bytes" */
    int64_t     done;
    int64_t     total;       /* 0 = not known */
    double      fraction;    /* 0..1 when known (from total, or set by the task); -1 not known */
    double      elapsed;     /* seconds since the start */
    double      rate;        /* units per second */
    double      eta;         /* seconds left; -1 not known */
    int         finished;    /* the last call: the task is over */
} rv_progress;

typedef void (*rv_progress_fn)(const rv_progress *p, void *ud);

typedef struct rv_meter {
    rv_progress    p;
    rv_progress_fn fn;
    void          *ud;
    double         start, next;
} rv_meter;

/* Start a meter (fn NULL: counts, never reports). */
void rv_meter_start(rv_meter *m, const char *task, const char *unit, int64_t total,
                    rv_progress_fn fn, void *ud);
/* Add n done; fraction >= 0 sets the fraction done when the total is not a count (bytes
 * read of a compressed file), -1 leaves it. Reports when RV_METER_EVERY has passed. */
void rv_meter_add(rv_meter *m, int64_t n, double fraction);
/* The final report (finished = 1). */
void rv_meter_end(rv_meter *m);

/* Seconds on a monotonic clock. */
double rv_now_seconds(void);

#endif
