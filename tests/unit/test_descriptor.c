/* Unit tests: descriptor loading and validation (one error naming file and JSON path). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sources/descriptor.h"
#include "testhelp.h"

static char dir[] = "/tmp/rv-desc-XXXXXX";
static char path[512];

static void write_desc(const char *json)
{
    snprintf(path, sizeof path, "%s/src.json", dir);
    FILE *fp = fopen(path, "w");
    fputs(json, fp);
    fclose(fp);
}

/* Load json; return the error code and leave the message in err. */
static int load(const char *json, rv_descriptor **d, rv_err *err)
{
    write_desc(json);
    rv_err_clear(err);
    return rv_descriptor_load(path, d, err);
}

/* Expect failure with exactly "PATH: want". */
static void expect_error(const char *json, const char *want)
{
    rv_descriptor *d = NULL;
    rv_err err;
    int rc = load(json, &d, &err);
    CHECK(rc < 0);
    CHECK(d == NULL);
    char full[1200];
    snprintf(full, sizeof full, "%s: %s", path, want);
    CHECK_STR(err.msg, full);
}

#define PA_FIELDS "{\"symbol\":{\"from\":\"entity_name\"},\"confidence\":{\"from\":\"confidence_level\"}}"
#define GNOMAD_HEAD "{\"name\":\"gnomad\",\"role\":\"population-frequency\",\"format\":\"vcf\",\"build\":\"GRCh38\","

