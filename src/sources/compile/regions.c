/* sources/compile/regions.c: intervals from BED (0-based, half-open) or GFF3 (1-based,
 * inclusive), stored 1-based inclusive.
 *
 * BED: a field's "from" is a 1-based column number ("4" = name); symbol defaults to 4.
 * GFF3: "from" is an attribute key ("Name", "gene_name"), "type" (column 3), or
 * "Dbxref:HGNC" (the HGNC:nnn item of Dbxref); defaults: symbol <- gene_name, Name or
 * gene; hgnc_id <- Dbxref:HGNC; feature <- type. Only features of the types listed in
 * the feature field's op ("types:gene,repeat_region") are kept; default "gene". */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "sources/compile/compile_internal.h"
#include "sources/format_internal.h"
#include "variant/contig.h"
#include "base/textfile.h"

#define MAX_COLS 64

static int type_listed(const char *types, const char *t, size_t tl)
{
    const char *p = types;
    while (*p) {
        const char *e = strchr(p, ',');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n == tl && strncmp(p, t, n) == 0) return 1;
        if (!e) break;
        p = e + 1;
    }
    return 0;
}

int rv_compile_regions(rv_compile_ctx *c)
{
    const rv_descriptor *d = c->d;
    int gff = rv_format_id_of(d->format) == RV_FMT_GFF3;
    rv_textfile *t;
    int rc = rv_textfile_open(&t, c->raw_path, c->err);
    if (rc < 0) return rc;
    int fi = rv_compile_field(d, "feature");
    const char *types = "gene";
    if (fi >= 0 && d->fields[fi].op && strncmp(d->fields[fi].op, "types:", 6) == 0) types = d->fields[fi].op + 6;
    char *f[MAX_COLS]; size_t fl[MAX_COLS];
    char *line; size_t len;
    while ((rc = rv_textfile_next(t, &line, &len, c->err)) == 1) {
        if (len == 0 || line[0] == '#') continue;
        if (!gff && (strncmp(line, "track", 5) == 0 || strncmp(line, "browser", 7) == 0)) continue;
        int64_t ln = rv_textfile_line_no(t);
        int n = rv_split_fields(line, len, '\t', 0, f, fl, MAX_COLS);
        if (n < (gff ? 9 : 3)) { rc = rv_err_set(c->err, RV_ESOURCE, "%s:%lld: %d columns, %s needs %d", c->raw_path, (long long)ln, n, d->format, gff ? 9 : 3); break; }
        c->st->records_in++;
        int contig = rv_contig_id(f[0], fl[0]);
        if (contig == RV_CONTIG_OTHER) { c->st->skipped_other++; continue; }
        if (gff && !type_listed(types, f[2], fl[2])) { c->st->skipped_other++; continue; }
        int sc = gff ? 3 : 1, ec = gff ? 4 : 2;
        f[sc][fl[sc]] = 0; f[ec][fl[ec]] = 0;
        char *e1, *e2;
        long long s = strtoll(f[sc], &e1, 10), e = strtoll(f[ec], &e2, 10);
        if (*e1 || *e2 || s < 0 || e < s) { rc = rv_err_set(c->err, RV_ESOURCE, "%s:%lld: bad start/end '%s'/'%s'", c->raw_path, (long long)ln, f[sc], f[ec]); break; }
        if (!gff) s += 1;                       /* BED is 0-based half-open */
        if (s < 1) s = 1;
        if (e < s) { c->st->skipped_other++; continue; }
        if ((rc = rv_ibuild_add_interval(c->b, contig, s, e)) < 0) {
            rc = rv_err_set(c->err, rc, "%s:%lld: interval does not fit the index", c->raw_path, (long long)ln);
            break;
        }
        int drop = 0;
        for (int i = 0; i < d->n_fields && rc == 0; i++) {
            const char *from = d->fields[i].from;
            const char *v = NULL; size_t vl = 0;
            int have = 0;
            if (gff) {
                const char *name = d->fields[i].name;
                if (from && strcmp(from, "type") == 0) { v = f[2]; vl = fl[2]; have = 1; }
                else if (from) have = rv_gff_attr(f[8], fl[8], from, &v, &vl);
                else if (strcmp(name, "symbol") == 0)
                    have = rv_gff_attr(f[8], fl[8], "gene_name", &v, &vl) || rv_gff_attr(f[8], fl[8], "Name", &v, &vl)
                        || rv_gff_attr(f[8], fl[8], "gene", &v, &vl);
                else if (strcmp(name, "hgnc_id") == 0) have = rv_gff_attr(f[8], fl[8], "Dbxref:HGNC", &v, &vl);
                else if (strcmp(name, "feature") == 0) { v = f[2]; vl = fl[2]; have = 1; }
                else have = rv_gff_attr(f[8], fl[8], name, &v, &vl);
            } else {
                int col = from ? atoi(from) : strcmp(d->fields[i].name, "symbol") == 0 ? 4 : 0;
                if (col >= 1 && col <= n) { v = f[col - 1]; vl = fl[col - 1]; have = 1; }
            }
            if (!have || vl == 0) { if (rv_compile_required(d, i)) drop = 1; continue; }
            rc = rv_compile_value(c, i, v, vl, ln, NULL, 0);
        }
        if (rc < 0) break;
        if (drop) { rv_ibuild_drop_last(c->b); c->st->skipped_other++; }
    }
    rv_textfile_close(t);
    return rc < 0 ? rc : 0;
}
