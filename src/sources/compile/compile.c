/* sources/compile/compile.c: rv_index_compile() — pick the format's compiler, set up the index
 * fields from the descriptor, apply field ops and vocabulary checks, write the file. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "sources/compile/compile_internal.h"
#include "sources/format_internal.h"
#include "base/numtext.h"
#include "base/progress.h"
#include "sources/coverage.h"
#include "sources/compile/clinvar_merge.h"
#include "base/version.h"

/* The compiler of each format (sources/format.c says what each format can carry). */
static const rv_compile_fn compilers[RV_FMT_N] = {
    [RV_FMT_VCF]           = rv_compile_vcf,
    [RV_FMT_TSV]           = rv_compile_table,
    [RV_FMT_CSV]           = rv_compile_table,
    [RV_FMT_CLINGEN_CSV]   = rv_compile_table,
    [RV_FMT_PANELAPP_JSON] = rv_compile_panelapp,
    [RV_FMT_BED]           = rv_compile_regions,
    [RV_FMT_GFF3]          = rv_compile_regions,
};


static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The descriptor's coverage regions into the index (sources/coverage.h). */
static int declared_coverage(const rv_descriptor *d, rv_ibuild *b, uint32_t missing, rv_err *err)
{
    if (!d->coverage_bed && !d->n_coverage) {
        rv_ibuild_meta(b, "coverage", "contigs with records");
        return 0;
    }
    rv_regions r = { 0 };
    int rc = 0;
    if (d->coverage_bed) rc = rv_regions_add_bed(&r, d->coverage_bed, err);
    for (int i = 0; rc == 0 && i < d->n_coverage; i++) rc = rv_regions_add_text(&r, d->coverage[i], d->build, err);
    if (rc < 0) {
        rv_regions_free(&r);
        return rc;
    }
    rv_regions_normalise(&r);
    int64_t k = 0;                 /* a chromosome whose file is missing is not covered */
    for (int64_t i = 0; i < r.n; i++)
        if (!(missing >> r.v[3 * i] & 1u)) memmove(r.v + 3 * k++, r.v + 3 * i, 3 * sizeof *r.v);
    r.n = k;
    if (r.n == 0) {
        rv_regions_free(&r);
        return rv_err_set(err, RV_ESOURCE, "%s: coverage %s declares no region on a primary contig",
                          d->path ? d->path : d->name, d->coverage_bed ? d->coverage_bed : "");
    }
    rc = rv_ibuild_coverage(b, r.v, r.n);
    char buf[64];
    snprintf(buf, sizeof buf, "%lld declared regions", (long long)r.n);
    rv_regions_free(&r);
    if (rc == 0) rc = rv_ibuild_meta(b, "coverage", buf);
    return rc < 0 ? rv_err_set(err, RV_ENOMEM, "index: out of memory") : 0;
}

int rv_index_compile(const rv_descriptor *d, const char *raw_path, const char *meta_version,
                     const char *out_path, rv_compile_stats *st, rv_err *err)
{
    return rv_index_compile_opts(d, raw_path, meta_version, out_path, st, NULL, err);
}

int rv_index_compile_opts(const rv_descriptor *d, const char *raw_path, const char *meta_version,
                          const char *out_path, rv_compile_stats *st, const rv_compile_opts *opts,
                          rv_err *err)
{
    rv_compile_file one = { raw_path, -1, opts ? opts->name : NULL };
    return rv_index_compile_set(d, &one, 1, 0, NULL, meta_version, out_path, st, opts, err);
}

/* Each file's records into c->b; a chromosome's file may hold that chromosome only. */
static int compile_files(rv_compile_ctx *c, rv_compile_fn fn, const rv_compile_file *files, int n)
{
    int rc = 0;
    for (int i = 0; rc == 0 && i < n; i++) {
        int64_t before = rv_ibuild_count(c->b);
        c->raw_path = files[i].path;
        c->name = files[i].shown ? files[i].shown : files[i].path;
        rc = fn(c);
        uint32_t other = files[i].contig < 0 ? 0 : rv_ibuild_contigs_since(c->b, before) & ~(1u << files[i].contig);
        if (rc == 0 && other) {
            int k = 0;
            while (!(other >> k & 1u)) k++;
            rc = rv_err_set(c->err, RV_ESOURCE, "%s: holds records on chr%s, but it is the file of chr%s",
                            c->name, rv_contig_name(k), rv_contig_name(files[i].contig));
        }
    }
    return rc;
}

