/* base/md5.h: MD5 (RFC 1321), only to check providers' .md5 sidecars (ClinVar). Not used
 * for anything where collisions matter: releases are fingerprinted with SHA-256. */
#ifndef RV_MD5_H
#define RV_MD5_H

#include <stddef.h>
#include <stdint.h>
#include "base/err.h"
#include "base/hashblock.h"

typedef struct rv_md5 {
    uint32_t     s[4];
    rv_hashblock b;
} rv_md5;

void rv_md5_init(rv_md5 *c);
void rv_md5_update(rv_md5 *c, const void *data, size_t n);
void rv_md5_final(rv_md5 *c, uint8_t digest[16]);
void rv_md5_hex(rv_md5 *c, char hex[33]);
/* MD5 of a whole file as 32 hex digits + NUL. RV_OK, or RV_EIO naming the file. */
int rv_md5_file(const char *path, char hex[33], rv_err *err);

#endif
