/* cmd_norm.c: `revus norm`: stream a VCF/BCF and write it normalised (split, trim, left-align). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/stream_opts.h"
#include "input/vcf_reader.h"
#include "input/vcf_writer.h"

static void norm_usage(FILE *fp)
{
    fprintf(fp,
        "Usage: revus norm IN [-o OUT] [-O v|z|b|u] [--fasta REF.fa] [--build GRCh37|GRCh38]\n"
        "                  [--threads N] [--skip-bad] [--drop-ref-mismatch]\n\n"
        "Stream a VCF, VCF.gz or BCF (IN '-' = stdin) and write it normalised, one biallelic\n"
        "record per ALT: multiallelic records are split (GT and Number=A/R/G fields follow),\n"
        "alleles are trimmed to their shortest form, and with --fasta indels are left-aligned\n"
        "and REF is checked against the reference. Output is the same VCF otherwise; records\n"
        "that need no change are copied byte for byte.\n\n"
        "Options:\n"
        "  -o, --output FILE      output (default '-' = stdout); written to a temporary name\n"
        "                         and renamed only when complete; a new file is mode 0600\n"
        "                         (patient data), a file you made keeps its mode\n"
        "  -O, --output-type T    v VCF, z bgzipped VCF, b BCF, u uncompressed BCF\n"
        "                         (default: from the file name; v for stdout)\n"
        "  -f, --fasta REF.fa     reference FASTA (faidx): left-align indels, check REF\n"
        "      --build B          GRCh37 or GRCh38; an error if the header says the other\n"
        "      --threads N        extra threads for (de)compression (default 0)\n"
        "      --skip-bad         skip malformed records, count them, exit 1\n"
        "      --drop-ref-mismatch  with --fasta: drop records whose REF differs from it\n"
        "                         (default: keep them, counted)\n"
        "  -h, --help             this text\n\n"
        "Exit: 0 done; 1 done, but records were skipped or REF mismatched the FASTA;\n"
        "      2 bad usage or bad input (one line naming file and line); 3 build contradiction.\n"
        "See docs/norm.md.\n");
}

static void print_summary(const rv_reader *r, const char *fasta)
{
    const rv_reader_stats *s = rv_reader_get_stats(r);
    rv_log_info("norm: %lld records in, %lld out; %lld split, %lld trimmed, %lld left-aligned, "
                "%lld REF mismatches, %lld bad records skipped",
                (long long)s->records_in, (long long)s->records_out, (long long)s->split,
                (long long)s->trimmed, (long long)s->realigned, (long long)s->ref_mismatch,
                (long long)s->bad_skipped);
    rv_build b = rv_reader_build(r);
    if (b == RV_BUILD_UNKNOWN)
        rv_log_warn("genome build unknown: no ##contig length matched GRCh37 or GRCh38; "
                    "declare it with --build");
    else
        rv_log_info("norm: genome build %s (%s)", rv_build_name(b), rv_reader_build_origin(r));
    if (rv_reader_hg19_mt(r))
        rv_log_warn("the header declares UCSC hg19 chrM (16571 bp): its calls cannot be matched "
                    "to rCRS-based sources");
    if (!fasta) rv_log_debug("norm: no --fasta: indels trimmed but not left-aligned");
}

int main_norm(int argc, char **argv, rv_cli *g)
{
    enum { OPT_SKIP_BAD = CLI_OPT_OWN, OPT_DROP_MISMATCH };
    static const struct option longopts[] = {
        { "output",            required_argument, NULL, 'o' },
        { "output-type",       required_argument, NULL, 'O' },
        { "fasta",             required_argument, NULL, 'f' },
        { "build",             required_argument, NULL, CLI_OPT_BUILD },
        { "threads",           required_argument, NULL, CLI_OPT_THREADS },
        { "skip-bad",          no_argument,       NULL, OPT_SKIP_BAD },
        { "drop-ref-mismatch", no_argument,       NULL, OPT_DROP_MISMATCH },
        { "help",              no_argument,       NULL, 'h' },
        { NULL, 0, NULL, 0 }
    };
    const char *out = "-";
    char mode = 0;
    rv_reader_opts o = { 0 };
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:O:f:h", longopts, NULL)) != -1) {
        int shared = cli_stream_opt("norm", c, optarg, &mode, NULL, &o);
        if (shared < 0) return -shared;
        if (shared) continue;
        switch (c) {
        case 'o': out = optarg; break;
        case OPT_SKIP_BAD: o.skip_bad = 1; break;
        case OPT_DROP_MISMATCH: o.drop_ref_mismatch = 1; break;
        case 'h': norm_usage(stdout); return EXIT_OK;
        case ':': return cli_failf(EXIT_BAD_INPUT, "norm: %s needs a value", argv[optind - 1]);
        default:  return cli_failf(EXIT_BAD_INPUT, "norm: unknown option %s (see `revus norm --help`)", argv[optind - 1]);
        }
    }
    if (optind + 1 != argc) {
        norm_usage(stderr);
        return EXIT_BAD_INPUT;
    }
    if (o.drop_ref_mismatch && !o.fasta)
        return cli_failf(EXIT_BAD_INPUT, "norm: --drop-ref-mismatch needs --fasta");
    const char *in = argv[optind];
    if (strcmp(in, "-") != 0 && strcmp(in, out) == 0)
        return cli_failf(EXIT_BAD_INPUT, "norm: output %s is the input", out);
    char eff = mode ? mode : 0;
    if (!eff) {
        size_t n = strlen(out);
        eff = strcmp(out, "-") == 0 ? 'v' : n > 4 && strcmp(out + n - 4, ".bcf") == 0 ? 'b' : 'v';
    }
    o.full_parse = eff == 'b' || eff == 'u';

    rv_err err;
    rv_err_clear(&err);
    rv_reader *r = NULL;
    rv_writer *w = NULL;
    if (rv_reader_open(&r, in, &o, &err) < 0) return cli_fail(&err);
    bcf_hdr_t *hdr = rv_reader_header(r);
    if (rv_hdr_add_provenance(hdr, g->command_line, &err) < 0
        || rv_writer_open(&w, out, mode, hdr, o.threads, &err) < 0) {
        rv_reader_close(r);
        return cli_fail(&err);
    }
    int text = rv_writer_is_text(w), rc;
    rv_nrec *rec;
    while ((rc = rv_reader_next(r, &rec, &err)) > 0) {
        if (text) {
            const kstring_t *l = rv_reader_line(r);
            if (!l) { rc = rv_err_set(&err, RV_EINPUT, "%s:%lld: cannot format record", in, (long long)rec->line_no); break; }
            rc = rv_writer_line(w, l->s, l->l, &err);
        } else {
            bcf1_t *b = rv_reader_bcf(r, &err);
            rc = b ? rv_writer_record(w, b, &err) : -1;
        }
        if (rc < 0) break;
    }
    if (rc < 0) {
        rv_writer_abort(w);
        rv_reader_close(r);
        return cli_fail(&err);
    }
    if (rv_writer_commit(w, &err) < 0) {
        rv_reader_close(r);
        return cli_fail(&err);
    }
    print_summary(r, o.fasta);
    const rv_reader_stats *s = rv_reader_get_stats(r);
    int status = s->bad_skipped > 0 || s->ref_mismatch > 0 ? EXIT_ATTENTION : EXIT_OK;
    rv_reader_close(r);
    return status;
}
