/* cmd_stats.c: `revus stats`: what reanalysis yielded, per indication and over time. */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/out_file.h"
#include "state/db.h"
#include "report/stats.h"
#include "base/version.h"

static void usage(FILE *f)
{
    fputs("Usage: revus stats [--format tsv|json|html] [-o FILE]\n"
          "\n"
          "Outcome statistics across all runs, overall and per indication, per year and month:\n"
          "patients run and reanalysed, flags by category, acknowledged flags, patients whose\n"
          "variant now has another management group (P/LP, VUS, LB/B) than the lab reported,\n"
          "patients with a new P/LP finding, and days from a source release to its flags.\n"
          "  --format F   tsv (default), json, or html (tables and inline SVG charts)\n"
          "  -o FILE      write FILE (replaced only when complete); default stdout\n"
          "Exit: 0 written, 2 bad usage, 3 state problem. Columns: docs/reports.md.\n", f);
}

int main_stats(int argc, char **argv, rv_cli *g)
{
    const char *format = "tsv", *out_path = NULL;
    rv_err err;
    rv_err_clear(&err);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (cli_is_help(a)) { usage(stdout); return EXIT_OK; }
        if (!strcmp(a, "--format") || !strcmp(a, "-o") || !strcmp(a, "--output")) {
            if (i + 1 >= argc) return cli_failf(EXIT_BAD_INPUT, "stats: %s needs a value", a);
            if (a[1] == 'o' || a[2] == 'o') out_path = argv[++i]; else format = argv[++i];
            continue;
        }
        usage(stderr);
        return cli_failf(EXIT_BAD_INPUT, "stats: unknown option '%s'", a);
    }
    rv_out_format fmt;
    if (cli_out_format("stats", format, RV_OUT(RV_OUT_TSV) | RV_OUT(RV_OUT_JSON) | RV_OUT(RV_OUT_HTML), &fmt))
        return EXIT_BAD_INPUT;
    int (*writer)(const rv_stats *, FILE *, rv_err *) =
        fmt == RV_OUT_TSV ? rv_stats_write_tsv : fmt == RV_OUT_JSON ? rv_stats_write_json : rv_stats_write_html;

    rv_state *st = NULL;
    rv_stats *s = NULL;
    int rc = rv_state_open_readonly(&st, g->home, &err);
    if (rc == 0) rc = rv_stats_load(rv_state_db(st), &s, &err);
    rv_state_close(st);
    if (rc < 0) return cli_fail(&err);
    cli_now_utc(s->generated_at, sizeof s->generated_at);
    s->generator = rv_version();
    cli_out out;
    rc = cli_out_open(&out, out_path, &err);
    if (rc == 0) {
        rc = writer(s, out.f, &err);
        if (rc == 0) rc = cli_out_commit(&out, &err); else cli_out_abort(&out);
    }
    rv_stats_free(s);
    return rc < 0 ? cli_fail(&err) : EXIT_OK;
}
