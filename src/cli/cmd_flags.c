/* cmd_flags.c: `revus flags`: what changed, why, how urgent. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cJSON.h>
#include "cli/cli_state.h"
#include "state/cohort.h"
#include "state/flag_store.h"
#include "report/columns.h"

static void usage(FILE *fp)
{
    fprintf(fp,
        "Usage: revus flags [--run N] [--min-priority P] [--sample ID] [--all] [--format tsv|json]\n\n"
        "List flags: the variants whose class or evidence changed, most urgent first.\n"
        "  --run N           flags raised by run N (acknowledged ones included)\n"
        "  --min-priority P  only priority P or more urgent (1 = most urgent .. 5)\n"
        "  --sample ID       one sample's flags\n"
        "  --all             include acknowledged flags (default: open flags only)\n"
        "  --format F        tsv (default) or json\n\n"
        "Priorities: 1 plp_downgraded (P/LP to VUS, LB or B); 2 vus_upgraded (VUS to LP/P);\n"
        "2 second_hit (a recessive gene's variant newly has a qualifying partner: compound\n"
        "heterozygous); 3 new_candidate / left_candidates (entered or left the candidate set);\n"
        "4 vus_downgraded (VUS to LB/B); 5 evidence_changed (same tier: stars, conflict, VUS\n"
        "sub-tier, frequency). An upgrade or new candidate whose genotype does not fit the gene's\n"
        "inheritance is one priority less urgent; unaffected family members get no flags\n"
        "(docs/inheritance.md).\n"
        "basis: 'previous' = against the sample's previous run, 'reported' = against the lab's\n"
        "reported class. trigger_source/old_version/new_version/field name the change behind it.\n"
        "One flag per run, sample and variant: the most urgent change; the others are named in\n"
        "its detail. A class moved for want of evidence alone is not a flag (docs/state.md).\n\n"
        "Exit: 0 ok; 2 bad usage (an unknown --sample or --run); 3 state problem.\n");
}

static const char *s_(const char *s) { return s && *s ? s : "."; }

/* A cell a person may have typed (acked_by): tabs and line breaks would split the row, and a
 * leading = + - @ would run as a formula in a spreadsheet (same rule as the report TSV). */
