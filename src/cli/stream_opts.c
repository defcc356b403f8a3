/* stream_opts.c: the options norm, annotate and csq share (cli/stream_opts.h). */
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/stream_opts.h"
#include "input/vcf_writer.h"

int cli_stream_opt(const char *cmd, int c, const char *arg, cli_stream *s)
{
    rv_reader_opts *o = &s->o;
    rv_err err;
    switch (c) {
    case 'O': {
        size_t n = strlen(arg);
        int lv = n == 2 && s->allow_level && arg[1] >= '0' && arg[1] <= '9' && arg[0] != 'v' ? arg[1] - '0' : -1;
        if (!(n == 1 || lv >= 0) || !strchr("vzbu", arg[0]))
            return -cli_failf(EXIT_BAD_INPUT, s->allow_level ? "%s: -O %s: use v, z, b or u, z and b with a compression level 0-9 (z1)"
                                                             : "%s: -O %s: use v, z, b or u", cmd, arg);
        s->mode = arg[0];
        s->level1 = lv + 1;
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
    case 'r':
    case 'R':
        if (s->have_r++) return -cli_failf(EXIT_BAD_INPUT, "%s: give -r or -R once, not both", cmd);
        rv_err_clear(&err);
        if ((c == 'r' ? rv_region_list_parse(arg, &s->regions, &err) : rv_region_list_read(arg, &s->regions, &err)) < 0) {
            rv_err_prefix(&err, "%s: -%c", cmd, c);
            return -cli_fail(&err);
        }
        o->regions = &s->regions;
        return 1;
    case 's':
    case 'S':
        if (s->have_s++) return -cli_failf(EXIT_BAD_INPUT, "%s: give -s or -S once, not both", cmd);
        if (!*arg) return -cli_failf(EXIT_BAD_INPUT, "%s: -%c needs sample names", cmd, c);
        o->samples = arg;
        o->samples_is_file = c == 'S';
        return 1;
    case 'W':
        if (!arg || !strcmp(arg, "csi")) s->index = 'c';
        else if (!strcmp(arg, "tbi")) s->index = 't';
        else return -cli_failf(EXIT_BAD_INPUT, "%s: --write-index=%s: use csi or tbi", cmd, arg);
        return 1;
    }
    return 0;
}

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), t = strlen(tail);
    return n > t && strcmp(s + n - t, tail) == 0;
}

int cli_stream_output(const char *cmd, cli_stream *s, const char *out)
{
    int stdout_ = strcmp(out, "-") == 0;
    char eff = s->mode;
    if (!eff) eff = stdout_ ? 'v' : ends_with(out, ".bcf") ? 'b'
                  : ends_with(out, ".gz") || ends_with(out, ".bgz") ? 'z' : 'v';
    s->o.full_parse |= eff == 'b' || eff == 'u';
    if (s->index) {
        if (stdout_) return -cli_failf(EXIT_BAD_INPUT, "%s: -W indexes a file: give -o FILE", cmd);
        if (eff != 'z' && eff != 'b')
            return -cli_failf(EXIT_BAD_INPUT, "%s: -W needs bgzipped output (-O z or b, or a name ending .gz or .bcf)", cmd);
        if (s->index == 't' && eff == 'b')
            return -cli_failf(EXIT_BAD_INPUT, "%s: --write-index=tbi indexes VCF.gz only; a BCF takes csi", cmd);
    }
    return eff;
}

int cli_stream_finish(const char *cmd, const cli_stream *s, const char *out)
{
    if (!s->index) return EXIT_OK;
    rv_err err;
    rv_err_clear(&err);
    if (rv_writer_index(out, s->index == 't', s->o.threads, &err) < 0) {
        rv_err_prefix(&err, "%s", cmd);
        return cli_fail(&err);
    }
    return EXIT_OK;
}

void cli_stream_free(cli_stream *s)
{
    rv_region_list_free(&s->regions);
}
