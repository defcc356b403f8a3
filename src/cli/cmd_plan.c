/* cmd_plan.c: `revus plan [--exit-code]`: what is due for reanalysis, and why. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cJSON.h>
#include "cli/cli_state.h"
#include "run/plan.h"
#include "run/incremental.h"
#include "run/sample.h"
#include "state/cohort.h"

/* --exit-code: the status when something is due (documented for schedulers). */
#define EXIT_DUE 10

static void usage(FILE *fp)
{
    fprintf(fp,
        "Usage: revus plan [--exit-code] [--format tsv|json]\n\n"
        "List the samples due for reanalysis, one line per reason (sample, due, reason,\n"
        "touches):\n"
        "  never-run  registered but never run\n"
        "  skipped    its last run skipped it (VCF missing, changed or malformed)\n"
        "  source     the active releases are not those its last run used: another version\n"
        "             (a rollback, `sources activate` of an older one, says so), a source\n"
        "             added or removed, a version re-imported with other content\n"
        "  changed    what its last run read it with changed: its VCF (cohort update),\n"
        "             indication, sex, family or PED entry, the pipeline config or rules\n"
        "             file, or the revus version\n"
        "  reported   classes the lab reported for it (reported import) after its last run\n"
        "  interval   not reanalysed within reanalysis.interval_days of the pipeline config\n"
        "touches: what `revus run` (or a shard, `revus run --shard`: the same decision) will\n"
        "  read for it: \"full: WHY\" (the whole VCF), or for a source line \"N variants\n"
        "  changed, M to re-read\" (the release diff, and of it what the sample's carrier index\n"
        "  says it may carry), with \"; coverage changed (WHERE): K regions re-read whole\"\n"
        "  when the release covers other contigs or declared regions than before, or for a\n"
        "  gene-keyed source \"N gene rows changed, M regions to re-read whole\"; \".\" when not\n"
        "  known\n"
        "  --exit-code  exit 10 when something is due, 0 when nothing is (for timers, cron)\n"
        "  --format F   tsv (default) or json\n\n"
        "Exit: 0 ok (or nothing due); 10 something due (--exit-code); 2 bad usage; 3 state problem.\n");
}


/* What `revus run` would read for each sample, per due line ("touches"); one decision per
 * sample. touches[i] is owned by the caller (NULL = not known). */
static void plan_touches(rv_cli *g, rv_state *st, const rv_runconf *conf, const char *hash, const rv_source_ver *src,
                         int n_src, const rv_plan_item *items, int n, char **touches)
{
    rv_err err = { 0 };
    rv_incr *x = NULL;
    if (!hash || rv_incr_open(&x, g->home, conf, src, n_src, hash, &err) < 0) return;
    rv_incr_set_readonly(x);
    for (int i = 0; i < n; i++) {
        if (i > 0 && strcmp(items[i].sample, items[i - 1].sample) == 0) continue;
        rv_sample *s = NULL;
        int ns = 0, n_rep = 0;
        char **rep = NULL;
        rv_calls prev = { 0 };
        int64_t prev_run = 0;
        rv_incr_decision d;
        memset(&d, 0, sizeof d);
        if (rv_cohort_get(st, items[i].sample, &s, &ns, &err) == 0 && ns == 1 &&
            rv_run_previous(st, s[0].id, 0, &prev_run, &prev, &err) == 0 &&
            rv_reported_keys(st, s[0].id, &rep, &n_rep, &err) == 0 &&
            rv_incr_decide(x, st, &s[0], prev_run, &prev, rep, n_rep, &d, &err) == 0) {
            for (int k = i; k < n && strcmp(items[k].sample, items[i].sample) == 0; k++) {
                char buf[640];
                buf[0] = '\0';
                if (d.full) snprintf(buf, sizeof buf, "full: %s", d.reason);
                else if (strcmp(items[k].kind, "source") == 0) {
                    for (int c = 0; c < d.n_changes; c++) {
                        size_t l = strlen(d.changes[c].what), m = strcspn(items[k].reason, " ");
                        if (!(l > m && strncmp(d.changes[c].what, items[k].reason, m) == 0 && d.changes[c].what[m] == ' '))
                            continue;
                        if (d.changes[c].genes)
                            snprintf(buf, sizeof buf, "%d gene rows changed, %d regions to re-read whole", d.changes[c].n_keys,
                                     d.n_gene_regions);
                        else if (d.changes[c].coverage)
                            snprintf(buf, sizeof buf, "%d variants changed, %d to re-read; coverage changed (%s): "
                                     "%d region%s re-read whole", d.changes[c].n_keys, d.changes[c].n_carried,
                                     d.changes[c].coverage, d.changes[c].n_regions, d.changes[c].n_regions == 1 ? "" : "s");
                        else
                            snprintf(buf, sizeof buf, "%d variants changed, %d to re-read", d.changes[c].n_keys,
                                     d.changes[c].n_carried);
                    }
                } else snprintf(buf, sizeof buf, "%d variants to re-read", d.n_keys);
                if (buf[0]) touches[k] = strdup(buf);
            }
        }
        rv_incr_decision_free(&d);
        rv_calls_free(&prev);
        for (int k = 0; k < n_rep; k++) free(rep[k]);
        free(rep);
        rv_samples_free(s, ns);
    }
    rv_incr_close(x);
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
    /* the config hash a run would record: a sample whose last run had another is due */
    char hash[RV_SHA256_HEX];
    int have_hash = rv_run_config_hash(conf, cli_rules_path(conf), hash, &err) == 0;
    if (rv_plan(st, conf, have_hash ? hash : NULL, src, n_src, now, &items, &n, &err) < 0) { ret = cli_fail(&err); goto out; }
    char **touches = calloc((size_t)n + 1, sizeof *touches);
    if (!touches) { rv_plan_items_free(items, n); ret = cli_failf(EXIT_SOURCE_STATE, "out of memory"); goto out; }
    plan_touches(g, st, conf, have_hash ? hash : NULL, src, n_src, items, n, touches);
    if (fmt == RV_OUT_JSON) {
        cJSON *arr = cJSON_CreateArray();
        for (int i = 0; arr && i < n; i++) {
            cJSON *o = cJSON_CreateObject();
            cJSON_AddStringToObject(o, "sample", items[i].sample);
            cJSON_AddStringToObject(o, "due", items[i].kind);
            cJSON_AddStringToObject(o, "reason", items[i].reason);
            cJSON_AddStringToObject(o, "touches", touches[i] ? touches[i] : ".");
            cJSON_AddItemToArray(arr, o);
        }
        char *text = arr ? cJSON_Print(arr) : NULL;
        if (text) puts(text);
        cJSON_free(text);
        cJSON_Delete(arr);
    } else {
        printf("sample\tdue\treason\ttouches\n");
        for (int i = 0; i < n; i++)
            printf("%s\t%s\t%s\t%s\n", items[i].sample, items[i].kind, items[i].reason, touches[i] ? touches[i] : ".");
    }
    if (g->verbosity) {
        int due = 0;
        for (int i = 0; i < n; i++) due += i == 0 || strcmp(items[i].sample, items[i - 1].sample) != 0;
        fprintf(stderr, "revus: %d sample%s due\n", due, due == 1 ? "" : "s");
    }
    ret = exit_code && n > 0 ? EXIT_DUE : EXIT_OK;
    for (int i = 0; i < n; i++) free(touches[i]);
    free(touches);
    rv_plan_items_free(items, n);
out:
    rv_source_vers_free(src, n_src);
    rv_state_close(st);
    rv_runconf_free(conf);
    return ret;
}
