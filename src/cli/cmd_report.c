/* cmd_report.c: `revus report`: the reclassification list for clinicians (HTML) and
 * pipelines (TSV, JSON, VCF), read from the state database without changing it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli/cli.h"
#include "cli/out_file.h"
#include "report/columns.h"
#include "report/load.h"
#include "report/write.h"
#include "state/db.h"
#include "base/version.h"

static void usage(FILE *f)
{
    fputs("Usage: revus report [--run N | --since DATE] [--indication CODE] [--sample ID]\n"
          "                    --format html|tsv|json|vcf [-o FILE] [--pseudonymise]\n"
          "       revus report --columns\n"
          "\n"
          "The reclassification list: one line per flag, grouped by indication, then patient\n"
          "(most urgent patient first), most urgent line first.\n"
          "  --run N          flags raised by run N (default: the latest complete run)\n"
          "  --since DATE     flags raised on or after DATE (YYYY-MM-DD), across runs\n"
          "  --indication C   only patients tested for indication code C\n"
          "  --sample ID      only this patient\n"
          "  --format F       html: one self-contained page to read or print (A4);\n"
          "                   tsv, json: the same content for pipelines (see --columns);\n"
          "                   vcf: one sample's flagged variants with RVS_* INFO tags\n"
          "                   (-o NAME.vcf.gz writes bgzipped VCF, NAME.bcf writes BCF)\n"
          "  -o FILE          write FILE (mode 0600, replaced only when complete); default stdout\n"
          "  --pseudonymise   replace sample ids by stable codes P-xxxxxxxxxxxx (salted with\n"
          "                   HOME/pseudonym.salt, created once) and leave out acknowledgement notes\n"
          "  --columns        print every TSV column / JSON field with its meaning\n"
          "Exit: 0 written, 2 bad usage or unknown run/sample/indication, 3 state problem.\n"
          "Column meanings for clinicians: docs/reports.md.\n", f);
}

static void print_columns(void)
{
    size_t n;
    const rv_report_column *c = rv_report_columns(&n);
    printf("column\tjson\tmeaning\n");
    for (size_t i = 0; i < n; i++) {
        if (c[i].side) {
            printf("before_%s\tbefore.%s\t%s\n", c[i].name, c[i].name, c[i].doc);
            printf("now_%s\tnow.%s\t(same, for the run that raised the flag)\n", c[i].name, c[i].name);
        } else printf("%s\t%s\t%s\n", c[i].name, c[i].name, c[i].doc);
    }
}

int main_report(int argc, char **argv, rv_cli *g)
{
    rv_report_query q = { 0 };
    const char *format = NULL, *out_path = NULL;
    int pseudo = 0;
    rv_err err;
    rv_err_clear(&err);

    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (cli_is_help(a)) { usage(stdout); return EXIT_OK; }
        if (!strcmp(a, "--columns")) { print_columns(); return EXIT_OK; }
        if (!strcmp(a, "--pseudonymise") || !strcmp(a, "--pseudonymize")) { pseudo = 1; continue; }
        const char **slot = !strcmp(a, "--since") ? &q.since : !strcmp(a, "--indication") ? &q.indication
                          : !strcmp(a, "--sample") ? &q.sample : !strcmp(a, "--format") ? &format
                          : !strcmp(a, "-o") || !strcmp(a, "--output") ? &out_path : NULL;
        if (slot || !strcmp(a, "--run")) {
            if (!v) return cli_failf(EXIT_BAD_INPUT, "report: %s needs a value", a);
            i++;
            if (slot) { *slot = v; continue; }
            char *end;
            long long n = strtoll(v, &end, 10);
            if (*end || n <= 0) return cli_failf(EXIT_BAD_INPUT, "report: --run '%s' is not a run number", v);
            q.run = n;
            continue;
        }
        usage(stderr);
        return cli_failf(EXIT_BAD_INPUT, "report: unknown option '%s'", a);
    }
    if (!format) { usage(stderr); return cli_failf(EXIT_BAD_INPUT, "report: --format is required"); }
    rv_out_format fmt;
    if (cli_out_format("report", format, RV_OUT(RV_OUT_HTML) | RV_OUT(RV_OUT_TSV) | RV_OUT(RV_OUT_JSON) | RV_OUT(RV_OUT_VCF),
                       &fmt)) return EXIT_BAD_INPUT;

    rv_state *st = NULL;
    rv_report *r = NULL;
    cli_out out = { 0 };
    int rc = rv_state_open_readonly(&st, g->home, &err);
    if (rc == 0) rc = rv_report_load(rv_state_db(st), &q, &r, &err);
    if (rc == 0) rc = rv_report_add_store_info(r, g->home, &err);
    rv_state_close(st);
    if (rc < 0) return cli_fail(&err);

    char now[32];
    cli_now_utc(now, sizeof now);
    r->generated_at = rv_report_str(r, now);
    r->generator = rv_report_str(r, rv_version());
    const char *vcf_sample = q.sample;
    char vcf_pseudonym[15];
    if (pseudo) {
        unsigned char salt[64];
        size_t salt_len;
        rc = rv_pseudonym_salt(g->home, salt, &salt_len, &err);
        if (rc == 0) rc = rv_report_pseudonymise(r, salt, salt_len, &err);
        if (rc == 0) rv_report_sort(r);     /* pseudonyms change the patient order */
        if (rc == 0 && vcf_sample) {
            rv_pseudonym(salt, salt_len, vcf_sample, vcf_pseudonym);
            vcf_sample = vcf_pseudonym;
        }
    }
    if (rc == 0 && fmt == RV_OUT_VCF) {
        /* VCF goes through the project's VCF writer (.vcf, .vcf.gz, .bcf); 0600 like the others */
        mode_t old = umask(077);
        rc = rv_report_write_vcf_path(r, vcf_sample, out_path ? out_path : "-", &err);
        umask(old);
    } else if (rc == 0) rc = cli_out_open(&out, out_path, &err);
    if (rc == 0 && fmt != RV_OUT_VCF) {
        switch (fmt) {
        case RV_OUT_HTML: rc = rv_report_write_html(r, out.f, &err); break;
        case RV_OUT_TSV:  rc = rv_report_write_tsv(r, out.f, &err); break;
        case RV_OUT_JSON: rc = rv_report_write_json(r, out.f, &err); break;
        case RV_OUT_VCF:  break;
        }
        if (rc == 0) rc = cli_out_commit(&out, &err);
        else cli_out_abort(&out);
    }
    if (rc == 0 && g->verbosity > 0 && out_path)
        fprintf(stderr, "revus: report: %zu line%s written to %s\n", r->n_lines, r->n_lines == 1 ? "" : "s", out_path);
    rv_report_free(r);
    return rc < 0 ? cli_fail(&err) : EXIT_OK;
}
