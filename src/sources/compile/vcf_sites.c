/* sources/compile/vcf_sites.c: compile a VCF source (ClinVar, gnomAD, SpliceAI, ...) through the same
 * normalising reader as patient VCFs, so both sides meet on identical keys. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "sources/compile/compile_internal.h"
#include "input/vcf_reader.h"

/* INFO keys are a few bytes: a byte loop beats a memcmp call. */
static inline int same_key(const char *p, const char *k, size_t n)
{
    size_t j = 0;
    while (j < n && p[j] == k[j]) j++;
    return j == n;
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
    o.threads = 1;              /* decompression beside the parse */
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
        rv_log_warn("%s: INFO/%s (field '%s') is not in the header; the field stays empty", c->name, f, d->fields[i].name);
        from[i] = FROM_NONE;
    }
    int an_field = d->min_an > 0 ? rv_compile_field(d, "an") : -1;
    if (d->min_an > 0 && an_field < 0) {
        rc = rv_err_set(c->err, RV_EUSAGE, "%s: min_an needs the field 'an' mapped", d->path ? d->path : d->name);
        free(from);
        goto out;
    }

    /* INFO keys of the mapped fields, to pick all values out of INFO in one pass */
    size_t *klen = calloc((size_t)nf, sizeof *klen);
    const char **val = calloc((size_t)nf, sizeof *val);
    size_t *vlen = calloc((size_t)nf, sizeof *vlen);
    if (!klen || !val || !vlen) { free(klen); free(val); free(vlen); free(from); rc = rv_err_set(c->err, RV_ENOMEM, "out of memory"); goto out; }
    const char **key = calloc((size_t)nf, sizeof *key);
    if (!key) { free(klen); free(val); free(vlen); free(from); rc = rv_err_set(c->err, RV_ENOMEM, "out of memory"); goto out; }
    int n_info = 0;
    for (int i = 0; i < nf; i++) {
        key[i] = d->fields[i].from ? d->fields[i].from : d->fields[i].name;
        klen[i] = from[i] == FROM_INFO ? strlen(key[i]) : SIZE_MAX;
        if (from[i] == FROM_INFO) n_info++;
    }
    /* a tag mapped by more than one field always takes the loop over all fields */
    enum { GUESS_SLOTS = 64 };
    int guess[GUESS_SLOTS];
    for (int k = 0; k < GUESS_SLOTS; k++) guess[k] = -1;
    char *shared = calloc((size_t)nf, 1);
    if (!shared) { free(key); free(klen); free(val); free(vlen); free(from); rc = rv_err_set(c->err, RV_ENOMEM, "out of memory"); goto out; }
    for (int i = 0; i < nf; i++)
        for (int j = 0; j < nf; j++)
            if (i != j && from[i] == FROM_INFO && from[j] == FROM_INFO && strcmp(key[i], key[j]) == 0) shared[i] = 1;
    rv_nrec *nr;
    int64_t last_in = -1;
    while ((rc = rv_reader_next(r, &nr, c->err)) == 1) {
        if (nr->line_no != last_in) {        /* once per input record: counted, REF checked */
            rv_compile_count(c);
            last_in = nr->line_no;
            if (nr->key.contig != RV_CONTIG_OTHER &&
                (rc = rv_compile_ref(c, nr->key.contig, nr->input_pos, nr->input_ref, nr->input_ref_len, nr->line_no)) < 0)
                break;
        }
        if (nr->symbolic || nr->no_alt || nr->key.contig == RV_CONTIG_OTHER) { c->st->skipped_other++; continue; }
        /* the reader's line is this ALT's own record (split, Number=A values subset) */
        const char *col[8]; size_t cl[8];
        if (rv_reader_columns(r, col, cl) < 8) {
            rc = rv_err_set(c->err, RV_ESOURCE, "%s:%lld: fewer than 8 columns", c->raw_path, (long long)nr->line_no);
            break;
        }
        if (d->pass_only && !(cl[6] == 4 && memcmp(col[6], "PASS", 4) == 0) && !(cl[6] == 1 && col[6][0] == '.')) {
            c->st->skipped_filter++;
            continue;
        }
        /* ALT as written, for ops that pick values by allele (one ALT after the split) */
        const char *alt = col[4];
        size_t alt_len = cl[4];
        if (memchr(alt, ',', alt_len)) {
            const char *p = col[4], *e = col[4] + cl[4];
            for (int k = 1; k < nr->alt_index && p; k++) { p = memchr(p, ',', (size_t)(e - p)); if (p) p++; }
            if (p) { const char *q = memchr(p, ',', (size_t)(e - p)); alt = p; alt_len = (size_t)((q ? q : e) - p); }
            else alt = NULL;
        }
        for (int i = 0; i < nf; i++) val[i] = NULL;
        const char *ip = col[7], *ie = col[7] + cl[7];
        int n_found = 0, slot = 0;
        while (ip < ie && n_found < n_info) {    /* stop once every mapped tag is found */
            const char *e = memchr(ip, ';', (size_t)(ie - ip));
            if (!e) e = ie;
            const char *eq = ip;                 /* keys are short: a byte loop, no memchr */
            while (eq < e && *eq != '=') eq++;
            size_t kl = (size_t)(eq - ip);
            /* sources write their tags in the same order on every line: try the field that
             * matched this INFO slot last time before the loop over all fields */
            int g = slot < GUESS_SLOTS ? guess[slot] : -1;
            if (g >= 0 && klen[g] == kl && !val[g] && same_key(ip, key[g], kl)) {
                if (eq < e) { val[g] = eq + 1; vlen[g] = (size_t)(e - eq - 1); }
                else { val[g] = "1"; vlen[g] = 1; }
                n_found++;
                ip = e + 1; slot++;
                continue;
            }
            for (int i = 0; i < nf; i++) {
                if (klen[i] != kl || val[i] || !same_key(ip, key[i], kl)) continue;   /* klen is SIZE_MAX off INFO */
                if (eq < e) { val[i] = eq + 1; vlen[i] = (size_t)(e - eq - 1); }
                else { val[i] = "1"; vlen[i] = 1; }          /* a flag */
                n_found++;                       /* two fields may map one tag: no break */
                if (slot < GUESS_SLOTS && !shared[i]) guess[slot] = i;
            }
            ip = e + 1; slot++;
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
            case FROM_INFO: v = val[i]; vl = vlen[i]; have = v != NULL; break;
            case FROM_ID: v = col[2]; vl = cl[2]; have = 1; break;
            case FROM_QUAL: v = col[5]; vl = cl[5]; have = 1; break;
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
    free(from); free(klen); free(val); free(vlen); free(key); free(shared);
    if (rc < 0) {
        if (rc == RV_EINPUT) rc = c->err ? (c->err->code = RV_ESOURCE) : RV_ESOURCE;
        goto out;
    }
    rc = 0;
out:
    rv_reader_close(r);
    return rc;
}
