/* base/md5.c: MD5 after RFC 1321 (little-endian words, four rounds of 16 steps). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "base/md5.h"
#include "base/sha256.h"

/* per-step shift amounts, by round */
static const int S[4][4] = { { 7, 12, 17, 22 }, { 5, 9, 14, 20 }, { 4, 11, 16, 23 }, { 6, 10, 15, 21 } };

/* T[i] = floor(2^32 * |sin(i + 1)|), as RFC 1321 defines it */
static const uint32_t T[64] = {
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
};

static uint32_t rol(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

static void compress(uint32_t s[4], const uint8_t p[64])
{
    uint32_t x[16];
    for (int i = 0; i < 16; i++)
        x[i] = (uint32_t)p[4 * i] | (uint32_t)p[4 * i + 1] << 8 | (uint32_t)p[4 * i + 2] << 16 | (uint32_t)p[4 * i + 3] << 24;
    uint32_t a = s[0], b = s[1], c = s[2], d = s[3];
    for (int i = 0; i < 64; i++) {
        uint32_t f;
        int g, round = i / 16;
        switch (round) {
        case 0:  f = (b & c) | (~b & d); g = i; break;
        case 1:  f = (d & b) | (~d & c); g = (5 * i + 1) % 16; break;
        case 2:  f = b ^ c ^ d;          g = (3 * i + 5) % 16; break;
        default: f = c ^ (b | ~d);       g = (7 * i) % 16; break;
        }
        uint32_t t = d;
        d = c;
        c = b;
        b = b + rol(a + f + T[i] + x[g], S[round][i % 4]);
        a = t;
    }
    s[0] += a; s[1] += b; s[2] += c; s[3] += d;
}

void rv_md5_init(rv_md5 *c)
{
    c->s[0] = 0x67452301; c->s[1] = 0xefcdab89; c->s[2] = 0x98badcfe; c->s[3] = 0x10325476;
    memset(&c->b, 0, sizeof c->b);
}

void rv_md5_update(rv_md5 *c, const void *data, size_t n)
{
    rv_hashblock_update(&c->b, c->s, compress, data, n);
}

void rv_md5_final(rv_md5 *c, uint8_t digest[16])
{
    rv_hashblock_pad(&c->b, c->s, compress, 0);
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++) digest[4 * i + j] = (uint8_t)(c->s[i] >> (8 * j));
}

void rv_md5_hex(rv_md5 *c, char hex[33])
{
    uint8_t d[16];
    rv_md5_final(c, d);
    rv_hex(d, 16, hex);
}

static void feed(void *c, const void *data, size_t n) { rv_md5_update(c, data, n); }

int rv_md5_file(const char *path, char hex[33], rv_err *err)
{
    rv_md5 c;
    rv_md5_init(&c);
    int rc = rv_hash_feed_file(path, feed, &c, err);
    if (rc < 0) return rc;
    rv_md5_hex(&c, hex);
    return RV_OK;
}
