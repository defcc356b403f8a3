/* base/tsv.c: read a small TSV with line numbers; collect row problems. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "base/tsv.h"
#include "base/textfile.h"

static int split(rv_tsv_row *r)
{
    int n = 1;
    for (char *p = r->buf; *p; p++) n += *p == '\t';
    r->f = malloc((size_t)n * sizeof *r->f);
    if (!r->f) return -1;
    r->n = 0;
    char *p = r->buf;
    for (;;) {
        r->f[r->n++] = p;
        char *t = strchr(p, '\t');
        if (!t) break;
        *t = '\0';
        p = t + 1;
    }
    return 0;
}

int rv_tsv_read(const char *path, const char *header_first, rv_tsv *t, rv_err *err)
{
    memset(t, 0, sizeof *t);
    rv_textfile *tf;
    int rc = rv_textfile_open(&tf, path, err);
    if (rc < 0) return rc;
    char *line;
    size_t len;
    int m = 0, first = 1;
    while ((rc = rv_textfile_next(tf, &line, &len, err)) > 0) {
        rc = 0;
        if (len == 0 || line[0] == '#') continue;
        if (first) {
            first = 0;
            size_t k = strcspn(line, "\t");
            if (header_first && strlen(header_first) == k && strncasecmp(line, header_first, k) == 0) continue;
        }
        if (t->n == m) {
            m = m ? 2 * m : 64;
            rv_tsv_row *r = realloc(t->rows, (size_t)m * sizeof *r);
            if (!r) { rc = rv_err_set(err, RV_ENOMEM, "out of memory"); break; }
            t->rows = r;
        }
        rv_tsv_row *r = &t->rows[t->n];
        memset(r, 0, sizeof *r);
        r->line = (int)rv_textfile_line_no(tf);
        if (!(r->buf = strdup(line)) || split(r) < 0) { free(r->buf); rc = rv_err_set(err, RV_ENOMEM, "out of memory"); break; }
        t->n++;
    }
    rv_textfile_close(tf);
    if (rc) rv_tsv_free(t);
    return rc;
}

void rv_tsv_free(rv_tsv *t)
{
    for (int i = 0; i < t->n; i++) { free(t->rows[i].f); free(t->rows[i].buf); }
    free(t->rows);
    memset(t, 0, sizeof *t);
}

void rv_problems_add(rv_problems *p, const char *fmt, ...)
{
    if (p->n == p->m) {
        int m = p->m ? 2 * p->m : 16;
        char **x = realloc(p->msg, (size_t)m * sizeof *x);
        if (!x) return;
        p->msg = x;
        p->m = m;
    }
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    if (vasprintf(&s, fmt, ap) >= 0) p->msg[p->n++] = s;
    va_end(ap);
}

void rv_problems_free(rv_problems *p)
{
    for (int i = 0; i < p->n; i++) free(p->msg[i]);
    free(p->msg);
    memset(p, 0, sizeof *p);
}
