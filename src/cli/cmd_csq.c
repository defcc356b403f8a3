/* cmd_csq.c: `revus csq`: consequences, HGVS and NMD from a gene model, into INFO/RV_CSQ. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <htslib/thread_pool.h>
#include "cli/cli.h"
#include "cli/stream_opts.h"
#include "variant/genome.h"
#include "csq/model.h"
#include "csq/stream.h"
#include "csq/tag.h"
#include "input/vcf_reader.h"
#include "input/vcf_writer.h"
#include "sources/descriptor.h"
#include "sources/store.h"

static void csq_usage(FILE *fp)
{
    fprintf(fp,
        "Usage: revus csq IN -f REF.fa [-g GENES.gff3 | --source NAME] [-o OUT] [-O v|z|b|u]\n"
        "                 [--conventions vep|bcftools] [--threads N] [--build GRCh37|GRCh38]\n"
        "                 [-r LIST | -R FILE] [-s LIST | -S FILE] [-W[=csi|tbi]]\n\n"
        "Compute, for every ALT of a VCF, VCF.gz or BCF (IN '-' = stdin), its consequence on each\n"
        "transcript it overlaps, and write the VCF with one INFO tag RV_CSQ: entries per ALT and\n"
        "transcript, separated by ',', fields by '|':\n"
        "  Consequence|Allele|SYMBOL|HGNC_ID|Feature|BIOTYPE|STRAND|MANE|EXON|INTRON|HGVSc|HGVSp|\n"
        "  Protein_position|Amino_acids|SPLICE_DIST|NMD|FLAGS\n"
        "Consequence: Sequence Ontology terms as VEP names them, joined by '&', most severe first.\n"
        "HGVSc is 3'-shifted; HGVSp is three-letter and predicted, p.(...). NMD: NMD, escape_last_exon\n"
        "or escape_50nt for a premature stop. Multiallelic records are written one per ALT (as\n"
        "`revus norm` does); each variant is judged alone (no phased multi-variant codons).\n\n"
        "Options:\n"
        "  -f, --fasta REF.fa     reference FASTA with its .fai (required)\n"
        "  -g, --gff FILE         a GFF3 gene model (Ensembl, GENCODE, MANE, RefSeq), read now;\n"
        "                         default: the active release of the stored gene-model source\n"
        "      --source NAME      which stored gene-model source, when several are active\n"
        "      --conventions NAME the definitions where consequence callers differ, a profile of\n"
        "                         pipeline/csq_conventions.json: vep (default: VEP's, the clinical\n"
        "                         reference) or bcftools (bcftools csq's readings: insertions at an\n"
        "                         exon's end, deletions over an exon edge, splice region beside a\n"
        "                         splice site, allele trimming, a REF running past the end of\n"
        "                         the FASTA; docs/csq.md lists them)\n"
        "  -o, --output FILE      output (default '-' = stdout), renamed into place when complete\n"
        "  -O, --output-type T    v VCF, z bgzipped VCF, b BCF, u uncompressed BCF; default: from\n"
        "                         the -o name (.gz z, .bcf b), else v (as bcftools csq). z and b\n"
        "                         may end in a compression level 0-9 as in bcftools; at htslib's\n"
        "                         default (6) compression is most of the CPU time, -O z1 spends\n"
        "                         a fifth of it on a file about 15%% larger\n"
        "      --threads N        N worker threads: consequences (records in batches), input\n"
        "                         decompression and output compression (default 0: all in this\n"
        "                         thread); the output is the same bytes whatever N\n"
        "      --build B          GRCh37 or GRCh38 of the input, when its header does not say\n"
        "  -r, --regions LIST     only records in these regions (needs the input's .tbi/.csi)\n"
        "  -R, --regions-file F   the same from a file (CHROM POS or CHROM BEG END; .bed 0-based)\n"
        "  -s, --samples LIST     keep only these samples (^A,B: all but these); -S FILE: from a file\n"
        "  -W, --write-index[=F]  index the bgzipped output: csi (default) or tbi\n"
        "  -h, --help             this text\n\n"
        "Exit: 0 done; 1 done, but some records' REF differs from the FASTA or runs past the end\n"
        "      of its sequence (left unannotated; with the bcftools profile, a REF past the end is\n"
        "      compared over the bases the FASTA holds, annotated, and warned);\n"
        "      2 bad usage or input (a GFF3 line, a seqid absent from the FASTA, a VCF line);\n"
        "      3 a source problem: no gene model, or FASTA, gene model and VCF of different builds.\n"
        "See docs/csq.md.\n");
}

/* The active release of a gene-model source: the one named, else the only one. */
static int stored_model(rv_cli *g, const char *name, rv_model **m, rv_err *err)
{
    rv_release *rel = NULL;
    int n = 0, pick = -1, found = 0;
    if (rv_store_list_active(g->home, &rel, &n, err) < 0) return err->code;
    for (int i = 0; i < n; i++) {
        if (rv_role_id_of(rel[i].role) != RV_ROLE_GENE_MODEL) continue;
        if (name && strcmp(rel[i].source, name) != 0) continue;
        found++;
        if (pick < 0) pick = i;
    }
    int rc;
    if (!found)
        rc = rv_err_set(err, RV_ESOURCE, name ? "no active gene-model source named '%s' in %s" :
                        "no gene model: give -g GENES.gff3, or fetch one (revus sources fetch mane-select-grch38)%s in %s",
                        name ? name : "", g->home);
    else if (found > 1)
        rc = rv_err_set(err, RV_EUSAGE, "%d gene-model sources are active: choose one with --source NAME", found);
    else
        rc = rv_model_open(m, rel[pick].index_path, err);
    free(rel);
    return rc;
}

