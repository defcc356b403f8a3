/* Unit tests: the library from several threads at once.
 *
 * Imports running at the same time (sources/release.c), of raw files on another file system
 * than the store (so each is copied, not hard-linked): each stored raw file must be the one
 * given, byte for byte; the copy once went through a static buffer shared by all threads.
 * Index builders writing at the same time (sources/index_build.c) must each sort their own
 * records: the builder once kept its sort context in a static. The writers start together
 * (a barrier); the imports overlap by size. A race does not show on every run: with the
 * shared state put back, the import case failed 4 runs in 5 here, the builder case every run. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "sources/release.h"
#include "sources/index.h"
#include "sources/index_build_internal.h"
#include "base/sha256.h"
#include "testhelp.h"

#define N_IMPORTS 4
#define N_LINES   25000          /* of about 500 bytes: 12 MB per raw file, so the copies overlap */

static char home[] = "/tmp/rv-release-XXXXXX";
static char raw_dir[] = "/dev/shm/rv-release-XXXXXX";

#define N_GENES   150000         /* per builder */

typedef struct job {
    const char *name;
    char desc[600], raw[600];
    rv_descriptor *d;
    rv_ibuild *b;
    rv_update u;
    rv_err err;
    int rc;
} job;

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (f) { fputs(text, f); fclose(f); }
}

static pthread_barrier_t start;

static void *build(void *arg)
{
    job *j = arg;
    int64_t n_out, n_dup;
    pthread_barrier_wait(&start);
    j->rc = rv_ibuild_write(j->b, j->desc, &n_out, &n_dup, &j->err);
    return NULL;
}

static void *import(void *arg)
{
    job *j = arg;
    rv_release_opts o = { .home = home, .version = "1.0" };
    j->rc = rv_release_import(j->d, j->raw, &o, &j->u, &j->err);
    return NULL;
}

int main(void)
{
    struct stat a, b;
    if (!mkdtemp(home) || !mkdtemp(raw_dir)) { perror("mkdtemp"); return 1; }
    TEST_CASE("the raw files are on another file system than the store (they are copied)");
    CHECK(stat(home, &a) == 0 && stat(raw_dir, &b) == 0 && a.st_dev != b.st_dev);

    job jobs[N_IMPORTS];
    memset(jobs, 0, sizeof jobs);
    for (int k = 0; k < N_IMPORTS; k++) {
        job *j = &jobs[k];
        static const char *const source_names[N_IMPORTS] = { "genesa", "genesb", "genesc", "genesd" };
        j->name = source_names[k];
        snprintf(j->desc, sizeof j->desc, "%s/%s.json", home, j->name);
        char text[600];
        snprintf(text, sizeof text,
                 "{\"name\": \"%s\", \"role\": \"gene-validity\", \"format\": \"tsv\",\n"
                 " \"table\": {\"columns\": {\"symbol\": \"symbol\"}},\n"
                 " \"fields\": {\"symbol\": {\"from\": \"symbol\"}, \"classification\": {\"from\": \"class\"}}}\n",
                 j->name);
        write_text(j->desc, text);
        snprintf(j->raw, sizeof j->raw, "%s/%s.tsv", raw_dir, j->name);
        FILE *f = fopen(j->raw, "w");
        if (!f) { perror(j->raw); return 1; }
        char pad[481];                         /* a column no field maps: bulk to copy */
        memset(pad, 'a' + k, sizeof pad - 1);
        pad[sizeof pad - 1] = '\0';
        fputs("symbol\tclass\tnotes\n", f);
        for (int i = 0; i < N_LINES; i++)      /* different bytes in each file and line */
            fprintf(f, "G%c%06d\t%s\t%d%s\n", 'A' + k, i, k ? "Moderate" : "Definitive", i, pad);
        fclose(f);
        rv_err err;
        CHECK_INT(rv_descriptor_load(j->desc, &j->d, &err), RV_OK);
        if (!j->d) { fprintf(stderr, "%s\n", err.msg); return 1; }
    }

    TEST_CASE("two imports at once each store exactly their own file");
    pthread_t t[N_IMPORTS];
    for (int k = 0; k < N_IMPORTS; k++) pthread_create(&t[k], NULL, import, &jobs[k]);
    for (int k = 0; k < N_IMPORTS; k++) pthread_join(t[k], NULL);
    for (int k = 0; k < N_IMPORTS; k++) {
        job *j = &jobs[k];
        if (j->rc < 0) fprintf(stderr, "  %s: %s\n", j->name, j->err.msg);
        CHECK_INT(j->rc, RV_OK);
        char want[65];
        rv_err err;
        CHECK_INT(rv_sha256_file(j->raw, want, NULL, &err), RV_OK);
        CHECK_STR(j->u.rel.sha256, want);
        CHECK_INT(rv_release_verify(&j->u.rel, &err), RV_OK);
        CHECK_INT(j->u.stats.records_out, N_LINES);
    }

    for (int k = 0; k < N_IMPORTS; k++) rv_descriptor_free(jobs[k].d);

    TEST_CASE("index builders writing at once each sort their own records");
    pthread_barrier_init(&start, NULL, N_IMPORTS);
    for (int k = 0; k < N_IMPORTS; k++) {
        job *j = &jobs[k];
        snprintf(j->desc, sizeof j->desc, "%s/%s.rvx", raw_dir, j->name);   /* the index */
        static const char *const names[] = { "classification" };
        static const rv_ftype types[] = { RV_T_STR };
        CHECK_INT(rv_ibuild_new(&j->b, RV_KEY_GENE, 1, names, types, &j->err), RV_OK);
        static const int stride[N_IMPORTS] = { 1, 7, 11, 13 };   /* coprime with N_GENES */
        for (int x = 0; x < N_GENES && j->b; x++) {
            /* each builder adds its genes in another order, so sorting one with another's
             * strings gives a wrong order */
            int i = (int)(((int64_t)x * stride[k] + 4099 * k) % N_GENES);
            char g[16];
            int n = snprintf(g, sizeof g, "%c%06d", 'A' + k, i);
            if (rv_ibuild_add_gene(j->b, g, (size_t)n, "", 0) < 0 ||
                rv_ibuild_set_str(j->b, 0, "Definitive", 10, NULL) < 0) { CHECK(0); break; }
        }
    }
    for (int k = 0; k < N_IMPORTS; k++) pthread_create(&t[k], NULL, build, &jobs[k]);
    for (int k = 0; k < N_IMPORTS; k++) pthread_join(t[k], NULL);
    pthread_barrier_destroy(&start);
    for (int k = 0; k < N_IMPORTS; k++) {
        job *j = &jobs[k];
        if (j->rc < 0) fprintf(stderr, "  %s: %s\n", j->name, j->err.msg);
        CHECK_INT(j->rc, RV_OK);
        rv_ibuild_free(j->b);
        rv_index *idx = NULL;
        rv_err err;
        CHECK_INT(rv_index_open(&idx, j->desc, &err), RV_OK);
        if (!idx) continue;
        CHECK_INT(rv_index_n_records(idx), N_GENES);
        int found = 0;
        for (int i = 0; i < N_GENES; i += 997) {
            char g[16];
            int64_t rows;
            snprintf(g, sizeof g, "%c%06d", 'A' + k, i);
            found += rv_index_find_gene(idx, g, &rows) >= 0 && rows == 1;
        }
        CHECK_INT(found, (N_GENES + 996) / 997);
        rv_index_close(idx);
    }

    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s' '%s'", home, raw_dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", home);
    return TEST_REPORT();
}
