/* progress.h: the progress line on a terminal (stderr), fed by the library's meters
 * (base/progress.h). Shown only when stderr is a terminal, without -q and without
 * --no-progress; otherwise the meters get no callback and nothing is printed. */
#ifndef RV_CLI_PROGRESS_H
#define RV_CLI_PROGRESS_H

#include "base/progress.h"
#include "cli/cli.h"

/* Start m for this command: with a callback that draws the line when g allows it. */
void cli_progress_start(rv_cli *g, rv_meter *m, const char *task, const char *unit, int64_t total);
/* The meter's callback (for library calls that take an rv_progress_fn). */
void cli_progress_draw(const rv_progress *p, void *ud);
/* Whether progress is shown for g (the callback to pass, or NULL). */
rv_progress_fn cli_progress_fn(const rv_cli *g);
/* Take the progress line off the screen before printing something else on stderr (the
 * log does it by itself). */
void cli_progress_clear(void);
/* End the line on the screen where it is (it stays), when one is shown. */
void cli_progress_keep(void);
/* Final line, then the line is left for the next message. */
void cli_progress_end(rv_meter *m);

#endif
