/* Unit tests: compiled index round trip, lookups, gene and interval tables, refusal of
 * damaged files, and release diff. Fixtures are written by the test itself. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "variant/contig.h"
#include "sources/descriptor.h"
#include "sources/index.h"
#include "testhelp.h"

static char dir[] = "/tmp/revus-test-index.XXXXXX";
static char pathbuf[8][512];

static const char *tmpfile_with(int slot, const char *name, const char *text)
{
    snprintf(pathbuf[slot], sizeof pathbuf[slot], "%s/%s", dir, name);
    FILE *f = fopen(pathbuf[slot], "w");
    if (!f) return NULL;
    fputs(text, f);
    fclose(f);
    return pathbuf[slot];
}

static rv_field_map fm(const char *name, const char *from, rv_ftype t, const char *op)
{
    rv_field_map m = { (char *)name, (char *)from, t, (char *)op };
    return m;
}

static rv_varkey key(int contig, long long pos, const char *ref, const char *alt)
{
    rv_varkey k = { contig, pos, ref, alt, (uint32_t)strlen(ref), (uint32_t)strlen(alt) };
    return k;
}

static const char *lab_v1 =
    "#chrom\tpos\tref\talt\tclass\tscore\tcount\n"
    "2\t500\tG\tA\tVUS\t0.5\t3\n"
    "chr1\t100\tA\tG\tLP\t.\t1\n"
    "1\t100\tA\tC\tB\t0.25\t.\n"
    "1\t249250000\tC\tT\tP\t1e-5\t7\n"
    "1\t100\tA\tG\tVUS\t0.9\t2\n"          /* duplicate key: the first one wins */
    "1\t200\tCAGT\tCT\tLB\t0.1\t4\n"         /* trimmed to 1:200 CAG>C */
    "X\t1000\tT\tTA\tP\t0.3\t5\n"
    "MT\t73\tA\tG\tB\t.\t6\n"
    "GL000192.1\t5\tA\tG\tP\t1\t1\n"          /* non-primary: skipped */
    "1\t300\tA\tG\t.\t0.2\t1\n";              /* required class missing: skipped */

static const char *lab_v2 =
    "#chrom\tpos\tref\talt\tclass\tscore\tcount\n"
    "1\t100\tA\tG\tP\t.\t1\n"                 /* class changed */
    "1\t200\tCAG\tC\tLB\t0.1\t4\n"           /* same as v1 after trimming */
    "2\t500\tG\tA\tVUS\t0.5\t3\n"
    "X\t1000\tT\tTA\tP\t0.35\t5\n"           /* score changed */
    "3\t10\tC\tG\tVUS\t.\t.\n";               /* added */

static void lab_descriptor(rv_descriptor *d, rv_field_map *f)
{
    memset(d, 0, sizeof *d);
    d->name = "lab"; d->role = rv_role_find("lab-classification"); d->format = "tsv";
    d->build = RV_BUILD_GRCH37;
    d->col_chrom = "chrom"; d->col_pos = "pos"; d->col_ref = "ref"; d->col_alt = "alt";
    f[0] = fm("class", "class", RV_T_STR, NULL);
    f[1] = fm("score", "score", RV_T_FLOAT, NULL);
    f[2] = fm("count", "count", RV_T_INT, NULL);
    d->fields = f; d->n_fields = 3;
}

