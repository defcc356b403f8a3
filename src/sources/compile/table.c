/* sources/compile/table.c: tab- or comma-separated sources, keyed by variant (col_chrom,
 * col_pos, col_ref, col_alt: scores, the lab's classification table) or by gene
 * (col_symbol / col_hgnc: ClinGen gene-disease validity and other gene lists). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "sources/compile/compile_internal.h"
#include "sources/format_internal.h"
#include "variant/contig.h"
#include "base/textfile.h"

#define MAX_COLS 512

static int find_col(char **h, size_t *hl, int nh, const char *name)
{
    if (!name) return -1;
    size_t n = strlen(name);
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < nh; i++)
            if (hl[i] == n && (pass ? strncasecmp(h[i], name, n) : strncmp(h[i], name, n)) == 0) return i;
    return -1;
}

static int valid_allele(const char *s, size_t n)
{
    if (n == 0) return 0;
    for (size_t i = 0; i < n; i++)
        if (!strchr("ACGTNacgtn", s[i])) return 0;
    return 1;
}

int rv_compile_table(rv_compile_ctx *c)
{
    const rv_descriptor *d = c->d;
    const rv_format *fmt = rv_format_find(d->format);
    int clingen = fmt && fmt->id == RV_FMT_CLINGEN_CSV;
    char delim = d->delimiter ? d->delimiter : fmt && fmt->delimiter ? fmt->delimiter : ',';
    int quotes = delim == ',';
    int skip = d->skip_lines > 0 ? d->skip_lines : (clingen ? 4 : 0);
    rv_textfile *t;
    int rc = rv_textfile_open(&t, c->raw_path, c->err);
    if (rc < 0) return rc;
    char **f = malloc(MAX_COLS * sizeof *f), **hdr = malloc(MAX_COLS * sizeof *hdr);
    size_t *fl = malloc(MAX_COLS * sizeof *fl), *hl = malloc(MAX_COLS * sizeof *hl);
    int *col = calloc((size_t)d->n_fields, sizeof *col);
    char *hline = NULL;
    if (!f || !fl || !hdr || !hl || !col) { rc = rv_err_set(c->err, RV_ENOMEM, "out of memory"); goto out; }

    /* the header line: after the preamble, skipping "##" comment lines */
    char *line; size_t len;
    int nh = 0;
    while ((rc = rv_textfile_next(t, &line, &len, c->err)) == 1) {
        if (rv_textfile_line_no(t) <= skip) continue;
        if (len >= 2 && line[0] == '#' && line[1] == '#') continue;
        if (len == 0) continue;
        hline = strdup(line[0] == '#' ? line + 1 : line);
        if (!hline) { rc = rv_err_set(c->err, RV_ENOMEM, "out of memory"); goto out; }
        nh = rv_split_fields(hline, strlen(hline), delim, quotes, hdr, hl, MAX_COLS);
        break;
    }
    if (rc < 0) goto out;
    if (!hline) { rc = rv_err_set(c->err, RV_ESOURCE, "%s: no header line", c->raw_path); goto out; }
    int64_t hdr_line = rv_textfile_line_no(t);

    /* key columns */
    int kc[4] = { -1, -1, -1, -1 };
    int variant = d->role->key == RV_KEY_VARIANT;
    if (d->role->key == RV_KEY_INTERVAL) {
        rc = rv_err_set(c->err, RV_EUSAGE, "%s: role %s needs format bed or gff3", d->path ? d->path : d->name, d->role->name);
        goto out;
    }
    const char *knames[4];
    int nk = 0;
    if (variant) {
        knames[0] = d->col_chrom; knames[1] = d->col_pos; knames[2] = d->col_ref; knames[3] = d->col_alt;
        nk = 4;
    } else {
        int si = rv_compile_field(d, "symbol"), hi = rv_compile_field(d, "hgnc_id");
        knames[0] = d->col_symbol ? d->col_symbol : si >= 0 ? d->fields[si].from : NULL;
        knames[1] = d->col_hgnc ? d->col_hgnc : hi >= 0 ? d->fields[hi].from : NULL;
        nk = 2;
    }
    for (int k = 0; k < nk; k++) {
        if (!knames[k]) {
            if (!variant && k == 1) continue;    /* HGNC id is optional */
            rc = rv_err_set(c->err, RV_EUSAGE, "%s: a %s source in format %s needs the %s column named",
                            d->path ? d->path : d->name, d->role->name, d->format,
                            variant ? (const char *[]){ "col_chrom", "col_pos", "col_ref", "col_alt" }[k] : "col_symbol");
            goto out;
        }
        kc[k] = find_col(hdr, hl, nh, knames[k]);
        if (kc[k] < 0) {
            rc = rv_err_set(c->err, RV_ESOURCE, "%s:%lld: key column '%s' is not in the header", c->raw_path, (long long)hdr_line, knames[k]);
            goto out;
        }
    }
    for (int i = 0; i < d->n_fields; i++) {
        const char *from = d->fields[i].from ? d->fields[i].from : d->fields[i].name;
        col[i] = find_col(hdr, hl, nh, from);
        if (col[i] < 0 && rv_compile_required(d, i)) {
            rc = rv_err_set(c->err, RV_ESOURCE, "%s:%lld: column '%s' (mapped to required field '%s') is not in the header",
                            c->raw_path, (long long)hdr_line, from, d->fields[i].name);
            goto out;
        }
        if (col[i] < 0)     /* a mapped column the file lacks: say so, never silently empty */
            rv_log_warn("%s:%lld: column '%s' (mapped to field '%s') is not in the header; the field stays empty",
                        c->name, (long long)hdr_line, from, d->fields[i].name);
    }

    while ((rc = rv_textfile_next(t, &line, &len, c->err)) == 1) {
        if (len == 0 || line[0] == '#') continue;
        if (clingen && len >= 3 && (memcmp(line, "+++", 3) == 0 || memcmp(line, "\"+++", 4) == 0)) continue;
        int64_t ln = rv_textfile_line_no(t);
        rv_compile_count(c);
        int n = rv_split_fields(line, len, delim, quotes, f, fl, MAX_COLS);
        int need = 0;
        for (int k = 0; k < nk; k++) if (kc[k] + 1 > need) need = kc[k] + 1;
        if (n < need) {
            rc = rv_err_set(c->err, RV_ESOURCE, "%s:%lld: %d columns, the header has %d", c->raw_path, (long long)ln, n, nh);
            break;
        }
        if (variant) {
            rv_varkey k;
            k.contig = rv_contig_id(f[kc[0]], fl[kc[0]]);
            char *e;
            f[kc[1]][fl[kc[1]]] = 0;   /* the separator after it, or the line's end */
            k.pos = strtoll(f[kc[1]], &e, 10);
            if (*e || k.pos < 1) {
                rc = rv_err_set(c->err, RV_ESOURCE, "%s:%lld: position '%s' is not a number", c->raw_path, (long long)ln, f[kc[1]]);
                break;
            }
            k.ref = f[kc[2]]; k.ref_len = (uint32_t)fl[kc[2]];
            k.alt = f[kc[3]]; k.alt_len = (uint32_t)fl[kc[3]];
            if (k.contig == RV_CONTIG_OTHER || !valid_allele(k.ref, k.ref_len) || !valid_allele(k.alt, k.alt_len)) {
                c->st->skipped_other++;
                continue;
            }
            /* genome build: a position beyond the declared build's contig is another build */
            int64_t clen = rv_build_contig_length(d->build, k.contig);
            if (clen > 0 && k.pos + (int64_t)k.ref_len - 1 > clen) {
                rc = rv_err_set(c->err, RV_EBUILD, "%s:%lld: %s:%lld is beyond the end of chr%s in %s (%lld bp): "
                                "the file is not on the descriptor's build", c->raw_path, (long long)ln,
                                rv_contig_name(k.contig), (long long)k.pos, rv_contig_name(k.contig),
                                rv_build_name(d->build), (long long)clen);
                break;
            }
            for (uint32_t i = 0; i < k.ref_len; i++) f[kc[2]][i] = (char)toupper((unsigned char)f[kc[2]][i]);
            for (uint32_t i = 0; i < k.alt_len; i++) f[kc[3]][i] = (char)toupper((unsigned char)f[kc[3]][i]);
            if ((rc = rv_compile_ref(c, k.contig, k.pos, k.ref, k.ref_len, ln)) < 0) break;
            rv_varkey_trim(&k);
            rc = rv_ibuild_add_variant(c->b, &k);
        } else {
            if (fl[kc[0]] == 0) { c->st->skipped_other++; continue; }
            rc = rv_ibuild_add_gene(c->b, f[kc[0]], fl[kc[0]], kc[1] >= 0 && kc[1] < n ? f[kc[1]] : NULL,
                                    kc[1] >= 0 && kc[1] < n ? fl[kc[1]] : 0);
        }
        if (rc == RV_ENOMEM) { rc = rv_err_set(c->err, RV_ENOMEM, "out of memory"); break; }
        if (rc == RV_EINPUT && d->role->key == RV_KEY_GENE) {
            rc = rv_err_set(c->err, RV_ESOURCE, "%s:%lld: '%.*s' is not a gene symbol (1 to 64 letters, digits, "
                            "'-', '.', '_', '@')", c->raw_path, (long long)ln, (int)(fl[kc[0]] > 40 ? 40 : fl[kc[0]]), f[kc[0]]);
            break;
        }
        if (rc < 0) { rc = rv_err_set(c->err, RV_ESOURCE, "%s:%lld: key does not fit the index", c->raw_path, (long long)ln); break; }
        int drop = 0;
        for (int i = 0; i < d->n_fields; i++) {
            if (col[i] < 0 || col[i] >= n || fl[col[i]] == 0 || (fl[col[i]] == 1 && f[col[i]][0] == '.')) {
                if (rv_compile_required(d, i)) drop = 1;
                continue;
            }
            if ((rc = rv_compile_value(c, i, f[col[i]], fl[col[i]], ln, NULL, 0)) < 0) break;
        }
        if (rc < 0) break;
        if (drop) { rv_ibuild_drop_last(c->b); c->st->skipped_other++; }
    }
    if (rc > 0) rc = 0;
out:
    rv_textfile_close(t);
    free(f); free(fl); free(hdr); free(hl); free(col); free(hline);
    return rc;
}
