/* progress.c: draw the library's progress on the terminal (cli/progress.h). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "cli/progress.h"

static int showing;     /* a progress line is on the screen, not yet ended by a newline */
static char shown_task[96];   /* whose line it is */

void cli_progress_clear(void)
{
    if (!showing) return;
    fputs("\r\033[K", stderr);
    showing = 0;
}

/* "1:02:03", "2:03" or "4.1 s" */
static void duration(char *buf, size_t n, double s)
{
    long t = (long)(s + 0.5);
    if (s < 10) snprintf(buf, n, "%.1f s", s);
    else if (t < 3600) snprintf(buf, n, "%ld:%02ld", t / 60, t % 60);
    else snprintf(buf, n, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
}

/* A count in its unit: bytes in KiB, MiB, GiB; anything else as a whole number. */
static void amount(char *buf, size_t n, double v, const char *unit)
{
    static const char *const bin[] = { "B", "KiB", "MiB", "GiB", "TiB" };
    int u = 0;
    if (strcmp(unit, "bytes") != 0) { snprintf(buf, n, "%.0f %s", v, unit); return; }
    while (v >= 1024 && u < 4) { v /= 1024; u++; }
    snprintf(buf, n, u ? "%.1f %s" : "%.0f %s", v, bin[u]);
}

void cli_progress_draw(const rv_progress *p, void *ud)
{
    (void)ud;
    char el[32], eta[48] = "", total[80] = "", pct[16] = "", done[64], rate[64];
    int bytes = strcmp(p->unit, "bytes") == 0;
    duration(el, sizeof el, p->elapsed);
    amount(done, sizeof done, (double)p->done, p->unit);
    amount(rate, sizeof rate, p->rate, p->unit);
    if (p->total > 0) {
        char t[64];
        amount(t, sizeof t, (double)p->total, p->unit);
        if (!bytes) snprintf(done, sizeof done, "%lld", (long long)p->done);   /* "12 of 40 samples" */
        snprintf(total, sizeof total, " of %s", t);
    }
    if (p->fraction >= 0 && !p->finished) snprintf(pct, sizeof pct, " (%.0f%%)", 100 * p->fraction);
    if (p->eta >= 0 && !p->finished) {
        char t[32];
        duration(t, sizeof t, p->eta);
        snprintf(eta, sizeof eta, ", about %s left", t);
    }
    if (showing && strcmp(shown_task, p->task) != 0) cli_progress_keep();   /* another task's line stays */
    cli_progress_clear();
    snprintf(shown_task, sizeof shown_task, "%s", p->task);
    fprintf(stderr, "revus: %s: %s%s%s, %s/s, %s elapsed%s", p->task, done, total, pct, rate, el, eta);
    if (p->finished) fputc('\n', stderr);
    else showing = 1;
    fflush(stderr);
}

rv_progress_fn cli_progress_fn(const rv_cli *g)
{
    return g->progress && g->verbosity > 0 && isatty(STDERR_FILENO) ? cli_progress_draw : NULL;
}

void cli_progress_start(rv_cli *g, rv_meter *m, const char *task, const char *unit, int64_t total)
{
    rv_progress_fn fn = cli_progress_fn(g);
    rv_meter_start(m, task, unit, total, fn, NULL);
}

void cli_progress_keep(void)
{
    if (!showing) return;
    fputc('\n', stderr);
    showing = 0;
}

void cli_progress_end(rv_meter *m)
{
    rv_meter_end(m);
    showing = 0;
}
