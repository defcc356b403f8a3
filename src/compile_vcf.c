/* compile_vcf.c: compile a VCF source (ClinVar, gnomAD, SpliceAI, ...) through the same
 * normalising reader as patient VCFs, so both sides meet on identical keys. */
#include <stdlib.h>
#include <string.h>
#include "compile.h"
#include "vcf_reader.h"


/* Column `col` (0-based) of a VCF text line. */
static int line_column(const kstring_t *l, int col, const char **s, size_t *n)
{
    const char *p = l->s, *end = l->s + l->l;
    for (int i = 0; i < col; i++) {
        p = memchr(p, '\t', (size_t)(end - p));
        if (!p) return -1;
        p++;
    }
    const char *q = memchr(p, '\t', (size_t)(end - p));
    *s = p;
    *n = (size_t)((q ? q : end) - p);
    return 0;
}

/* Where each mapped field comes from. */
enum { FROM_INFO, FROM_ID, FROM_QUAL, FROM_NONE };

int rv_compile_vcf(rv_compile_ctx *c)
{
    const rv_descriptor *d = c->d;
    rv_reader *r = NULL;
    rv_reader_opts o;
    memset(&o, 0, sizeof o);
    o.build = RV_BUILD_UNKNOWN;
    int rc = rv_reader_open(&r, c->raw_path, &o, c->err);
    if (rc < 0) return rc == RV_EINPUT ? RV_ESOURCE : rc;
    bcf_hdr_t *hdr = rv_reader_header(r);

    rv_build got = rv_reader_build(r);
    if (d->build && got && got != d->build) {
        rc = rv_err_set(c->err, RV_EBUILD, "%s: the ##contig lines are %s but the descriptor %s says %s",
                        c->raw_path, rv_build_name(got), d->name, rv_build_name(d->build));
        goto out;
    }
    /* the pre-2017 ClinVar layout: one record for all alleles, CLNALLE picks them */
    if (c->check_clinvar && bcf_hdr_idinfo_exists(hdr, BCF_HL_INFO, bcf_hdr_id2int(hdr, BCF_DT_ID, "CLNALLE"))) {
        rc = rv_err_set(c->err, RV_ESOURCE, "%s: old ClinVar VCF format (before 2017: CLNALLE, numeric CLNSIG) "
                        "is not supported; use a release from vcf_GRCh3x/ (archive_2.0)", c->raw_path);
        goto out;
    }

    int nf = d->n_fields;
    int *from = calloc((size_t)nf, sizeof *from);
    if (!from) { rc = rv_err_set(c->err, RV_ENOMEM, "index: out of memory"); goto out; }
    for (int i = 0; i < nf; i++) {
        const char *f = d->fields[i].from ? d->fields[i].from : d->fields[i].name;
        if (strcmp(f, "ID") == 0) { from[i] = FROM_ID; continue; }
        if (strcmp(f, "QUAL") == 0) { from[i] = FROM_QUAL; continue; }
        int id = bcf_hdr_id2int(hdr, BCF_DT_ID, f);
        if (bcf_hdr_idinfo_exists(hdr, BCF_HL_INFO, id)) { from[i] = FROM_INFO; continue; }
        if (rv_compile_required(d, i)) {
            rc = rv_err_set(c->err, RV_ESOURCE, "%s: INFO/%s (mapped to required field '%s') is not defined in the header; "
                            "the source's format changed or the descriptor is for another release", c->raw_path, f, d->fields[i].name);
            free(from);
            goto out;
        }
        rv_log_warn("%s: INFO/%s (field '%s') is not in the header; the field stays empty", c->raw_path, f, d->fields[i].name);
        from[i] = FROM_NONE;
    }
    int an_field = d->min_an > 0 ? rv_compile_field(d, "an") : -1;
    if (d->min_an > 0 && an_field < 0) {
        rc = rv_err_set(c->err, RV_EUSAGE, "%s: min_an needs the field 'an' mapped", d->path ? d->path : d->name);
        free(from);
        goto out;
    }

    rv_nrec *nr;
    int64_t last_in = -1;
    while ((rc = rv_reader_next(r, &nr, c->err)) == 1) {
        if (nr->line_no != last_in) { c->st->records_in++; last_in = nr->line_no; }
        if (nr->symbolic || nr->no_alt || nr->key.contig == RV_CONTIG_OTHER) { c->st->skipped_other++; continue; }
        const kstring_t *line = rv_reader_line(r);
        const char *s; size_t n;
        if (d->pass_only) {
            if (line_column(line, 6, &s, &n) == 0 && !(n == 4 && memcmp(s, "PASS", 4) == 0) && !(n == 1 && s[0] == '.')) {
                c->st->skipped_filter++;
                continue;
            }
        }
        /* ALT as written in the source line, for ops that pick values by allele */
        const char *alt = NULL; size_t alt_len = 0;
        if (line_column(line, 4, &s, &n) == 0) {
            const char *p = s, *e = s + n;
            for (int k = 1; k < nr->alt_index && p; k++) { p = memchr(p, ',', (size_t)(e - p)); if (p) p++; }
            if (p) { const char *q = memchr(p, ',', (size_t)(e - p)); alt = p; alt_len = (size_t)((q ? q : e) - p); }
        }
        if ((rc = rv_ibuild_add_variant(c->b, &nr->key)) < 0) {
            if (rc == RV_ENOMEM) { rc = rv_err_set(c->err, RV_ENOMEM, "index: out of memory"); break; }
            c->st->skipped_other++;
            rc = 0;
            continue;
        }
        int skip = 0;
        for (int i = 0; i < nf && !skip; i++) {
            const char *v = NULL; size_t vl = 0;
            int have = 0;
            switch (from[i]) {
            case FROM_INFO:
                have = rv_reader_info(r, d->fields[i].from ? d->fields[i].from : d->fields[i].name, &v, &vl);
                if (have && vl == 0) { v = "1"; vl = 1; }   /* a flag */
                break;
            case FROM_ID: have = line_column(line, 2, &v, &vl) == 0; break;
            case FROM_QUAL: have = line_column(line, 5, &v, &vl) == 0; break;
            default: break;
            }
            if (!have || vl == 0 || (vl == 1 && v[0] == '.')) {
                if (rv_compile_required(d, i)) skip = 1;
                continue;
            }
            if ((rc = rv_compile_value(c, i, v, vl, nr->line_no, alt, alt_len)) < 0) break;
            if (i == an_field) {
                int64_t an;
                char tmp[32];
                size_t k = vl < sizeof tmp - 1 ? vl : sizeof tmp - 1;
                memcpy(tmp, v, k); tmp[k] = 0;
                an = strtoll(tmp, NULL, 10);
                if (an < d->min_an) { skip = 2; }
            }
        }
        if (rc < 0) break;
        if (skip) {
            rv_ibuild_drop_last(c->b);
            if (skip == 2) c->st->skipped_an++; else c->st->skipped_other++;
        }
    }
    free(from);
    if (rc < 0) {
        if (rc == RV_EINPUT) rc = c->err ? (c->err->code = RV_ESOURCE) : RV_ESOURCE;
        goto out;
    }
    rc = 0;
out:
    rv_reader_close(r);
    return rc;
}
