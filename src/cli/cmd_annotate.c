/* cmd_annotate.c: `revus annotate`: parse the options, run rv_annotate_stream
 * (run/annotate.h), report. Stateless. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "run/annotate.h"
#include "cli/cli.h"
#include "cli/progress.h"
#include "cli/stream_opts.h"

#define MAX_INDEX 32

static void annotate_usage(FILE *fp)
{
    fprintf(fp,
        "Usage: revus annotate IN [-o OUT] [-O v|z|b|u] [--sources a,b] [--index FILE..]\n"
        "                      [--fasta REF.fa] [--build GRCh37|GRCh38] [--threads N]\n"
        "                      [-r LIST | -R FILE] [-s LIST | -S FILE] [-W[=csi|tbi]]\n"
        "                      [--rules FILE | --no-classify] [--consequence-source S]\n"
        "                      [--conventions vep|bcftools]\n\n"
        "Annotate a VCF, VCF.gz or BCF (IN '-' = stdin) with the active release of every\n"
        "source in the store (--home), or of the sources named with --sources. Records are\n"
        "normalised as by `revus norm` (split, trimmed, left-aligned with --fasta) and matched\n"
        "on the normalised key; matches add INFO tags (RV_CLNSIG, RV_AF, RV_PANEL, ...; see\n"
        "docs/annotate.md), each declared in the header with its source and version. Each\n"
        "record is then classified (ACMG/AMP points, docs/classification.md): RV_CLASS,\n"
        "RV_POINTS, RV_CRITERIA, RV_EFFECTIVE, ... A symbolic or structural allele (<DEL>,\n"
        "breakends, repeats) is not classified and says so, in VCF and BCF output alike:\n"
        "RV_NOT_EVALUATED=ACMG:_not_evaluated:_symbolic_allele. No state database is used\n"
        "or changed.\n"
        "With --fasta and an active gene-model source, an unannotated VCF gets its consequence\n"
        "from the model, and PS1/PM5 compare it with ClinVar's P/LP missense changes computed\n"
        "with the same model; PVS1 needs a loss-of-function mechanism source (gene-dosage,\n"
        "e.g. clingen-dosage-grch38, or a gene-regions lof_mechanism field).\n\n"
        "Options:\n"
        "  -o, --output FILE      output (default '-' = stdout), written to a temporary name\n"
        "                         and renamed when complete\n"
        "      --sources LIST     only these sources (comma-separated names), in this order\n"
        "  -i, --index FILE       annotate with this compiled index instead of the store\n"
        "                         (repeatable; name and version come from the index)\n"
        CLI_STREAM_HELP
        "      --rules FILE       classification rules (default DATA/pipeline/acmg.json)\n"
        "      --no-classify      only the source tags, no classification\n"
        "      --consequence-source S  with --fasta and an active gene-model source, where the\n"
        "                         classification's consequence comes from: model (default:\n"
        "                         computed as `revus csq` does), input (the VCF's CSQ/ANN/BCSQ)\n"
        "                         or input-then-model (docs/csq.md)\n"
        "      --conventions NAME the model's consequence definitions: a profile of\n"
        "                         pipeline/csq_conventions.json, vep (default) or bcftools\n"
        "  -h, --help             this text\n\n"
        "Exit: 0 done; 1 done, but no source was active (output carries no annotation);\n"
        "      2 bad usage or bad input (one line naming file and line; -r/-R without an index);\n"
        "      3 a source problem: missing or damaged index, genome build mismatch.\n");
}

static int run_annotate(int argc, char **argv, rv_cli *g, cli_stream *st)
{
    enum { OPT_RULES = CLI_OPT_OWN, OPT_NO_CLASSIFY, OPT_SOURCES, OPT_CONSEQ, OPT_CONVENTIONS };
    static const struct option longopts[] = {
        CLI_STREAM_LONGOPTS,
        { "output",      required_argument, NULL, 'o' },
        { "sources",     required_argument, NULL, OPT_SOURCES },
        { "index",       required_argument, NULL, 'i' },
        { "rules",       required_argument, NULL, OPT_RULES },
        { "no-classify", no_argument,       NULL, OPT_NO_CLASSIFY },
        { "consequence-source", required_argument, NULL, OPT_CONSEQ },
        { "conventions", required_argument, NULL, OPT_CONVENTIONS },
        { "help",        no_argument,       NULL, 'h' },
        { NULL, 0, NULL, 0 }
    };
    const char *out = "-", *sources = NULL, *rules = NULL, *conventions = NULL;
    int classify = 1, conseq = RV_CONSEQ_MODEL;
    rv_annot_source idx[MAX_INDEX];
    int n_idx = 0, c;
    memset(idx, 0, sizeof idx);
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":" CLI_STREAM_SHORTOPTS "o:i:h", longopts, NULL)) != -1) {
        int shared = cli_stream_opt("annotate", c, optarg, st);
        if (shared < 0) return -shared;
        if (shared) continue;
        switch (c) {
        case 'o': out = optarg; break;
        case OPT_SOURCES: sources = optarg; break;
        case 'i':
            if (n_idx == MAX_INDEX) return cli_failf(EXIT_BAD_INPUT, "annotate: at most %d --index files", MAX_INDEX);
            idx[n_idx++].index_path = optarg;
            break;
        case OPT_RULES: rules = optarg; break;
        case OPT_CONVENTIONS: conventions = optarg; break;
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
    int eff = cli_stream_output("annotate", st, out);
    if (eff < 0) return -eff;
    rv_csq_conv conv;
    rv_err cerr = { 0 };
    if (rv_csq_conv_load(cli_conventions_path(), conventions, &conv, &cerr) < 0) return cli_fail(&cerr);
    rv_meter meter;
    rv_annotate_opts ao = { .in = in, .out = out, .mode = st->mode, .reader = st->o, .index = idx, .n_index = n_idx,
                            .home = g->home, .rules = NULL, .command_line = g->command_line, .msg = cli_msg_sink,
                            .consequence = (rv_conseq_source)conseq, .conventions = &conv, .progress = &meter };
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
    cli_progress_start(g, &meter, "annotate", "records", 0);
    int rc = rv_annotate_stream(&ao, &rep, &err);
    free(list);
    if (rc < 0) return cli_fail(&err);
    cli_progress_end(&meter);
    int ix = cli_stream_finish("annotate", st, out);
    if (ix != EXIT_OK) return ix;
    /* no source at all: the output is complete but carries no knowledge; say so in the status */
    return rep.n_sources == 0 ? EXIT_ATTENTION : EXIT_OK;
}

int main_annotate(int argc, char **argv, rv_cli *g)
{
    cli_stream st = { 0 };
    int status = run_annotate(argc, argv, g, &st);
    cli_stream_free(&st);
    return status;
}
