/* cmd_plan.c: `revus plan [--exit-code]`: what is due for reanalysis, and why. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <cJSON.h>
#include "cli/cli_state.h"
#include "run/plan.h"

/* --exit-code: the status when something is due (documented for schedulers). */
#define EXIT_DUE 10

static void usage(FILE *fp)
{
    fprintf(fp,
        "Usage: revus plan [--exit-code] [--format tsv|json]\n\n"
        "List the samples due for reanalysis, one line per reason (sample, due, reason):\n"
        "  never-run  registered but never run\n"
        "  skipped    its last run skipped it (VCF missing, changed or malformed)\n"
        "  source     a source release is active that its last run did not use\n"
        "  interval   not reanalysed within reanalysis.interval_days of the pipeline config\n"
        "  --exit-code  exit 10 when something is due, 0 when nothing is (for timers, cron)\n"
        "  --format F   tsv (default) or json\n\n"
        "Exit: 0 ok (or nothing due); 10 something due (--exit-code); 2 bad usage; 3 state problem.\n");
}

int main_plan(int argc, char **argv, rv_cli *g)
{
    static const struct option opts[] = {
        { "exit-code", no_argument, 0, 'e' }, { "format", required_argument, 0, 'f' },
        { "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 } };
    int exit_code = 0, c;
    const char *format = "tsv";
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'e': exit_code = 1; break;
        case 'f': format = optarg; break;
        case 'h': usage(stdout); return EXIT_OK;
        default: usage(stderr); return EXIT_BAD_INPUT;
        }
    }
    if (optind != argc) { usage(stderr); return EXIT_BAD_INPUT; }
    rv_out_format fmt;
    if (cli_out_format("plan", format, RV_OUT(RV_OUT_TSV) | RV_OUT(RV_OUT_JSON), &fmt)) return EXIT_BAD_INPUT;
    rv_state *st; rv_runconf *conf;
    int ret = cli_state_open(g, &st, &conf);
    if (ret) return ret;
    rv_source_ver *src = NULL;
    int n_src = 0;
    if ((ret = cli_active_sources(g, &src, &n_src)) != 0) goto out;
    rv_err err = { 0 };
    rv_plan_item *items = NULL;
    int n = 0;
    char now[32];
    rv_state_now(now, sizeof now);
    if (rv_plan(st, conf, src, n_src, now, &items, &n, &err) < 0) { ret = cli_fail(&err); goto out; }
    if (fmt == RV_OUT_JSON) {
        cJSON *arr = cJSON_CreateArray();
        for (int i = 0; arr && i < n; i++) {
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "sample", items[i].sample);
            cJSON_AddStringToObject(o, "due", items[i].kind);
            cJSON_AddStringToObject(o, "reason", items[i].reason);
            cJSON_AddItemToArray(arr, o);
        }
        char *text = arr ? cJSON_Print(arr) : NULL;
        if (text) puts(text);
        cJSON_free(text);
        cJSON_Delete(arr);
    } else {
        printf("sample\tdue\treason\n");
        for (int i = 0; i < n; i++) printf("%s\t%s\t%s\n", items[i].sample, items[i].kind, items[i].reason);
    }
    if (g->verbosity) {
        int due = 0;
        for (int i = 0; i < n; i++) due += i == 0 || strcmp(items[i].sample, items[i - 1].sample) != 0;
        fprintf(stderr, "revus: %d sample%s due\n", due, due == 1 ? "" : "s");
    }
    ret = exit_code && n > 0 ? EXIT_DUE : EXIT_OK;
    rv_plan_items_free(items, n);
out:
    rv_source_vers_free(src, n_src);
    rv_state_close(st);
    rv_runconf_free(conf);
    return ret;
}
