/* sources/coverage.c: declared coverage regions (sources/coverage.h). */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "sources/coverage.h"
#include "base/textfile.h"
#include "sources/index.h"

void rv_regions_free(rv_regions *r)
{
    free(r->v);
    memset(r, 0, sizeof *r);
}

static int push(rv_regions *r, int contig, int64_t start, int64_t end)
{
    if (r->n == r->cap) {
        int64_t cap = r->cap ? r->cap * 2 : 64;
        uint32_t *v = realloc(r->v, (size_t)cap * 3 * sizeof *v);
        if (!v) return RV_ENOMEM;
        r->v = v;
        r->cap = cap;
    }
    uint32_t *t = r->v + 3 * r->n++;
    t[0] = (uint32_t)contig; t[1] = (uint32_t)start; t[2] = (uint32_t)end;
    return 0;
}

/* A decimal position (commas allowed, as genome browsers print them). -1 when not one. */
static int64_t parse_pos(const char *s, const char *e)
{
    int64_t v = 0;
    int digits = 0;
    for (; s < e; s++) {
        if (*s == ',') continue;
        if (!isdigit((unsigned char)*s) || v > (int64_t)UINT32_MAX) return -1;
        v = v * 10 + (*s - '0');
        digits++;
    }
    return digits ? v : -1;
}

int rv_regions_add_text(rv_regions *r, const char *text, rv_build b, rv_err *err)
{
    const char *colon = strchr(text, ':');
    size_t cn = colon ? (size_t)(colon - text) : strlen(text);
    int contig = rv_contig_id(text, cn);
    if (contig == RV_CONTIG_OTHER)
        return rv_err_set(err, RV_EINPUT, "coverage region '%s': not a primary contig (1-22, X, Y, MT)", text);
    int64_t start = 1, end;
    if (!colon) {
        end = rv_build_contig_length(b, contig);
        if (end <= 0)
            return rv_err_set(err, RV_EINPUT, "coverage region '%s': a whole contig needs the descriptor's build", text);
    } else {
        const char *dash = strchr(colon + 1, '-');
        start = parse_pos(colon + 1, dash ? dash : colon + 1 + strlen(colon + 1));
        end = dash ? parse_pos(dash + 1, dash + 1 + strlen(dash + 1)) : start;
        if (start < 1 || end < start)
            return rv_err_set(err, RV_EINPUT, "coverage region '%s': expected CHROM, CHROM:POS or CHROM:START-END (1-based, START <= END)", text);
    }
    return push(r, contig, start, end) < 0 ? rv_err_set(err, RV_ENOMEM, "out of memory") : 0;
}

int rv_regions_add_bed(rv_regions *r, const char *path, rv_err *err)
{
    rv_textfile *t;
    int rc = rv_textfile_open(&t, path, err);
    if (rc < 0) return rc;
    char *line;
    size_t len;
    while ((rc = rv_textfile_next(t, &line, &len, err)) > 0) {
        if (!len || line[0] == '#' || strncmp(line, "track", 5) == 0 || strncmp(line, "browser", 7) == 0)
            continue;
        char *f[4];
        size_t fl[4];
        int nf = rv_split_fields(line, len, '\t', 0, f, fl, 4);
        int64_t s = nf >= 3 ? parse_pos(f[1], f[1] + fl[1]) : -1;
        int64_t e = nf >= 3 ? parse_pos(f[2], f[2] + fl[2]) : -1;
        if (s < 0 || e <= s) {
            rc = rv_err_set(err, RV_EINPUT, "%s:%lld: expected a BED line: CHROM, START (0-based), END (> START), tab-separated",
                            path, (long long)rv_textfile_line_no(t));
            break;
        }
        int contig = rv_contig_id(f[0], fl[0]);
        if (contig == RV_CONTIG_OTHER) continue;
        if (push(r, contig, s + 1, e) < 0) { rc = rv_err_set(err, RV_ENOMEM, "out of memory"); break; }
    }
    rv_textfile_close(t);
    return rc < 0 ? rc : 0;
}

static int cmp_triple(const void *a, const void *b)
{
    const uint32_t *x = a, *y = b;
    for (int i = 0; i < 3; i++)
        if (x[i] != y[i]) return x[i] < y[i] ? -1 : 1;
    return 0;
}

void rv_regions_normalise(rv_regions *r)
{
    if (r->n < 2) return;
    qsort(r->v, (size_t)r->n, 3 * sizeof *r->v, cmp_triple);
    int64_t k = 0;
    for (int64_t i = 1; i < r->n; i++) {
        uint32_t *last = r->v + 3 * k, *t = r->v + 3 * i;
        if (t[0] == last[0] && (uint64_t)t[1] <= (uint64_t)last[2] + 1) {
            if (t[2] > last[2]) last[2] = t[2];
        } else {
            k++;
            memmove(r->v + 3 * k, t, 3 * sizeof *t);
        }
    }
    r->n = k + 1;
}

int rv_coverage_describe(const char *index_path, char *buf, size_t n, rv_err *err)
{
    rv_index *idx;
    int rc = rv_index_open(&idx, index_path, err);
    if (rc < 0) return rc;
    size_t k = 0;
    buf[0] = 0;
    int64_t nr = rv_index_n_coverage_regions(idx);
    if (rv_index_kind(idx) == RV_KEY_GENE) {
        k += (size_t)snprintf(buf, n, "every gene it lists (gene-keyed)");
    } else if (nr) {
        int64_t bp = 0;
        int last = -1;
        for (int64_t i = 0; i < nr; i++) {
            int c; int64_t s, e;
            rv_index_coverage_region(idx, i, &c, &s, &e);
            bp += e - s + 1;
        }
        k += (size_t)snprintf(buf, n, "%lld declared region%s, %lld bp on", (long long)nr, nr == 1 ? "" : "s", (long long)bp);
        for (int64_t i = 0; i < nr && k < n; i++) {
            int c; int64_t s, e;
            rv_index_coverage_region(idx, i, &c, &s, &e);
            if (c == last) continue;
            k += (size_t)snprintf(buf + k, n - k, "%s chr%s", last < 0 ? "" : ",", rv_contig_name(c));
            last = c;
        }
    } else {
        k += (size_t)snprintf(buf, n, "contigs with records:");
        int any = 0;
        for (int c = 0; c < RV_N_CONTIGS && k < n; c++)
            if (rv_index_contig_has_records(idx, c))
                k += (size_t)snprintf(buf + k, n - k, "%s chr%s", any++ ? "," : "", rv_contig_name(c));
        if (!any && k < n) k += (size_t)snprintf(buf + k, n - k, " none");
    }
    const char *missing = rv_index_meta(idx, "missing");
    if (missing && *missing && k < n)
        k += (size_t)snprintf(buf + k, n - k, "; no file for %s (not covered)", missing);
    if (rv_index_format_version(idx) < 2 && k < n)
        snprintf(buf + k, n - k, " (index format 1, compiled before coverage was recorded)");
    rv_index_close(idx);
    return 0;
}