static void test_variant_round_trip(void)
{
    rv_descriptor d; rv_field_map f[3];
    lab_descriptor(&d, f);
    rv_err err; rv_err_clear(&err);
    rv_compile_stats st;
    const char *raw = tmpfile_with(0, "lab1.tsv", lab_v1);
    char out[600]; snprintf(out, sizeof out, "%s/lab1.rvi", dir);
    TEST_CASE("compile variant-keyed tsv");
    CHECK_INT(rv_index_compile(&d, raw, "v1", out, &st, &err), 0);
    CHECK_INT(st.records_in, 10);
    CHECK_INT(st.records_out, 7);
    CHECK_INT(st.duplicates, 1);
    CHECK_INT(st.skipped_other, 2);

    rv_index *idx = NULL;
    CHECK_INT(rv_index_open(&idx, out, &err), 0);
    if (!idx) { fprintf(stderr, "%s\n", err.msg); return; }
    CHECK_INT(rv_index_verify(out, &err), 0);
    CHECK_INT(rv_index_kind(idx), RV_KEY_VARIANT);
    CHECK_INT(rv_index_n_records(idx), 7);
    CHECK_STR(rv_index_meta(idx, "source"), "lab");
    CHECK_STR(rv_index_meta(idx, "version"), "v1");
    CHECK_STR(rv_index_meta(idx, "role"), "lab-classification");
    CHECK_STR(rv_index_meta(idx, "build"), "GRCh37");
    CHECK(rv_index_meta(idx, "nope") == NULL);
    CHECK_INT(rv_index_n_fields(idx), 3);
    CHECK_STR(rv_index_field_name(idx, 1), "score");
    CHECK_INT(rv_index_field_type(idx, 2), RV_T_INT);
    CHECK_INT(rv_index_field_id(idx, "count"), 2);
    CHECK_INT(rv_index_field_id(idx, "af"), -1);

    TEST_CASE("sorted order and keys");
    rv_varkey k;
    rv_index_key(idx, 0, &k);
    CHECK(k.contig == 0 && k.pos == 100 && k.alt[0] == 'C');
    rv_index_key(idx, 1, &k);
    CHECK(k.contig == 0 && k.pos == 100 && k.alt[0] == 'G');
    rv_index_key(idx, 2, &k);
    CHECK(k.contig == 0 && k.pos == 200 && k.ref_len == 3 && memcmp(k.ref, "CAG", 3) == 0 && k.alt_len == 1);
    rv_index_key(idx, 6, &k);
    CHECK_INT(k.contig, RV_CONTIG_MT);

    TEST_CASE("sweep with a cursor, contig boundaries");
    rv_index_cursor cur = { 0, 0 };
    const char *s; size_t n; double v; int64_t iv;
    rv_varkey q = key(0, 100, "A", "G");
    int64_t r = rv_index_find(idx, &cur, &q);
    CHECK_INT(r, 1);
    CHECK_INT(rv_index_get_str(idx, r, 0, &s, &n), 0);
    CHECK(n == 2 && memcmp(s, "LP", 2) == 0);            /* first of the duplicates */
    CHECK_INT(rv_index_get_float(idx, r, 1, &v), -1);    /* '.' is missing, not 0 */
    CHECK_INT(rv_index_get_int(idx, r, 2, &iv), 0);
    CHECK_INT(iv, 1);
    q = key(0, 150, "A", "G");
    CHECK_INT(rv_index_find(idx, &cur, &q), -1);
    q = key(0, 200, "CAG", "C");
    CHECK_INT(rv_index_find(idx, &cur, &q), 2);
    q = key(0, 200, "CAG", "CA");
    CHECK_INT(rv_index_find(idx, &cur, &q), -1);
    q = key(0, 249250000, "C", "T");                     /* last record of contig 1 */
    r = rv_index_find(idx, &cur, &q);
    CHECK_INT(r, 3);
    CHECK_INT(rv_index_get_float(idx, r, 1, &v), 0);
    CHECK_DBL(v, 1e-5, 1e-12);
    q = key(0, 249250001, "C", "T");
    CHECK_INT(rv_index_find(idx, &cur, &q), -1);
    q = key(1, 500, "G", "A");                           /* first record of contig 2 */
    CHECK_INT(rv_index_find(idx, &cur, &q), 4);
    q = key(2, 10, "C", "G");                            /* empty contig */
    CHECK_INT(rv_index_find(idx, &cur, &q), -1);
    q = key(RV_CONTIG_X, 1000, "T", "TA");
    r = rv_index_find(idx, &cur, &q);
    CHECK_INT(r, 5);
    CHECK_INT(rv_index_get_int(idx, r, 2, &iv), 0);
    CHECK_INT(iv, 5);
    q = key(RV_CONTIG_MT, 73, "A", "G");
    CHECK_INT(rv_index_find(idx, &cur, &q), 6);
    TEST_CASE("out-of-order queries are still answered");
    q = key(0, 100, "A", "C");
    CHECK_INT(rv_index_find(idx, &cur, &q), 0);
    q = key(RV_CONTIG_X, 1000, "T", "TA");
    CHECK_INT(rv_index_find(idx, &cur, &q), 5);
    q = key(0, 200, "CAG", "C");
    CHECK_INT(rv_index_find(idx, &cur, &q), 2);
    q = key(RV_CONTIG_OTHER, 100, "A", "G");
    CHECK_INT(rv_index_find(idx, &cur, &q), -1);
    CHECK_INT(rv_index_get_int(idx, 99, 2, &iv), -1);    /* out of range */
    rv_index_release_before(idx, 5);                     /* pages come back on demand */
    CHECK_INT(rv_index_get_str(idx, 1, 0, &s, &n), 0);
    CHECK(n == 2 && memcmp(s, "LP", 2) == 0);
    rv_index_close(idx);
}

