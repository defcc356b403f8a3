/* out_file.h: write a command's output file safely: to a temp file beside the target
 * (mode 0600: reports hold patient data), renamed into place only when complete, so an
 * interrupted report never looks finished. NULL or "-" writes to stdout. */
#ifndef RV_CLI_OUT_FILE_H
#define RV_CLI_OUT_FILE_H

#include <stdio.h>
#include "base/err.h"

typedef struct cli_out {
    FILE *f;
    char *tmp;          /* temp path, NULL for stdout */
    const char *path;
} cli_out;

int cli_out_open(cli_out *o, const char *path, rv_err *err);
int cli_out_commit(cli_out *o, rv_err *err);   /* close + rename; frees o's resources */
void cli_out_abort(cli_out *o);                /* close + remove the temp file */

/* Current UTC time "YYYY-MM-DDTHH:MM:SSZ"; REVUS_TEST_NOW overrides it (golden tests). */
void cli_now_utc(char *buf, size_t n);

#endif
