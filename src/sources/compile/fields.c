/* sources/compile/fields.c: one raw value into one index field: the descriptor mapping's op
 * (max, min, first, max-pipe), the type, and the ClinVar vocabulary check. Shared by every
 * format compiler; kept apart from the format table (compile.c) so that the compilers and
 * their driver do not call each other. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sources/compile/compile_internal.h"
#include "sources/clinvar.h"
#include "sources/lab_class.h"
#include "base/numtext.h"
#include "base/progress.h"

int rv_compile_field(const rv_descriptor *d, const char *name)
{
    for (int i = 0; i < d->n_fields; i++)
        if (strcmp(d->fields[i].name, name) == 0) return i;
    return -1;
}

int rv_compile_computed(const rv_descriptor *d, const char *name)
{
    int k = 0;
    for (int i = 0; i < d->role->n_fields; i++) {
        if (d->role->fields[i].required != RV_FIELD_COMPUTED) continue;
        if (strcmp(d->role->fields[i].name, name) == 0) return d->n_fields + k;
        k++;
    }
    return -1;
}

int rv_compile_required(const rv_descriptor *d, int i)
{
    const rv_role_field *rf = rv_role_field_find(d->role, d->fields[i].name);
    return rf && rf->required == RV_FIELD_REQUIRED;
}

/* ---- ClinVar vocabulary check (the term table belongs to sources/clinvar.c) ---- */

static int check_clinvar_term(rv_compile_ctx *c, const char *field, const char *s, size_t n, int64_t line)
{
    rv_clinvar cv;
    int rc = 0;
    if (strcmp(field, "clnsig") == 0) rc = rv_clinvar_parse(s, n, NULL, 0, NULL, 0, &cv, c->err);
    else if (strcmp(field, "clnrevstat") == 0) rc = rv_clinvar_stars(s, n, c->err) < 0 ? RV_ESOURCE : 0;
    else if (strcmp(field, "clnsigconf") == 0) rc = rv_clinvar_parse(NULL, 0, NULL, 0, s, n, &cv, c->err);
    if (rc < 0) {
        rv_err_prefix(c->err, "%s:%lld", c->raw_path, (long long)line);
        return RV_ESOURCE;
    }
    return 0;
}

/* A pre-2017 ClinVar CLNSIG is a number code ("5", "2|3", "255"): refuse it by name. */
static int old_clinvar_clnsig(const char *s, size_t n)
{
    if (!n) return 0;
    for (size_t i = 0; i < n; i++)
        if (!(s[i] >= '0' && s[i] <= '9') && s[i] != '|' && s[i] != ',') return 0;
    return 1;
}

/* ---- field ops ---- */

/* Split "max-pipe:2-5" into name and arguments. */
static int op_is(const char *op, const char *name, const char **args)
{
    size_t n = strlen(name);
    if (strncmp(op, name, n) != 0 || (op[n] && op[n] != ':')) return 0;
    *args = op[n] == ':' ? op + n + 1 : NULL;
    return 1;
}

/* Parse a number; *sig grows to the most significant digits seen (for printing back). */
static int parse_num(const char *s, size_t n, double *v, int *sig)
{
    int k;
    if (rv_parse_double(s, n, v, &k) < 0) return -1;
    if (sig && k > *sig) *sig = k;
    return 0;
}

static int is_missing(const char *s, size_t n) { return n == 0 || (n == 1 && s[0] == '.'); }

/* Max (or min) of the numbers in a ','-separated list; '.' items are skipped.
 * 1 = found, 0 = none, -1 = a non-number. */
static int list_extreme(const char *s, size_t n, int want_max, double *out, int *sig)
{
    int found = 0;
    size_t i = 0;
    while (i <= n) {
        size_t j = i;
        while (j < n && s[j] != ',' && s[j] != '|') j++;
        double v;
        if (!is_missing(s + i, j - i)) {
            if (parse_num(s + i, j - i, &v, sig) < 0) return -1;
            if (!found || (want_max ? v > *out : v < *out)) *out = v;
            found = 1;
        }
        i = j + 1;
    }
    return found;
}

