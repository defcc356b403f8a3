/* cmd_csq.c: `revus csq`: consequences, HGVS and NMD from a gene model, into INFO/RV_CSQ. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <htslib/thread_pool.h>
#include "cli/cli.h"
#include "cli/stream_opts.h"
#include "csq/effect.h"
#include "variant/genome.h"
#include "csq/model.h"
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
        "                         splice site, allele trimming; docs/csq.md lists them)\n"
        "  -o, --output FILE      output (default '-' = stdout), renamed into place when complete\n"
        "  -O, --output-type T    v VCF, z bgzipped VCF, b BCF, u uncompressed BCF; z and b may\n"
        "                         end in a compression level 0-9 as in bcftools (-O z1: faster,\n"
        "                         about 15%% larger; default htslib's, 6)\n"
        "      --threads N        worker threads shared by decompression and compression (default 0)\n"
        "      --build B          GRCh37 or GRCh38 of the input, when its header does not say\n"
        "  -r, --regions LIST     only records in these regions (needs the input's .tbi/.csi)\n"
        "  -R, --regions-file F   the same from a file (CHROM POS or CHROM BEG END; .bed 0-based)\n"
        "  -s, --samples LIST     keep only these samples (^A,B: all but these); -S FILE: from a file\n"
        "  -W, --write-index[=F]  index the bgzipped output: csi (default) or tbi\n"
        "  -h, --help             this text\n\n"
        "Exit: 0 done; 1 done, but some records' REF differs from the FASTA (left unannotated);\n"
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

/* Copy line with RV_CSQ=val in its INFO column (an RV_CSQ already there is replaced). */
static int put_info(const char *line, size_t len, const kstring_t *val, kstring_t *out)
{
    out->l = 0;
    const char *p = line, *end = line + len;
    for (int i = 0; i < 7; i++) {
        p = memchr(p, '\t', (size_t)(end - p));
        if (!p) return -1;
        p++;
    }
    const char *q = memchr(p, '\t', (size_t)(end - p));
    if (!q) q = end;
    kputsn(line, (size_t)(p - line), out);
    int any = 0;
    if (!(q - p == 1 && *p == '.')) {
        const char *s = p;
        while (s < q) {
            const char *e = memchr(s, ';', (size_t)(q - s));
            if (!e) e = q;
            if (!((size_t)(e - s) >= sizeof RV_CSQ_TAG && memcmp(s, RV_CSQ_TAG "=", sizeof RV_CSQ_TAG) == 0)) {
                if (any) kputc(';', out);
                kputsn(s, (size_t)(e - s), out);
                any = 1;
            }
            s = e + 1;
        }
    }
    if (val->l) {
        if (any) kputc(';', out);
        kputs(RV_CSQ_TAG "=", out);
        kputsn(val->s, val->l, out);
        any = 1;
    }
    if (!any) kputc('.', out);
    kputsn(q, (size_t)(end - q), out);
    return 0;
}

/* The kind of a symbolic ALT revus annotates: 'I' an insertion (<INS>, <INS:ME:ALU>, ...), 'D' a
 * deletion (<DEL>, <DEL:ME:...>); 0 any other (<DUP>, <INV>, <CNV>, breakends, *). */
static char symbolic_kind(const rv_nrec *rec)
{
    const char *a = rec->input_alt;
    uint32_t n = rec->input_alt_len;
    if (n >= 5 && memcmp(a, "<INS", 4) == 0 && (a[4] == '>' || a[4] == ':')) return 'I';
    if (n >= 5 && memcmp(a, "<DEL", 4) == 0 && (a[4] == '>' || a[4] == ':')) return 'D';
    return 0;
}

/* INFO/END of the record: from the text line when there is one, else the parsed record; 0 when
 * it has none. */
