/* cmd_merge.c: `revus merge SHARD..`: store shards from `revus run --shard` as one run. */
#include <stdio.h>
#include "cli/cli_state.h"
#include "cli/progress.h"
#include "run/merge.h"
#include "state/runs.h"
#include "run/sample.h"

static void usage(FILE *fp)
{
    fprintf(fp,
        "Usage: revus merge SHARD...\n\n"
        "Apply result shards written by `revus run --shard SAMPLE --out SHARD` as one run: all\n"
        "shards must come from the same source snapshot and config; each is stored in its own\n"
        "transaction and raises exactly the flags a direct `revus run` would; an incremental\n"
        "shard holds the sample's whole call set (re-read and carried over), so it stores what\n"
        "an incremental `revus run` would. A shard is skipped with its reason when its sample\n"
        "is not registered, its VCF changed since, or another run stored the sample after the\n"
        "run the shard was computed from (make the shard again). A shard already stored by an\n"
        "earlier merge of it (a merge killed midway, run again) is left as it is.\n"
        "Takes the home's writer lock like `revus run`.\n\n"
        "Exit: 0 ok; 1 a shard was skipped; 2 bad usage or a bad shard (nothing stored);\n"
        "3 state problem or the lock is held.\n");
}

int main_merge(int argc, char **argv, rv_cli *g)
{
    for (int i = 1; i < argc; i++) if (cli_is_help(argv[i])) { usage(stdout); return EXIT_OK; }
    if (argc < 2) { usage(stderr); return EXIT_BAD_INPUT; }
    for (int i = 1; i < argc; i++)       /* options before any state is touched */
        if (argv[i][0] == '-' && argv[i][1]) {
            fprintf(stderr, "revus: merge: unknown option '%s'\n", argv[i]);
            usage(stderr);
            return EXIT_BAD_INPUT;
        }
    rv_state *st; rv_runconf *conf;
    int ret = cli_state_open(g, &st, &conf);
    if (ret) return ret;
    rv_err err = { 0 };
    rv_run_lock *lk = NULL;
    int n_int = 0;
    rv_merge_report rep;
    char hash[RV_SHA256_HEX];
    int have_hash = rv_run_config_hash(conf, cli_rules_path(conf), hash, &err) == 0;
    rv_meter meter;
    cli_progress_start(g, &meter, "merge (read, then store)", "shard steps", 2 * (int64_t)(argc - 1));
    if (rv_run_lock_take(g->home, conf->lock_wait_seconds, &lk, &err) < 0 ||
        rv_runs_mark_interrupted(st, &n_int, &err) < 0 ||
        rv_merge_shards(st, conf, have_hash ? hash : NULL, argv + 1, argc - 1, cli_on_skip, NULL, &meter, &rep, &err) < 0) {
        ret = cli_fail(&err);
    } else {
        cli_progress_end(&meter);
        if (g->verbosity)
            fprintf(stderr, "revus: run %lld (merge): %d sample%s stored, %d skipped, %d already stored, %d new flag%s\n",
                    (long long)rep.run, rep.n_done, rep.n_done == 1 ? "" : "s", rep.n_skipped, rep.n_current,
                    rep.n_flags, rep.n_flags == 1 ? "" : "s");
        ret = rep.n_skipped ? EXIT_ATTENTION : EXIT_OK;
    }
    rv_run_lock_release(lk);
    rv_state_close(st);
    rv_runconf_free(conf);
    return ret;
}
