/* input/vcf_regions.c: parse -r lists and -R files into regions. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <htslib/hts.h>
#include <htslib/kstring.h>
#include <htslib/kseq.h>
#include "input/vcf_regions.h"

static int add(rv_region_list *r, const char *chrom, size_t n, int64_t beg, int64_t end)
{
    if (r->n == r->m) {
        int m = r->m ? r->m * 2 : 8;
        rv_region_spec *x = realloc(r->x, (size_t)m * sizeof *x);
        if (!x) return -1;
        r->x = x; r->m = m;
    }
    char *c = malloc(n + 1);
    if (!c) return -1;
    memcpy(c, chrom, n);
    c[n] = '\0';
    r->x[r->n++] = (rv_region_spec){ c, beg, end, -1 };
    return 0;
}

int rv_region_list_parse(const char *list, rv_region_list *out, rv_err *err)
{
    char one[1024];
    for (const char *p = list; *p; ) {
        size_t n = strcspn(p, ",");
        if (n == 0 || n >= sizeof one)
            return rv_err_set(err, RV_EUSAGE, "region '%.*s' is empty or too long", (int)(n < 64 ? n : 64), p);
        memcpy(one, p, n);
        one[n] = '\0';
        hts_pos_t beg, end;
        const char *e = hts_parse_reg64(one, &beg, &end);
        if (!e || e == one || beg < 0 || end < beg)
            return rv_err_set(err, RV_EUSAGE, "region '%s': want CHROM, CHROM:POS or CHROM:BEG-END", one);
        /* as bcftools: CHROM:POS is that one position, CHROM:BEG- runs to the contig's end */
        const char *colon = strrchr(one, ':');
        if (colon && colon >= e && !strchr(colon, '-')) end = beg + 1;
        if (add(out, one, (size_t)(e - one), beg, end >= HTS_POS_MAX ? INT64_MAX : end) < 0)
            return rv_err_set(err, RV_ENOMEM, "out of memory");
        p += n;
        if (*p) p++;
    }
    if (!out->n) return rv_err_set(err, RV_EUSAGE, "no region given");
    return 0;
}

/* A whole non-negative number; -1 when s is not one. */
static int64_t number(const char *s, size_t n)
{
    if (!n || n > 18) return -1;
    int64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i])) return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int rv_region_list_read(const char *path, rv_region_list *out, rv_err *err)
{
    size_t pl = strlen(path);
    int bed = (pl > 4 && !strcmp(path + pl - 4, ".bed")) || (pl > 7 && !strcmp(path + pl - 7, ".bed.gz"));
    htsFile *fp = hts_open(path, "r");
    if (!fp) return rv_err_set(err, RV_EIO, "%s: cannot open: %s", path, strerror(errno ? errno : ENOENT));
    kstring_t l = { 0, 0, NULL };
    int rc = 0, line = 0, ret;
    while ((ret = hts_getline(fp, KS_SEP_LINE, &l)) >= 0) {
        line++;
        if (l.l && l.s[l.l - 1] == '\r') l.s[--l.l] = '\0';
        if (!l.l || l.s[0] == '#' || !strncmp(l.s, "track", 5) || !strncmp(l.s, "browser", 7)) continue;
        const char *f[3];
        size_t fl[3];
        int nf = 0;
        for (char *p = l.s; nf < 3; nf++) {
            f[nf] = p;
            fl[nf] = strcspn(p, "\t");
            p += fl[nf];
            if (*p != '\t') { nf++; break; }
            p++;
        }
        int64_t a = nf >= 2 ? number(f[1], fl[1]) : -1, b = nf >= 3 ? number(f[2], fl[2]) : a;
        if (!fl[0] || a < 0 || b < 0 || (!bed && a < 1) || (bed ? b <= a : b < a)) {
            rc = rv_err_set(err, RV_EINPUT, "%s:%d: want CHROM<TAB>POS or CHROM<TAB>BEG<TAB>END%s",
                            path, line, bed ? " (BED: 0-based start, end after it)" : " (1-based)");
            break;
        }
        if (add(out, f[0], fl[0], bed ? a : a - 1, b) < 0) { rc = rv_err_set(err, RV_ENOMEM, "out of memory"); break; }
    }
    if (!rc && ret < -1) rc = rv_err_set(err, RV_EINPUT, "%s:%d: cannot read (corrupt compressed file?)", path, line + 1);
    if (!rc && !out->n) rc = rv_err_set(err, RV_EINPUT, "%s: no region in the file", path);
    free(l.s);
    hts_close(fp);
    return rc;
}

void rv_region_list_free(rv_region_list *r)
{
    for (int i = 0; i < r->n; i++) free(r->x[i].chrom);
    free(r->x);
    r->x = NULL;
    r->n = r->m = 0;
}
