/* main.c: the revus command table, global options and dispatch. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli/cli.h"
#include "base/version.h"

static const struct command {
    const char *name;
    rv_cmd_fn   fn;
    const char *group;
    const char *summary;
} commands[] = {
    { "norm",     main_norm,     "Variants",  "stream and normalise a VCF/BCF (split, trim, left-align)" },
    { "csq",      main_csq,      "Variants",  "consequences, HGVS and NMD from a gene model (INFO/RV_CSQ)" },
    { "annotate", main_annotate, "Variants",  "annotate and classify a VCF against active sources (stateless)" },
    { "sources",  main_sources,  "Knowledge", "list, fetch, import, activate, verify, diff and prune sources" },
    { "cohort",   main_cohort,   "Cohort",    "register samples: add, import a manifest, list, remove" },
    { "reported", main_reported, "Cohort",    "import the classifications the lab has issued" },
    { "run",      main_run,      "Reanalysis","reanalyse samples: classify, compare, raise flags" },
    { "merge",    main_merge,    "Reanalysis","apply result shards written by `revus run --shard`" },
    { "flags",    main_flags,    "Reanalysis","list flags (what changed, why, how urgent)" },
    { "ack",      main_ack,      "Reanalysis","acknowledge a flag" },
    { "plan",     main_plan,     "Reanalysis","what is due for reanalysis, and why" },
    { "report",   main_report,   "Reports",   "reclassification report: html, tsv, json, vcf, phenopacket, fhir" },
    { "stats",    main_stats,    "Reports",   "outcome statistics across runs" },
};
#define N_COMMANDS (sizeof commands / sizeof *commands)

static void usage(FILE *fp)
{
    fprintf(fp,
        "revus %s: reanalysis of clinical variant classifications\n\n"
        "Usage: revus [--home DIR] [--config FILE] [-q|-v] [--no-progress] COMMAND [options]\n",
        rv_version());
    const char *group = "";
    for (size_t i = 0; i < N_COMMANDS; i++) {
        if (strcmp(group, commands[i].group) != 0) {
            group = commands[i].group;
            fprintf(fp, "\n%s:\n", group);
        }
        fprintf(fp, "  %-9s %s\n", commands[i].name, commands[i].summary);
    }
    fprintf(fp,
        "\nGlobal options (accepted before or after COMMAND):\n"
        "  --home DIR      state database and source store (default $REVUS_HOME or ./revus-home)\n"
        "  --config FILE   pipeline configuration (default pipeline/default.json); keys a lab's\n"
        "                  copy lacks come from the shipped default, named in a warning\n"
        "  -q, --quiet     only errors on stderr;  -v, --verbose  more detail\n"
        "  --no-progress   no progress line (shown only when stderr is a terminal)\n"
        "  --version       revus and linked library versions;  --help  this text\n"
        "\nExit codes: 0 success; 1 ran, but something needs attention (e.g. skipped samples);\n"
        "            2 bad usage or bad input; 3 a source or state problem.\n"
        "Run `revus COMMAND --help` for a command's options. Documentation: docs/.\n");
}

/* Remove global options from argv (anywhere before "--"), filling g. */
static int take_globals(int *argc, char **argv, rv_cli *g)
{
    int out = 1;
    for (int i = 1; i < *argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--") == 0) { while (i < *argc) argv[out++] = argv[i++]; break; }
        if ((strcmp(a, "--home") == 0 || strcmp(a, "--config") == 0)) {
            if (i + 1 >= *argc) { fprintf(stderr, "revus: %s needs a value\n", a); return -1; }
            if (a[2] == 'h') g->home = argv[++i]; else g->config = argv[++i];
            continue;
        }
        if (strncmp(a, "--home=", 7) == 0) { g->home = a + 7; continue; }
        if (strncmp(a, "--config=", 9) == 0) { g->config = a + 9; continue; }
        if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) { g->verbosity = 0; continue; }
        if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) { g->verbosity = 2; continue; }
        if (strcmp(a, "--no-progress") == 0) { g->progress = 0; continue; }
        argv[out++] = argv[i];
    }
    *argc = out;
    argv[out] = NULL;
    return 0;
}

static char *join_args(int argc, char **argv)
{
    size_t n = 1;
    for (int i = 0; i < argc; i++) n += strlen(argv[i]) + 1;
    char *s = malloc(n), *p = s;
    if (!s) return NULL;
    for (int i = 0; i < argc; i++) {
        size_t l = strlen(argv[i]);
        memcpy(p, argv[i], l); p += l;
        *p++ = i + 1 < argc ? ' ' : '\0';
    }
    if (argc == 0) *s = '\0';
    return s;
}

int main(int argc, char **argv)
{
    rv_cli g = { .verbosity = 1, .progress = 1, .argv0 = argv[0] };
    g.command_line = join_args(argc, argv);
    g.home = getenv("REVUS_HOME");
    if (!g.home || !*g.home) g.home = "revus-home";
    int ret;
    if (take_globals(&argc, argv, &g) < 0) { ret = EXIT_BAD_INPUT; goto out; }
    cli_log_init(g.verbosity);
    if (argc < 2) { usage(stderr); ret = EXIT_BAD_INPUT; goto out; }
    if (cli_is_help(argv[1]) || strcmp(argv[1], "help") == 0) { usage(stdout); ret = EXIT_OK; goto out; }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        char buf[1024];
        rv_version_libraries(buf, sizeof buf);
        fputs(buf, stdout);
        ret = EXIT_OK;
        goto out;
    }
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (strcmp(argv[1], commands[i].name) == 0) {
            ret = commands[i].fn(argc - 1, argv + 1, &g);
            goto out;
        }
    fprintf(stderr, "revus: unknown command '%s' (see `revus --help`)\n", argv[1]);
    ret = EXIT_BAD_INPUT;
out:
    if (fflush(stdout) != 0 && ret == EXIT_OK) {
        fprintf(stderr, "revus: error writing standard output\n");
        ret = EXIT_BAD_INPUT;
    }
    free(g.command_line);
    return ret;
}
