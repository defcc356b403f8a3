/* cmd_annotate.c: `revus annotate`: stream a VCF through the normaliser and join it with
 * the active sources' compiled indexes in one forward sweep; write INFO tags. Stateless. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sources/annotator.h"
#include "classify/classifier.h"
#include "classify/vcf_tags.h"
#include "cli/cli.h"
#include "cli/stream_opts.h"
#include "variant/evidence.h"
#include "input/vcf_reader.h"
#include "input/vcf_writer.h"

#define MAX_INDEX 32

static void annotate_usage(FILE *fp)
{
    fprintf(fp,
        "Usage: revus annotate IN [-o OUT] [-O v|z|b|u] [--sources a,b] [--index FILE..]\n"
        "                      [--fasta REF.fa] [--build GRCh37|GRCh38] [--threads N]\n"
        "                      [--rules FILE | --no-classify]\n\n"
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
        "  -h, --help             this text\n\n"
        "Exit: 0 done; 1 done, but no source was active (output carries no annotation);\n"
        "      2 bad usage or bad input (one line naming file and line);\n"
        "      3 a source problem: missing or damaged index, genome build mismatch.\n");
}

/* Copy line into out with tags spliced into the INFO column (the 8th). */
static int splice_info(const kstring_t *line, const kstring_t *tags, kstring_t *out)
{
    out->l = 0;
    const char *p = line->s, *end = line->s + line->l;
    for (int i = 0; i < 7; i++) {
        p = memchr(p, '\t', (size_t)(end - p));
        if (!p) return -1;
        p++;
    }
    const char *q = memchr(p, '\t', (size_t)(end - p));
    if (!q) q = end;
    if (q - p == 1 && *p == '.') {
        kputsn(line->s, (size_t)(p - line->s), out);
    } else {
        kputsn(line->s, (size_t)(q - line->s), out);
        kputc(';', out);
    }
    kputsn(tags->s, tags->l, out);
    kputsn(q, (size_t)(end - q), out);
    return 0;
}

/* The classifier's INFO text ("K=V;K=V") set on a BCF record, typed by the header. Only the
 * RV_ tags after the annotator's own (which rv_annotator_info_bcf has set) are new here. */
static int classification_bcf(const bcf_hdr_t *hdr, bcf1_t *b, const kstring_t *tags, rv_err *err)
{
    static const char *const own[] = { "RV_CLASS", "RV_POINTS", "RV_CRITERIA", "RV_CLINVAR_TIER", "RV_STARS",
                                       "RV_EFFECTIVE", "RV_RULE", "RV_VUS_TIER", "RV_NOT_EVALUATED" };
    char *s = strndup(tags->s ? tags->s : "", tags->l);
    if (!s) return rv_err_set(err, RV_ENOMEM, "out of memory");
    int rc = 0;
    for (char *save = NULL, *kv = strtok_r(s, ";", &save); kv && rc >= 0; kv = strtok_r(NULL, ";", &save)) {
        char *eq = strchr(kv, '=');
        if (eq) *eq = 0;
        int mine = 0;
        for (size_t i = 0; i < sizeof own / sizeof *own; i++) mine |= strcmp(kv, own[i]) == 0;
        if (!mine) continue;
        int id = bcf_hdr_id2int(hdr, BCF_DT_ID, kv);
        if (!bcf_hdr_idinfo_exists(hdr, BCF_HL_INFO, id)) continue;
        const char *v = eq ? eq + 1 : "";
        if (bcf_hdr_id2type(hdr, BCF_HL_INFO, id) == BCF_HT_INT) {
            int32_t x = (int32_t)strtol(v, NULL, 10);
            rc = bcf_update_info_int32(hdr, b, kv, &x, 1);
        } else if (bcf_hdr_id2type(hdr, BCF_HL_INFO, id) == BCF_HT_REAL) {
            float x = strtof(v, NULL);
            rc = bcf_update_info_float(hdr, b, kv, &x, 1);
        } else if (bcf_hdr_id2type(hdr, BCF_HL_INFO, id) == BCF_HT_FLAG) {
            rc = bcf_update_info_flag(hdr, b, kv, NULL, 1);
        } else {
            rc = bcf_update_info_string(hdr, b, kv, v);
        }
    }
    free(s);
    return rc < 0 ? rv_err_set(err, RV_EIO, "cannot set classification tags on a BCF record") : 0;
}

