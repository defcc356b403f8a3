/* report_pseudonym.c: stable salted pseudonyms for sample ids (HMAC-SHA256), and the
 * per-home salt file.
 *
 * A small SHA-256 lives here because no shared one was in main when reports were
 * written; it is static so it cannot clash with a later project-wide one. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "report_model.h"

typedef struct { uint32_t h[8]; uint64_t len; unsigned char buf[64]; size_t nbuf; } sha256_ctx;

static const uint32_t K[64] = {
    0x428a2f98,0x71374491,0xb5c0fbcf,0xe9b5dba5,0x3956c25b,0x59f111f1,0x923f82a4,0xab1c5ed5,
    0xd807aa98,0x12835b01,0x243185be,0x550c7dc3,0x72be5d74,0x80deb1fe,0x9bdc06a7,0xc19bf174,
    0xe49b69c1,0xefbe4786,0x0fc19dc6,0x240ca1cc,0x2de92c6f,0x4a7484aa,0x5cb0a9dc,0x76f988da,
    0x983e5152,0xa831c66d,0xb00327c8,0xbf597fc7,0xc6e00bf3,0xd5a79147,0x06ca6351,0x14292967,
    0x27b70a85,0x2e1b2138,0x4d2c6dfc,0x53380d13,0x650a7354,0x766a0abb,0x81c2c92e,0x92722c85,
    0xa2bfe8a1,0xa81a664b,0xc24b8b70,0xc76c51a3,0xd192e819,0xd6990624,0xf40e3585,0x106aa070,
    0x19a4c116,0x1e376c08,0x2748774c,0x34b0bcb5,0x391c0cb3,0x4ed8aa4a,0x5b9cca4f,0x682e6ff3,
    0x748f82ee,0x78a5636f,0x84c87814,0x8cc70208,0x90befffa,0xa4506ceb,0xbef9a3f7,0xc67178f2 };

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void sha256_block(sha256_ctx *c, const unsigned char *p)
{
    uint32_t w[64], s[8];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4*i] << 24 | (uint32_t)p[4*i+1] << 16 | (uint32_t)p[4*i+2] << 8 | p[4*i+3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = ROR(w[i-15], 7) ^ ROR(w[i-15], 18) ^ (w[i-15] >> 3);
        uint32_t s1 = ROR(w[i-2], 17) ^ ROR(w[i-2], 19) ^ (w[i-2] >> 10);
        w[i] = w[i-16] + s0 + w[i-7] + s1;
    }
    memcpy(s, c->h, sizeof s);
    for (int i = 0; i < 64; i++) {
        uint32_t S1 = ROR(s[4], 6) ^ ROR(s[4], 11) ^ ROR(s[4], 25);
        uint32_t ch = (s[4] & s[5]) ^ (~s[4] & s[6]);
        uint32_t t1 = s[7] + S1 + ch + K[i] + w[i];
        uint32_t S0 = ROR(s[0], 2) ^ ROR(s[0], 13) ^ ROR(s[0], 22);
        uint32_t mj = (s[0] & s[1]) ^ (s[0] & s[2]) ^ (s[1] & s[2]);
        memmove(s + 1, s, 7 * sizeof s[0]);
        s[4] += t1;
        s[0] = t1 + S0 + mj;
    }
    for (int i = 0; i < 8; i++) c->h[i] += s[i];
}

static void sha256_init(sha256_ctx *c)
{
    static const uint32_t h0[8] = { 0x6a09e667,0xbb67ae85,0x3c6ef372,0xa54ff53a,
                                    0x510e527f,0x9b05688c,0x1f83d9ab,0x5be0cd19 };
    memcpy(c->h, h0, sizeof h0);
    c->len = 0; c->nbuf = 0;
}

static void sha256_update(sha256_ctx *c, const void *data, size_t n)
{
    const unsigned char *p = data;
    c->len += n;
    while (n) {
        size_t take = 64 - c->nbuf < n ? 64 - c->nbuf : n;
        memcpy(c->buf + c->nbuf, p, take);
        c->nbuf += take; p += take; n -= take;
        if (c->nbuf == 64) { sha256_block(c, c->buf); c->nbuf = 0; }
    }
}

static void sha256_final(sha256_ctx *c, unsigned char out[32])
{
    uint64_t bits = c->len * 8;
    unsigned char pad = 0x80, zero = 0, lenb[8];
    sha256_update(c, &pad, 1);
    while (c->nbuf != 56) sha256_update(c, &zero, 1);
    for (int i = 0; i < 8; i++) lenb[i] = (unsigned char)(bits >> (56 - 8 * i));
    sha256_update(c, lenb, 8);
    for (int i = 0; i < 8; i++) {
        out[4*i] = (unsigned char)(c->h[i] >> 24); out[4*i+1] = (unsigned char)(c->h[i] >> 16);
        out[4*i+2] = (unsigned char)(c->h[i] >> 8); out[4*i+3] = (unsigned char)c->h[i];
    }
}

/* HMAC-SHA256 (RFC 2104) with a key of at most 64 bytes. */
static void hmac_sha256(const unsigned char *key, size_t klen, const void *msg, size_t n,
                        unsigned char out[32])
{
    unsigned char ipad[64], opad[64], inner[32];
    memset(ipad, 0x36, 64); memset(opad, 0x5c, 64);
    for (size_t i = 0; i < klen && i < 64; i++) { ipad[i] ^= key[i]; opad[i] ^= key[i]; }
    sha256_ctx c;
    sha256_init(&c); sha256_update(&c, ipad, 64); sha256_update(&c, msg, n); sha256_final(&c, inner);
    sha256_init(&c); sha256_update(&c, opad, 64); sha256_update(&c, inner, 32); sha256_final(&c, out);
}