/* Many records: the sweep and random lookups agree with the compiled keys. */
static void test_many(void)
{
    TEST_CASE("large unsorted input: radix sort and galloping");
    const char *p = tmpfile_with(1, "many.tsv", "");
    FILE *f = fopen(p, "w");
    fprintf(f, "chrom\tpos\tref\talt\tclass\tscore\tcount\n");
    const char *bases = "ACGT";
    for (int i = 0; i < 20000; i++) {
        int c = (i * 7919) % 3, pos = 1 + (int)(((unsigned)i * 2654435761u) % 100000u);
        fprintf(f, "%d\t%d\t%c\t%c\tVUS\t%d\t%d\n", c + 1, pos, bases[i % 4], bases[(i + 1) % 4], i, i);
    }
    fclose(f);
    rv_descriptor d; rv_field_map fmap[3];
    lab_descriptor(&d, fmap);
    char out[600]; snprintf(out, sizeof out, "%s/many.rvi", dir);
    rv_err err; rv_compile_stats st;
    CHECK_INT(rv_index_compile(&d, p, "m", out, &st, &err), 0);
    rv_index *idx = NULL;
    CHECK_INT(rv_index_open(&idx, out, &err), 0);
    if (!idx) return;
    int64_t n = rv_index_n_records(idx);
    CHECK_INT(n + st.duplicates, 20000);
    rv_index_cursor cur = { 0, 0 };
    int bad_sorted = 0, bad_find = 0;
    rv_varkey prev = { 0 };
    for (int64_t i = 0; i < n; i++) {
        rv_varkey k;
        rv_index_key(idx, i, &k);
        if (i && rv_varkey_cmp(&prev, &k) >= 0) bad_sorted++;
        if (rv_index_find(idx, &cur, &k) != i) bad_find++;
        prev = k;
    }
    CHECK_INT(bad_sorted, 0);
    CHECK_INT(bad_find, 0);
    rv_index_cursor c2 = { 0, 0 };
    for (int64_t i = n - 1; i >= 0; i -= 97) {   /* backwards: binary search path */
        rv_varkey k;
        rv_index_key(idx, i, &k);
        if (rv_index_find(idx, &c2, &k) != i) bad_find++;
    }
    CHECK_INT(bad_find, 0);
    rv_index_close(idx);
}

static void test_refusals(void)
{
    char out[600]; snprintf(out, sizeof out, "%s/lab1.rvi", dir);
    FILE *f = fopen(out, "rb");
    if (!f) { CHECK(0); return; }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)size);
    CHECK_INT(fread(buf, 1, (size_t)size, f), size);
    fclose(f);
    rv_err err; rv_index *idx = NULL;
    char bad[600];

    TEST_CASE("truncated index refused");
    snprintf(bad, sizeof bad, "%s/trunc.rvi", dir);
    f = fopen(bad, "wb"); fwrite(buf, 1, (size_t)size - 9, f); fclose(f);
    CHECK_INT(rv_index_open(&idx, bad, &err), RV_ESOURCE);
    CHECK(idx == NULL);
    CHECK(strstr(err.msg, "truncated") != NULL);
    CHECK(strstr(err.msg, "trunc.rvi") != NULL);

    TEST_CASE("foreign file refused");
    const char *foreign = tmpfile_with(2, "foreign.rvi", "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n1\t1\t.\tA\tG\t.\t.\t.\n");
    CHECK_INT(rv_index_open(&idx, foreign, &err), RV_ESOURCE);
    CHECK(strstr(err.msg, "not a revus index") != NULL);
    const char *tiny = tmpfile_with(3, "tiny.rvi", "REV");
    CHECK_INT(rv_index_open(&idx, tiny, &err), RV_ESOURCE);

    TEST_CASE("newer format version refused");
    snprintf(bad, sizeof bad, "%s/newer.rvi", dir);
    char version_byte = buf[8];
    buf[8] = 99;                                   /* the version field */
    f = fopen(bad, "wb"); fwrite(buf, 1, (size_t)size, f); fclose(f);
    CHECK_INT(rv_index_open(&idx, bad, &err), RV_ESOURCE);
    CHECK(strstr(err.msg, "newer") != NULL);
    buf[8] = version_byte;

    TEST_CASE("damaged header refused on open, damaged body by verify");
    snprintf(bad, sizeof bad, "%s/hdr.rvi", dir);
    buf[100] ^= 0x55;
    f = fopen(bad, "wb"); fwrite(buf, 1, (size_t)size, f); fclose(f);
    CHECK_INT(rv_index_open(&idx, bad, &err), RV_ESOURCE);
    CHECK(strstr(err.msg, "checksum") != NULL);
    buf[100] ^= 0x55;
    snprintf(bad, sizeof bad, "%s/body.rvi", dir);
    buf[size - 40] ^= 0x55;
    f = fopen(bad, "wb"); fwrite(buf, 1, (size_t)size, f); fclose(f);
    CHECK_INT(rv_index_open(&idx, bad, &err), 0);
    rv_index_close(idx);
    CHECK_INT(rv_index_verify(bad, &err), RV_ESOURCE);
    CHECK(strstr(err.msg, "body checksum") != NULL);
    CHECK_INT(rv_index_open(&idx, "/nonexistent/x.rvi", &err), RV_ENOTFOUND);
    free(buf);
}

