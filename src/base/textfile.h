/* base/textfile.h: read a plain or gzip-compressed text file line by line (or whole), for
 * the table, JSON and region compilers. */
#ifndef RV_TEXTFILE_H
#define RV_TEXTFILE_H

#include <stddef.h>
#include <stdint.h>
#include "base/err.h"

typedef struct rv_textfile rv_textfile;

int rv_textfile_open(rv_textfile **t, const char *path, rv_err *err) RV_MUST_CHECK;
void rv_textfile_close(rv_textfile *t);                 /* accepts NULL */
/* Next line without its end-of-line: 1 = line and len set, 0 = end, < 0 = error. The
 * line is owned by t, NUL-terminated, valid until the next call. */
int rv_textfile_next(rv_textfile *t, char **line, size_t *len, rv_err *err) RV_MUST_CHECK;
int64_t rv_textfile_line_no(const rv_textfile *t);
/* Read the whole (decompressed) file into a malloc'ed NUL-terminated buffer. */
int rv_textfile_slurp(const char *path, char **buf, size_t *len, size_t max, rv_err *err);

/* Split a line into fields on delim. With quotes (CSV), "a,b" is one field and "" an
 * escaped quote; quotes are removed in place. Returns the number of fields (at most max). */
int rv_split_fields(char *line, size_t len, char delim, int quotes, char **f, size_t *fl, int max);

#endif
