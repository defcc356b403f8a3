/* input/leftalign.c: indel left-alignment by repeated suffix trimming and left extension. */
#include <ctype.h>
#include <string.h>
#include "input/leftalign.h"

static int same_base(char a, char b) { return toupper((unsigned char)a) == toupper((unsigned char)b); }

/* Base at 1-based position p, or 0 when outside the span. */
static char ref_base(const rv_refspan *s, int64_t p)
{
    int64_t i = p - 1 - s->beg;
    return i >= 0 && i < s->len ? (char)toupper((unsigned char)s->seq[i]) : 0;
}

int rv_ref_matches(const rv_refspan *span, int64_t pos, const char *ref, int len)
{
    int64_t i = pos - 1 - span->beg;
    if (i < 0 || i + len > span->len) return 0;
    for (int k = 0; k < len; k++)
        if (!same_base(span->seq[i + k], ref[k])) return 0;
    return 1;
}

int rv_left_align(const rv_refspan *span, int64_t pos, const char *ref, int ref_len,
                  const char *alt, int alt_len, int64_t max_shift,
                  kstring_t *work_ref, kstring_t *work_alt, rv_aligned *out)
{
    /* Alleles sit at the end of each buffer with max_shift bytes of room in front, so
     * extending left is a store at a lower index, never a memmove. */
    size_t room = (size_t)max_shift;
    if (ks_resize(work_ref, room + (size_t)ref_len + 2) < 0
        || ks_resize(work_alt, room + (size_t)alt_len + 2) < 0) return 0;
    char *wr = work_ref->s, *wa = work_alt->s;
    memcpy(wr + room, ref, (size_t)ref_len);
    memcpy(wa + room, alt, (size_t)alt_len);
    size_t rs = room, re = room + (size_t)ref_len, as = room, ae = room + (size_t)alt_len;
    int64_t p = pos, shift = 0;

    for (;;) {
        if (re > rs && ae > as && same_base(wr[re - 1], wa[ae - 1])) { re--; ae--; continue; }
        if (re == rs || ae == as) {
            if (p <= 1) {
                /* at the start of the contig there is no base to the left: pad with the
                 * base after the alleles instead, as bcftools does */
                char b = ref_base(span, p + (int64_t)(re - rs));
                if (!b) return 0;
                wr[re++] = b; wa[ae++] = b;
                break;
            }
            /* one allele is empty: pull in the base to the left of the variant */
            if (shift >= max_shift || rs == 0 || as == 0) return 0;
            char b = ref_base(span, p - 1);
            if (!b) return 0;
            p--; shift++;
            wr[--rs] = b; wa[--as] = b;
            continue;
        }
        break;
    }
    /* drop leading bases both alleles share, keeping one padding base */
    while (re - rs > 1 && ae - as > 1 && same_base(wr[rs], wa[as])) { rs++; as++; p++; }

    out->pos = p;
    out->ref = wr + rs; out->ref_len = (int)(re - rs);
    out->alt = wa + as; out->alt_len = (int)(ae - as);
    out->shift = pos - p;
    return 1;
}
