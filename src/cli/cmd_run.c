/* cmd_run.c: `revus run`: parse the options, take the writer lock, call rv_run_cohort
 * (or rv_run_shard for --shard; run/cohort_run.h), print the summary. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli_state.h"
#include "cli/progress.h"
#include "state/runs.h"
#include "run/cohort_run.h"

#define MAX_THREADS RV_RUN_MAX_THREADS

static void usage(FILE *fp)
{
    fprintf(fp,
        "Usage: revus run [--sample ID]... [--threads N] [--full]\n"
        "       revus run --shard SAMPLE --out SHARD [--threads N] [--full]\n\n"
        "Reanalyse registered samples against the active source releases: stream each VCF,\n"
        "keep the candidate variants (pipeline config \"reanalysis.candidates\"), annotate,\n"
        "classify, store, and compare with the sample's previous run and the lab's reported\n"
        "classes, raising flags (`revus flags`). Each sample is stored in one transaction; the\n"
        "run records every source version and checksum, the config hash and revus version.\n"
        "A candidate is rare in a gene of interest with a consequence that can matter\n"
        "(candidates.consequences, or a splice prediction at PP3), or ClinVar-classified\n"
        "(candidates.clinvar_tiers), or reported; each stored call says why (docs/state.md).\n"
        "Symbolic or structural alleles (<DEL>, breakends, repeats) are not evaluated and get\n"
        "no call; the run says how many each sample's VCF holds (a warning per sample).\n\n"
        "A classification is stored once and stays valid until a run changes it.\n\n"
        "Incremental by default: when only variant-keyed releases (ClinVar, population,\n"
        "scores, the lab's classifications) moved since a sample's last run, only the variants\n"
        "those releases added, removed or changed, and that its carrier index says it may\n"
        "carry, are read again (`revus plan` shows how many), with the calls at a residue a\n"
        "ClinVar change touches (PS1/PM5, with a gene model); a gene-panel, gene-validity,\n"
        "gene-dosage or gene-regions change re-reads the regions of the genes whose rows\n"
        "changed; a release covering other contigs or regions than before re-reads those. A\n"
        "first run, a changed VCF, indication, config, rules or revus version, a source added\n"
        "or removed, relatives registered, or a gene change no gene-regions or gene-model\n"
        "source locates reads the sample in full (`revus plan` says which and why;\n"
        "docs/state.md).\n\n"
        "  --sample ID      only these samples (repeatable; default: every registered sample)\n"
        "  --threads N      samples computed in parallel (default 1); one writer stores them\n"
        "  --full           read every sample's whole VCF (the same classes and flags)\n"
        "  --shard SAMPLE   compute one sample from its VCF, the frozen active sources and its\n"
        "                   previous classifications, incrementally as above unless --full;\n"
        "                   the state and the home are only read (a carrier index that needs\n"
        "                   rebuilding reads the sample in full) ...\n"
        "  --out SHARD      ... into this shard file, for `revus merge`; the shard records the\n"
        "                   run it started from, and merge stores it only while that run is\n"
        "                   still the sample's last\n\n"
        "A sample whose VCF is missing, changed since registration (checksum) or malformed is\n"
        "reported and skipped; the others go on. A run killed midway keeps its finished\n"
        "samples and is marked interrupted by the next run. Only one run or merge writes a\n"
        "home at a time: a second waits reanalysis.lock_wait_seconds, then refuses.\n\n"
        "Exit: 0 ok; 1 a sample was skipped; 2 bad usage (unknown sample); 3 a source or state\n"
        "problem (no rules, build mismatch, lock held).\n");
}

static int direct_run(rv_cli *g, char **want, int n_want, int threads, int full)
{
    rv_state *st; rv_runconf *conf;
    int ret = cli_state_open(g, &st, &conf);
    if (ret) return ret;
    rv_err err = { 0 };
    rv_run_lock *lk = NULL;
    rv_cohort_run_opts o = { .home = g->home, .conf = conf, .rules = cli_rules_path(conf), .samples = want,
                             .n_samples = n_want, .threads = threads, .full = full, .on_skip = cli_on_skip,
                             .msg = cli_msg_sink };
    rv_cohort_run_report rep;
    rv_meter meter;
    cli_progress_start(g, &meter, "run", "samples", 0);
    o.progress = &meter;
    if (rv_run_lock_take(g->home, conf->lock_wait_seconds, &lk, &err) < 0 ||
        rv_run_cohort(st, &o, &rep, &err) < 0) {
        ret = cli_fail(&err);
    } else if (rep.run) {
        cli_progress_end(&meter);
        if (g->verbosity)
            fprintf(stderr, "revus: run %lld complete: %d sample%s done, %d skipped, %d new flag%s (see `revus flags`); "
                    "%d read in full, %d incrementally (%lld variant%s re-read)\n",
                    (long long)rep.run, rep.n_done, rep.n_done == 1 ? "" : "s", rep.n_skipped, rep.n_flags,
                    rep.n_flags == 1 ? "" : "s", rep.n_full, rep.n_incremental, rep.n_reread,
                    rep.n_reread == 1 ? "" : "s");
        ret = rep.n_skipped ? EXIT_ATTENTION : EXIT_OK;
    }
    rv_run_lock_release(lk);
    rv_state_close(st);
    rv_runconf_free(conf);
    return ret;
}

static int shard_run(rv_cli *g, const char *id, const char *out_path, int threads, int full)
{
    rv_err err = { 0 };
    rv_runconf *conf = NULL;
    rv_state *st = NULL;
    int ret = EXIT_OK;
    rv_shard_report rep;
    if (cli_conf_load(g, &conf, 1, &err) < 0
        || rv_state_open_readonly(&st, g->home, &err) < 0) {
        ret = cli_fail(&err);
    } else {
        rv_cohort_run_opts o = { .home = g->home, .conf = conf, .rules = cli_rules_path(conf), .threads = threads,
                                 .full = full, .msg = cli_msg_sink };
        if (rv_run_shard(st, &o, id, out_path, &rep, &err) < 0) ret = cli_fail(&err);
    }
    rv_state_close(st);
    rv_runconf_free(conf);
    return ret;
}

int main_run(int argc, char **argv, rv_cli *g)
{
    static const struct option opts[] = {
        { "sample", required_argument, 0, 's' }, { "threads", required_argument, 0, 't' },
        { "shard", required_argument, 0, 'S' }, { "out", required_argument, 0, 'o' },
        { "full", no_argument, 0, 'F' }, { "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 } };
    char **want = calloc((size_t)argc + 1, sizeof *want);
    int n_want = 0, threads = 1, full = 0, c, ret;
    const char *shard = NULL, *out = NULL;
    char *end;
    if (!want) return cli_failf(EXIT_SOURCE_STATE, "out of memory");
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 's': want[n_want++] = optarg; break;
        case 't':
            threads = (int)strtol(optarg, &end, 10);
            if (*end || threads < 1 || threads > MAX_THREADS) { free(want); return cli_failf(EXIT_BAD_INPUT, "--threads: 1..%d", MAX_THREADS); }
            break;
        case 'S': shard = optarg; break;
        case 'o': out = optarg; break;
        case 'F': full = 1; break;
        case 'h': usage(stdout); free(want); return EXIT_OK;
        default: usage(stderr); free(want); return EXIT_BAD_INPUT;
        }
    }
    if (optind != argc || (shard && (!out || n_want)) || (!shard && out)) { usage(stderr); free(want); return EXIT_BAD_INPUT; }
    ret = shard ? shard_run(g, shard, out, threads, full) : direct_run(g, want, n_want, threads, full);
    free(want);
    return ret;
}
