/* Unit tests: the versioned store (manifests, natural version order, atomic activation,
 * removal rules, locks, conditional-GET memo) and the release text parsers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sources/prune.h"
#include "sources/release.h"
#include "sources/store.h"
#include "testhelp.h"

static char home[] = "/tmp/rv-store-XXXXXX";

/* Put a complete version folder in place the way release intake does. */
static int add_version(const char *source, const char *version, const char *sha)
{
    rv_err err;
    char stage[2048], p[4400];
    if (rv_store_stage(home, source, stage, sizeof stage, &err) < 0) return -1;
    rv_release r;
    memset(&r, 0, sizeof r);
    snprintf(r.source, sizeof r.source, "%s", source);
    snprintf(r.version, sizeof r.version, "%s", version);
    snprintf(r.raw_path, sizeof r.raw_path, "%s/raw.tsv", stage);
    snprintf(r.sha256, sizeof r.sha256, "%s", sha);
    snprintf(r.url, sizeof r.url, "https://example.org/%s", version);
    snprintf(r.fetched_at, sizeof r.fetched_at, "2026-01-01T00:00:00Z");
    r.size = 12;
    r.records = 3;
    r.records_in = 4;
    snprintf(p, sizeof p, "%s/raw.tsv", stage);
    FILE *fp = fopen(p, "w");
    fputs("a\tb\n", fp);
    fclose(fp);
    snprintf(p, sizeof p, "%s/%s", stage, RV_STORE_INDEX_NAME);
    fp = fopen(p, "w");
    fputs("index", fp);
    fclose(fp);
    if (rv_store_write_manifest(stage, &r, &err) < 0) return -1;
    return rv_store_commit(home, source, version, stage, &err);
}

/* What rv_store_prune reported, as "removed SOURCE VERSION;" or "failed ...;". */
typedef struct prune_log { char text[512]; int n; } prune_log;

static void on_pruned(void *ud, const char *source, const char *version, const rv_err *failed)
{
    prune_log *l = ud;
    size_t len = strlen(l->text);
    snprintf(l->text + len, sizeof l->text - len, "%s %s %s;", failed ? "failed" : "removed", source, version);
    l->n++;
}

