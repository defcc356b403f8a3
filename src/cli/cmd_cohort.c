/* cmd_cohort.c: `revus cohort add | import | list | remove`: the samples to reanalyse. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli/cli_state.h"
#include "state/cohort.h"
#include "state/runs.h"
#include "run/carrier.h"

static void usage(FILE *fp)
{
    fprintf(fp,
        "Usage: revus cohort add --sample ID --vcf FILE [--indication CODE] [--sex M|F] [--family FAM]\n"
        "                        [--vcf-sample NAME] [--ped FILE.ped]\n"
        "       revus cohort update --sample ID --vcf FILE [--indication CODE] [--sex M|F] [--family FAM]\n"
        "                        [--vcf-sample NAME] [--ped FILE.ped]\n"
        "       revus cohort import MANIFEST.tsv [--ped FILE.ped]\n"
        "       revus cohort list\n"
        "       revus cohort carriers [--rebuild] [ID...]\n"
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
        "  recorded again) keeping its history; other fields change when given, --ped and\n"
        "  --vcf-sample with the checks of add. A changed VCF, VCF column, sex, family or PED\n"
        "  entry makes the next run read the sample in full.\n"
        "list:   one line per sample: id, indication, sex, family, role (father, mother, child,\n"
        "        member), phenotype (affected, unaffected, unknown), added, last run, VCF path,\n"
        "        VCF column (when named).\n"
        "remove: forget a sample and everything stored about it (results, flags, reported).\n"
        "carriers: the carrier index of each sample (HOME/carriers/ID.rvc: the variants it\n"
        "  carries that could ever matter, pipeline config reanalysis.carriers; ID.rvr: their\n"
        "  VCF lines, read by an incremental run instead of the VCF), built at add,\n"
        "  import and update, and whenever a run finds one missing or stale; this lists, per\n"
        "  sample, its variants, bytes and build time, building what is missing or stale\n"
        "  (--rebuild: every one).\n\n"
        "Exit: 0 ok; 2 bad usage or input (unknown sample, bad manifest); 3 state problem.\n");
}


/* Build the carrier index of the samples (ids NULL: every registered sample) when missing
 * or stale (rebuild: always). list: one line per sample on stdout. A failure is a warning:
 * registration stands, and a run rebuilds a missing index. Returns how many failed. */
static int index_carriers(rv_cli *g, rv_state *st, const rv_runconf *conf, char **ids, int n_ids,
                          int rebuild, int list)
{
    rv_err err = { 0 };
    rv_sample *s = NULL;
    int n = 0, failed = 0, built = 0;
    int64_t entries = 0, bytes = 0;
    double secs = 0;
    if (rv_cohort_get(st, NULL, &s, &n, &err) < 0) { rv_log_warn("carrier index: %s", err.msg); return 1; }
    if (list) printf("sample\tvariants\tbytes\tseconds\tstatus\n");
    for (int i = 0; i < n; i++) {
        int want = n_ids == 0;
        for (int k = 0; k < n_ids; k++) want |= strcmp(ids[k], s[i].id) == 0;
        if (!want) continue;
        char **rep = NULL;
        int n_rep = 0;
        rv_carriers *c = NULL;
        rv_carrier_stats cs = { 0 };
        const char *status = "current";
        int rc = rv_reported_keys(st, s[i].id, &rep, &n_rep, &err);
        if (rc == 0 && (rebuild || rv_carriers_open(&c, g->home, conf, &s[i], &err) < 0)) {
            rc = rv_carriers_build(g->home, conf, &s[i], rep, n_rep, &cs, &err);
            status = "built";
            built++;
            secs += cs.seconds;
        }
        if (rc == 0 && !c) rc = rv_carriers_open(&c, g->home, conf, &s[i], &err);
        if (rc < 0) {
            rv_log_warn("carrier index of %s not built (a run builds it): %s", s[i].id, err.msg);
            failed++;
        } else {
            char path[4096];
            struct stat sb;
            snprintf(path, sizeof path, "%s/%s/%s.rvc", g->home, RV_CARRIER_DIR, s[i].id);
            int64_t size = stat(path, &sb) == 0 ? (int64_t)sb.st_size : 0;
            entries += rv_carriers_n(c);
            bytes += size;
            if (list) printf("%s\t%lld\t%lld\t%.3f\t%s\n", s[i].id, (long long)rv_carriers_n(c), (long long)size,
                             cs.seconds, status);
        }
        rv_carriers_close(c);
        for (int k = 0; k < n_rep; k++) free(rep[k]);
        free(rep);
    }
    if (g->verbosity && built)
        fprintf(stderr, "revus: carrier index: %d sample%s built, %lld variants, %lld bytes, %.2f s\n",
                built, built == 1 ? "" : "s", (long long)entries, (long long)bytes, secs);
    rv_samples_free(s, n);
    return failed;
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
    if (!id || !vcf || optind != argc) { usage(stderr); return EXIT_BAD_INPUT; }
    rv_state *st; rv_runconf *conf;
    int existed = cli_state_exists(g);
    int ret = update ? cli_state_open(g, &st, &conf) : cli_state_create(g, &st, &conf);
    if (ret) return ret;
    rv_err err = { 0 };
    rv_problems pr = { 0 };
    rv_member_in in = { id, vcf, ind, sex, fam, col };
    int rc = update ? rv_cohort_update_member(st, conf, &in, ped, &pr, &err)
                    : rv_cohort_add_member(st, conf, &in, ped, &pr, &err);
    if (rc < 0) ret = cli_fail_problems(&pr, &err);
    else {
        if (g->verbosity) fprintf(stderr, "revus: %s sample %s\n", update ? "updated" : "registered", id);
        char *one[] = { (char *)id };
        index_carriers(g, st, conf, one, 1, 0, 0);
    }
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
    else {
        if (g->verbosity) fprintf(stderr, "revus: registered %d sample%s from %s\n", n, n == 1 ? "" : "s", argv[1]);
        index_carriers(g, st, conf, NULL, 0, 0, 0);
    }
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
    else {
        rv_carriers_remove(g->home, argv[1]);
        if (g->verbosity) fprintf(stderr, "revus: removed sample %s\n", argv[1]);
    }
    rv_state_close(st);
    return ret;
}


static int cmd_carriers(int argc, char **argv, rv_cli *g)
{
    int rebuild = 0, k = 1;
    if (k < argc && strcmp(argv[k], "--rebuild") == 0) { rebuild = 1; k++; }
    for (int i = k; i < argc; i++)
        if (argv[i][0] == '-') { usage(stderr); return EXIT_BAD_INPUT; }
    rv_state *st; rv_runconf *conf;
    int ret = cli_state_open(g, &st, &conf);
    if (ret) return ret;
    rv_err err = { 0 };
    for (int i = k; i < argc && !ret; i++) {
        rv_sample *s = NULL;
        int n = 0;
        if (rv_cohort_get(st, argv[i], &s, &n, &err) < 0) ret = cli_fail(&err);
        else if (n == 0) ret = cli_failf(EXIT_BAD_INPUT, "no sample '%s' (see `revus cohort list`)", argv[i]);
        rv_samples_free(s, n);
    }
    if (!ret && index_carriers(g, st, conf, argv + k, argc - k, rebuild, 1)) ret = EXIT_ATTENTION;
    rv_state_close(st);
    rv_runconf_free(conf);
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
    if (strcmp(argv[1], "carriers") == 0) return cmd_carriers(argc - 1, argv + 1, g);
    fprintf(stderr, "revus: cohort: unknown action '%s'\n", argv[1]);
    usage(stderr);
    return EXIT_BAD_INPUT;
}
