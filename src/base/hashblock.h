/* base/hashblock.h: what MD5 and SHA-256 share (both are Merkle-Damgard hashes over 64-byte
 * blocks): buffering input into blocks, the final length padding, and feeding a file. */
#ifndef RV_HASHBLOCK_H
#define RV_HASHBLOCK_H

#include <stddef.h>
#include <stdint.h>
#include "base/err.h"

/* Compress one 64-byte block into the hash state. */
typedef void (*rv_hash_compress_fn)(uint32_t *state, const uint8_t block[64]);

typedef struct rv_hashblock {
    uint64_t bytes;        /* total length so far */
    uint8_t  block[64];
    size_t   used;         /* bytes waiting in block */
} rv_hashblock;

/* Add n bytes, compressing every full block into state. */
void rv_hashblock_update(rv_hashblock *b, uint32_t *state, rv_hash_compress_fn f, const void *data, size_t n);
/* Finish: 0x80, zeros, and the length in bits as 8 bytes (big_endian for SHA-256, little
 * for MD5), compressed into state. */
void rv_hashblock_pad(rv_hashblock *b, uint32_t *state, rv_hash_compress_fn f, int big_endian);

/* Read path from start to end, handing each chunk to feed(ctx, data, n). RV_OK, or RV_EIO
 * "PATH: cannot open: why" / "PATH: read error". */
int rv_hash_feed_file(const char *path, void (*feed)(void *ctx, const void *data, size_t n), void *ctx,
                      rv_err *err);

#endif