int main(void)
{
    if (!mkdtemp(home)) { perror("mkdtemp"); return 1; }
    rv_err err;
    rv_release r, *vs = NULL;
    int n = 0;

    TEST_CASE("version names and natural order");
    CHECK(rv_store_version_ok("2024-11-11"));
    CHECK(rv_store_version_ok("2.1.1"));
    CHECK(!rv_store_version_ok(".hidden"));
    CHECK(!rv_store_version_ok("a/b"));
    CHECK(!rv_store_version_ok(""));
    CHECK(!rv_store_version_ok("with space"));
    CHECK(rv_store_version_cmp("8.9", "8.136") < 0);
    CHECK(rv_store_version_cmp("2.1.1", "4.1") < 0);
    CHECK(rv_store_version_cmp("2024-01-05", "2024-11-11") < 0);
    CHECK(rv_store_version_cmp("v10", "v9") > 0);
    CHECK(rv_store_version_cmp("1.0", "1.0") == 0);
    CHECK(rv_store_version_cmp("1.0", "1.0.1") < 0);
    CHECK(rv_store_version_cmp("007", "7") == 0);

    TEST_CASE("empty store");
    CHECK_INT(rv_store_active(home, "src", &r, &err), RV_ENOTFOUND);
    CHECK_STR(err.msg, "no release of src is active");
    CHECK_INT(rv_store_list_versions(home, "src", &vs, &n, &err), RV_OK);
    CHECK_INT(n, 0);
    free(vs);

    TEST_CASE("versions, manifests, activation");
    const char *sha_a = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    CHECK_INT(add_version("src", "8.136", sha_a), RV_OK);
    CHECK_INT(add_version("src", "8.9", sha_a), RV_OK);
    CHECK_INT(add_version("src", "8.20", sha_a), RV_OK);
    CHECK_INT(add_version("src", "8.20", sha_a), RV_ESTATE);      /* already stored */
    CHECK_INT(rv_store_list_versions(home, "src", &vs, &n, &err), RV_OK);
    CHECK_INT(n, 3);
    if (n == 3) {
        CHECK_STR(vs[0].version, "8.9");
        CHECK_STR(vs[1].version, "8.20");
        CHECK_STR(vs[2].version, "8.136");
        CHECK_STR(vs[0].sha256, sha_a);
        CHECK_INT(vs[0].records, 3);
        CHECK_INT(vs[0].records_in, 4);
        CHECK_INT(vs[0].size, 12);
        CHECK_STR(vs[0].url, "https://example.org/8.9");
        CHECK(strstr(vs[0].raw_path, "/store/src/8.9/raw.tsv") != NULL);
        CHECK(strstr(vs[0].index_path, "/store/src/8.9/index.rvx") != NULL);
    }
    free(vs);
    CHECK_INT(rv_store_activate(home, "src", "8.20", &err), RV_OK);
    CHECK_INT(rv_store_active(home, "src", &r, &err), RV_OK);
    CHECK_STR(r.version, "8.20");
    CHECK_INT(rv_store_activate(home, "src", "9.0", &err), RV_ENOTFOUND);
    CHECK_INT(rv_store_active(home, "src", &r, &err), RV_OK);
    CHECK_STR(r.version, "8.20");                                    /* unchanged */
    CHECK_INT(rv_store_activate(home, "src", "8.136", &err), RV_OK);
    CHECK_INT(rv_store_active(home, "src", &r, &err), RV_OK);
    CHECK_STR(r.version, "8.136");

    TEST_CASE("active of every source");
    CHECK_INT(add_version("other", "1", sha_a), RV_OK);
    CHECK_INT(rv_store_list_active(home, &vs, &n, &err), RV_OK);
    CHECK_INT(n, 1);                                                 /* "other" has none active */
    free(vs);
    CHECK_INT(rv_store_activate(home, "other", "1", &err), RV_OK);
    CHECK_INT(rv_store_list_active(home, &vs, &n, &err), RV_OK);
    CHECK_INT(n, 2);
    if (n == 2) { CHECK_STR(vs[0].source, "other"); CHECK_STR(vs[1].source, "src"); }
    free(vs);
    char **names = NULL;
    CHECK_INT(rv_store_list_sources(home, &names, &n, &err), RV_OK);
    CHECK_INT(n, 2);
    for (int i = 0; i < n; i++) free(names[i]);
    free(names);

    TEST_CASE("remove: never the active one");
    CHECK_INT(rv_store_remove(home, "src", "8.136", &err), RV_ESTATE);
    CHECK(strstr(err.msg, "is the active release") != NULL);
    CHECK_INT(rv_store_remove(home, "src", "8.9", &err), RV_OK);
    CHECK_INT(rv_store_remove(home, "src", "8.9", &err), RV_ENOTFOUND);
    CHECK_INT(rv_store_list_versions(home, "src", &vs, &n, &err), RV_OK);
    CHECK_INT(n, 2);
    free(vs);

    TEST_CASE("lock is exclusive");
    int fd1, fd2;
    CHECK_INT(rv_store_lock(home, "src", &fd1, &err), RV_OK);
    CHECK_INT(rv_store_lock(home, "src", &fd2, &err), RV_EBUSY);
    rv_store_unlock(fd1);
    CHECK_INT(rv_store_lock(home, "src", &fd2, &err), RV_OK);
    rv_store_unlock(fd2);

    TEST_CASE("stale staging folders are cleaned");
    char stale[2048], probe[2200];
    CHECK_INT(rv_store_stage(home, "src", stale, sizeof stale, &err), RV_OK);
    snprintf(probe, sizeof probe, "%s/part", stale);
    FILE *sf = fopen(probe, "w");
    if (sf) fclose(sf);
    rv_store_clean_stale(home, "src");
    CHECK(access(stale, F_OK) != 0);
    CHECK_INT(rv_store_active(home, "src", &r, &err), RV_OK);   /* versions untouched */
    CHECK_STR(r.version, "8.136");

    TEST_CASE("prune: the newest N and the active one stay");
    {
        CHECK_INT(add_version("pr", "1.0", "a1"), RV_OK);
        CHECK_INT(add_version("pr", "1.2", "a2"), RV_OK);
        CHECK_INT(add_version("pr", "1.10", "a3"), RV_OK);
        CHECK_INT(add_version("pr", "2.0", "a4"), RV_OK);
        CHECK_INT(rv_store_activate(home, "pr", "1.0", &err), RV_OK);      /* rolled back */
        prune_log log = { 0 };
        CHECK_INT(rv_store_prune(home, "pr", 0, on_pruned, &log, &err), RV_EUSAGE);
        CHECK_INT(log.n, 0);
        int fd;
        CHECK_INT(rv_store_lock(home, "pr", &fd, &err), RV_OK);           /* someone else holds it */
        CHECK_INT(rv_store_prune(home, "pr", 1, on_pruned, &log, &err), RV_EBUSY);
        rv_store_unlock(fd);
        CHECK_INT(log.n, 0);
        CHECK_INT(rv_store_prune(home, "pr", 2, on_pruned, &log, &err), 0);
        CHECK_STR(log.text, "removed pr 1.2;");                            /* 1.10 and 2.0 newest, 1.0 active */
        CHECK_INT(rv_store_list_versions(home, "pr", &vs, &n, &err), RV_OK);
        CHECK_INT(n, 3);
        if (n == 3) { CHECK_STR(vs[0].version, "1.0"); CHECK_STR(vs[1].version, "1.10"); CHECK_STR(vs[2].version, "2.0"); }
        free(vs);
        CHECK_INT(rv_store_prune(home, "pr", 5, on_pruned, &log, &err), 0);  /* fewer than N: nothing */
        CHECK_INT(log.n, 1);
        CHECK_INT(rv_store_prune(home, "pr", 1, NULL, NULL, &err), 0);
        CHECK_INT(rv_store_list_versions(home, "pr", &vs, &n, &err), RV_OK);
        CHECK_INT(n, 2);                                                   /* 2.0 newest, 1.0 active */
        free(vs);
        CHECK_INT(rv_store_active(home, "pr", &r, &err), RV_OK);
        CHECK_STR(r.version, "1.0");
    }

    TEST_CASE("conditional-GET memo");
    rv_http_memo m = { .url = "https://x/y" }, back;
    snprintf(m.etag, sizeof m.etag, "\"abc\"");
    snprintf(m.last_modified, sizeof m.last_modified, "Wed, 01 Jan 2025 00:00:00 GMT");
    snprintf(m.version, sizeof m.version, "8.136");
    CHECK_INT(rv_store_get_memo(home, "src", NULL, &back), -1);
    CHECK_INT(rv_store_put_memo(home, "src", NULL, &m, &err), RV_OK);
    CHECK_INT(rv_store_get_memo(home, "src", NULL, &back), 0);
    CHECK_STR(back.etag, "\"abc\"");
    CHECK_STR(back.last_modified, "Wed, 01 Jan 2025 00:00:00 GMT");
    CHECK_STR(back.version, "8.136");

    TEST_CASE("conditional-GET memo per file of a set");
    snprintf(m.etag, sizeof m.etag, "\"chr21\"");
    CHECK_INT(rv_store_get_memo(home, "src", "g.chr21.vcf.bgz", &back), -1);
    CHECK_INT(rv_store_put_memo(home, "src", "g.chr21.vcf.bgz", &m, &err), RV_OK);
    CHECK_INT(rv_store_get_memo(home, "src", "g.chr21.vcf.bgz", &back), 0);
    CHECK_STR(back.etag, "\"chr21\"");
    CHECK_INT(rv_store_get_memo(home, "src", NULL, &back), 0);
    CHECK_STR(back.etag, "\"abc\"");                  /* the one-file memo is apart */

    TEST_CASE("a release of several files: manifest, files, digest of the set");
    {
        char stage[2048], p[4400];
        CHECK_INT(rv_store_stage(home, "set", stage, sizeof stage, &err), RV_OK);
        rv_release_file files[2];
        memset(files, 0, sizeof files);
        const char *names[] = { "g.chr1.vcf", "g.chr2.vcf" };
        for (int i = 0; i < 2; i++) {
            snprintf(files[i].name, sizeof files[i].name, "%s", names[i]);
            snprintf(files[i].label, sizeof files[i].label, "chr%d", i + 1);
            snprintf(files[i].sha256, sizeof files[i].sha256, "%064d", i + 1);
            snprintf(files[i].checksum, sizeof files[i].checksum, "md5 from MD5SUMS");
            files[i].size = 10 + i;
            snprintf(p, sizeof p, "%s/%s", stage, names[i]);
            FILE *fp = fopen(p, "w");
            fputs("x\n", fp);
            fclose(fp);
        }
        rv_release r;
        memset(&r, 0, sizeof r);
        snprintf(r.source, sizeof r.source, "set");
        snprintf(r.version, sizeof r.version, "4.1");
        snprintf(r.raw_path, sizeof r.raw_path, "%s/%s", stage, names[0]);
        rv_store_set_digest(files, 2, r.sha256);
        snprintf(r.missing, sizeof r.missing, "chr3, chrX");
        char other[65];
        rv_store_set_digest(files, 1, other);
        CHECK(strcmp(other, r.sha256) != 0);
        snprintf(p, sizeof p, "%s/%s", stage, RV_STORE_INDEX_NAME);
        FILE *fp = fopen(p, "w");
        fputs("index", fp);
        fclose(fp);
        CHECK_INT(rv_store_write_manifest_set(stage, &r, files, 2, &err), RV_OK);
        CHECK_INT(rv_store_commit(home, "set", "4.1", stage, &err), RV_OK);
        rv_release got;
        CHECK_INT(rv_store_get(home, "set", "4.1", &got, &err), RV_OK);
        CHECK_INT(got.n_files, 2);
        CHECK_STR(got.missing, "chr3, chrX");
        CHECK_STR(got.sha256, r.sha256);
        rv_release_file *back_files = NULL;
        int nf = 0;
        CHECK_INT(rv_store_files(&got, &back_files, &nf, &err), RV_OK);
        CHECK_INT(nf, 2);
        if (nf == 2) {
            CHECK_STR(back_files[1].name, "g.chr2.vcf");
            CHECK_STR(back_files[1].label, "chr2");
            CHECK_STR(back_files[1].sha256, files[1].sha256);
            CHECK_INT(back_files[1].size, 11);
        }
        free(back_files);
        rv_release one;                                  /* a one-file release is a list of one */
        CHECK_INT(rv_store_get(home, "src", "8.136", &one, &err), RV_OK);
        CHECK_INT(one.n_files, 1);
        CHECK_STR(one.missing, "");
        CHECK_INT(rv_store_files(&one, &back_files, &nf, &err), RV_OK);
        CHECK_INT(nf, 1);
        if (nf == 1) {
            CHECK_STR(back_files[0].name, "raw.tsv");
            CHECK_STR(back_files[0].sha256, one.sha256);
        }
        free(back_files);
    }

    TEST_CASE("checksum sidecars");
    char d[65];
    CHECK_INT(rv_sidecar_digest("D41D8CD98F00B204E9800998ECF8427E  clinvar.vcf.gz\n", "md5", "clinvar.vcf.gz", d, sizeof d), 0);
    CHECK_STR(d, "d41d8cd98f00b204e9800998ecf8427e");
    CHECK_INT(rv_sidecar_digest("d41d8cd98f00b204e9800998ecf8427e  clinvar_20241111.vcf.gz\n", "md5", "clinvar.vcf.gz", d, sizeof d), 0);
    CHECK_STR(d, "d41d8cd98f00b204e9800998ecf8427e");   /* no line names it: the first token */
    CHECK_INT(rv_sidecar_digest("MD5 (x.gz) = 0123456789abcdef0123456789abcdef\n", "md5", "x.gz", d, sizeof d), 0);
    CHECK_STR(d, "0123456789abcdef0123456789abcdef");
    CHECK_INT(rv_sidecar_digest("11111111111111111111111111111111  ./a.gff3.gz\n"
                                "22222222222222222222222222222222  ./b.gff3.gz\n", "md5", "b.gff3.gz", d, sizeof d), 0);
    CHECK_STR(d, "22222222222222222222222222222222");
    CHECK_INT(rv_sidecar_digest("33333333333333333333333333333333 *bin.dat\n", "md5", "bin.dat", d, sizeof d), 0);
    CHECK_STR(d, "33333333333333333333333333333333");
    CHECK_INT(rv_sidecar_digest("no digest here\n", "md5", "x", d, sizeof d), -1);
    CHECK_INT(rv_sidecar_digest("d41d8cd98f00b204e9800998ecf8427e  x\n", "sha256", "x", d, sizeof d), -1);
    CHECK_INT(rv_sidecar_digest("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855  f\n", "sha256", "f", d, sizeof d), 0);
    CHECK_STR(d, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    /* one list for the files of a set: only a line naming the file counts */
    CHECK_INT(rv_sidecar_digest_named("11111111111111111111111111111111  g.chr1.vcf\n", "md5", "g.chr2.vcf", d, sizeof d), -1);
    CHECK_INT(rv_sidecar_digest_named("11111111111111111111111111111111  g.chr1.vcf\n"
                                      "22222222222222222222222222222222  g.chr2.vcf\n", "md5", "g.chr2.vcf", d, sizeof d), 0);
    CHECK_STR(d, "22222222222222222222222222222222");

    TEST_CASE("versions from header lines");
    char v[64];
    CHECK_INT(rv_version_from_line("##fileDate=2024-11-11", "##fileDate", v, sizeof v), 0);
    CHECK_STR(v, "2024-11-11");
    CHECK_INT(rv_version_from_line("##fileDate=20170404", "##fileDate", v, sizeof v), 0);
    CHECK_STR(v, "20170404");
    CHECK_INT(rv_version_from_line("\"FILE CREATED: 2025-07-01\",\"\",\"\"", "FILE CREATED:", v, sizeof v), 0);
    CHECK_STR(v, "2025-07-01");
    CHECK_INT(rv_version_from_line("##source=ClinVar", "##fileDate", v, sizeof v), -1);
    CHECK_INT(rv_version_from_line("##fileDate=", "##fileDate", v, sizeof v), -1);

    TEST_CASE("dated header lines (header-date:): ClinGen's dosage list and other spellings");
    CHECK_INT(rv_version_date_from_line("#ClinGen Gene Curation Results", "#", v, sizeof v), -1);   /* the title */
    CHECK_INT(rv_version_date_from_line("#21 Nov,2023", "#", v, sizeof v), 0);
    CHECK_STR(v, "2023-11-21");
    CHECK_INT(rv_version_date_from_line("#5 February 2024", "#", v, sizeof v), 0);
    CHECK_STR(v, "2024-02-05");
    CHECK_INT(rv_version_date_from_line("#Mar 3, 2025", "#", v, sizeof v), 0);
    CHECK_STR(v, "2025-03-03");
    CHECK_INT(rv_version_date_from_line("##fileDate=2024-11-11", "##fileDate", v, sizeof v), 0);
    CHECK_STR(v, "2024-11-11");
    CHECK_INT(rv_version_date_from_line("#Genomic Locations are reported on GRCh38", "#", v, sizeof v), -1);
    CHECK_INT(rv_version_date_from_line("#32 Nov,2023", "#", v, sizeof v), -1);
    CHECK_INT(rv_version_date_from_line("#21 Nov,2023x", "#", v, sizeof v), -1);
    CHECK_INT(rv_version_date_from_line("#21 Nob,2023", "#", v, sizeof v), -1);

    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", home);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", home);
    return TEST_REPORT();
}