int main_annotate(int argc, char **argv, rv_cli *g)
{
    enum { OPT_RULES = CLI_OPT_OWN, OPT_NO_CLASSIFY };
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
        { "help",        no_argument,       NULL, 'h' },
        { NULL, 0, NULL, 0 }
    };
    const char *out = "-", *sources = NULL, *rules = NULL;
    int classify = 1;
    char mode = 0;
    rv_reader_opts o = { 0 };
    rv_annot_source idx[MAX_INDEX];
    int n_idx = 0, c;
    memset(idx, 0, sizeof idx);
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":o:O:s:i:f:h", longopts, NULL)) != -1) {
        int shared = cli_stream_opt("annotate", c, optarg, &mode, &o);
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
        case 'h': annotate_usage(stdout); return EXIT_OK;
        case ':': return cli_failf(EXIT_BAD_INPUT, "annotate: %s needs a value", argv[optind - 1]);
        default:  return cli_failf(EXIT_BAD_INPUT, "annotate: unknown option %s (see `revus annotate --help`)", argv[optind - 1]);
        }
    }
    if (optind + 1 != argc) { annotate_usage(stderr); return EXIT_BAD_INPUT; }
    if (sources && n_idx) return cli_failf(EXIT_BAD_INPUT, "annotate: use --sources (store) or --index (files), not both");
    const char *in = argv[optind];
    if (strcmp(in, "-") != 0 && strcmp(in, out) == 0) return cli_failf(EXIT_BAD_INPUT, "annotate: output %s is the input", out);
    char eff = mode;
    if (!eff) {
        size_t n = strlen(out);
        eff = strcmp(out, "-") == 0 ? 'v' : n > 4 && strcmp(out + n - 4, ".bcf") == 0 ? 'b' : 'v';
    }
    o.full_parse = eff == 'b' || eff == 'u';

    rv_err err;
    rv_err_clear(&err);
    rv_annotator *a = NULL;
    int rc;
    if (n_idx) {
        rc = rv_annotator_open(&a, idx, n_idx, &err);
    } else {
        char *list = sources ? strdup(sources) : NULL;
        const char *names[MAX_INDEX];
        int nn = 0;
        for (char *t = list ? strtok(list, ",") : NULL; t && nn < MAX_INDEX; t = strtok(NULL, ","))
            if (*t) names[nn++] = t;
        if (sources && nn == 0) { free(list); return cli_failf(EXIT_BAD_INPUT, "annotate: --sources needs source names"); }
        rc = rv_annotator_open_home(&a, g->home, names, nn, &err);
        free(list);
    }
    if (rc < 0) return cli_fail(&err);
    rv_classifier *cls = NULL;
    if (classify) {
        char def[4200];
        if (!rules) { snprintf(def, sizeof def, "%s/pipeline/acmg.json", cli_data_dir()); rules = def; }
        if (rv_classifier_open(rules, &cls, &err) < 0) { rv_annotator_close(a); return cli_fail(&err); }
        rv_annotator_set_stars(a, 0);
    }
    if (rv_annotator_n_sources(a) == 0)
        rv_log_warn("annotate: no active sources in %s: the output gets no annotation (exit status 1)", g->home);

    rv_reader *r = NULL;
    rv_writer *w = NULL;
    if ((rc = rv_reader_open(&r, in, &o, &err)) < 0) { rv_annotator_close(a); rv_classifier_close(cls); return cli_fail(&err); }
    bcf_hdr_t *hdr = rv_reader_header(r);
    /* the input's own consequence annotation (VEP CSQ, SnpEff ANN, bcftools BCSQ) gives the gene */
    rv_csq *csq = NULL;
    if ((rc = rv_csq_open(hdr, NULL, &csq, &err)) < 0) {
        rv_reader_close(r);
        rv_annotator_close(a);
        rv_classifier_close(cls);
        return cli_fail(&err);
    }
    if ((rc = rv_annotator_check_build(a, rv_reader_build(r), in, &err)) < 0
        || (rc = rv_annotator_header(a, hdr, &err)) < 0
        || (cls && (rc = rv_classification_hdr(hdr, &err)) < 0)
        || (rc = rv_hdr_add_provenance(hdr, g->command_line, &err)) < 0
        || (rc = rv_writer_open(&w, out, mode, hdr, o.threads, &err)) < 0) {
        rv_reader_close(r);
        rv_annotator_close(a);
        rv_classifier_close(cls);
        rv_csq_close(csq);
        return cli_fail(&err);
    }
    if (cls) rv_classifier_set_build(cls, rv_reader_build(r));
    rv_classification result;
    int need_ev = cls || rv_csq_tag(csq) || rv_annotator_gene_level(a);
    int text = rv_writer_is_text(w);
    kstring_t tags = { 0, 0, NULL }, line = { 0, 0, NULL };
    rv_nrec *rec;
    rv_evidence ev;
    int64_t n_out = 0, n_annotated = 0;
    while ((rc = rv_reader_next(r, &rec, &err)) > 0) {
        tags.l = 0;
        if (!rec->symbolic && !need_ev) {
            /* tags only: no evidence record to fill */
            rv_annotator_variant(a, &rec->key, NULL);
            if (rv_annotator_info_text(a, &tags) > 0) n_annotated++;
        } else if (!rec->symbolic) {
            rv_evidence_init(&ev, &rec->key);
            if (csq && (rc = rv_csq_fill_reader(csq, r, rec, &ev, &err)) < 0) break;
            rv_annotator_fill(a, &rec->key, &ev);
            if (rv_annotator_info_text(a, &tags) > 0) n_annotated++;
            if (cls) {
                if ((rc = rv_classify(cls, &ev, &result, &err)) < 0) {
                    rv_err_prefix(&err, "%s:%lld", in, (long long)rec->line_no);
                    break;
                }
                size_t before = tags.l;
                if (tags.l) kputc(';', &tags);
                if (rv_classification_info(cls, &result, &tags) < 0 || tags.l == before + 1) tags.l = before;
            }
        }
        if (text) {
            const kstring_t *l = rv_reader_line(r);
            if (!l) { rc = rv_err_set(&err, RV_EINPUT, "%s:%lld: cannot format record", in, (long long)rec->line_no); break; }
            if (tags.l) {
                if (splice_info(l, &tags, &line) < 0) {
                    rc = rv_err_set(&err, RV_EINPUT, "%s:%lld: fewer than 8 columns", in, (long long)rec->line_no);
                    break;
                }
                rc = rv_writer_line(w, line.s, line.l, &err);
            } else {
                rc = rv_writer_line(w, l->s, l->l, &err);
            }
        } else {
            bcf1_t *b = rv_reader_bcf(r, &err);
            rc = b ? 0 : -1;
            if (b && tags.l) rc = rv_annotator_info_bcf(a, hdr, b, &err);
            if (rc == 0 && b && cls) rc = classification_bcf(hdr, b, &tags, &err);
            if (rc == 0) rc = rv_writer_record(w, b, &err);
        }
        if (rc < 0) break;
        n_out++;
    }
    free(tags.s); free(line.s);
    rv_csq_close(csq);
    rv_classifier_close(cls);
    if (rc < 0 || rv_writer_commit(w, &err) < 0) {
        if (rc < 0) rv_writer_abort(w);
        rv_reader_close(r);
        rv_annotator_close(a);
        return cli_fail(&err);
    }
    rv_log_info("annotate: %lld records written, %lld annotated", (long long)n_out, (long long)n_annotated);
    for (int i = 0; i < rv_annotator_n_sources(a); i++) {
        const char *nm, *ver, *role;
        rv_annotator_source(a, i, &nm, &ver, &role, NULL);
        rv_log_info("annotate: %s %s (%s): %lld matches", nm, ver, role, (long long)rv_annotator_hits(a, i));
    }
    /* no source at all: the output is complete but carries no knowledge; say so in the status */
    int status = rv_annotator_n_sources(a) == 0 ? EXIT_ATTENTION : EXIT_OK;
    rv_reader_close(r);
    rv_annotator_close(a);
    return status;
}
