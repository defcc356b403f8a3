/* variant/varkey.c: compare, hash, trim, format and parse normalised variant keys. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "variant/contig.h"
#include "variant/varkey.h"

static int cmp_bytes(const char *a, uint32_t na, const char *b, uint32_t nb)
{
    uint32_t n = na < nb ? na : nb;
    int c = n ? memcmp(a, b, n) : 0;
    if (c) return c;
    return na < nb ? -1 : na > nb;
}

int rv_varkey_cmp(const rv_varkey *a, const rv_varkey *b)
{
    if (a->contig != b->contig) return a->contig < b->contig ? -1 : 1;
    if (a->pos != b->pos) return a->pos < b->pos ? -1 : 1;
    int c = cmp_bytes(a->ref, a->ref_len, b->ref, b->ref_len);
    if (c) return c;
    return cmp_bytes(a->alt, a->alt_len, b->alt, b->alt_len);
}

int rv_varkey_eq(const rv_varkey *a, const rv_varkey *b)
{
    return a->contig == b->contig && a->pos == b->pos
        && a->ref_len == b->ref_len && a->alt_len == b->alt_len
        && memcmp(a->ref, b->ref, a->ref_len) == 0 && memcmp(a->alt, b->alt, a->alt_len) == 0;
}

/* FNV-1a over the fields, with a separator so REF/ALT boundaries count. */
uint64_t rv_varkey_hash(const rv_varkey *k)
{
    uint64_t h = 1469598103934665603ULL;
#define MIX(byte) do { h ^= (uint8_t)(byte); h *= 1099511628211ULL; } while (0)
    for (int i = 0; i < 4; i++) MIX((uint32_t)k->contig >> (8 * i));
    for (int i = 0; i < 8; i++) MIX((uint64_t)k->pos >> (8 * i));
    for (uint32_t i = 0; i < k->ref_len; i++) MIX(k->ref[i]);
    MIX('>');
    for (uint32_t i = 0; i < k->alt_len; i++) MIX(k->alt[i]);
#undef MIX
    return h;
}

static int same_base(char a, char b) { return toupper((unsigned char)a) == toupper((unsigned char)b); }

int rv_varkey_trim(rv_varkey *k)
{
    int n = 0;
    while (k->ref_len > 1 && k->alt_len > 1
           && same_base(k->ref[k->ref_len - 1], k->alt[k->alt_len - 1])) {
        k->ref_len--; k->alt_len--; n++;
    }
    while (k->ref_len > 1 && k->alt_len > 1 && same_base(k->ref[0], k->alt[0])) {
        k->ref++; k->alt++; k->ref_len--; k->alt_len--; k->pos++; n++;
    }
    return n;
}

int rv_varkey_format(const rv_varkey *k, char *buf, size_t n)
{
    const char *c = rv_contig_name(k->contig);
    if (!c) return -1;
    int w = snprintf(buf, n, "%s-%lld-%.*s-%.*s", c, (long long)k->pos,
                     (int)k->ref_len, k->ref, (int)k->alt_len, k->alt);
    return w < 0 || (size_t)w >= n ? -1 : w;
}

int rv_varkey_parse(const char *s, rv_varkey *k)
{
    const char *f[4];
    size_t len[4];
    const char *p = s;
    for (int i = 0; i < 4; i++) {
        f[i] = p;
        while (*p && *p != '-' && *p != ':') p++;
        len[i] = (size_t)(p - f[i]);
        if (len[i] == 0) return -1;
        if (i < 3) { if (!*p) return -1; p++; }
    }
    if (*p) return -1;
    k->contig = rv_contig_id(f[0], len[0]);
    if (k->contig == RV_CONTIG_OTHER) return -1;
    long long pos = 0;
    for (size_t i = 0; i < len[1]; i++) {
        /* no contig is near 2^40 bases: a longer number is an error, never a wrapped one */
        if (!isdigit((unsigned char)f[1][i]) || pos > (1LL << 40)) return -1;
        pos = pos * 10 + (f[1][i] - '0');
    }
    if (pos <= 0) return -1;
    k->pos = pos;
    k->ref = f[2]; k->ref_len = (uint32_t)len[2];
    k->alt = f[3]; k->alt_len = (uint32_t)len[3];
    return 0;
}
