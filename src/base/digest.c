/* base/digest.c: convenience wrappers over the one SHA-256 implementation (base/sha256.c). */
#include "base/digest.h"

void rv_digest_sha256_buf(const void *data, size_t len, char hex[RV_SHA256_HEX])
{
    rv_sha256 c;
    rv_sha256_init(&c);
    rv_sha256_update(&c, data, len);
    rv_sha256_hex(&c, hex);
}

int rv_digest_sha256_file(const char *path, char hex[RV_SHA256_HEX], rv_err *err)
{
    return rv_sha256_file(path, hex, NULL, err);
}
