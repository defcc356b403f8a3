/* base/progress.c: rates and time left for long tasks (base/progress.h). */
#include <time.h>
#include "base/progress.h"

double rv_now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void rv_meter_start(rv_meter *m, const char *task, const char *unit, int64_t total,
                    rv_progress_fn fn, void *ud)
{
    *m = (rv_meter){ .fn = fn, .ud = ud };
    m->p = (rv_progress){ .task = task, .unit = unit, .total = total, .fraction = -1, .eta = -1 };
    m->start = rv_now_seconds();
    m->next = m->start + RV_METER_EVERY;
}

static void report(rv_meter *m, double now)
{
    rv_progress *p = &m->p;
    p->elapsed = now - m->start;
    p->rate = p->elapsed > 0 ? (double)p->done / p->elapsed : 0;
    if (p->total > 0) p->fraction = (double)p->done / (double)p->total;
    p->eta = p->fraction > 0 && p->fraction <= 1 ? p->elapsed * (1 - p->fraction) / p->fraction : -1;
    if (p->finished) p->eta = 0;
    m->fn(p, m->ud);
}

void rv_meter_add(rv_meter *m, int64_t n, double fraction)
{
    m->p.done += n;
    if (fraction >= 0) m->p.fraction = fraction > 1 ? 1 : fraction;
    if (!m->fn) return;
    double now = rv_now_seconds();
    if (now < m->next) return;
    m->next = now + RV_METER_EVERY;
    report(m, now);
}

void rv_meter_end(rv_meter *m)
{
    if (!m->fn) return;
    m->p.finished = 1;
    if (m->p.total <= 0 && m->p.fraction >= 0) m->p.fraction = 1;
    report(m, rv_now_seconds());
}
