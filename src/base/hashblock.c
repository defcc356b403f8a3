/* base/hashblock.c: 64-byte block buffering and length padding for MD5 and SHA-256. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "base/hashblock.h"

void rv_hashblock_update(rv_hashblock *b, uint32_t *state, rv_hash_compress_fn f, const void *data, size_t n)
{
    const uint8_t *p = data;
    b->bytes += n;
    if (b->used) {
        size_t take = 64 - b->used < n ? 64 - b->used : n;
        memcpy(b->block + b->used, p, take);
        b->used += take; p += take; n -= take;
        if (b->used < 64) return;
        f(state, b->block);
        b->used = 0;
    }
    for (; n >= 64; p += 64, n -= 64) f(state, p);
    memcpy(b->block, p, n);
    b->used = n;
}

void rv_hashblock_pad(rv_hashblock *b, uint32_t *state, rv_hash_compress_fn f, int big_endian)
{
    uint64_t bits = b->bytes * 8;
    uint8_t pad[72] = { 0x80 };
    size_t padlen = (b->used < 56 ? 56 : 120) - b->used;
    for (int i = 0; i < 8; i++)
        pad[padlen + (size_t)i] = (uint8_t)(bits >> (big_endian ? 56 - 8 * i : 8 * i));
    uint64_t keep = b->bytes;
    rv_hashblock_update(b, state, f, pad, padlen + 8);
    b->bytes = keep;             /* the message length, not counting the padding */
}

int rv_hash_feed_file(const char *path, void (*feed)(void *ctx, const void *data, size_t n), void *ctx,
                      rv_err *err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) return rv_err_set(err, RV_EIO, "%s: cannot open: %s", path, strerror(errno));
    uint8_t buf[1 << 16];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0) feed(ctx, buf, n);
    int bad = ferror(fp);
    fclose(fp);
    return bad ? rv_err_set(err, RV_EIO, "%s: read error", path) : RV_OK;
}
