/* Unit tests: report model (order, class groups, criteria diff, pseudonyms) and the four
 * writers against golden files in test-data/reports/ (REDO=1 rewrites them). */
#include <cjson/cJSON.h>
#include <htslib/vcf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "report/columns.h"
#include "report/model.h"
#include "report/write.h"
#include "testhelp.h"

#define S(x) rv_report_str(r, x)

static void side(rv_report *r, rv_report_side *s, int64_t run, const char *date, const char *klass,
                 int points, const char *tier, const char *crit, int stars, const char *cv_class,
                 const char *cv_ver, double af, const char *panel_conf)
{
    s->run_id = run; s->run_date = S(date); s->klass = S(klass); s->effective_class = S(klass);
    s->deciding_rule = S("points"); s->has_points = 1; s->points = points; s->vus_tier = S(tier);
    s->criteria = S(crit); s->clinvar_stars = stars; s->clinvar_class = S(cv_class);
    s->clinvar_version = S(cv_ver); s->has_af = !isnan(af); s->af = af;
    s->af_source = S("gnomad-exomes"); s->af_version = S("4.1");
    s->panel = S(panel_conf ? "Panel 123" : NULL); s->panel_version = S(panel_conf ? "3.1" : NULL);
    s->panel_confidence = S(panel_conf);
}

static rv_report_line *line(rv_report *r, const char *ind, const char *ind_name, const char *sample,
                            int64_t flag, const char *cat, int prio, const char *gene,
                            const char *hgvsc, const char *hgvsp, const char *variant, const char *zyg)
{
    rv_report_line *l = rv_report_add_line(r);
    l->indication = S(ind); l->indication_name = S(ind_name); l->sample = S(sample);
    l->flag_id = flag; l->category = S(cat); l->priority = prio; l->gene = S(gene);
    l->transcript = S(hgvsc ? "NM_000000.1" : NULL); l->hgvsc = S(hgvsc); l->hgvsp = S(hgvsp);
    l->consequence = S("missense_variant"); l->variant = S(variant); l->build = S("GRCh38");
    l->zygosity = S(zyg); l->flag_created = S("2026-11-20T09:00:00Z");
    l->sex = S(strcmp(sample, "S002") ? "F" : "M");
    l->family = S(strcmp(sample, "S002") ? NULL : "FAM1");
    return l;
}

/* A synthetic report: two indications, three patients, every category but one. Lines are
 * added out of order on purpose. */