static void put_text_cell(const char *s)
{
    if (!s || !*s) { putchar('.'); return; }
    if (rv_report_formula_like(s)) putchar('\'');
    for (; *s; s++) putchar(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

static void print_tsv(const rv_flag_row *r, int n)
{
    printf("id\trun\tpriority\tcategory\tsample\tvariant\tgene\thgvs\tbasis\told_class\tnew_class\t"
           "trigger_source\told_version\tnew_version\tfield\told_value\tnew_value\tacked_by\tdetail\tgenotype_fit\n");
    for (int i = 0; i < n; i++) {
        printf("%lld\t%lld\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t",
               (long long)r[i].id, (long long)r[i].run, r[i].priority, r[i].category, r[i].sample,
               r[i].variant, s_(r[i].gene), s_(r[i].hgvs), r[i].basis, s_(r[i].old_class), s_(r[i].new_class),
               s_(r[i].trigger_source), s_(r[i].old_version), s_(r[i].new_version), s_(r[i].field),
               s_(r[i].old_value), s_(r[i].new_value));
        put_text_cell(r[i].ack_by);
        printf("\t%s\t%s\n", s_(r[i].detail), s_(r[i].fit));
    }
}

static void add_str(cJSON *o, const char *k, const char *v)
{
    if (v) cJSON_AddStringToObject(o, k, v); else cJSON_AddNullToObject(o, k);
}

static int print_json(const rv_flag_row *r, int n)
{
    cJSON *arr = cJSON_CreateArray();
    for (int i = 0; arr && i < n; i++) {
        cJSON *o = cJSON_CreateObject();
        cJSON_AddNumberToObject(o, "id", (double)r[i].id);
        cJSON_AddNumberToObject(o, "run", (double)r[i].run);
        cJSON_AddNumberToObject(o, "priority", r[i].priority);
        add_str(o, "category", r[i].category); add_str(o, "sample", r[i].sample);
        add_str(o, "variant", r[i].variant); add_str(o, "gene", r[i].gene); add_str(o, "hgvs", r[i].hgvs);
        add_str(o, "basis", r[i].basis); add_str(o, "old_class", r[i].old_class); add_str(o, "new_class", r[i].new_class);
        cJSON *t = cJSON_AddObjectToObject(o, "trigger");
        add_str(t, "source", r[i].trigger_source); add_str(t, "old_version", r[i].old_version);
        add_str(t, "new_version", r[i].new_version); add_str(t, "field", r[i].field);
        add_str(t, "old_value", r[i].old_value); add_str(t, "new_value", r[i].new_value);
        add_str(o, "detail", r[i].detail); add_str(o, "fingerprint", r[i].fingerprint);
        add_str(o, "created_at", r[i].created_at);
        add_str(o, "genotype_fit", r[i].fit);
        cJSON *inh = r[i].inheritance ? cJSON_Parse(r[i].inheritance) : NULL;
        if (inh) cJSON_AddItemToObject(o, "inheritance", inh); else cJSON_AddNullToObject(o, "inheritance");
        if (r[i].ack_by) {
            cJSON *a = cJSON_AddObjectToObject(o, "ack");
            add_str(a, "by", r[i].ack_by); add_str(a, "note", r[i].ack_note); add_str(a, "at", r[i].ack_at);
        } else cJSON_AddNullToObject(o, "ack");
        cJSON_AddItemToArray(arr, o);
    }
    char *text = cJSON_Print(arr);
    cJSON_Delete(arr);
    if (!text) return -1;
    puts(text);
    cJSON_free(text);
    return 0;
}

int main_flags(int argc, char **argv, rv_cli *g)
{
    static const struct option opts[] = {
        { "run", required_argument, 0, 'r' }, { "min-priority", required_argument, 0, 'p' },
        { "sample", required_argument, 0, 's' }, { "all", no_argument, 0, 'a' },
        { "format", required_argument, 0, 'f' }, { "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 } };
    rv_flag_filter f = { 0 };
    const char *format = "tsv";
    int c;
    char *end;
    optind = 1;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (c) {
        case 'r':
            f.run = strtoll(optarg, &end, 10);
            if (*end || f.run <= 0) return cli_failf(EXIT_BAD_INPUT, "--run: '%s' is not a run number", optarg);
            f.include_acked = 1;
            break;
        case 'p':
            f.max_priority = (int)strtol(optarg, &end, 10);
            if (*end || f.max_priority < 1 || f.max_priority > 5)
                return cli_failf(EXIT_BAD_INPUT, "--min-priority: '%s' is not 1..5", optarg);
            break;
        case 's': f.sample = optarg; break;
        case 'a': f.include_acked = 1; break;
        case 'f': format = optarg; break;
        case 'h': usage(stdout); return EXIT_OK;
        default: usage(stderr); return EXIT_BAD_INPUT;
        }
    }
    if (optind != argc) { usage(stderr); return EXIT_BAD_INPUT; }
    rv_out_format fmt;
    if (cli_out_format("flags", format, RV_OUT(RV_OUT_TSV) | RV_OUT(RV_OUT_JSON), &fmt)) return EXIT_BAD_INPUT;
    rv_state *st;
    int ret = cli_state_open(g, &st, NULL);
    if (ret) return ret;
    rv_err err = { 0 };
    rv_flag_row *rows = NULL;
    int n = 0;
    rv_sample *known = NULL;
    int n_known = 0;
    if (f.run && !rv_run_exists(st, f.run)) ret = cli_failf(EXIT_BAD_INPUT, "no run %lld", (long long)f.run);
    else if (f.sample && rv_cohort_get(st, f.sample, &known, &n_known, &err) < 0) ret = cli_fail(&err);
    else if (f.sample && n_known == 0)      /* a typo must not read as "no flags for this patient" */
        ret = cli_failf(EXIT_BAD_INPUT, "no sample '%s' (see `revus cohort list`)", f.sample);
    else if (rv_flags_list(st, &f, &rows, &n, &err) < 0) ret = cli_fail(&err);
    else if (fmt == RV_OUT_JSON) { if (print_json(rows, n) < 0) ret = cli_failf(EXIT_SOURCE_STATE, "out of memory"); }
    else print_tsv(rows, n);
    rv_flag_rows_free(rows, n);
    rv_samples_free(known, n_known);
    rv_state_close(st);
    return ret;
}
