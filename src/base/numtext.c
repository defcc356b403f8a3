/* base/numtext.c: fast decimal parsing and %g-style formatting (see base/numtext.h). */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/numtext.h"

static const double p10[23] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

static int slow_parse(const char *s, size_t n, double *v)
{
    char buf[128];
    if (n == 0 || n >= sizeof buf) return -1;
    memcpy(buf, s, n); buf[n] = 0;
    char *e;
    errno = 0;
    *v = strtod(buf, &e);
    return *e || errno == ERANGE || isnan(*v) ? -1 : 0;
}

static const uint64_t u10[20] = {
    1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL, 100000000ULL,
    1000000000ULL, 10000000000ULL, 100000000000ULL, 1000000000000ULL, 10000000000000ULL,
    100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL, 100000000000000000ULL,
    1000000000000000000ULL, 10000000000000000000ULL
};

/* The common shape "[-]DIGITS[.DIGITS][e[-+]DIGITS]" of at most 19 digits in a tight loop; 0 when the
 * text has another shape and the general parser below must look at it. */
static int parse_plain(const char *s, size_t n, double *v, int *sig)
{
    const char *p = s, *e = s + n;
    int neg = p < e && *p == '-';
    p += neg;
    const char *d0 = p;
    uint64_t m = 0;
    while (p < e && (unsigned)(*p - '0') < 10) m = m * 10 + (uint64_t)(*p++ - '0');
    size_t nd = (size_t)(p - d0), frac = 0;
    if (p < e && *p == '.') {
        const char *f0 = ++p;
        while (p < e && (unsigned)(*p - '0') < 10) m = m * 10 + (uint64_t)(*p++ - '0');
        frac = (size_t)(p - f0);
        nd += frac;
    }
    int e10 = -(int)frac;
    if (p < e && (*p == 'e' || *p == 'E')) {          /* gnomAD writes 1.2e-05 */
        p++;
        int eneg = p < e && *p == '-';
        if (p < e && (*p == '-' || *p == '+')) p++;
        const char *x0 = p;
        int ex = 0;
        while (p < e && (unsigned)(*p - '0') < 10 && p - x0 < 4) ex = ex * 10 + (*p++ - '0');
        if (p == x0) return 0;
        e10 += eneg ? -ex : ex;
    }
    if (p != e || nd == 0 || nd > 19 || e10 < -22 || e10 > 22 || m >= (1ULL << 53)) return 0;
    double d = (double)m;
    d = e10 < 0 ? d / p10[-e10] : d * p10[e10];
    *v = neg ? -d : d;
    if (sig) {                  /* significant digits: those of m (leading zeros add none) */
        int k = 1;
        while (k < 19 && m >= u10[k]) k++;
        *sig = k;
    }
    return 1;
}

int rv_parse_double(const char *s, size_t n, double *v, int *sig)
{
    if (parse_plain(s, n, v, sig)) return 0;
    size_t i = 0;
    int neg = 0, digits = 0, frac = 0, seen_dot = 0, any = 0, lead = 1;
    uint64_t m = 0;
    if (sig) *sig = 17;
    if (i < n && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
    for (; i < n; i++) {
        char ch = s[i];
        if (ch >= '0' && ch <= '9') {
            any = 1;
            if (lead && ch == '0') { if (seen_dot) frac++; continue; }
            lead = 0;
            if (++digits > 19) return slow_parse(s, n, v);
            m = m * 10 + (uint64_t)(ch - '0');
            if (seen_dot) frac++;
        } else if (ch == '.' && !seen_dot) {
            seen_dot = 1;
        } else {
            break;
        }
    }
    if (!any) return slow_parse(s, n, v);       /* "inf", "nan", ".", ... */
    int ex = 0;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        int eneg = 0, ed = 0;
        if (i < n && (s[i] == '-' || s[i] == '+')) eneg = s[i++] == '-';
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++, ed++) {
            if (ex > 10000) return slow_parse(s, n, v);
            ex = ex * 10 + (s[i] - '0');
        }
        if (!ed) return -1;
        if (eneg) ex = -ex;
    }
    if (i != n) return -1;
    int e10 = ex - frac;
    if (m >= (1ULL << 53) || e10 < -22 || e10 > 22) {
        if (slow_parse(s, n, v) < 0) return -1;
    } else {
        double d = (double)m;
        *v = e10 < 0 ? d / p10[-e10] : d * p10[e10];
        if (neg) *v = -*v;
    }
    if (sig) *sig = digits ? digits : 1;
    return 0;
}

int rv_format_double(double v, int prec, char *buf)
{
    if (prec < 1) prec = 1;
    if (prec > 12 || !isfinite(v)) return snprintf(buf, 32, "%.*g", prec > 17 ? 17 : prec, v);
    if (v == 0) { buf[0] = '0'; buf[1] = 0; return 1; }
    char *p = buf;
    if (v < 0) { *p++ = '-'; v = -v; }
    /* decimal exponent from the binary one (log10(2) ~ 0.30103); corrected below */
    int be;
    frexp(v, &be);
    int e = (int)floor((be - 1) * 0.30102999566398120);
    uint64_t m = 0;
    for (int tries = 0; tries < 3; tries++) {
        int k = prec - 1 - e;                       /* scale so m has prec digits */
        if (k > 22 || k < -22) return snprintf(buf, 32, "%.*g", prec, p > buf ? -v : v);
        double x = k >= 0 ? v * p10[k] : v / p10[-k];
        m = (uint64_t)llround(x);
        if (prec < 20 && m >= (uint64_t)p10[prec]) { e++; continue; }
        if (prec > 1 && m < (uint64_t)p10[prec - 1]) { e--; continue; }
        break;
    }
    char d[24];
    int nd = prec;
    for (int i = nd - 1; i >= 0; i--) { d[i] = (char)('0' + m % 10); m /= 10; }
    while (nd > 1 && d[nd - 1] == '0') nd--;      /* %g drops trailing zeros */
    if (e >= -4 && e < prec) {
        if (e >= 0) {
            for (int i = 0; i <= e; i++) *p++ = i < nd ? d[i] : '0';
            if (nd > e + 1) { *p++ = '.'; for (int i = e + 1; i < nd; i++) *p++ = d[i]; }
        } else {
            *p++ = '0'; *p++ = '.';
            for (int i = 0; i < -e - 1; i++) *p++ = '0';
            for (int i = 0; i < nd; i++) *p++ = d[i];
        }
    } else {
        *p++ = d[0];
        if (nd > 1) { *p++ = '.'; for (int i = 1; i < nd; i++) *p++ = d[i]; }
        *p++ = 'e';
        int ae = e < 0 ? -e : e;
        *p++ = e < 0 ? '-' : '+';
        if (ae >= 100) *p++ = (char)('0' + ae / 100);
        *p++ = (char)('0' + ae / 10 % 10);
        *p++ = (char)('0' + ae % 10);
    }
    *p = 0;
    return (int)(p - buf);
}

int rv_whole_number(double v, double lo, double hi, int64_t *out)
{
    if (!(v >= lo && v <= hi) || v != floor(v)) return 0;     /* NaN fails the first test */
    *out = (int64_t)v;
    return 1;
}