static int64_t info_end(rv_reader *r, bcf_hdr_t *hdr, rv_err *err)
{
    const kstring_t *l = rv_reader_line(r);
    if (l) {
        const char *p = l->s, *end = l->s + l->l;
        for (int i = 0; i < 7 && p; i++) { p = memchr(p, '\t', (size_t)(end - p)); if (p) p++; }
        while (p && p < end && *p != '\t') {
            if (strncmp(p, "END=", 4) == 0) return strtoll(p + 4, NULL, 10);
            const char *q = memchr(p, ';', (size_t)(end - p));
            p = q ? q + 1 : NULL;
        }
        return 0;
    }
    bcf1_t *b = rv_reader_bcf(r, err);
    int32_t *v = NULL;
    int nv = 0;
    int64_t e = b && bcf_get_info_int32(hdr, b, "END", &v, &nv) > 0 ? v[0] : 0;
    free(v);
    return e;
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
    rv_conseq *cq = NULL;
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
    if (rv_writer_open_pool(&w, out, mode, level, hdr, o.pool, &err) < 0 || rv_conseq_new(&cq, m, gen, &err) < 0)
        goto fail;
    rv_conseq_set_conventions(cq, &conv);
    int text = rv_writer_is_text(w), rc;
    rv_nrec *rec;
    kstring_t val = { 0, 0, NULL }, line = { 0, 0, NULL };
    long long n_rec = 0, n_hit = 0, n_mismatch = 0;
    while ((rc = rv_reader_next(r, &rec, &err)) > 0) {
        n_rec++;
        val.l = 0;
        if (!rec->no_alt && !rec->symbolic && rec->key.contig != RV_CONTIG_OTHER) {
            rv_effect *e;
            int n = rv_conseq_allele(cq, rec->key.contig, rec->key.pos, rec->key.ref, (int)rec->key.ref_len,
                                     rec->key.alt, (int)rec->key.alt_len, &e, &err);
            if (n == RV_EINPUT && strncmp(err.msg, "REF ", 4) == 0) {
                if (!n_mismatch++) rv_log_warn("%s:%lld: %s (such records are left unannotated)", in, (long long)rec->line_no, err.msg);
                rv_err_clear(&err);
                n = 0;
            } else if (n < 0) {
                rv_err_prefix(&err, "%s:%lld", in, (long long)rec->line_no);
                break;
            }
            if (n > 0) { n_hit++; rv_csq_format(&val, e, n, rec->key.alt, rec->key.alt_len); }
        } else if (rec->symbolic && rec->key.contig != RV_CONTIG_OTHER && symbolic_kind(rec)) {
            /* an insertion or deletion of unknown sequence: where it falls, no protein change */
            char kind = symbolic_kind(rec);
            int64_t end = kind == 'D' ? info_end(r, hdr, &err) : 0;
            rv_effect *e;
            int n = rv_conseq_symbolic(cq, rec->key.contig, rec->input_pos, end, kind == 'D', &e);
            if (n > 0) { n_hit++; rv_csq_format(&val, e, n, rec->input_alt, rec->input_alt_len); }
        }
        if (text) {
            const kstring_t *l = rv_reader_line(r);
            if (!l || put_info(l->s, l->l, &val, &line) < 0) {
                rc = rv_err_set(&err, RV_EINPUT, "%s:%lld: cannot format record", in, (long long)rec->line_no);
                break;
            }
            rc = rv_writer_line(w, line.s, line.l, &err);
        } else {
            bcf1_t *b = rv_reader_bcf(r, &err);
            rc = -1;
            if (b) {
                if (val.l) rc = bcf_update_info_string(hdr, b, RV_CSQ_TAG, val.s) < 0 ? -1 : 0;
                else rc = bcf_update_info_string(hdr, b, RV_CSQ_TAG, NULL) < 0 ? -1 : 0;
                if (rc < 0) rv_err_set(&err, RV_EINPUT, "%s:%lld: cannot set %s", in, (long long)rec->line_no, RV_CSQ_TAG);
                else rc = rv_writer_record(w, b, &err);
            }
        }
        if (rc < 0) break;
    }
    free(val.s); free(line.s);
    if (rc < 0 || err.code < 0) goto fail;
    if (rv_writer_commit(w, &err) < 0) { w = NULL; goto fail; }
    w = NULL;
    rv_log_info("csq: %lld records, %lld on a transcript of %s %s; %lld REF mismatches", n_rec, n_hit,
                rv_model_source(m), rv_model_version(m), n_mismatch);
    if (n_mismatch) status = EXIT_ATTENTION;
    rv_conseq_free(cq); rv_reader_close(r); rv_model_close(m); rv_genome_close(gen);
    if (pool.pool) hts_tpool_destroy(pool.pool);
    int ix = cli_stream_finish("csq", st, out);
    return ix != EXIT_OK ? ix : status;
fail:
    rv_writer_abort(w);
    rv_conseq_free(cq); rv_reader_close(r); rv_model_close(m); rv_genome_close(gen);
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
