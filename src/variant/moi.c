/* variant/moi.c: mode-of-inheritance strings and pseudo-autosomal regions, as data. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "variant/moi.h"

static const struct { const char *prefix, *code; } moi_rows[] = {
#include "moi.inc"
};
static const struct { const char *build, *contig, *start, *end; } par_rows[] = {
#include "par.inc"
};

static const char *const names[RV_MOI_N] = { "unknown", "AD", "AR", "AD/AR", "XLR", "XLD", "XL", "MT",
                                             "AD_IMPRINTED_MAT", "AD_IMPRINTED_PAT" };

const char *rv_moi_name(rv_moi m) { return m >= 0 && m < RV_MOI_N ? names[m] : names[0]; }

rv_moi rv_moi_from_name(const char *s)
{
    for (int i = 1; s && i < RV_MOI_N; i++)
        if (strcmp(s, names[i]) == 0) return (rv_moi)i;
    return RV_MOI_UNKNOWN;
}

int rv_moi_is_x(rv_moi m) { return m == RV_MOI_XLR || m == RV_MOI_XLD || m == RV_MOI_XL; }

char rv_moi_silenced_parent(rv_moi m) { return m == RV_MOI_AD_IMP_MAT ? 'M' : m == RV_MOI_AD_IMP_PAT ? 'F' : 0; }

rv_moi rv_moi_parse(const char *s, size_t n)
{
    if (!s) return RV_MOI_UNKNOWN;
    while (n && (*s == ' ' || *s == '"')) { s++; n--; }
    for (size_t i = 0; i < sizeof moi_rows / sizeof *moi_rows; i++) {
        size_t k = strlen(moi_rows[i].prefix);
        if (n >= k && strncasecmp(s, moi_rows[i].prefix, k) == 0 &&
            (n == k || !((s[k] >= 'A' && s[k] <= 'Z') || (s[k] >= 'a' && s[k] <= 'z'))))
            return rv_moi_from_name(moi_rows[i].code);
    }
    return RV_MOI_UNKNOWN;
}

int rv_male_haploid(rv_build b, int contig, int64_t pos)
{
    if (contig != RV_CONTIG_X && contig != RV_CONTIG_Y) return 0;
    const char *bn = rv_build_name(b), *cn = rv_contig_name(contig);
    for (size_t i = 0; i < sizeof par_rows / sizeof *par_rows; i++)
        if (strcmp(par_rows[i].build, bn) == 0 && strcmp(par_rows[i].contig, cn) == 0 &&
            pos >= atoll(par_rows[i].start) && pos <= atoll(par_rows[i].end))
            return 0;
    return 1;
}