static void test_diff(void)
{
    TEST_CASE("diff of two releases");
    rv_descriptor d; rv_field_map f[3];
    lab_descriptor(&d, f);
    rv_err err;
    char o2[600]; snprintf(o2, sizeof o2, "%s/lab2.rvi", dir);
    char o1[600]; snprintf(o1, sizeof o1, "%s/lab1.rvi", dir);
    const char *raw = tmpfile_with(4, "lab2.tsv", lab_v2);
    CHECK_INT(rv_index_compile(&d, raw, "v2", o2, NULL, &err), 0);
    rv_index *a = NULL, *b = NULL;
    CHECK_INT(rv_index_open(&a, o1, &err), 0);
    CHECK_INT(rv_index_open(&b, o2, &err), 0);
    if (!a || !b) { rv_index_close(a); rv_index_close(b); return; }
    char *text = NULL; size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    rv_diff_stats ds;
    CHECK_INT(rv_index_diff(a, b, mem, &ds, &err), 0);
    fclose(mem);
    CHECK_INT(ds.added, 1);
    CHECK_INT(ds.removed, 3);      /* 1:100 A>C, 1:249250000, MT:73 */
    CHECK_INT(ds.changed, 2);
    CHECK_INT(ds.unchanged, 2);
    CHECK(strstr(text, "changed\t1-100-A-G\tclass\tLP\tP\n") != NULL);
    CHECK(strstr(text, "changed\t1-100-A-G\tscore\t.\t.\n") == NULL);
    CHECK(strstr(text, "changed\tX-1000-T-TA\tscore\t0.3\t0.35\n") != NULL);
    CHECK(strstr(text, "added\t3-10-C-G\t.\t.\t.\n") != NULL);
    CHECK(strstr(text, "removed\tMT-73-A-G\t.\t.\t.\n") != NULL);
    free(text);
    rv_index_close(a); rv_index_close(b);
}

typedef struct gene_seen { int n; char last[128]; } gene_seen;

static int on_gene_seen(void *ctx, const rv_diff_gene *g)
{
    gene_seen *s = ctx;
    s->n++;
    snprintf(s->last, sizeof s->last, "%.*s|%.*s|%d", (int)g->symbol_len, g->symbol, (int)g->hgnc_len, g->hgnc_id,
             g->contig);
    return 0;
}

