/* digest.h: SHA-256 as lowercase hex, the way the state uses it (sample VCF checksums,
 * the pipeline config hash, flag fingerprints). A thin layer over sha256.h. */
#ifndef RV_DIGEST_H
#define RV_DIGEST_H

#include <stddef.h>
#include "err.h"

#define RV_SHA256_HEX 65   /* 64 hex digits + NUL */

void rv_digest_sha256_buf(const void *data, size_t len, char hex[RV_SHA256_HEX]);
/* Hash a whole file; RV_EIO naming the file when it cannot be read. */
int rv_digest_sha256_file(const char *path, char hex[RV_SHA256_HEX], rv_err *err);

#endif