/* The model, the genome and the input agree on the build, and the FASTA has every
 * chromosome the model has transcripts on. */
static int check_inputs(const rv_model *m, const rv_genome *gen, const char *fasta, const char *model_name,
                        rv_build vcf_build, const char *in, rv_err *err)
{
    int c = -1;
    rv_build fb = rv_genome_build(gen, &c), mb = rv_model_build(m);
    if (fb != RV_BUILD_UNKNOWN && mb != RV_BUILD_UNKNOWN && fb != mb)
        return rv_err_set(err, RV_EBUILD, "%s: chromosome %s is %lld bp long, as in %s; the gene model %s is %s",
                          fasta, rv_contig_name(c), (long long)rv_genome_length(gen, c), rv_build_name(fb), model_name,
                          rv_build_name(mb));
    rv_build ref = fb != RV_BUILD_UNKNOWN ? fb : mb;
    if (vcf_build != RV_BUILD_UNKNOWN && ref != RV_BUILD_UNKNOWN && vcf_build != ref)
        return rv_err_set(err, RV_EBUILD, "%s is %s, the reference and gene model are %s", in, rv_build_name(vcf_build),
                          rv_build_name(ref));
    int has[RV_N_CONTIGS];
    rv_model_contigs(m, has);
    for (int k = 0; k < RV_N_CONTIGS; k++) {
        if (!has[k] || rv_genome_has(gen, k)) continue;
        for (int64_t i = 0; i < rv_model_n(m); i++) {
            const rv_tx *t = rv_model_tx(m, i);
            if (t->contig == k)
                return rv_err_set(err, RV_EINPUT, "%s: transcript %s is on chromosome %s, which %s does not have",
                                  model_name, t->id, rv_contig_name(k), fasta);
        }
    }
    return 0;
}

