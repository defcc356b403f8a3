/* cmd_reported.c: `revus reported import FILE.tsv`: the classes the lab has issued. */
#include <stdio.h>
#include <string.h>
#include "cli/cli_state.h"
#include "state/cohort.h"

static void usage(FILE *fp)
{
    fprintf(fp,
        "Usage: revus reported import FILE.tsv\n\n"
        "Import the classifications the lab has issued, to compare every run against.\n"
        "Columns (tab-separated, header line optional): sample, variant, class, date, reporter\n"
        "[, report_id]\n"
        "  sample    a registered sample id\n"
        "  variant   CHROM-POS-REF-ALT or CHROM:POS:REF:ALT (stored normalised, e.g. 7-117176711-A-T)\n"
        "  class     P, LP, VUS, LB or B\n"
        "  date      YYYY-MM-DD, the date of the report\n"
        "  reporter  who issued it\n"
        "  report_id optional: the lab's own id of the report, shown on every report line\n"
        "A row stored before identically is skipped; the latest date is the lab's current class.\n"
        "All rows or none: every bad row is listed with its line, and nothing is imported.\n\n"
        "Exit: 0 ok; 2 bad usage or bad rows; 3 state problem.\n");
}

int main_reported(int argc, char **argv, rv_cli *g)
{
    for (int i = 1; i < argc; i++) if (cli_is_help(argv[i])) { usage(stdout); return EXIT_OK; }
    if (argc != 3 || strcmp(argv[1], "import") != 0) { usage(stderr); return EXIT_BAD_INPUT; }
    rv_state *st;
    int ret = cli_state_open(g, &st, NULL);
    if (ret) return ret;
    rv_err err = { 0 };
    rv_problems pr = { 0 };
    int added = 0, same = 0;
    if (rv_reported_import(st, argv[2], &added, &same, &pr, &err) < 0) ret = cli_fail_problems(&pr, &err);
    else if (g->verbosity)
        fprintf(stderr, "revus: imported %d reported class%s (%d already stored) from %s\n",
                added, added == 1 ? "" : "es", same, argv[2]);
    rv_problems_free(&pr);
    rv_state_close(st);
    return ret;
}