int rv_index_compile_set(const rv_descriptor *d, const rv_compile_file *files, int n_files, uint32_t missing,
                         const char *missing_text, const char *meta_version, const char *out_path,
                         rv_compile_stats *st, const rv_compile_opts *opts, rv_err *err)
{
    rv_compile_opts none = { 0 };
    if (!opts) opts = &none;
    rv_compile_stats local;
    if (!st) st = &local;
    memset(st, 0, sizeof *st);
    rv_err_clear(err);
    if (n_files < 1) return rv_err_set(err, RV_EUSAGE, "%s: no file to compile", d->name);
    double t0 = now_seconds();
    const rv_format *f = rv_format_find(d->format);
    rv_compile_fn fn = f ? compilers[f->id] : NULL;
    if (f && !rv_format_serves(f, d->role->key))
        return rv_err_set(err, RV_EUSAGE, "%s: format '%s' cannot hold role '%s'",
                          d->path ? d->path : d->name, d->format, d->role->name);
    if (f && f->id == RV_FMT_GFF3 && d->role->id == RV_ROLE_GENE_MODEL)
        fn = rv_compile_gene_model;            /* a whole gene model, not intervals */
    if (!fn) return rv_err_set(err, RV_EUSAGE, "%s: unknown source format '%s'", d->path ? d->path : d->name,
                               d->format ? d->format : "(none)");
    if (d->n_fields <= 0 || d->n_fields > 256)
        return rv_err_set(err, RV_EUSAGE, "%s: a descriptor maps 1 to 256 fields", d->path ? d->path : d->name);

    /* index fields: the descriptor's mappings, then the fields the role's compiler computes */
    int n_idx = d->n_fields;
    for (int i = 0; i < d->role->n_fields; i++) n_idx += d->role->fields[i].required == RV_FIELD_COMPUTED;
    const char **names = malloc((size_t)n_idx * sizeof *names);
    rv_ftype *types = malloc((size_t)n_idx * sizeof *types);
    if (!names || !types) { free(names); free(types); return rv_err_set(err, RV_ENOMEM, "index: out of memory"); }
    for (int i = 0; i < d->n_fields; i++) { names[i] = d->fields[i].name; types[i] = d->fields[i].type; }
    for (int i = 0, k = d->n_fields; i < d->role->n_fields; i++)
        if (d->role->fields[i].required == RV_FIELD_COMPUTED) {
            names[k] = d->role->fields[i].name;
            types[k++] = d->role->fields[i].type;
        }
    rv_compile_ctx c = { d, files[0].path, files[0].shown ? files[0].shown : files[0].path, NULL, st, err,
                         d->role->id == RV_ROLE_CLINICAL_ASSERTION, NULL, opts->progress, NULL };
    c.digits = calloc((size_t)d->n_fields, sizeof *c.digits);
    int rc = c.digits ? rv_compile_ref_open(&c, opts->ref) : rv_err_set(err, RV_ENOMEM, "index: out of memory");
    if (rc == 0) rc = rv_ibuild_new(&c.b, d->role->key, n_idx, names, types, err);
    free(names); free(types);
    if (rc < 0) { rv_compile_ref_close(&c); free(c.digits); return rc; }

    char buf[64];
    int bad = 0;
    bad |= rv_ibuild_meta(c.b, "source", d->name);
    bad |= rv_ibuild_meta(c.b, "version", meta_version ? meta_version : "");
    bad |= rv_ibuild_meta(c.b, "role", d->role->name);
    bad |= rv_ibuild_meta(c.b, "build", d->build ? rv_build_name(d->build) : "");
    bad |= rv_ibuild_meta(c.b, "format", d->format);
    bad |= rv_ibuild_meta(c.b, "title", d->title ? d->title : "");
    bad |= rv_ibuild_meta(c.b, "revus", rv_version());
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    bad |= rv_ibuild_meta(c.b, "compiled_at", buf);
    if (n_files > 1 || missing_text) {
        snprintf(buf, sizeof buf, "%d", n_files);
        bad |= rv_ibuild_meta(c.b, "files", buf);
    }
    if (missing_text && *missing_text) bad |= rv_ibuild_meta(c.b, "missing", missing_text);
    if (bad) { rv_ibuild_free(c.b); rv_compile_ref_close(&c); free(c.digits); return rv_err_set(err, RV_ENOMEM, "index: out of memory"); }

    rv_clinvar_merge merge;       /* several ClinVar records of one allele become one */
    if (c.check_clinvar && d->role->key == RV_KEY_VARIANT) {
        rv_clinvar_merge_init(&merge, d);
        rv_ibuild_on_duplicate(c.b, rv_clinvar_merge_dup, &merge);
    }
    rc = compile_files(&c, fn, files, n_files);
    if (rc == 0) rc = rv_compile_ref_finish(&c);
    if (rc == 0) rc = declared_coverage(d, c.b, missing, err);
    if (rc == 0) {
        snprintf(buf, sizeof buf, "%lld", (long long)st->records_in);
        rv_ibuild_meta(c.b, "records_in", buf);
        /* significant digits the source wrote per float field: printed back exactly */
        for (int i = 0; i < d->n_fields; i++) {
            if (d->fields[i].type != RV_T_FLOAT || !c.digits[i]) continue;
            char key[300];
            snprintf(key, sizeof key, "digits.%s", d->fields[i].name);
            snprintf(buf, sizeof buf, "%d", c.digits[i]);
            rv_ibuild_meta(c.b, key, buf);
        }
        rc = rv_ibuild_write(c.b, out_path, &st->records_out, &st->duplicates, err);
    }
    rv_ibuild_free(c.b);
    rv_compile_ref_close(&c);
    free(c.digits);
    st->seconds = now_seconds() - t0;
    return rc;
}