static int run_csq(int argc, char **argv, rv_cli *g, cli_stream *st)
{
    enum { OPT_SOURCE = CLI_OPT_OWN, OPT_CONVENTIONS };
    static const struct option longopts[] = {
        CLI_STREAM_LONGOPTS,
        { "output",      required_argument, NULL, 'o' },
        { "gff",         required_argument, NULL, 'g' },
        { "source",      required_argument, NULL, OPT_SOURCE },
        { "conventions", required_argument, NULL, OPT_CONVENTIONS },
        { "help",        no_argument,       NULL, 'h' },
        { NULL, 0, NULL, 0 }
    };
    const char *out = "-", *gff = NULL, *source = NULL, *conventions = NULL;
    int c;
    optind = 1;
    opterr = 0;
    st->allow_level = 1;
    while ((c = getopt_long(argc, argv, ":" CLI_STREAM_SHORTOPTS "o:g:h", longopts, NULL)) != -1) {
        int shared = cli_stream_opt("csq", c, optarg, st);
        if (shared < 0) return -shared;
        if (shared) continue;
        switch (c) {
        case 'o': out = optarg; break;
        case 'g': gff = optarg; break;
        case OPT_SOURCE: source = optarg; break;
        case OPT_CONVENTIONS: conventions = optarg; break;
        case 'h': csq_usage(stdout); return EXIT_OK;
        case ':': return cli_failf(EXIT_BAD_INPUT, "csq: %s needs a value", argv[optind - 1]);
        default:  return cli_failf(EXIT_BAD_INPUT, "csq: unknown option %s (see `revus csq --help`)", argv[optind - 1]);
        }
    }
    if (optind + 1 != argc) { csq_usage(stderr); return EXIT_BAD_INPUT; }
    int eff = cli_stream_output("csq", st, out);
    if (eff < 0) return -eff;
    rv_reader_opts o = st->o;
    o.full_parse = 0;                    /* BCF records are parsed by the workers (csq/stream.h) */
    char mode = st->mode;
    int level = st->level1 - 1;
    if (!o.fasta) return cli_failf(EXIT_BAD_INPUT, "csq: -f/--fasta REF.fa is required");
    if (gff && source) return cli_failf(EXIT_BAD_INPUT, "csq: -g and --source exclude each other");
    const char *in = argv[optind], *fasta = o.fasta;
    o.fasta = NULL;                      /* positions stay as written: HGVS does its own 3' shift */
    if (strcmp(in, "-") != 0 && strcmp(in, out) == 0) return cli_failf(EXIT_BAD_INPUT, "csq: output %s is the input", out);

    rv_err err;
    rv_err_clear(&err);
    rv_csq_conv conv;
    if (rv_csq_conv_load(cli_conventions_path(), conventions, &conv, &err) < 0) return cli_fail(&err);
    rv_genome *gen = NULL;
    rv_model *m = NULL;
    rv_reader *r = NULL;
    rv_writer *w = NULL;
    int status = EXIT_OK;
    /* one pool of --threads workers for the reader's decompression and the writer's
     * compression (bcftools shares one the same way) */
    htsThreadPool pool = { NULL, 0 };
    if (o.threads > 0) {
        if (!(pool.pool = hts_tpool_init(o.threads))) return cli_failf(EXIT_BAD_INPUT, "csq: cannot start %d threads", o.threads);
        o.pool = &pool;
    }
    if (rv_genome_open(&gen, fasta, &err) < 0) { if (pool.pool) hts_tpool_destroy(pool.pool); return cli_fail(&err); }
    const char *model_name = gff;
    if (gff) {
        char dpath[4096];
        snprintf(dpath, sizeof dpath, "%s/pipeline/gene-model-gff3.json", cli_data_dir());
        rv_descriptor *d = NULL;
        rv_compile_stats st;
        if (rv_descriptor_load(dpath, &d, &err) < 0) { rv_genome_close(gen); return cli_fail(&err); }
        d->build = rv_genome_build(gen, NULL);      /* a RefSeq accession of the other build is refused */
        int rc = rv_model_from_gff(&m, d, gff, &st, &err);
        rv_descriptor_free(d);
        if (rc < 0) {
            rv_genome_close(gen);
            if (pool.pool) hts_tpool_destroy(pool.pool);
            /* a malformed GFF3 given directly is bad input (exit 2); a build contradiction stays 3 */
            if (err.code == RV_ESOURCE) err.code = RV_EINPUT;
            return cli_fail(&err);
        }
        if (st.warnings)
            rv_log_warn("%s (and %lld more like it)", st.first_warning, (long long)st.warnings - 1);
    } else {
        if (stored_model(g, source, &m, &err) < 0) goto fail;
        model_name = rv_model_source(m);
    }
    if (rv_reader_open(&r, in, &o, &err) < 0) goto fail;
    if (check_inputs(m, gen, fasta, model_name, rv_reader_build(r), in, &err) < 0) goto fail;
    bcf_hdr_t *hdr = rv_reader_header(r);
    char cline[128];
    snprintf(cline, sizeof cline, "##revusCsqConventions=%s", conv.name);
    if (rv_csq_header(hdr, m, &err) < 0 || rv_hdr_add_provenance(hdr, g->command_line, &err) < 0)
        goto fail;
    if (bcf_hdr_append(hdr, cline) < 0 || bcf_hdr_sync(hdr) < 0) {
        rv_err_set(&err, RV_ENOMEM, "cannot add the conventions header line");
        goto fail;
    }
    if (rv_writer_open_pool(&w, out, mode, level, hdr, o.pool, &err) < 0) goto fail;
    rv_csq_stream_stats cs;
    if (rv_csq_stream(r, w, m, fasta, &conv, o.pool, in, &cs, &err) < 0) goto fail;
    if (rv_writer_commit(w, &err) < 0) { w = NULL; goto fail; }
    w = NULL;
    rv_log_info("csq: %lld records, %lld on a transcript of %s %s; %lld REF mismatches, %lld REF checked only up to "
                "the reference's end", cs.records, cs.hits, rv_model_source(m), rv_model_version(m), cs.ref_mismatch,
                cs.ref_held_only);
    if (cs.ref_mismatch || cs.ref_held_only) status = EXIT_ATTENTION;
    rv_reader_close(r); rv_model_close(m); rv_genome_close(gen);
    if (pool.pool) hts_tpool_destroy(pool.pool);
    int ix = cli_stream_finish("csq", st, out);
    return ix != EXIT_OK ? ix : status;
fail:
    rv_writer_abort(w);
    rv_reader_close(r); rv_model_close(m); rv_genome_close(gen);
    if (pool.pool) hts_tpool_destroy(pool.pool);
    return cli_fail(&err);
}

int main_csq(int argc, char **argv, rv_cli *g)
{
    cli_stream st = { 0 };
    int status = run_csq(argc, argv, g, &st);
    cli_stream_free(&st);
    return status;
}