static rv_report *model(void)
{
    rv_report *r = rv_report_new();
    rv_report_add_run(r, 7); rv_report_add_run(r, 4); rv_report_add_run(r, 7);
    r->run_date = S("2026-11-20"); r->revus_version = S("0.1.0"); r->generator = S("0.1.0");
    r->config_hash = S("3f1c9a7d0e2b4c6a8f1e3d5b7a9c0e2f4d6b8a0c1e3f5a7b9d0c2e4f6a8b0c1d");
    r->generated_at = S("2026-11-27T12:00:00Z"); r->selection = S("runs since 2026-11-01");
    rv_report_source *s = rv_report_add_source(r);
    s->name = S("clinvar"); s->role = S("clinical-assertion"); s->version = S("2026-11-02");
    s->release_date = S("2026-11-02"); s->sha256 = S("9b2c6f0e1a3d5c7b9e1f3a5c7e9b1d3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b");
    s = rv_report_add_source(r);
    s->name = S("gnomad-exomes"); s->role = S("population-frequency"); s->version = S("4.1");
    s->release_date = S("2024-04-19"); s->sha256 = S("0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9");

    rv_report_skipped *k = rv_report_add_skipped(r);
    k->run = 7; k->sample = S("S004"); k->indication = S("R135");
    k->reason = S("/data/S004.vcf.gz: checksum differs from the one registered");

    rv_report_line *l;
    l = line(r, "R208", "Inherited breast cancer and ovarian cancer", "S003", 12, "vus_upgraded", 2,
             "BRCA2", "c.7878G>C", "p.(Trp2626Cys)", "13-32356550-G-C", "het");
    side(r, &l->before, 4, "2026-05-14", "VUS", 4, "hot", "PM2_Supporting,PP3_Moderate,PM1", 1,
         "Uncertain significance", "2026-05-04", NAN, "green");
    side(r, &l->now, 7, "2026-11-20", "LP", 7, NULL, "PM2_Supporting,PP3_Moderate,PM1,PS3_Moderate", 2,
         "Likely pathogenic", "2026-11-02", NAN, "green");
    l->reported_class = S("VUS"); l->reported_date = S("2025-02-11"); l->reported_by = S("Genomics Lab");
    l->trigger_source = S("clinvar"); l->trigger_old_version = S("2026-05-04");
    l->trigger_new_version = S("2026-11-02"); l->trigger_field = S("CLNSIG");

    l = line(r, "R208", "Inherited breast cancer and ovarian cancer", "S001", 15, "evidence_changed", 5,
             "CHEK2", "c.470T>C", "p.(Ile157Thr)", "22-28725099-A-G", "het");
    side(r, &l->before, 4, "2026-05-14", "VUS", 1, "cold", "PS4_Supporting,BS1", 1,
         "Conflicting classifications of pathogenicity", "2026-05-04", 0.0041, "green");
    side(r, &l->now, 7, "2026-11-20", "VUS", 3, "warm", "PS4_Supporting,PP3", 2,
         "Conflicting classifications of pathogenicity", "2026-11-02", 0.0041, "green");
    l->trigger_source = S("clinvar"); l->trigger_old_version = S("2026-05-04");
    l->trigger_new_version = S("2026-11-02"); l->trigger_field = S("CLNREVSTAT");
    l->acked = 1; l->ack_by = S("A. Jones"); l->ack_at = S("2026-11-21T10:15:00Z");
    l->ack_note = S("no action; review at next cycle");

    l = line(r, "R208", "Inherited breast cancer and ovarian cancer", "S001", 14, "plp_downgraded", 1,
             "BRCA1", "c.5123C>A", "p.(Ala1708Glu)", "17-43057078-G-T", "het");
    side(r, &l->before, 4, "2026-05-14", "LP", 7, NULL, "PM1,PM2_Supporting,PP3_Strong", 2,
         "Likely pathogenic", "2026-05-04", NAN, "green");
    side(r, &l->now, 7, "2026-11-20", "VUS", 3, "warm", "PM1,PM2_Supporting,BS3_Supporting,PP3_Strong", 2,
         "Conflicting classifications of pathogenicity", "2026-11-02", 0.000012, "green");
    l->reported_class = S("LP"); l->reported_date = S("2024-03-08"); l->reported_by = S("Dr A. O'Neil");
    l->trigger_source = S("clinvar"); l->trigger_old_version = S("2026-05-04");
    l->trigger_new_version = S("2026-11-02"); l->trigger_field = S("CLNSIG");

    l = line(r, "R135", "Paediatric or syndromic cardiomyopathy", "S002", 13, "vus_downgraded", 4,
             "MYH7", "c.2221G>T", "p.(Gly741Trp)", "14-23426833-C-A", "het");
    side(r, &l->before, 4, "2026-05-14", "VUS", 0, "cold", "PM2_Supporting", 1,
         "Uncertain significance", "2026-05-04", 0.00002, "green");
    side(r, &l->now, 7, "2026-11-20", "LB", -2, NULL, "BS1_Supporting,BP4", 1,
         "Likely benign", "2026-11-02", 0.00031, "green");
    l->reported_class = S("VUS"); l->reported_date = S("2025-07-30"); l->reported_by = S("Genomics Lab");
    l->trigger_source = S("gnomad-exomes"); l->trigger_old_version = S("4.0");
    l->trigger_new_version = S("4.1"); l->trigger_field = S("BS1");

    l = line(r, "R135", "Paediatric or syndromic cardiomyopathy", "S002", 11, "new_candidate", 3,
             "MYBPC3", "c.1504C>T", "p.(Arg502Trp)", "11-47343158-G-A", "het");
    side(r, &l->now, 7, "2026-11-20", "P", 12, NULL, "PS4,PM2_Supporting,PP3_Moderate,PS3_Supporting", 3,
         "Pathogenic", "2026-11-02", 0.0000066, "green");
    l->trigger_source = S("panelapp"); l->trigger_old_version = S("2.9");
    l->trigger_new_version = S("3.1"); l->trigger_field = S("panel_confidence");
    l->condition = S("Hypertrophic cardiomyopathy (MONDO:0005045)"); l->moi = S("AD");
    l->fit = S("does_not_fit");
    l->inheritance = S("{\"genotype\":{\"gt\":\"0/1\",\"zygosity\":\"het\",\"dp\":41,\"gq\":99},\"moi\":\"AD\","
                       "\"moi_source\":\"panelapp@3.1\",\"fit\":\"does_not_fit\",\"reason\":\"heterozygous; "
                       "dominant; but the unaffected mother is a carrier (reduced penetrance?)\",\"family\":"
                       "[{\"sample\":\"S002M\",\"relation\":\"mother\",\"phenotype\":\"unaffected\",\"gt\":\"0/1\"}],"
                       "\"segregation\":{\"affected_carriers\":1,\"affected_non_carriers\":0,\"unaffected_carriers\":1,"
                       "\"unaffected_non_carriers\":0,\"untyped\":0}}");
    l->trigger_old_value = S("amber"); l->trigger_new_value = S("green");
    l->detail = S("MYBPC3 rated green on the panel: the variant is now a candidate");
    for (size_t i = 0; i < r->n_lines; i++) {
        r->lines[i].basis = S("previous");
        r->lines[i].old_class = r->lines[i].before.klass;
        r->lines[i].new_class = r->lines[i].now.klass;
    }
    return r;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    if (s && fread(s, 1, (size_t)n, f) != (size_t)n) { free(s); s = NULL; }
    if (s) s[n] = '\0';
    fclose(f);
    return s;
}