static void test_gene_tables(void)
{
    TEST_CASE("clingen-csv gene-keyed table");
    const char *csv =
        "\"CLINGEN GENE DISEASE VALIDITY CURATIONS\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\"\n"
        "\"FILE CREATED: 2025-01-09\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\"\n"
        "\"WEBPAGE: https://search.clinicalgenome.org/kb/gene-validity\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\"\n"
        "\"+++++\",\"+++\",\"+++\",\"+++\",\"+++\",\"+++\",\"+++\",\"+++\",\"+++\",\"+++\"\n"
        "\"GENE SYMBOL\",\"GENE ID (HGNC)\",\"DISEASE LABEL\",\"DISEASE ID (MONDO)\",\"MOI\",\"SOP\",\"CLASSIFICATION\",\"ONLINE REPORT\",\"CLASSIFICATION DATE\",\"GCEP\"\n"
        "\"+++++\",\"+++\",\"+++\",\"+++\",\"+++\",\"+++\",\"+++\",\"+++\",\"+++\",\"+++\"\n"
        "\"SCN1A\",\"HGNC:10585\",\"Dravet syndrome, severe\",\"MONDO:0100135\",\"AD\",\"SOP8\",\"Definitive\",\"x\",\"2020-01-01T00:00:00.000Z\",\"Epilepsy\"\n"
        "\"A2ML1\",\"HGNC:23336\",\"Noonan syndrome\",\"MONDO:0018997\",\"AD\",\"SOP5\",\"Disputed\",\"x\",\"2018-06-07T16:00:00.000Z\",\"RASopathy\"\n"
        "\"SCN1A\",\"HGNC:10585\",\"familial febrile seizures\",\"MONDO:0000001\",\"AD\",\"SOP8\",\"Limited\",\"x\",\"2021-01-01T00:00:00.000Z\",\"Epilepsy\"\n";
    const char *raw = tmpfile_with(5, "clingen.csv", csv);
    rv_descriptor d; memset(&d, 0, sizeof d);
    rv_field_map f[5] = {
        fm("symbol", "GENE SYMBOL", RV_T_STR, NULL), fm("hgnc_id", "GENE ID (HGNC)", RV_T_STR, NULL),
        fm("disease", "DISEASE LABEL", RV_T_STR, NULL), fm("moi", "MOI", RV_T_STR, NULL),
        fm("classification", "CLASSIFICATION", RV_T_STR, NULL),
    };
    d.name = "clingen"; d.role = rv_role_find("gene-validity"); d.format = "clingen-csv";
    d.fields = f; d.n_fields = 5;
    char out[600]; snprintf(out, sizeof out, "%s/clingen.rvi", dir);
    rv_err err; rv_compile_stats st;
    CHECK_INT(rv_index_compile(&d, raw, "2025-01-09", out, &st, &err), 0);
    CHECK_INT(st.records_in, 3);
    rv_index *idx = NULL;
    CHECK_INT(rv_index_open(&idx, out, &err), 0);
    if (!idx) { fprintf(stderr, "%s\n", err.msg); return; }
    CHECK_INT(rv_index_kind(idx), RV_KEY_GENE);
    int64_t nr;
    int64_t r = rv_index_find_gene(idx, "scn1a", &nr);
    CHECK(r >= 0);
    CHECK_INT(nr, 2);
    const char *s; size_t n;
    CHECK_INT(rv_index_get_str(idx, r, 2, &s, &n), 0);
    CHECK(n == 23 && memcmp(s, "Dravet syndrome, severe", 23) == 0);   /* quoted comma kept */
    CHECK_INT(rv_index_find_gene(idx, "HGNC:10585", &nr), r);
    CHECK_INT(nr, 2);
    r = rv_index_find_gene(idx, "HGNC:23336", &nr);
    CHECK(r >= 0 && nr == 1);
    CHECK_INT(rv_index_get_str(idx, r, 4, &s, &n), 0);
    CHECK(n == 8 && memcmp(s, "Disputed", 8) == 0);
    CHECK_INT(rv_index_find_gene(idx, "BRCA1", &nr), -1);
    CHECK_INT(nr, 0);
    CHECK_INT(rv_index_find_gene(idx, "HGNC:1", &nr), -1);
    CHECK_INT(rv_index_find_gene_n(idx, "A2ML1xyz", 5, &nr), r);

    TEST_CASE("gene-keyed diff: the genes of changed rows");
    char csv2[4096];
    snprintf(csv2, sizeof csv2, "%s", csv);
    char *at = strstr(csv2, "\"Disputed\"");
    if (at) memcpy(at, "\"Moderate\"", 10);           /* A2ML1's classification moves */
    const char *raw3 = tmpfile_with(6, "clingen2.csv", csv2);
    char out2[600]; snprintf(out2, sizeof out2, "%s/clingen2.rvi", dir);
    rv_index *idx2 = NULL;
    CHECK_INT(rv_index_compile(&d, raw3, "2025-02-01", out2, &st, &err), 0);
    CHECK_INT(rv_index_open(&idx2, out2, &err), 0);
    if (idx2) {
        gene_seen seen = { 0 };
        rv_diff_stats ds;
        CHECK_INT(rv_index_diff_genes(idx, idx2, on_gene_seen, &seen, &ds, &err), 0);
        CHECK_INT(ds.changed, 1);
        CHECK_INT(ds.unchanged, 2);
        CHECK_INT(seen.n, 2);                               /* a changed row: both sides */
        CHECK_STR(seen.last, "A2ML1|HGNC:23336|-1");
        CHECK_INT(rv_index_diff_genes(idx, idx, on_gene_seen, &seen, &ds, &err), 0);
        CHECK_INT(ds.changed + ds.added + ds.removed, 0);
        rv_index_close(idx2);
    }
    rv_index_close(idx);

    TEST_CASE("drift: a required column disappears");
    const char *raw2 = tmpfile_with(6, "clingen_drift.csv",
        "a\nb\nc\nd\n\"GENE SYMBOL\",\"GENE ID (HGNC)\",\"DISEASE LABEL\",\"MOI\",\"CLASS\"\n\"SCN1A\",\"HGNC:10585\",\"x\",\"AD\",\"Definitive\"\n");
    snprintf(out, sizeof out, "%s/drift.rvi", dir);
    CHECK_INT(rv_index_compile(&d, raw2, "x", out, &st, &err), RV_ESOURCE);
    CHECK(strstr(err.msg, "clingen_drift.csv:5:") != NULL);
    CHECK(strstr(err.msg, "CLASSIFICATION") != NULL);
    CHECK(access(out, F_OK) != 0);                 /* nothing half-written */
}