/* SpliceAI-style "ALLELE|GENE|f2|f3|...,ALLELE|..." : max of pipe fields lo..hi over the
 * entries whose first field is this record's ALT (all entries when alt is unknown). */
static int max_pipe(const char *s, size_t n, int lo, int hi, const char *alt, size_t alt_len, double *out, int *sig)
{
    int found = 0;
    size_t i = 0;
    while (i < n) {
        size_t e = i;
        while (e < n && s[e] != ',') e++;
        int k = 0;
        size_t a = i;
        int take = 1;
        while (a <= e && take) {
            size_t b = a;
            while (b < e && s[b] != '|') b++;
            if (k == 0 && alt && (b - a != alt_len || memcmp(s + a, alt, alt_len) != 0)) take = 0;
            if (take && k >= lo && k <= hi && !is_missing(s + a, b - a)) {
                double v;
                if (parse_num(s + a, b - a, &v, sig) < 0) return -1;
                if (!found || v > *out) *out = v;
                found = 1;
            }
            k++;
            a = b + 1;
        }
        i = e + 1;
    }
    return found;
}

int rv_compile_value(rv_compile_ctx *c, int i, const char *val, size_t len, int64_t line,
                     const char *alt, size_t alt_len)
{
    const rv_field_map *m = &c->d->fields[i];
    if (is_missing(val, len)) return 0;
    int *sig = c->digits ? &c->digits[i] : NULL;
    double num = 0;
    int have_num = 0;
    if (m->op && *m->op && strncmp(m->op, "types:", 6) != 0) {   /* types: is a gff3 row filter */
        const char *args;
        int r;
        if (op_is(m->op, "max-pipe", &args)) {
            int lo = 0, hi = 0;
            if (!args || sscanf(args, "%d-%d", &lo, &hi) != 2 || lo < 0 || hi < lo)
                return rv_err_set(c->err, RV_ESOURCE, "%s: field '%s': bad op '%s' (want max-pipe:LO-HI)", c->d->path ? c->d->path : c->raw_path, m->name, m->op);
            r = max_pipe(val, len, lo, hi, alt, alt_len, &num, sig);
        } else if (op_is(m->op, "max", &args)) {
            r = list_extreme(val, len, 1, &num, sig);
        } else if (op_is(m->op, "min", &args)) {
            r = list_extreme(val, len, 0, &num, sig);
        } else if (op_is(m->op, "first", &args)) {
            size_t j = 0;
            while (j < len && val[j] != ',' && val[j] != '|') j++;
            len = j;
            if (is_missing(val, len)) return 0;
            r = 2;
        } else {
            return rv_err_set(c->err, RV_ESOURCE, "%s: field '%s': unknown op '%s'", c->d->path ? c->d->path : c->raw_path, m->name, m->op);
        }
        if (r < 0)
            return rv_err_set(c->err, RV_ESOURCE, "%s:%lld: field '%s' (%s): '%.*s' is not a list of numbers",
                              c->raw_path, (long long)line, m->name, m->from, (int)(len > 80 ? 80 : len), val);
        if (r == 0) return 0;
        have_num = r == 1;
    }
    int rc;
    switch (m->type) {
    case RV_T_FLOAT:
        if (!have_num && parse_num(val, len, &num, sig) < 0)
            return rv_err_set(c->err, RV_ESOURCE, "%s:%lld: field '%s' (%s): '%.*s' is not a number",
                              c->raw_path, (long long)line, m->name, m->from, (int)(len > 80 ? 80 : len), val);
        rc = rv_ibuild_set_float(c->b, i, num);
        break;
    case RV_T_INT:
        if (!have_num && len < 19) {            /* plain digits: the common case */
            size_t k = val[0] == '-' ? 1 : 0;
            int64_t x = 0;
            while (k < len && val[k] >= '0' && val[k] <= '9') x = x * 10 + (val[k++] - '0');
            if (k == len && len > (val[0] == '-' ? 1u : 0u)) {
                rc = rv_ibuild_set_int(c->b, i, val[0] == '-' ? -x : x);
                break;
            }
        }
        int64_t whole;
        if (have_num) num = trunc(num);          /* a list op's number, as before: whole part */
        if ((!have_num && parse_num(val, len, &num, NULL) < 0) || !rv_whole_number(num, -9.0e18, 9.0e18, &whole))
            return rv_err_set(c->err, RV_ESOURCE, "%s:%lld: field '%s' (%s): '%.*s' is not an integer",
                              c->raw_path, (long long)line, m->name, m->from, (int)(len > 80 ? 80 : len), val);
        rc = rv_ibuild_set_int(c->b, i, whole);
        break;
    default: {
        int is_new = 0;
        if (have_num) {
            char buf[32];
            int k = snprintf(buf, sizeof buf, "%.6g", num);
            rc = rv_ibuild_set_str(c->b, i, buf, (size_t)k, &is_new);
            break;
        }
        if (c->check_clinvar && strcmp(m->name, "clnsig") == 0 && old_clinvar_clnsig(val, len))
            return rv_err_set(c->err, RV_ESOURCE, "%s:%lld: CLNSIG '%.*s' is the old numeric ClinVar format (before 2017); "
                              "use a release from vcf_GRCh3x/ (archive_2.0)", c->raw_path, (long long)line,
                              (int)(len > 40 ? 40 : len), val);
        rc = rv_ibuild_set_str(c->b, i, val, len, &is_new);
        if (rc == 0 && is_new && c->check_clinvar) rc = check_clinvar_term(c, m->name, val, len, line);
        if (rc == 0 && is_new && strcmp(m->name, "class") == 0 && strcmp(c->d->role->name, "lab-classification") == 0
            && !rv_lab_class_word(val, len))
            rc = rv_err_set(c->err, RV_ESOURCE, "%s:%lld: class '%.*s' is not P, LP, VUS, LB or B (or Pathogenic, "
                            "Likely pathogenic, Uncertain significance, Likely benign, Benign, Class 1-5)",
                            c->raw_path, (long long)line, (int)(len > 40 ? 40 : len), val);
        return rc == RV_ENOMEM ? rv_err_set(c->err, RV_ENOMEM, "index: out of memory") : rc;
    }
    }
    if (rc == RV_ENOMEM) return rv_err_set(c->err, RV_ENOMEM, "index: out of memory");
    return rc;
}

