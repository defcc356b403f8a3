/* base/textfile.c: buffered line reading through zlib (plain files pass through). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "base/textfile.h"

struct rv_textfile {
    gzFile gz;
    char *path;
    char *buf;
    size_t cap;
    int64_t line_no;
};

int rv_textfile_open(rv_textfile **out, const char *path, rv_err *err)
{
    *out = NULL;
    rv_textfile *t = calloc(1, sizeof *t);
    if (!t) return rv_err_set(err, RV_ENOMEM, "out of memory");
    t->gz = gzopen(path, "rb");
    if (!t->gz) { free(t); return rv_err_set(err, errno == ENOENT ? RV_ENOTFOUND : RV_EIO, "%s: cannot open: %s", path, strerror(errno)); }
    gzbuffer(t->gz, 1 << 17);
    t->path = strdup(path);
    t->cap = 1 << 16;
    t->buf = malloc(t->cap);
    if (!t->path || !t->buf) { rv_textfile_close(t); return rv_err_set(err, RV_ENOMEM, "out of memory"); }
    *out = t;
    return 0;
}

void rv_textfile_close(rv_textfile *t)
{
    if (!t) return;
    if (t->gz) gzclose(t->gz);
    free(t->path); free(t->buf); free(t);
}

int rv_textfile_next(rv_textfile *t, char **line, size_t *len, rv_err *err)
{
    size_t n = 0;
    for (;;) {
        if (!gzgets(t->gz, t->buf + n, (int)(t->cap - n))) {
            int e;
            const char *m = gzerror(t->gz, &e);
            if (e != Z_OK && e != Z_STREAM_END)
                return rv_err_set(err, RV_EIO, "%s:%lld: read error: %s", t->path, (long long)t->line_no + 1, m);
            if (n == 0) return 0;
            break;
        }
        n += strlen(t->buf + n);
        if (n && t->buf[n - 1] == '\n') break;
        if (n + 1 < t->cap) continue;   /* short read at end of file */
        char *b = realloc(t->buf, t->cap * 2);
        if (!b) return rv_err_set(err, RV_ENOMEM, "out of memory");
        t->buf = b; t->cap *= 2;
    }
    while (n && (t->buf[n - 1] == '\n' || t->buf[n - 1] == '\r')) n--;
    t->buf[n] = 0;
    t->line_no++;
    *line = t->buf;
    *len = n;
    return 1;
}

int64_t rv_textfile_line_no(const rv_textfile *t) { return t->line_no; }

int rv_textfile_slurp(const char *path, char **out, size_t *len, size_t max, rv_err *err)
{
    *out = NULL;
    gzFile gz = gzopen(path, "rb");
    if (!gz) return rv_err_set(err, errno == ENOENT ? RV_ENOTFOUND : RV_EIO, "%s: cannot open: %s", path, strerror(errno));
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap + 1);
    for (;;) {
        if (!b) { gzclose(gz); return rv_err_set(err, RV_ENOMEM, "out of memory"); }
        int k = gzread(gz, b + n, (unsigned)(cap - n));
        if (k < 0) { int e; const char *m = gzerror(gz, &e); rv_err_set(err, RV_EIO, "%s: read error: %s", path, m); free(b); gzclose(gz); return RV_EIO; }
        n += (size_t)k;
        if (k == 0) break;
        if (n > max) { free(b); gzclose(gz); return rv_err_set(err, RV_ESOURCE, "%s: larger than %zu bytes", path, max); }
        if (n == cap) { cap *= 2; char *nb = realloc(b, cap + 1); if (!nb) free(b); b = nb; }
    }
    gzclose(gz);
    b[n] = 0;
    *out = b;
    *len = n;
    return 0;
}

int rv_split_fields(char *line, size_t len, char delim, int quotes, char **f, size_t *fl, int max)
{
    int k = 0;
    size_t i = 0;
    for (;;) {
        if (k == max) return k;
        if (quotes && i < len && line[i] == '"') {
            size_t w = i, r = i + 1;            /* unquote in place */
            while (r < len) {
                if (line[r] == '"') {
                    if (r + 1 < len && line[r + 1] == '"') { line[w++] = '"'; r += 2; continue; }
                    r++;
                    break;
                }
                line[w++] = line[r++];
            }
            f[k] = line + i; fl[k] = w - i; k++;
            while (r < len && line[r] != delim) r++;
            if (r >= len) return k;
            i = r + 1;
            continue;
        }
        size_t j = i;
        while (j < len && line[j] != delim) j++;
        f[k] = line + i; fl[k] = j - i; k++;
        if (j >= len) return k;
        i = j + 1;
    }
}