static void test_panelapp(void)
{
    TEST_CASE("panelapp-json panel (synthetic)");
    const char *json =
        "{\"id\": 9001, \"name\": \"Synthetic panel\", \"version\": \"1.4\", \"genes\": [\n"
        " {\"gene_data\": {\"hgnc_id\": \"HGNC:1100\", \"gene_symbol\": \"BRCA1\"}, \"entity_type\": \"gene\", \"entity_name\": \"BRCA1\",\n"
        "  \"confidence_level\": \"3\", \"mode_of_inheritance\": \"MONOALLELIC, autosomal or pseudoautosomal, imprinted status unknown\", \"mode_of_pathogenicity\": \"\"},\n"
        " {\"gene_data\": {\"hgnc_id\": \"HGNC:9999\", \"gene_symbol\": \"FAKE1\"}, \"entity_type\": \"gene\", \"entity_name\": \"FAKE1\",\n"
        "  \"confidence_level\": \"1\", \"mode_of_inheritance\": \"Unknown\"},\n"
        " {\"gene_data\": null, \"entity_type\": \"str\", \"entity_name\": \"STR1\", \"confidence_level\": \"3\"}\n"
        "]}\n";
    const char *raw = tmpfile_with(7, "panel.json", json);
    rv_descriptor d; memset(&d, 0, sizeof d);
    rv_field_map f[6] = {
        fm("symbol", NULL, RV_T_STR, NULL), fm("hgnc_id", NULL, RV_T_STR, NULL),
        fm("confidence", NULL, RV_T_INT, NULL), fm("moi", NULL, RV_T_STR, NULL),
        fm("panel_version", NULL, RV_T_STR, NULL), fm("panel_id", NULL, RV_T_STR, NULL),
    };
    d.name = "panel"; d.role = rv_role_find("gene-panel"); d.format = "panelapp-json";
    d.fields = f; d.n_fields = 6;
    char out[600]; snprintf(out, sizeof out, "%s/panel.rvi", dir);
    rv_err err; rv_compile_stats st;
    CHECK_INT(rv_index_compile(&d, raw, "1.4", out, &st, &err), 0);
    CHECK_INT(st.records_out, 2);
    rv_index *idx = NULL;
    CHECK_INT(rv_index_open(&idx, out, &err), 0);
    if (!idx) { fprintf(stderr, "%s\n", err.msg); return; }
    int64_t nr, iv;
    int64_t r = rv_index_find_gene(idx, "HGNC:1100", &nr);
    CHECK(r >= 0);
    CHECK_INT(rv_index_get_int(idx, r, 2, &iv), 0);
    CHECK_INT(iv, 3);
    const char *s; size_t n;
    CHECK_INT(rv_index_get_str(idx, r, 4, &s, &n), 0);
    CHECK(n == 3 && memcmp(s, "1.4", 3) == 0);
    CHECK_INT(rv_index_get_str(idx, r, 5, &s, &n), 0);
    CHECK(n == 4 && memcmp(s, "9001", 4) == 0);
    r = rv_index_find_gene(idx, "fake1", &nr);
    CHECK_INT(rv_index_get_int(idx, r, 2, &iv), 0);
    CHECK_INT(iv, 1);
    rv_index_close(idx);

    TEST_CASE("panelapp: bad confidence level and bad JSON fail loudly");
    raw = tmpfile_with(7, "panel_bad.json", "{\"genes\": [{\"gene_data\": {\"gene_symbol\": \"X1\"}, \"confidence_level\": \"green\"}]}");
    CHECK_INT(rv_index_compile(&d, raw, "1", out, &st, &err), RV_ESOURCE);
    CHECK(strstr(err.msg, "green") != NULL);
    raw = tmpfile_with(7, "panel_bad2.json", "{\"genes\": [\n{\"gene_data\": }\n]}");
    CHECK_INT(rv_index_compile(&d, raw, "1", out, &st, &err), RV_ESOURCE);
    CHECK(strstr(err.msg, "panel_bad2.json:2:") != NULL);
}

