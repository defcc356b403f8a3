/* fuzz_shard: reading a shard file (`revus merge`). A shard that reads must write back and
 * read again to the same calls. */
#include "fuzz.h"
#include "run/shard.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p = fuzz_file("in.shard.json", data, size);
    rv_shard sh;
    memset(&sh, 0, sizeof sh);
    rv_err e = { 0 };
    int rc = rv_shard_read(p, &sh, &e);
    fuzz_note("shard", &e);
    if (rc == 0) {
        char out[300];
        snprintf(out, sizeof out, "%s", fuzz_path("out.shard.json"));
        rv_shard back;
        memset(&back, 0, sizeof back);
        if (rv_shard_write(out, &sh, &e) < 0 || rv_shard_read(out, &back, &e) < 0) {
            fprintf(stderr, "a shard that reads does not round-trip: %s\n", e.msg);
            abort();
        }
        if (back.calls.n != sh.calls.n || back.n_sources != sh.n_sources) abort();
        rv_shard_free(&back);
        unlink(out);
    }
    rv_shard_free(&sh);
    return 0;
}
