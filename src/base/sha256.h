/* base/sha256.h: SHA-256 (FIPS 180-4), used to fingerprint releases, headers and descriptors. */
#ifndef RV_SHA256_H
#define RV_SHA256_H

#include <stddef.h>
#include <stdint.h>
#include "base/err.h"
#include "base/hashblock.h"

typedef struct rv_sha256 {
    uint32_t     h[8];
    rv_hashblock b;
} rv_sha256;

void rv_sha256_init(rv_sha256 *c);
void rv_sha256_update(rv_sha256 *c, const void *data, size_t n);
void rv_sha256_final(rv_sha256 *c, uint8_t digest[32]);
/* Finish and write the digest as 64 lower-case hex digits + NUL. */
void rv_sha256_hex(rv_sha256 *c, char hex[65]);
/* SHA-256 of a whole file; *size (may be NULL) gets its length.
 * RV_OK, or RV_EIO naming the file. */
int rv_sha256_file(const char *path, char hex[65], int64_t *size, rv_err *err);

/* Lower-case hex of n bytes into out (2n+1 bytes). */
void rv_hex(const uint8_t *bytes, size_t n, char *out);

#endif