void rv_pseudonym(const unsigned char *salt, size_t salt_len, const char *id, char out[15])
{
    static const char hex[] = "0123456789abcdef";
    unsigned char mac[32];
    hmac_sha256(salt, salt_len, id, strlen(id), mac);
    out[0] = 'P'; out[1] = '-';
    for (int i = 0; i < 6; i++) { out[2 + 2*i] = hex[mac[i] >> 4]; out[3 + 2*i] = hex[mac[i] & 15]; }
    out[14] = '\0';
}

int rv_report_pseudonymise(rv_report *r, const unsigned char *salt, size_t salt_len, rv_err *err)
{
    char p[15];
    for (size_t i = 0; i < r->n_lines; i++) {
        if (!r->lines[i].sample) continue;
        rv_pseudonym(salt, salt_len, r->lines[i].sample, p);
        if (!(r->lines[i].sample = rv_report_str(r, p)))
            return rv_err_set(err, RV_ENOMEM, "pseudonymise: out of memory");
        /* free text may name the patient: drop it from a shared report */
        r->lines[i].ack_note = NULL;
    }
    r->pseudonymised = 1;
    return 0;
}

int rv_pseudonym_salt(const char *home, unsigned char salt[64], size_t *len, rv_err *err)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s/pseudonym.salt", home) >= (int)sizeof path)
        return rv_err_set(err, RV_EUSAGE, "%s: home path too long", home);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT) {
        /* first use: 32 random bytes, written under a temp name and linked into place so two
         * concurrent first uses agree on one salt */
        unsigned char fresh[32];
        int rnd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
        if (rnd < 0 || read(rnd, fresh, sizeof fresh) != (ssize_t)sizeof fresh) {
            if (rnd >= 0) close(rnd);
            return rv_err_set(err, RV_EIO, "/dev/urandom: cannot read random bytes for the salt");
        }
        close(rnd);
        char tmp[4200];
        snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
        int w = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (w < 0) return rv_err_set(err, RV_EIO, "%s: %s", tmp, strerror(errno));
        int ok = write(w, fresh, sizeof fresh) == (ssize_t)sizeof fresh && fsync(w) == 0;
        close(w);
        if (!ok) { unlink(tmp); return rv_err_set(err, RV_EIO, "%s: cannot write the salt", tmp); }
        if (link(tmp, path) < 0 && errno != EEXIST) {
            int e = errno; unlink(tmp);
            return rv_err_set(err, RV_EIO, "%s: %s", path, strerror(e));
        }
        unlink(tmp);
        fd = open(path, O_RDONLY | O_CLOEXEC);
    }
    if (fd < 0) return rv_err_set(err, RV_EIO, "%s: %s", path, strerror(errno));
    ssize_t n = read(fd, salt, 64);
    close(fd);
    if (n < 16) return rv_err_set(err, RV_EINPUT, "%s: salt file is shorter than 16 bytes", path);
    *len = (size_t)n;
    return 0;
}