static void test_regions(void)
{
    TEST_CASE("bed and gff3 intervals");
    const char *bed = "track name=x\nchr1\t99\t200\tGENEA\n1\t150\t300\tGENEB\nchr2\t0\t10\tGENEC\nchrUn_x\t1\t5\tNOPE\n";
    const char *raw = tmpfile_with(1, "genes.bed", bed);
    rv_descriptor d; memset(&d, 0, sizeof d);
    rv_field_map f[2] = { fm("symbol", NULL, RV_T_STR, NULL), fm("feature", NULL, RV_T_STR, NULL) };
    d.name = "genes"; d.role = rv_role_find("gene-regions"); d.format = "bed"; d.build = RV_BUILD_GRCH38;
    d.fields = f; d.n_fields = 1;
    char out[600]; snprintf(out, sizeof out, "%s/bed.rvi", dir);
    rv_err err; rv_compile_stats st;
    rv_err_clear(&err);
    CHECK_INT(rv_index_compile(&d, raw, "1", out, &st, &err), 0);
    rv_index *idx = NULL;
    CHECK_INT(rv_index_open(&idx, out, &err), 0);
    if (!idx) { fprintf(stderr, "%s\n", err.msg); return; }
    CHECK_INT(rv_index_n_records(idx), 3);
    int64_t recs[4];
    CHECK_INT(rv_index_overlaps(idx, 0, 99, recs, 4), 0);     /* BED start 99 = 1-based 100 */
    CHECK_INT(rv_index_overlaps(idx, 0, 100, recs, 4), 1);
    CHECK_INT(rv_index_overlaps(idx, 0, 160, recs, 4), 2);
    const char *s; size_t n;
    CHECK_INT(rv_index_get_str(idx, recs[0], 0, &s, &n), 0);
    CHECK(n == 5 && memcmp(s, "GENEA", 5) == 0);
    CHECK_INT(rv_index_overlaps(idx, 0, 250, recs, 4), 1);
    CHECK_INT(rv_index_overlaps(idx, 0, 301, recs, 4), 0);
    CHECK_INT(rv_index_overlaps(idx, 1, 1, recs, 4), 1);
    CHECK_INT(rv_index_interval_end(idx, recs[0]), 10);
    rv_index_close(idx);

    const char *gff =
        "##gff-version 3\n"
        "1\tensembl\tgene\t1000\t2000\t.\t+\t.\tID=gene:1;Name=BRCA1;Dbxref=HGNC:HGNC:1100\n"
        "1\tensembl\texon\t1000\t1100\t.\t+\t.\tParent=gene:1\n"
        "1\tensembl\trepeat_region\t1500\t1600\t.\t+\t.\tName=rep1\n";
    raw = tmpfile_with(1, "genes.gff3", gff);
    rv_field_map g[3] = { fm("symbol", NULL, RV_T_STR, NULL), fm("hgnc_id", NULL, RV_T_STR, NULL),
                          fm("feature", NULL, RV_T_STR, "types:gene,repeat_region") };
    d.format = "gff3"; d.fields = g; d.n_fields = 3;
    CHECK_INT(rv_index_compile(&d, raw, "1", out, &st, &err), 0);
    if (err.code) fprintf(stderr, "%s\n", err.msg);
    CHECK_INT(rv_index_open(&idx, out, &err), 0);
    if (!idx) return;
    CHECK_INT(rv_index_n_records(idx), 2);
    CHECK_INT(rv_index_overlaps(idx, 0, 1550, recs, 4), 2);
    CHECK_INT(rv_index_get_str(idx, recs[0], 1, &s, &n), 0);
    CHECK(n == 9 && memcmp(s, "HGNC:1100", 9) == 0);
    CHECK_INT(rv_index_get_str(idx, recs[1], 2, &s, &n), 0);
    CHECK(n == 13 && memcmp(s, "repeat_region", 13) == 0);
    rv_index_close(idx);
}