typedef int (*writer_fn)(const rv_report *, FILE *, rv_err *);

/* Write r with fn into memory and return the text (caller frees). */
static char *render(writer_fn fn, const rv_report *r)
{
    char *buf = NULL; size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    rv_err err;
    int rc = fn(r, f, &err);
    fclose(f);
    CHECK_INT(rc, 0);
    return buf;
}

static void golden(const char *text, const char *path)
{
    const char *redo = getenv("REDO");
    if (redo && strcmp(redo, "1") == 0) {
        FILE *f = fopen(path, "w");
        if (f) { fputs(text, f); fclose(f); }
    }
    char *want = slurp(path);
    CHECK(want != NULL);
    if (want && strcmp(want, text) != 0) {
        fprintf(stderr, "FAIL [%s]: output differs from %s (REDO=1 to rewrite)\n", test_case, path);
        test_failed++;
    } else test_passed++;
    free(want);
}

static int vcf_one_sample(const rv_report *r, FILE *f, rv_err *err) { return rv_report_write_vcf(r, "S001", f, err); }

int main(void)
{
    rv_err err;

    TEST_CASE("class groups");
    CHECK_INT(rv_class_group("P"), 2); CHECK_INT(rv_class_group("LP"), 2);
    CHECK_INT(rv_class_group("VUS"), 1); CHECK_INT(rv_class_group("LB"), 0);
    CHECK_INT(rv_class_group("B"), 0); CHECK_INT(rv_class_group("Pathogenic"), -1);
    CHECK_INT(rv_class_group(NULL), -1);
    CHECK_INT(rv_class_scale("LP"), 3);
    rv_report_line t = { 0 };
    t.now.klass = "LP"; t.before.klass = "P";
    CHECK_INT(rv_report_line_significant(&t), 0);            /* P -> LP: same management */
    t.reported_class = "VUS";
    CHECK_INT(rv_report_line_significant(&t), 1);            /* against the reported class */

    TEST_CASE("categories ordered by urgency");
    size_t nc;
    const rv_report_category *cats = rv_report_category_list(&nc);
    CHECK_STR(cats[0].code, "plp_downgraded");
    CHECK_STR(cats[1].code, "vus_upgraded");
    for (size_t i = 1; i < nc; i++) CHECK(cats[i].rank > cats[i - 1].rank);
    CHECK(rv_report_category_find("nonsense") == NULL);

    TEST_CASE("sort: indication, most urgent patient, most urgent line");
    rv_report *r = model();
    CHECK_INT(r->n_runs, 2);
    CHECK_INT(r->run_ids[0], 4);
    rv_report_sort(r);
    static const int64_t want_order[] = { 11, 13, 14, 15, 12 };
    CHECK_INT(r->n_lines, 5);
    for (size_t i = 0; i < 5 && i < r->n_lines; i++) CHECK_INT(r->lines[i].flag_id, want_order[i]);

    TEST_CASE("columns: derived values");
    size_t ncol;
    const rv_report_column *cols = rv_report_columns(&ncol);
    char buf[512]; double num;
    for (size_t i = 0; i < ncol; i++) {
        CHECK(cols[i].doc && strlen(cols[i].doc) > 3);
        if (!strcmp(cols[i].name, "criteria_added")) {
            CHECK_INT(rv_report_column_value(&r->lines[2], &cols[i], 0, buf, sizeof buf, &num), 1);
            CHECK_STR(buf, "BS3_Supporting");
        }
        if (!strcmp(cols[i].name, "criteria_removed"))
            CHECK_INT(rv_report_column_value(&r->lines[2], &cols[i], 0, buf, sizeof buf, &num), 0);
        if (!strcmp(cols[i].name, "clinically_significant")) {
            rv_report_column_value(&r->lines[2], &cols[i], 0, buf, sizeof buf, &num);
            CHECK_STR(buf, "1");                                /* LP reported -> VUS */
            rv_report_column_value(&r->lines[3], &cols[i], 0, buf, sizeof buf, &num);
            CHECK_STR(buf, "0");                                /* VUS -> VUS */
        }
        if (!strcmp(cols[i].name, "class"))                     /* a new candidate has no before */
            CHECK_INT(rv_report_column_value(&r->lines[0], &cols[i], RV_SIDE_BEFORE, buf, sizeof buf, &num), 0);
    }

    TEST_CASE("golden html/tsv/json/vcf");
    char *html = render(rv_report_write_html, r);
    char *tsv = render(rv_report_write_tsv, r);
    char *json = render(rv_report_write_json, r);
    char *vcf = render(vcf_one_sample, r);
    golden(html, "test-data/reports/model.html");
    golden(tsv, "test-data/reports/model.tsv");
    golden(json, "test-data/reports/model.json");
    golden(vcf, "test-data/reports/model.vcf");

    TEST_CASE("html: self-contained, notice, order");
    CHECK(strstr(html, "requires review by a clinical scientist") != NULL);
    CHECK(strstr(html, "<script") == NULL);
    CHECK(strstr(html, "http://") == NULL || strstr(html, "xmlns=\"http://www.w3.org/2000/svg\"") != NULL);
    CHECK(strstr(html, "src=") == NULL && strstr(html, "<link") == NULL && strstr(html, "url(") == NULL);
    CHECK(strstr(html, "@media print") != NULL);
    CHECK(strstr(html, "Dr A. O&#39;Neil") != NULL);
    const char *p14 = strstr(html, "id=\"flag-14\""), *p15 = strstr(html, "id=\"flag-15\""),
               *p12 = strstr(html, "id=\"flag-12\""), *p11 = strstr(html, "id=\"flag-11\"");
    CHECK(p11 && p14 && p15 && p12 && p11 < p14 && p14 < p15 && p15 < p12);
    CHECK(strstr(html, r->sources[0].sha256) != NULL);
    CHECK(strstr(html, "Patients not reanalysed") != NULL && strstr(html, "checksum differs") != NULL);
    CHECK(strstr(html, "<a href=\"#p-R208-S001\">S001</a>") != NULL);
    CHECK(strstr(html, "id=\"p-R208-S001\"") != NULL);
    CHECK(strstr(tsv, "##skipped=7\tS004\tR135\t") != NULL);

    TEST_CASE("tsv: same cell count on every row");
    {
        int rows = 0, expect = -1, bad = 0;
        for (char *s = tsv; *s; ) {
            char *e = strchr(s, '\n');
            if (!e) break;
            if (s[0] != '#') {
                int cells = 1;
                for (char *q = s; q < e; q++) cells += *q == '\t';
                if (expect < 0) expect = cells; else bad += cells != expect;
                rows++;
            }
            s = e + 1;
        }
        CHECK_INT(rows, 6);
        CHECK_INT(bad, 0);
        CHECK(strstr(tsv, "indication\tindication_name\tsample\t") != NULL);
        CHECK(strstr(tsv, "\tbefore_class\tnow_class\t") != NULL);
    }

    TEST_CASE("json: schema fields");
    {
        cJSON *j = cJSON_Parse(json);
        CHECK(j != NULL);
        CHECK_INT(cJSON_GetObjectItem(j, "schema_version")->valueint, RV_REPORT_JSON_SCHEMA);
        cJSON *inds = cJSON_GetObjectItem(j, "indications");
        CHECK_INT(cJSON_GetArraySize(inds), 2);
        cJSON *i0 = cJSON_GetArrayItem(inds, 0);
        CHECK_STR(cJSON_GetObjectItem(i0, "code")->valuestring, "R135");
        cJSON *l0 = cJSON_GetArrayItem(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(i0, "patients"), 0), "lines"), 0);
        CHECK_STR(cJSON_GetObjectItem(l0, "category")->valuestring, "new_candidate");
        CHECK(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetObjectItem(l0, "before"), "class")));
        CHECK_INT(cJSON_GetObjectItem(cJSON_GetObjectItem(l0, "now"), "points")->valueint, 12);
        CHECK(cJSON_IsFalse(cJSON_GetObjectItem(l0, "acknowledged")));
        /* every documented column is a field (line or side) */
        for (size_t i = 0; i < ncol; i++)
            CHECK(cJSON_GetObjectItem(cols[i].side ? cJSON_GetObjectItem(l0, "now") : l0, cols[i].name) != NULL);
        cJSON_Delete(j);
    }

    TEST_CASE("vcf: parses with htslib, sorted, one sample");
    {
        char path[] = "/tmp/revus-report-test-XXXXXX";
        int fd = mkstemp(path);
        CHECK(fd >= 0);
        if (fd >= 0) {
            CHECK(write(fd, vcf, strlen(vcf)) == (ssize_t)strlen(vcf));
            close(fd);
            htsFile *hf = hts_open(path, "r");
            bcf_hdr_t *h = hf ? bcf_hdr_read(hf) : NULL;
            CHECK(h != NULL);
            if (h) {
                CHECK_INT(bcf_hdr_nsamples(h), 1);
                bcf1_t *rec = bcf_init();
                int n = 0; int64_t last = -1; int lastrid = -1;
                while (bcf_read(hf, h, rec) == 0) {
                    bcf_unpack(rec, BCF_UN_ALL);
                    CHECK(rec->rid > lastrid || (rec->rid == lastrid && rec->pos >= last));
                    lastrid = rec->rid; last = rec->pos;
                    char *cls = NULL; int ncls = 0;
                    CHECK(bcf_get_info_string(h, rec, "RVS_CLASS", &cls, &ncls) > 0);
                    free(cls);
                    n++;
                }
                CHECK_INT(n, 2);
                bcf_destroy(rec);
                bcf_hdr_destroy(h);
            }
            if (hf) hts_close(hf);
            unlink(path);
        }
        FILE *f = fopen("/dev/null", "w");
        CHECK(rv_report_write_vcf(r, NULL, f, &err) == RV_EUSAGE);  /* several samples */
        fclose(f);
    }

    TEST_CASE("html escaping of hostile strings");
    {
        rv_report *x = rv_report_new();
        rv_report_line *l = rv_report_add_line(x);
        l->sample = rv_report_str(x, "<script>alert(1)</script>");
        l->gene = rv_report_str(x, "A&B\"'");
        l->category = rv_report_str(x, "unknown<cat>");
        l->now.klass = rv_report_str(x, "VUS");
        l->now.run_id = 1;
        l->now.criteria = rv_report_str(x, "PM2<b>,x&y");
        x->selection = rv_report_str(x, "</title><img src=x>");
        char *h = render(rv_report_write_html, x);
        CHECK(strstr(h, "<script>") == NULL);
        CHECK(strstr(h, "&lt;script&gt;alert(1)&lt;/script&gt;") != NULL);
        CHECK(strstr(h, "A&amp;B&quot;&#39;") != NULL);
        CHECK(strstr(h, "unknown&lt;cat&gt;") != NULL);
        CHECK(strstr(h, "PM2&lt;b&gt;") != NULL && strstr(h, "x&amp;y") != NULL);
        CHECK(strstr(h, "<img") == NULL);
        free(h);
        l->gene = rv_report_str(x, "TAB\there\nNL");
        char *t2 = render(rv_report_write_tsv, x);
        CHECK(strstr(t2, "TAB here NL") != NULL);
        free(t2);
        rv_report_free(x);
    }

    TEST_CASE("pseudonyms: HMAC-SHA256 vector, stability, salt file");
    {
        char p[15], q[15];
        /* RFC 4231 test case 2: HMAC-SHA256("Jefe", "what do ya want for nothing?") = 5bdcc146bf60... */
        rv_pseudonym((const unsigned char *)"Jefe", 4, "what do ya want for nothing?", p);
        CHECK_STR(p, "P-5bdcc146bf60");
        rv_pseudonym((const unsigned char *)"salt-one-16bytes", 16, "S001", p);
        rv_pseudonym((const unsigned char *)"salt-one-16bytes", 16, "S001", q);
        CHECK_STR(p, q);
        rv_pseudonym((const unsigned char *)"salt-two-16bytes", 16, "S001", q);
        CHECK(strcmp(p, q) != 0);

        char home[] = "/tmp/revus-report-home-XXXXXX";
        CHECK(mkdtemp(home) != NULL);
        unsigned char s1[64], s2[64]; size_t n1 = 0, n2 = 0;
        CHECK_INT(rv_pseudonym_salt(home, s1, &n1, &err), 0);
        CHECK_INT(rv_pseudonym_salt(home, s2, &n2, &err), 0);
        CHECK_INT(n1, 32);
        CHECK(n1 == n2 && memcmp(s1, s2, n1) == 0);             /* created once, then reused */
        char sp[4200]; struct stat st;
        snprintf(sp, sizeof sp, "%s/pseudonym.salt", home);
        CHECK(stat(sp, &st) == 0 && (st.st_mode & 0777) == 0600);
        unlink(sp); rmdir(home);

        rv_report *a = model();
        CHECK_INT(rv_report_pseudonymise(a, s1, n1, &err), 0);
        rv_report_sort(a);
        rv_report *b = model();
        rv_report_pseudonymise(b, s1, n1, &err);
        rv_report_sort(b);
        for (size_t i = 0; i < a->n_lines; i++) {
            CHECK_STR(a->lines[i].sample, b->lines[i].sample);
            CHECK(strncmp(a->lines[i].sample, "P-", 2) == 0 && strlen(a->lines[i].sample) == 14);
            CHECK(a->lines[i].ack_note == NULL);
            CHECK(!a->lines[i].family || (a->lines[i].family[0] == 'F' && strcmp(a->lines[i].family, "FAM1")));
        }
        char *ph = render(rv_report_write_html, a);
        CHECK(strstr(ph, "S001") == NULL && strstr(ph, "S002") == NULL && strstr(ph, "S003") == NULL);
        CHECK(strstr(ph, "S004") == NULL);                      /* skipped patients too */
        CHECK(strstr(ph, "FAM1") == NULL);                      /* and family ids */
        CHECK(strstr(ph, "Genotype fit") != NULL);              /* relatives in the inheritance evidence too */
        char *pj = render(rv_report_write_json, a);
        CHECK(strstr(pj, "S002M") == NULL && strstr(pj, "affected_carriers") != NULL);
        free(pj);
        CHECK(strstr(ph, "pseudonymised") != NULL);
        free(ph);
        rv_report_free(a); rv_report_free(b);
    }

    TEST_CASE("empty report");
    {
        rv_report *e = rv_report_new();
        char *h = render(rv_report_write_html, e);
        CHECK(strstr(h, "No flags match this selection") != NULL);
        free(h);
        char *j = render(rv_report_write_json, e);
        CHECK(strstr(j, "\"indications\":\t[]") != NULL);
        free(j);
        rv_report_free(e);
    }

    free(html); free(tsv); free(json); free(vcf);
    rv_report_free(r);
    return TEST_REPORT();
}
