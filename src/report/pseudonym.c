/* report/pseudonym.c: stable salted pseudonyms for sample ids (HMAC-SHA256 over the
 * project's SHA-256, base/sha256.h), and the per-home salt file. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "base/private_file.h"
#include "report/model.h"
#include "report/inherit.h"
#include "base/sha256.h"

/* HMAC-SHA256 (RFC 2104) with a key of at most 64 bytes. */
static void hmac_sha256(const unsigned char *key, size_t klen, const void *msg, size_t n,
                        unsigned char out[32])
{
    unsigned char ipad[64], opad[64], inner[32];
    memset(ipad, 0x36, 64); memset(opad, 0x5c, 64);
    for (size_t i = 0; i < klen && i < 64; i++) { ipad[i] ^= key[i]; opad[i] ^= key[i]; }
    rv_sha256 c;
    rv_sha256_init(&c); rv_sha256_update(&c, ipad, 64); rv_sha256_update(&c, msg, n); rv_sha256_final(&c, inner);
    rv_sha256_init(&c); rv_sha256_update(&c, opad, 64); rv_sha256_update(&c, inner, 32); rv_sha256_final(&c, out);
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

typedef struct salt_ctx { const unsigned char *salt; size_t len; char out[15]; } salt_ctx;

static const char *rename_member(const char *id, void *ctx)
{
    salt_ctx *s = ctx;
    rv_pseudonym(s->salt, s->len, id, s->out);
    return s->out;
}

int rv_report_pseudonymise(rv_report *r, const unsigned char *salt, size_t salt_len, rv_err *err)
{
    char p[15];
    for (size_t i = 0; i < r->n_lines; i++) {
        if (!r->lines[i].sample) continue;
        rv_pseudonym(salt, salt_len, r->lines[i].sample, p);
        if (!(r->lines[i].sample = rv_report_str(r, p)))
            return rv_err_set(err, RV_ENOMEM, "pseudonymise: out of memory");
        if (r->lines[i].family) {
            char key[300];
            /* a separate namespace, so a family code never equals a sample code */
            snprintf(key, sizeof key, "family:%s", r->lines[i].family);
            rv_pseudonym(salt, salt_len, key, p);
            p[0] = 'F';
            if (!(r->lines[i].family = rv_report_str(r, p)))
                return rv_err_set(err, RV_ENOMEM, "pseudonymise: out of memory");
        }
        /* relatives named in the inheritance evidence get their codes too */
        if (r->lines[i].inheritance) {
            salt_ctx sc = { salt, salt_len, "" };
            char *renamed = rv_inheritance_rename(r->lines[i].inheritance, rename_member, &sc);
            r->lines[i].inheritance = renamed ? rv_report_str(r, renamed) : NULL;
            free(renamed);
        }
        /* free text may name the patient, and the lab's report id leads back to the
         * patient's file: drop both from a shared report */
        r->lines[i].ack_note = NULL;
        r->lines[i].report_id = NULL;
    }
    for (size_t i = 0; i < r->n_skipped; i++) {
        if (!r->skipped[i].sample) continue;
        rv_pseudonym(salt, salt_len, r->skipped[i].sample, p);
        if (!(r->skipped[i].sample = rv_report_str(r, p)))
            return rv_err_set(err, RV_ENOMEM, "pseudonymise: out of memory");
        /* a reason names the VCF file ("PATH: what is wrong"), and paths often carry the
         * patient's id or name: keep only what is wrong */
        const char *why = r->skipped[i].reason, *cut = NULL;
        for (const char *c = why; c && (c = strstr(c, ": ")); c += 2) cut = c + 2;
        r->skipped[i].reason = cut && *cut ? cut : "not reanalysed (details withheld)";
    }
    r->pseudonymised = 1;
    return 0;
}

int rv_pseudonym_salt(const char *home, unsigned char salt[64], size_t *len, rv_err *err)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s/pseudonym.salt", home) >= (int)sizeof path)
        return rv_err_set(err, RV_EUSAGE, "%s: home path too long", home);
    rv_err e0 = { 0 };
    int fd = rv_open_private(path, O_RDONLY, &e0);    /* a link could point at a file anyone can read */
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
        int w = rv_open_private(tmp, O_WRONLY | O_CREAT | O_TRUNC, err);
        if (w < 0) return w;
        int ok = write(w, fresh, sizeof fresh) == (ssize_t)sizeof fresh && fsync(w) == 0;
        close(w);
        if (!ok) { unlink(tmp); return rv_err_set(err, RV_EIO, "%s: cannot write the salt", tmp); }
        if (link(tmp, path) < 0 && errno != EEXIST) {
            int e = errno; unlink(tmp);
            return rv_err_set(err, RV_EIO, "%s: %s", path, strerror(e));
        }
        unlink(tmp);
        fd = rv_open_private(path, O_RDONLY, &e0);
    }
    if (fd < 0) { if (err) *err = e0; return fd; }
    ssize_t n = read(fd, salt, 64);
    close(fd);
    if (n < 16) return rv_err_set(err, RV_EINPUT, "%s: salt file is shorter than 16 bytes", path);
    *len = (size_t)n;
    return 0;
}
