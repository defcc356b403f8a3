/* Unit tests: SHA-256 (FIPS 180-2 appendix vectors) and MD5 (RFC 1321 test suite). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "base/md5.h"
#include "base/sha256.h"
#include "testhelp.h"

static const char *sha_of(const char *s, size_t chunk)
{
    static char hex[65];
    rv_sha256 c;
    rv_sha256_init(&c);
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i += chunk) rv_sha256_update(&c, s + i, n - i < chunk ? n - i : chunk);
    rv_sha256_hex(&c, hex);
    return hex;
}

static const char *md5_of(const char *s, size_t chunk)
{
    static char hex[33];
    rv_md5 c;
    rv_md5_init(&c);
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i += chunk) rv_md5_update(&c, s + i, n - i < chunk ? n - i : chunk);
    rv_md5_hex(&c, hex);
    return hex;
}

int main(void)
{
    static const struct { const char *in, *sha, *md5; } v[] = {
        { "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "d41d8cd98f00b204e9800998ecf8427e" },
        { "a", "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb", "0cc175b9c0f1b6a831c399e269772661" },
        { "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "900150983cd24fb0d6963f7d28e17f72" },
        { "message digest", "f7846f55cf23e14eebeab5b4e1550cad5b509e3348fbc4efa3a1413d393cb650", "f96b697d7cb7938d525a2f31aaf161d0" },
        { "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", "8215ef0796a20bcaaae116d3876c664a" },
        { "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
          "f371bc4a311f2b009eef952dd83ca80e2b60026c8e935592d0f9c308453c813e", "57edf4a22be3c955ac49da2e2107b67a" },
    };
    TEST_CASE("known vectors, whole and in odd chunks");
    for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
        CHECK_STR(sha_of(v[i].in, 1 << 20), v[i].sha);
        CHECK_STR(sha_of(v[i].in, 7), v[i].sha);
        CHECK_STR(md5_of(v[i].in, 1 << 20), v[i].md5);
        CHECK_STR(md5_of(v[i].in, 3), v[i].md5);
    }

    TEST_CASE("one million 'a' (FIPS 180-2)");
    char *m = malloc(1000001);
    memset(m, 'a', 1000000);
    m[1000000] = '\0';
    CHECK_STR(sha_of(m, 4096), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    CHECK_STR(md5_of(m, 4096), "7707d6ae4e027c70eea2a935c2296f21");

    TEST_CASE("block boundaries: 55, 56, 63, 64, 65 bytes");
    static const struct { size_t n; const char *sha; } b[] = {
        { 55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318" },
        { 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a" },
        { 63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34" },
        { 64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb" },
        { 65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0" },
    };
    for (size_t i = 0; i < sizeof b / sizeof *b; i++) {
        m[b[i].n] = '\0';
        CHECK_STR(sha_of(m, 13), b[i].sha);
        m[b[i].n] = 'a';
    }
    free(m);

    TEST_CASE("files");
    char path[] = "/tmp/rv-sum-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    CHECK(write(fd, "abc", 3) == 3);
    close(fd);
    char hex[65], mhex[33];
    int64_t size = 0;
    rv_err err;
    CHECK_INT(rv_sha256_file(path, hex, &size, &err), RV_OK);
    CHECK_STR(hex, v[2].sha);
    CHECK_INT(size, 3);
    CHECK_INT(rv_md5_file(path, mhex, &err), RV_OK);
    CHECK_STR(mhex, v[2].md5);
    unlink(path);
    CHECK_INT(rv_sha256_file(path, hex, NULL, &err), RV_EIO);
    CHECK(strstr(err.msg, "cannot open") != NULL);
    return TEST_REPORT();
}
