/* cmd_cohort.c: `revus cohort add | import | list | remove`: the samples to reanalyse. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "cli/cli_state.h"
#include "state/cohort.h"

static void usage(FILE *fp)
{
    fprintf(fp,
        "Usage: revus cohort add --sample ID --vcf FILE [--indication CODE] [--sex M|F] [--family FAM]\n"
        "                        [--vcf-sample NAME] [--ped FILE.ped]\n"
        "       revus cohort update --sample ID --vcf FILE [--indication CODE] [--sex M|F] [--family FAM]\n"
        "       revus cohort import MANIFEST.tsv [--ped FILE.ped]\n"
        "       revus cohort list\n"
        "       revus cohort remove ID\n\n"
        "Register the samples a lab reanalyses. The VCF's SHA-256 is recorded: a run skips a\n"
        "sample whose file went missing or changed. The indication selects the gene panels\n"
        "(the \"indications\" object of the pipeline config).\n\n"
        "import: a TSV with columns sample, vcf, indication, sex, family, vcf_sample (header line\n"
        "  optional, '.' or empty = not given, relative VCF paths are relative to the manifest).\n"
        "  All rows or none: every bad row is listed with its line and nothing is registered.\n"
        "--vcf-sample NAME: the sample's column in the VCF when it is not named like the sample\n"
        "  (members of a family may share one multi-sample VCF or have one VCF each). The column\n"
        "  must exist, else exit 2.\n"
        "--ped FILE: the family in PED form (family, individual, father, mother, sex 1/2/0,\n"
        "  phenotype 2 affected/1 unaffected/0). Each individual must be registered or being\n"
        "  registered now; father, mother, sex and phenotype are stored. Refused (exit 2, nothing\n"
        "  stored): an unknown sample, a pedigree cycle, a father of female sex, a sample in two\n"
        "  families, members on different genome builds. A warning when the sex disagrees with\n"
        "  the heterozygosity of chrX. Flags go to affected members (docs/inheritance.md).\n"
        "update: point a registered sample at a new or re-generated VCF (its checksum is\n"
        "  recorded again) keeping its history; other fields change when given.\n"
        "list:   one line per sample: id, indication, sex, family, role (father, mother, child,\n"
        "        member), phenotype (affected, unaffected, unknown), added, last run, VCF path,\n"
        "        VCF column (when named).\n"
        "remove: forget a sample and everything stored about it (results, flags, reported).\n\n"
        "Exit: 0 ok; 2 bad usage or input (unknown sample, bad manifest); 3 state problem.\n");
}

static int cmd_add(int argc, char **argv, rv_cli *g, int update)
{
    static const struct option opts[] = {
        { "sample", required_argument, 0, 's' }, { "vcf", required_argument, 0, 'f' },
        { "indication", required_argument, 0, 'i' }, { "sex", required_argument, 0, 'x' },
        { "family", required_argument, 0, 'F' }, { "vcf-sample", required_argument, 0, 'V' },
        { "ped", required_argument, 0, 'P' }, { "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 } };
    const char *id = NULL, *vcf = NULL, *ind = NULL, *sex = NULL, *fam = NULL, *col = NULL, *ped = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 's': id = optarg; break;
        case 'f': vcf = optarg; break;
        case 'i': ind = optarg; break;
        case 'x': sex = optarg; break;
        case 'F': fam = optarg; break;
        case 'V': col = optarg; break;
        case 'P': ped = optarg; break;
        case 'h': usage(stdout); return EXIT_OK;
        default: usage(stderr); return EXIT_BAD_INPUT;
        }
    }
    if (!id || !vcf || optind != argc || (update && (col || ped))) { usage(stderr); return EXIT_BAD_INPUT; }
    rv_state *st; rv_runconf *conf;
    int existed = cli_state_exists(g);
    int ret = update ? cli_state_open(g, &st, &conf) : cli_state_create(g, &st, &conf);
    if (ret) return ret;
    rv_err err = { 0 };
    rv_problems pr = { 0 };
    rv_member_in in = { id, vcf, ind, sex, fam, col };
    int rc = update ? rv_cohort_update(st, conf, id, vcf, ind, sex, fam, &err)
                    : rv_cohort_add_member(st, conf, &in, ped, &pr, &err);
    if (rc < 0) ret = cli_fail_problems(&pr, &err);
    else if (g->verbosity) fprintf(stderr, "revus: %s sample %s\n", update ? "updated" : "registered", id);
    rv_problems_free(&pr);
    rv_state_close(st);
    rv_runconf_free(conf);
    if (ret) cli_state_discard_new(g, existed);
    return ret;
}

static int cmd_import(int argc, char **argv, rv_cli *g)
{
    const char *ped = NULL;
    if (argc == 4 && strcmp(argv[2], "--ped") == 0) ped = argv[3];
    else if (argc == 4 && strcmp(argv[1], "--ped") == 0) { ped = argv[2]; argv[1] = argv[3]; }
    else if (argc == 3 && strncmp(argv[2], "--ped=", 6) == 0) ped = argv[2] + 6;
    else if (argc != 2 || argv[1][0] == '-') { usage(stderr); return EXIT_BAD_INPUT; }
    rv_state *st; rv_runconf *conf;
    int existed = cli_state_exists(g);
    int ret = cli_state_create(g, &st, &conf);
    if (ret) return ret;
    rv_err err = { 0 };
    rv_problems pr = { 0 };
    int n = 0;
    if (rv_cohort_import_ped(st, conf, argv[1], ped, &n, &pr, &err) < 0) ret = cli_fail_problems(&pr, &err);
    else if (g->verbosity) fprintf(stderr, "revus: registered %d sample%s from %s\n", n, n == 1 ? "" : "s", argv[1]);
    rv_problems_free(&pr);
    rv_state_close(st);
    rv_runconf_free(conf);
    if (ret) cli_state_discard_new(g, existed);
    return ret;
}

static int cmd_list(rv_cli *g)
{
    rv_state *st;
    int ret = cli_state_open(g, &st, NULL);
    if (ret) return ret;
    rv_err err = { 0 };
    rv_sample *s = NULL;
    int n = 0;
    if (rv_cohort_get(st, NULL, &s, &n, &err) < 0) { rv_state_close(st); return cli_fail(&err); }
    static const char *const pheno[] = { "unknown", "unaffected", "affected" };
    printf("sample\tindication\tsex\tfamily\trole\tphenotype\tadded\tlast_run\tvcf\tvcf_sample\n");
    for (int i = 0; i < n; i++) {
        const char *role = rv_sample_role(&s[i]);
        printf("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", s[i].id, s[i].indication ? s[i].indication : ".",
               s[i].sex ? s[i].sex : ".", s[i].family ? s[i].family : ".", role ? role : ".",
               pheno[s[i].phenotype >= 0 && s[i].phenotype <= 2 ? s[i].phenotype : 0], s[i].added_at,
               s[i].last_done ? s[i].last_done : "never", s[i].vcf_path, s[i].vcf_sample ? s[i].vcf_sample : ".");
    }
    rv_samples_free(s, n);
    rv_state_close(st);
    return EXIT_OK;
}

static int cmd_remove(int argc, char **argv, rv_cli *g)
{
    if (argc != 2) { usage(stderr); return EXIT_BAD_INPUT; }
    rv_state *st;
    int ret = cli_state_open(g, &st, NULL);
    if (ret) return ret;
    rv_err err = { 0 };
    if (rv_cohort_remove(st, argv[1], &err) < 0) ret = cli_fail(&err);
    else if (g->verbosity) fprintf(stderr, "revus: removed sample %s\n", argv[1]);
    rv_state_close(st);
    return ret;
}

int main_cohort(int argc, char **argv, rv_cli *g)
{
    if (argc < 2) { usage(stderr); return EXIT_BAD_INPUT; }
    if (cli_is_help(argv[1])) { usage(stdout); return EXIT_OK; }
    for (int i = 2; i < argc; i++) if (cli_is_help(argv[i])) { usage(stdout); return EXIT_OK; }
    if (strcmp(argv[1], "add") == 0) return cmd_add(argc - 1, argv + 1, g, 0);
    if (strcmp(argv[1], "update") == 0) return cmd_add(argc - 1, argv + 1, g, 1);
    if (strcmp(argv[1], "import") == 0) return cmd_import(argc - 1, argv + 1, g);
    if (strcmp(argv[1], "list") == 0 && argc == 2) return cmd_list(g);
    if (strcmp(argv[1], "remove") == 0) return cmd_remove(argc - 1, argv + 1, g);
    fprintf(stderr, "revus: cohort: unknown action '%s'\n", argv[1]);
    usage(stderr);
    return EXIT_BAD_INPUT;
}
