/* base/digest.h: SHA-256 of a buffer or a file as lowercase hex (thin layer over base/sha256.h).
 *
 * Used by the state for sample VCF checksums and the pipeline config hash. */
#ifndef RV_DIGEST_H
#define RV_DIGEST_H

#include <stddef.h>
#include "base/err.h"
#include "base/sha256.h"

#define RV_SHA256_HEX 65   /* 64 hex digits + NUL */

void rv_digest_sha256_buf(const void *data, size_t len, char hex[RV_SHA256_HEX]);
/* Hash a whole file; RV_EIO naming the file when it cannot be read. */
int rv_digest_sha256_file(const char *path, char hex[RV_SHA256_HEX], rv_err *err);

#endif