int main(void)
{
    if (!mkdtemp(dir)) { perror("mkdtemp"); return 1; }
    rv_descriptor *d = NULL;
    rv_err err;

    TEST_CASE("valid gnomAD v4 descriptor");
    CHECK_INT(load(GNOMAD_HEAD
        "\"title\":\"gnomAD joint\",\"download\":{\"url\":\"https://example.org/g.vcf.bgz\","
        "\"version_rule\":\"filename:v([0-9.]+)\",\"max_bytes\":1000},"
        "\"fields\":{\"af\":{\"from\":\"AF_joint\"},\"an\":{\"from\":\"AN_joint\"},"
        "\"af_nfe\":{\"from\":\"AF_joint_nfe\",\"type\":\"float\"},\"faf95\":{\"from\":\"fafmax_faf95_max_joint\"}},"
        "\"options\":{\"pass_only\":true,\"min_an\":2000}}", &d, &err), RV_OK);
    if (d) {
        CHECK_STR(d->name, "gnomad");
        CHECK_STR(d->title, "gnomAD joint");
        CHECK_STR(d->role->name, "population-frequency");
        CHECK_INT(d->build, RV_BUILD_GRCH38);
        CHECK_INT(d->max_bytes, 1000);
        CHECK_INT(d->pass_only, 1);
        CHECK_INT(d->min_an, 2000);
        CHECK_INT(d->n_fields, 4);
        CHECK_STR(rv_descriptor_field(d, "af")->from, "AF_joint");
        CHECK_INT(rv_descriptor_field(d, "af")->type, RV_T_FLOAT);
        CHECK_INT(rv_descriptor_field(d, "an")->type, RV_T_INT);
        CHECK_INT(rv_descriptor_field(d, "af_nfe")->type, RV_T_FLOAT);
        CHECK(rv_descriptor_field(d, "nhomalt") == NULL);
        CHECK_STR(d->version_rule, "filename:v([0-9.]+)");
        char *u = rv_descriptor_url(d);
        CHECK_STR(u, "https://example.org/g.vcf.bgz");
        free(u);
    }
    rv_descriptor_free(d);
    d = NULL;

    TEST_CASE("defaults: no download means manual version, import only");
    CHECK_INT(load("{\"name\":\"lab\",\"role\":\"lab-classification\",\"format\":\"tsv\",\"build\":\"GRCh37\","
        "\"table\":{\"columns\":{\"chrom\":\"chrom\",\"pos\":\"pos\",\"ref\":\"ref\",\"alt\":\"alt\"}},"
        "\"fields\":{\"class\":{\"from\":\"class\"}}}", &d, &err), RV_OK);
    if (d) {
        CHECK_STR(d->version_rule, "manual");
        CHECK(d->url == NULL);
        CHECK_INT(d->delimiter, '\t');
        CHECK_STR(d->title, "lab");
        CHECK(rv_descriptor_url(d) == NULL);
    }
    rv_descriptor_free(d);
    d = NULL;

    TEST_CASE("panelapp url template");
    CHECK_INT(load("{\"name\":\"pa\",\"role\":\"gene-panel\",\"format\":\"panelapp-json\","
        "\"download\":{\"url\":\"https://panelapp.example/api/v1/panels/{panel_id}/\",\"version_rule\":\"json:version\",\"max_bytes\":100},"
        "\"panel\":{\"id\":285,\"version\":\"8.160\"},"
        "\"fields\":{\"symbol\":{\"from\":\"gene_data.gene_symbol\"},\"confidence\":{\"from\":\"confidence_level\"}}}",
        &d, &err), RV_OK);
    if (d) {
        CHECK_STR(d->panel_id, "285");
        CHECK_INT(d->build, RV_BUILD_UNKNOWN);
        char *u = rv_descriptor_url(d);
        CHECK_STR(u, "https://panelapp.example/api/v1/panels/285/?version=8.160");
        free(u);
    }
    rv_descriptor_free(d);
    d = NULL;

    TEST_CASE("errors name file and JSON path");
    expect_error(GNOMAD_HEAD "\"fields\":{\"af\":5}}", "fields.af: expected object, found a number");
    expect_error(GNOMAD_HEAD "\"colour\":1,\"fields\":{}}",
                 "colour: unknown key (expected one of: name, title, role, format, build, homepage, license, notes, download, table, fields, options, panel, require_header, coverage)");
    expect_error(GNOMAD_HEAD "\"fields\":{\"af\":{\"from\":\"AF\",\"form\":1}}}",
                 "fields.af.form: unknown key (expected one of: from, type, op, doc)");
    expect_error(GNOMAD_HEAD "\"fields\":{\"af\":{\"from\":\"AF\"}}}",
                 "fields.an: required by role population-frequency but not mapped (allele number (called alleles))");
    expect_error(GNOMAD_HEAD "\"fields\":{\"af\":{\"from\":\"AF\",\"type\":\"int\"},\"an\":{\"from\":\"AN\"}}}",
                 "fields.af.type: role population-frequency defines af as float");
    expect_error(GNOMAD_HEAD "\"fields\":{\"af\":{\"from\":\"AF\",\"type\":\"double\"},\"an\":{\"from\":\"AN\"}}}",
                 "fields.af.type: unknown type 'double' (float, int or string)");
    expect_error(GNOMAD_HEAD "\"fields\":{\"af\":{\"from\":7},\"an\":{\"from\":\"AN\"}}}",
                 "fields.af.from: expected string, found a number");
    expect_error(GNOMAD_HEAD "\"fields\":{\"AF-x\":{\"from\":\"AF\"}}}",
                 "fields.AF-x: extra field names use [a-z0-9_] only");
    expect_error("{\"name\":\"x\",\"role\":\"frequency\",\"format\":\"vcf\"}",
                 "role: unknown role 'frequency' (known: clinical-assertion, population-frequency, in-silico-score, lab-classification, gene-panel, gene-validity, gene-regions, gene-model, gene-dosage)");
    expect_error("{\"name\":\"x\",\"role\":\"in-silico-score\",\"format\":\"parquet\"}",
                 "format: unknown format 'parquet' (vcf, tsv, csv, panelapp-json, clingen-csv, bed, gff3)");
    expect_error("{\"name\":\"x\",\"role\":\"gene-panel\",\"format\":\"vcf\"}",
                 "format: format vcf cannot carry role gene-panel");
    expect_error("{\"name\":\"Bad Name\",\"role\":\"in-silico-score\",\"format\":\"vcf\"}",
                 "name: 'Bad Name' must be 1-63 characters of [a-z0-9_-]");
    expect_error("{\"role\":\"in-silico-score\",\"format\":\"vcf\"}", "name: missing (required)");
    expect_error("{\"name\":\"x\",\"role\":\"in-silico-score\",\"format\":\"vcf\",\"fields\":{\"score\":{\"from\":\"S\"}}}",
                 "build: missing: a position-keyed source names its genome build (GRCh37 or GRCh38)");
    expect_error("{\"name\":\"x\",\"role\":\"in-silico-score\",\"format\":\"vcf\",\"build\":\"hg17\"}",
                 "build: unknown genome build 'hg17' (GRCh37 or GRCh38)");
    expect_error(GNOMAD_HEAD "\"download\":{\"url\":\"gopher://x/y\"},\"fields\":{}}",
                 "download.url: 'gopher://x/y' is not an https, http, ftp or file URL");
    expect_error(GNOMAD_HEAD "\"download\":{\"url\":\"https://x/y\"},\"fields\":{}}",
                 "download.max_bytes: missing: a download needs a size cap in bytes");
    expect_error(GNOMAD_HEAD "\"download\":{\"url\":\"https://x/y\",\"max_bytes\":-1},\"fields\":{}}",
                 "download.max_bytes: expected a non-negative integer, found -1");
    expect_error(GNOMAD_HEAD "\"download\":{\"url\":\"https://x/y\",\"max_bytes\":9,\"checksum_url\":\"https://x/y.md5\"},\"fields\":{}}",
                 "download.checksum_kind: missing: say whether checksum_url holds md5 or sha256");
    expect_error(GNOMAD_HEAD "\"download\":{\"url\":\"https://x/y\",\"max_bytes\":9,\"sha256\":\"abc\"},\"fields\":{}}",
                 "download.sha256: expected 64 hexadecimal digits");
    expect_error(GNOMAD_HEAD "\"download\":{\"version_rule\":\"date\"},\"fields\":{}}",
                 "download.version_rule: 'date' is not one of manual, header:PREFIX, header-date:PREFIX, filename:REGEX, json:KEY, fixed:VERSION");
    write_desc(GNOMAD_HEAD "\"download\":{\"version_rule\":\"filename:([0-9\"},\"fields\":{}}");
    CHECK(rv_descriptor_load(path, &d, &err) == RV_EINPUT);
    CHECK(strstr(err.msg, "src.json: download.version_rule: bad regular expression '([0-9': ") != NULL);
    expect_error(GNOMAD_HEAD "\"download\":[],\"fields\":{}}", "download: expected object, found an array");
    expect_error(GNOMAD_HEAD "\"fields\":{\"af\":{\"from\":\"AF\"},\"an\":{\"from\":\"AN\"}},\"options\":{\"pass_only\":\"yes\"}}",
                 "options.pass_only: expected true or false, found a string");
    expect_error("{\"name\":\"t\",\"role\":\"in-silico-score\",\"format\":\"tsv\",\"build\":\"GRCh38\","
                 "\"table\":{\"columns\":{\"chrom\":\"c\",\"pos\":\"p\",\"ref\":\"r\"}},\"fields\":{}}",
                 "table.columns.alt: missing: a variant-keyed tsv source names its alt column");
    expect_error("{\"name\":\"t\",\"role\":\"in-silico-score\",\"format\":\"tsv\",\"build\":\"GRCh38\","
                 "\"table\":{\"delimiter\":\";\"},\"fields\":{}}",
                 "table.delimiter: expected \"tab\" or \"comma\"");
    expect_error("{\"name\":\"pa\",\"role\":\"gene-panel\",\"format\":\"panelapp-json\",\"fields\":" PA_FIELDS "}",
                 "panel: missing: a panelapp-json source names its panel id");
    expect_error("{\"name\":\"pa\",\"role\":\"gene-panel\",\"format\":\"panelapp-json\",\"panel\":{\"id\":1,\"version\":\"v2\"},\"fields\":" PA_FIELDS "}",
                 "panel.version: expected MAJOR.MINOR, e.g. \"1.25\"");
    expect_error(GNOMAD_HEAD "\"fields\":{\"af\":{\"from\":\"AF\"},\"an\":{\"from\":\"AN\"}},\"require_header\":[{\"prefix\":\"##x\"}]}",
                 "require_header[0].why: missing (required)");
    expect_error(GNOMAD_HEAD "\"name\":\"dup\",\"fields\":{}}", "name: duplicate key");
    expect_error("[1,2]", "(top): expected object, found an array");

    TEST_CASE("a release of several files: {chrom} template, default chromosomes");
#define POP_FIELDS "\"fields\":{\"af\":{\"from\":\"AF\"},\"an\":{\"from\":\"AN\"}}}"
    CHECK_INT(load(GNOMAD_HEAD "\"download\":{\"url\":\"https://x.org/4.1/g.v4.1.sites.chr{chrom}.vcf.bgz\","
                   "\"checksum_url\":\"https://x.org/4.1/g.v4.1.sites.chr{chrom}.vcf.bgz.md5\",\"checksum_kind\":\"md5\","
                   "\"max_bytes\":1000}," POP_FIELDS, &d, &err), RV_OK);
    if (d) {
        CHECK_INT(d->n_parts, 24);           /* GRCh38's chromosomes 1-22, X, Y from genome_builds.tsv */
        if (d->n_parts == 24) {
            CHECK_STR(d->parts[0].url, "https://x.org/4.1/g.v4.1.sites.chr1.vcf.bgz");
            CHECK_STR(d->parts[0].checksum_url, "https://x.org/4.1/g.v4.1.sites.chr1.vcf.bgz.md5");
            CHECK_STR(d->parts[0].file, "g.v4.1.sites.chr1.vcf.bgz");
            CHECK_STR(d->parts[0].label, "chr1");
            CHECK_INT(d->parts[0].contig, 0);
            CHECK_STR(d->parts[23].label, "chrY");
            CHECK_INT(d->parts[23].contig, RV_CONTIG_Y);
            CHECK(rv_descriptor_part(d, "g.v4.1.sites.chrX.vcf.bgz") == &d->parts[22]);
            CHECK(rv_descriptor_part(d, "g.v4.1.sites.chrM.vcf.bgz") == NULL);
        }
        rv_descriptor_free(d);
    }
    CHECK_INT(load(GNOMAD_HEAD "\"download\":{\"url\":\"https://x.org/{chrom}/f.{chrom}.vcf\",\"chroms\":[\"chr17\",\"13\",\"MT\"],"
                   "\"checksum_url\":\"https://x.org/MD5SUMS\",\"checksum_kind\":\"md5\",\"max_bytes\":1000}," POP_FIELDS, &d, &err), RV_OK);
    if (d) {
        CHECK_INT(d->n_parts, 3);
        if (d->n_parts == 3) {
            CHECK_STR(d->parts[0].url, "https://x.org/chr17/f.chr17.vcf");   /* every {chrom}, as listed */
            CHECK_STR(d->parts[1].label, "chr13");
            CHECK_STR(d->parts[2].label, "chrMT");
            CHECK_STR(d->parts[2].checksum_url, "https://x.org/MD5SUMS");    /* one list for all */
        }
        rv_descriptor_free(d);
    }
    TEST_CASE("a release of several files: download.files");
    CHECK_INT(load(GNOMAD_HEAD "\"download\":{\"files\":[\"https://x.org/a.vcf.gz\",\"file:///data/b.vcf.gz\"],"
                   "\"version_rule\":\"fixed:2\",\"max_bytes\":1000}," POP_FIELDS, &d, &err), RV_OK);
    if (d) {
        CHECK_INT(d->n_parts, 2);
        CHECK(d->url == NULL);
        if (d->n_parts == 2) {
            CHECK_STR(d->parts[1].file, "b.vcf.gz");
            CHECK_STR(d->parts[1].label, "b.vcf.gz");
            CHECK_INT(d->parts[1].contig, -1);
        }
        rv_descriptor_free(d);
    }
    TEST_CASE("a release of several files: refusals");
    expect_error(GNOMAD_HEAD "\"download\":{\"url\":\"https://x.org/{chrom}/f.vcf\",\"max_bytes\":1}," POP_FIELDS,
                 "download.url: two files would both be named 'f.vcf': put {chrom} in the file name");
    expect_error(GNOMAD_HEAD "\"download\":{\"url\":\"https://x.org/f{chrom}.vcf\",\"chroms\":[\"1\",\"GL000192.1\"],\"max_bytes\":1}," POP_FIELDS,
                 "download.chroms[1]: 'GL000192.1' is not a chromosome of GRCh38");
    expect_error(GNOMAD_HEAD "\"download\":{\"url\":\"https://x.org/f{chrom}.vcf\",\"chroms\":[],\"max_bytes\":1}," POP_FIELDS,
                 "download.chroms: expected a non-empty array of strings, found an array");
    expect_error(GNOMAD_HEAD "\"download\":{\"url\":\"https://x.org/f.vcf\",\"chroms\":[\"1\"],\"max_bytes\":1}," POP_FIELDS,
                 "download.chroms: needs a download.url with {chrom} in it");
    expect_error(GNOMAD_HEAD "\"download\":{\"url\":\"https://x.org/f.vcf\",\"files\":[\"https://x.org/g.vcf\"],\"max_bytes\":1}," POP_FIELDS,
                 "download.files: give download.url or download.files, not both");
    expect_error(GNOMAD_HEAD "\"download\":{\"files\":[\"https://x.org/a/g.vcf\",\"https://x.org/b/g.vcf\"],\"max_bytes\":1}," POP_FIELDS,
                 "download.files[1]: two files would both be named 'g.vcf'");
    expect_error(GNOMAD_HEAD "\"download\":{\"files\":[\"ssh://x.org/g.vcf\"],\"max_bytes\":1}," POP_FIELDS,
                 "download.files[0]: 'ssh://x.org/g.vcf' is not an https, http, ftp or file URL");
    expect_error(GNOMAD_HEAD "\"download\":{\"files\":[\"https://x.org/g.vcf\"]}," POP_FIELDS,
                 "download.max_bytes: missing: a download needs a size cap in bytes");
    expect_error(GNOMAD_HEAD "\"download\":{\"url\":\"https://x.org/f{chrom}.vcf\",\"sha256\":"
                 "\"0000000000000000000000000000000000000000000000000000000000000000\",\"max_bytes\":1}," POP_FIELDS,
                 "download.sha256: pins one file; check a set of files with checksum_url");
    expect_error(GNOMAD_HEAD "\"download\":{\"url\":\"https://x.org/f.vcf\",\"checksum_url\":\"https://x.org/f{chrom}.md5\","
                 "\"checksum_kind\":\"md5\",\"max_bytes\":1}," POP_FIELDS,
                 "download.checksum_url: {chrom} needs a download.url with {chrom} in it");
    expect_error("{\"name\":\"cg\",\"role\":\"gene-validity\",\"format\":\"clingen-csv\",\"download\":{\"files\":"
                 "[\"https://x.org/a.csv\"],\"max_bytes\":1},\"fields\":{\"symbol\":{\"from\":\"S\"},\"classification\":{\"from\":\"C\"}}}",
                 "download.files: a gene-keyed source is one file");

    TEST_CASE("syntax error names the line");
    write_desc("{\n\"name\": \"x\",\n\"role\": oops\n}\n");
    rv_err_clear(&err);
    CHECK(rv_descriptor_load(path, &d, &err) == RV_EINPUT);
    char want[600];
    snprintf(want, sizeof want, "%s:3: not valid JSON", path);
    CHECK_STR(err.msg, want);

    TEST_CASE("load_dir sorts and refuses duplicate names");
    unlink(path);
    char p2[600];
    const char *tmpl = "{\"name\":\"%s\",\"role\":\"gene-validity\",\"format\":\"clingen-csv\","
                       "\"fields\":{\"symbol\":{\"from\":\"GENE SYMBOL\"},\"classification\":{\"from\":\"CLASSIFICATION\"}}}";
    const char *names[] = { "zeta", "alpha", "mid" };
    for (int i = 0; i < 3; i++) {
        snprintf(p2, sizeof p2, "%s/%s.json", dir, names[i]);
        FILE *fp = fopen(p2, "w");
        fprintf(fp, tmpl, names[i]);
        fclose(fp);
    }
    snprintf(p2, sizeof p2, "%s/README.txt", dir);
    FILE *fp = fopen(p2, "w");
    fputs("not a descriptor\n", fp);
    fclose(fp);
    rv_descriptor **ds = NULL;
    int n = 0;
    CHECK_INT(rv_descriptor_load_dir(dir, &ds, &n, &err), RV_OK);
    CHECK_INT(n, 3);
    if (n == 3) {
        CHECK_STR(ds[0]->name, "alpha");
        CHECK_STR(ds[2]->name, "zeta");
        CHECK(rv_descriptor_find(ds, n, "mid") == ds[1]);
        CHECK(rv_descriptor_find(ds, n, "nope") == NULL);
        CHECK_INT(ds[0]->delimiter, ',');
    }
    rv_descriptor_free_all(ds, n);
    snprintf(p2, sizeof p2, "%s/copy.json", dir);
    fp = fopen(p2, "w");
    fprintf(fp, tmpl, "mid");
    fclose(fp);
    CHECK_INT(rv_descriptor_load_dir(dir, &ds, &n, &err), RV_EINPUT);
    CHECK(strstr(err.msg, "name: 'mid' is also the name of") != NULL);

    /* clean up */
    const char *files[] = { "zeta.json", "alpha.json", "mid.json", "copy.json", "README.txt" };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        snprintf(p2, sizeof p2, "%s/%s", dir, files[i]);
        unlink(p2);
    }
    rmdir(dir);
    return TEST_REPORT();
}
