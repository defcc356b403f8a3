/* cmd_ack.c: `revus ack FLAG_ID --by NAME [--note TEXT]`. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include "cli/cli_state.h"
#include "state/flag_store.h"

static void usage(FILE *fp)
{
    fprintf(fp,
        "Usage: revus ack FLAG_ID --by NAME [--note TEXT]\n\n"
        "Acknowledge a flag (ids from `revus flags`). Records who, when, the note, and the\n"
        "flag's evidence fingerprint: later runs do not raise it again for the same evidence;\n"
        "if the class or the triggering evidence moves further, a new flag is raised.\n\n"
        "Exit: 0 ok; 2 bad usage, unknown or already acknowledged flag; 3 state problem.\n");
}

int main_ack(int argc, char **argv, rv_cli *g)
{
    static const struct option opts[] = {
        { "by", required_argument, 0, 'b' }, { "note", required_argument, 0, 'n' },
        { "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 } };
    const char *by = NULL, *note = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'b': by = optarg; break;
        case 'n': note = optarg; break;
        case 'h': usage(stdout); return EXIT_OK;
        default: usage(stderr); return EXIT_BAD_INPUT;
        }
    }
    if (optind != argc - 1 || !by || !*by) { usage(stderr); return EXIT_BAD_INPUT; }
    char *end;
    long long id = strtoll(argv[optind], &end, 10);
    if (*end || id <= 0) return cli_failf(EXIT_BAD_INPUT, "'%s' is not a flag id", argv[optind]);
    rv_state *st;
    int ret = cli_state_open(g, &st, NULL);
    if (ret) return ret;
    rv_err err = { 0 };
    if (rv_flag_ack(st, id, by, note, &err) < 0) ret = cli_fail(&err);
    else if (g->verbosity) fprintf(stderr, "revus: flag %lld acknowledged by %s\n", id, by);
    rv_state_close(st);
    return ret;
}