/* ---- GFF3 attributes (regions.c, gene_model.c) ---- */

/* Value of attribute key in a GFF3 column 9 ("ID=x;Name=y;Dbxref=HGNC:HGNC:5,..."). */
int rv_gff_attr(const char *a, size_t n, const char *key, const char **v, size_t *vl)
{
    const char *sub = NULL;
    char k[64];
    const char *colon = strchr(key, ':');
    size_t kl = colon ? (size_t)(colon - key) : strlen(key);
    if (kl >= sizeof k) return 0;
    memcpy(k, key, kl); k[kl] = 0;
    if (colon) sub = colon + 1;
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && a[j] != ';') j++;
        if (j - i > kl && a[i + kl] == '=' && memcmp(a + i, k, kl) == 0) {
            const char *s = a + i + kl + 1;
            size_t sl = j - i - kl - 1;
            if (!sub) { *v = s; *vl = sl; return 1; }
            /* a ','-list of DB:ID items: the one for DB, as "DB:ID" minus a doubled prefix */
            size_t p = 0, sbl = strlen(sub);
            while (p < sl) {
                size_t q = p;
                while (q < sl && s[q] != ',') q++;
                if (q - p > sbl && memcmp(s + p, sub, sbl) == 0 && s[p + sbl] == ':') {
                    const char *x = s + p + sbl + 1;
                    size_t xl = q - p - sbl - 1;
                    /* "HGNC:HGNC:1100" and "HGNC:1100" both mean HGNC:1100 */
                    if (xl > sbl + 1 && memcmp(x, sub, sbl) == 0 && x[sbl] == ':') *v = x, *vl = xl;
                    else *v = s + p, *vl = q - p;
                    return 1;
                }
                p = q + 1;
            }
            return 0;
        }
        i = j + 1;
    }
    return 0;
}


void rv_compile_count(rv_compile_ctx *c)
{
    c->st->records_in++;
    if (c->progress) rv_meter_add(c->progress, 1, -1);
}
