/* stream_opts.c: -O, --fasta, --build and --threads for norm, annotate and csq. */
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/stream_opts.h"

int cli_stream_opt(const char *cmd, int c, const char *arg, char *mode, int *level, rv_reader_opts *o)
{
    switch (c) {
    case 'O': {
        size_t n = strlen(arg);
        int lv = n == 2 && level && arg[1] >= '0' && arg[1] <= '9' && arg[0] != 'v' ? arg[1] - '0' : -1;
        if (!(n == 1 || lv >= 0) || !strchr("vzbu", arg[0]))
            return -cli_failf(EXIT_BAD_INPUT, level ? "%s: -O %s: use v, z, b or u, z and b with a compression level 0-9 (z1)"
                                                    : "%s: -O %s: use v, z, b or u", cmd, arg);
        *mode = arg[0];
        if (level) *level = lv;
        return 1;
    }
    case 'f':
        o->fasta = arg;
        return 1;
    case CLI_OPT_BUILD:
        o->build = rv_build_parse(arg);
        if (o->build == RV_BUILD_UNKNOWN)
            return -cli_failf(EXIT_BAD_INPUT, "%s: --build %s: use GRCh37 or GRCh38", cmd, arg);
        return 1;
    case CLI_OPT_THREADS: {
        char *end;
        long n = strtol(arg, &end, 10);
        if (*end || n < 0 || n > 64)
            return -cli_failf(EXIT_BAD_INPUT, "%s: --threads %s: a number from 0 to 64", cmd, arg);
        o->threads = (int)n;
        return 1;
    }
    }
    return 0;
}
