/* cmd_annotate.c: `revus annotate`: parse the options, run rv_annotate_stream
 * (run/annotate.h), report. Stateless. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "run/annotate.h"
#include "cli/cli.h"
#include "cli/stream_opts.h"

#define MAX_INDEX 32

static void annotate_usage(FILE *fp)
{
    fprintf(fp,
        "Usage: revus annotate IN [-o OUT] [-O v|z|b|u] [--sources a,b] [--index FILE..]\n"
        "                      [--fasta REF.fa] [--build GRCh37|GRCh38] [--threads N]\n"
        "                      [--rules FILE | --no-classify] [--consequence-source S]\n\n"
        "Annotate a VCF, VCF.gz or BCF (IN '-' = stdin) with the active release of every\n"
        "source in the store (--home), or of the sources named with --sources. Records are\n"
        "normalised as by `revus norm` (split, trimmed, left-aligned with --fasta) and matched\n"
        "on the normalised key; matches add INFO tags (RV_CLNSIG, RV_AF, RV_PANEL, ...; see\n"
        "docs/annotate.md), each declared in the header with its source and version. Each\n"
        "record is then classified (ACMG/AMP points, docs/classification.md): RV_CLASS,\n"
        "RV_POINTS, RV_CRITERIA, RV_EFFECTIVE, ... No state database is used or changed.\n\n"
        "Options:\n"
        "  -o, --output FILE      output (default '-' = stdout), written to a temporary name\n"
        "                         and renamed when complete; a new file is mode 0600\n"
        "                         (patient data), a file you made keeps its mode\n"
        "  -O, --output-type T    v VCF, z bgzipped VCF, b BCF, u uncompressed BCF\n"
        "                         (default: from the file name; v for stdout)\n"
        "  -s, --sources LIST     only these sources (comma-separated names), in this order\n"
        "  -i, --index FILE       annotate with this compiled index instead of the store\n"
        "                         (repeatable; name and version come from the index)\n"
        "  -f, --fasta REF.fa     reference FASTA: left-align indels before matching\n"
        "      --build B          GRCh37 or GRCh38 when the header does not say\n"
        "      --threads N        extra threads for (de)compression (default 0)\n"
        "      --rules FILE       classification rules (default DATA/pipeline/acmg.json)\n"
        "      --no-classify      only the source tags, no classification\n"
        "      --consequence-source S  with --fasta and an active gene-model source, where the\n"
        "                         classification's consequence comes from: model (default:\n"
        "                         computed as `revus csq` does), input (the VCF's CSQ/ANN/BCSQ)\n"
        "                         or input-then-model (docs/csq.md)\n"
        "  -h, --help             this text\n\n"
        "Exit: 0 done; 1 done, but no source was active (output carries no annotation);\n"
        "      2 bad usage or bad input (one line naming file and line);\n"
        "      3 a source problem: missing or damaged index, genome build mismatch.\n");
}

int main_annotate(int argc, char **argv, rv_cli *g)
{
    enum { OPT_RULES = CLI_OPT_OWN, OPT_NO_CLASSIFY, OPT_CONSEQ };
    static const struct option longopts[] = {
        { "output",      required_argument, NULL, 'o' },
        { "output-type", required_argument, NULL, 'O' },
        { "sources",     required_argument, NULL, 's' },
        { "index",       required_argument, NULL, 'i' },
        { "fasta",       required_argument, NULL, 'f' },
        { "build",       required_argument, NULL, CLI_OPT_BUILD },
        { "threads",     required_argument, NULL, CLI_OPT_THREADS },
        { "rules",       required_argument, NULL, OPT_RULES },
        { "no-classify", no_argument,       NULL, OPT_NO_CLASSIFY },
        { "consequence-source", required_argument, NULL, OPT_CONSEQ },
        { "help",        no_argument,       NULL, 'h' },
        { NULL, 0, NULL, 0 }
    };
    const char *out = "-", *sources = NULL, *rules = NULL;
    int classify = 1, conseq = RV_CONSEQ_MODEL;
    char mode = 0;
    rv_reader_opts o = { 0 };
    rv_annot_source idx[MAX_INDEX];
    int n_idx = 0, c;
    memset(idx, 0, sizeof idx);
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:O:s:i:f:h", longopts, NULL)) != -1) {
        int shared = cli_stream_opt("annotate", c, optarg, &mode, NULL, &o);
        if (shared < 0) return -shared;
        if (shared) continue;
        switch (c) {
        case 'o': out = optarg; break;
        case 's': sources = optarg; break;
        case 'i':
            if (n_idx == MAX_INDEX) return cli_failf(EXIT_BAD_INPUT, "annotate: at most %d --index files", MAX_INDEX);
            idx[n_idx++].index_path = optarg;
            break;
        case OPT_RULES: rules = optarg; break;
        case OPT_NO_CLASSIFY: classify = 0; break;
        case OPT_CONSEQ:
            if ((conseq = rv_conseq_source_parse(optarg)) < 0)
                return cli_failf(EXIT_BAD_INPUT, "annotate: --consequence-source: model, input or input-then-model, not '%s'", optarg);
            break;
        case 'h': annotate_usage(stdout); return EXIT_OK;
        case ':': return cli_failf(EXIT_BAD_INPUT, "annotate: %s needs a value", argv[optind - 1]);
        default:  return cli_failf(EXIT_BAD_INPUT, "annotate: unknown option %s (see `revus annotate --help`)", argv[optind - 1]);
        }
    }
    if (optind + 1 != argc) { annotate_usage(stderr); return EXIT_BAD_INPUT; }
    if (sources && n_idx) return cli_failf(EXIT_BAD_INPUT, "annotate: use --sources (store) or --index (files), not both");
    const char *in = argv[optind];
    if (strcmp(in, "-") != 0 && strcmp(in, out) == 0) return cli_failf(EXIT_BAD_INPUT, "annotate: output %s is the input", out);
    rv_annotate_opts ao = { .in = in, .out = out, .mode = mode, .reader = o, .index = idx, .n_index = n_idx,
                            .home = g->home, .rules = NULL, .command_line = g->command_line, .msg = cli_msg_sink,
                            .consequence = (rv_conseq_source)conseq };
    char def[4200];
    if (classify) {
        if (!rules) { snprintf(def, sizeof def, "%s/pipeline/acmg.json", cli_data_dir()); rules = def; }
        ao.rules = rules;
    }
    char *list = sources ? strdup(sources) : NULL;
    const char *names[MAX_INDEX];
    int nn = 0;
    for (char *t = list ? strtok(list, ",") : NULL; t && nn < MAX_INDEX; t = strtok(NULL, ","))
        if (*t) names[nn++] = t;
    if (sources && nn == 0) { free(list); return cli_failf(EXIT_BAD_INPUT, "annotate: --sources needs source names"); }
    ao.names = names;
    ao.n_names = nn;
    rv_err err;
    rv_err_clear(&err);
    rv_annotate_report rep;
    int rc = rv_annotate_stream(&ao, &rep, &err);
    free(list);
    if (rc < 0) return cli_fail(&err);
    /* no source at all: the output is complete but carries no knowledge; say so in the status */
    return rep.n_sources == 0 ? EXIT_ATTENTION : EXIT_OK;
}
