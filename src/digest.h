/* digest.h: SHA-256 of a buffer or a file, as lowercase hex.
 *
 * Used by the state for sample VCF checksums and the pipeline config hash. */
#ifndef RV_DIGEST_H
#define RV_DIGEST_H

#include <stddef.h>
#include <stdint.h>
#include "err.h"

#define RV_SHA256_HEX 65   /* 64 hex digits + NUL */

typedef struct rv_sha256_ctx {
    uint32_t h[8];
    uint64_t total;
    unsigned char buf[64];
    size_t n;
} rv_sha256_ctx;

void rv_sha256_init(rv_sha256_ctx *c);
void rv_sha256_update(rv_sha256_ctx *c, const void *data, size_t len);
void rv_sha256_final_hex(rv_sha256_ctx *c, char hex[RV_SHA256_HEX]);

void rv_digest_sha256_buf(const void *data, size_t len, char hex[RV_SHA256_HEX]);
/* Hash a whole file; RV_EIO naming the file when it cannot be read. */
int rv_digest_sha256_file(const char *path, char hex[RV_SHA256_HEX], rv_err *err);

#endif
