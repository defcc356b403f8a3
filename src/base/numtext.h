/* base/numtext.h: fast decimal <-> double for the compile and annotate hot paths.
 *
 * rv_parse_double takes the exact fast path (a mantissa below 2^53 scaled by an exact
 * power of ten, one rounding: the same double strtod gives) and falls back to strtod
 * otherwise. rv_format_double prints like printf("%.*g") for prec <= 17 without going
 * through printf's exact decimal machinery; an index records how many significant digits
 * its source wrote, so printing with that many gives back the source's decimal. */
#ifndef RV_NUMTEXT_H
#define RV_NUMTEXT_H

#include <stddef.h>
#include <stdint.h>

/* 0 and *v set (and *sig = significant digits written), or -1 when s is not a number. */
int rv_parse_double(const char *s, size_t n, double *v, int *sig);

/* Write v with prec significant digits ("%.{prec}g") into buf (>= 32 bytes); returns length. */
int rv_format_double(double v, int prec, char *buf);

/* 1 and *out set when v is a whole number within [lo, hi], else 0. Checks before casting
 * (casting an out-of-range double is undefined): for numbers read from JSON, where cJSON
 * gives every number as a double. lo and hi within +-9e18. */
int rv_whole_number(double v, double lo, double hi, int64_t *out);

#endif