static void test_ops(void)
{
    TEST_CASE("field ops: max-pipe by allele, max, first; bad numbers fail");
    const char *tsv =
        "chrom\tpos\tref\talt\tsai\tvals\tnames\n"
        "1\t10\tA\tG\tG|TTN|0.24|0.00|0.64|0.55|1|2|3|4,T|TTN|0.99|0|0|0|1|2|3|4\t0.1,0.7,.\tx,y\n";
    const char *raw = tmpfile_with(2, "ops.tsv", tsv);
    rv_descriptor d; memset(&d, 0, sizeof d);
    rv_field_map f[3] = { fm("score", "sai", RV_T_FLOAT, "max-pipe:2-5"), fm("max", "vals", RV_T_FLOAT, "max"),
                          fm("first", "names", RV_T_STR, "first") };
    d.name = "ops"; d.role = rv_role_find("in-silico-score"); d.format = "tsv"; d.build = RV_BUILD_GRCH37;
    d.col_chrom = "chrom"; d.col_pos = "pos"; d.col_ref = "ref"; d.col_alt = "alt";
    d.fields = f; d.n_fields = 3;
    char out[600]; snprintf(out, sizeof out, "%s/ops.rvi", dir);
    rv_err err; rv_compile_stats st;
    CHECK_INT(rv_index_compile(&d, raw, "1", out, &st, &err), 0);
    rv_index *idx = NULL;
    CHECK_INT(rv_index_open(&idx, out, &err), 0);
    if (!idx) return;
    double v; const char *s; size_t n;
    CHECK_INT(rv_index_get_float(idx, 0, 0, &v), 0);
    CHECK_DBL(v, 0.99, 1e-9);      /* TSV has no ALT to select by: all entries */
    CHECK_INT(rv_index_get_float(idx, 0, 1, &v), 0);
    CHECK_DBL(v, 0.7, 1e-9);
    CHECK_INT(rv_index_get_str(idx, 0, 2, &s, &n), 0);
    CHECK(n == 1 && s[0] == 'x');
    rv_index_close(idx);
    raw = tmpfile_with(2, "ops_bad.tsv", "chrom\tpos\tref\talt\tsai\tvals\tnames\n1\t10\tA\tG\t0.1\tabc\tx\n");
    CHECK_INT(rv_index_compile(&d, raw, "1", out, &st, &err), RV_ESOURCE);
    CHECK(strstr(err.msg, "ops_bad.tsv:2:") != NULL && strstr(err.msg, "abc") != NULL);
}

/* A byte changed in the body after compilation: rv_index_open (header only) cannot see it,
 * rv_index_open_trusted (what runs and annotate use) must (issue 11). */
static void test_trusted(void)
{
    rv_descriptor d; rv_field_map f[3];
    lab_descriptor(&d, f);
    rv_err err; rv_err_clear(&err);
    rv_compile_stats st;
    const char *raw = tmpfile_with(0, "lab_trust.tsv", lab_v1);
    char out[600]; snprintf(out, sizeof out, "%s/trust.rvi", dir);
    TEST_CASE("trusted open: a verified index costs a stat, a changed one is refused");
    CHECK_INT(rv_index_compile(&d, raw, "v1", out, &st, &err), 0);
    rv_index *idx = NULL;
    CHECK_INT(rv_index_verify_stamp(out, &err), 0);           /* as compiling does */
    CHECK_INT(rv_index_open_trusted(&idx, out, &err), 0);
    rv_index_close(idx); idx = NULL;
    CHECK_INT(rv_index_open_trusted(&idx, out, &err), 0);    /* stamp matches */
    rv_index_close(idx); idx = NULL;
    FILE *fp = fopen(out, "r+b");
    CHECK(fp != NULL);
    if (!fp) return;
    fseek(fp, -9, SEEK_END);
    int c = fgetc(fp);
    fseek(fp, -9, SEEK_END);
    fputc(c ^ 1, fp);
    fclose(fp);
    CHECK_INT(rv_index_open(&idx, out, &err), 0);             /* the cheap check cannot see it */
    rv_index_close(idx); idx = NULL;
    CHECK_INT(rv_index_open_trusted(&idx, out, &err), RV_ESOURCE);
    CHECK(idx == NULL);
    CHECK(strstr(err.msg, "body checksum mismatch") != NULL);
}

int main(void)
{
    if (!mkdtemp(dir)) { perror("mkdtemp"); return 1; }
    test_variant_round_trip();
    test_many();
    test_refusals();
    test_diff();
    test_gene_tables();
    test_panelapp();
    test_regions();
    test_ops();
    test_trusted();
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
    return TEST_REPORT();
}
