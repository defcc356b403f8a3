/* compile_common.h: one source format's compiler, driven the way `sources import` drives
 * it. The including harness defines FUZZ_DESCRIPTOR_FILE (a descriptor in the source tree)
 * or FUZZ_DESCRIPTOR (the descriptor's JSON text), and FUZZ_RAW
 * (the raw file's name, whose extension may matter). A compiled index must open, pass
 * `sources verify`, and find each of its own records again. */
#include "fuzz.h"
#include "sources/descriptor.h"
#include "sources/index.h"

static rv_descriptor *fuzz_desc;

static void check_index(const char *path)
{
    rv_index *idx = NULL;
    rv_err e = { 0 };
    if (rv_index_open(&idx, path, &e) < 0 || rv_index_verify(path, &e) < 0) {
        fprintf(stderr, "a freshly compiled index does not open: %s\n", e.msg);
        abort();
    }
    int64_t n = rv_index_n_records(idx);
    rv_index_cursor cur = { 0, 0 };
    for (int64_t i = 0; i < n && i < 2000; i++) {
        for (int f = 0; f < rv_index_n_fields(idx); f++) {
            double d; int64_t v; const char *s; size_t sl;
            switch (rv_index_field_type(idx, f)) {
            case RV_T_FLOAT: rv_index_get_float(idx, i, f, &d); break;
            case RV_T_INT:   rv_index_get_int(idx, i, f, &v); break;
            default:         rv_index_get_str(idx, i, f, &s, &sl); break;
            }
        }
        rv_varkey k;
        int64_t hits[8];
        switch (rv_index_kind(idx)) {
        case RV_KEY_VARIANT:
            rv_index_key(idx, i, &k);
            if (rv_index_find(idx, &cur, &k) < 0) { fprintf(stderr, "record %lld not found by its key\n", (long long)i); abort(); }
            break;
        case RV_KEY_INTERVAL:
            rv_index_key(idx, i, &k);
            if (rv_index_overlaps(idx, k.contig, k.pos, hits, 8) < 1) { fprintf(stderr, "interval %lld not found\n", (long long)i); abort(); }
            break;
        default: {
            int fs = rv_index_field_id(idx, "symbol");
            const char *s; size_t sl; int64_t rows;
            if (fs >= 0 && rv_index_get_str(idx, i, fs, &s, &sl) == 0 && rv_index_find_gene_n(idx, s, sl, &rows) < 0) {
                fprintf(stderr, "gene record %lld not found by its symbol\n", (long long)i);
                abort();
            }
            break;
        }
        }
    }
    rv_index_close(idx);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rv_err e = { 0 };
    if (!fuzz_desc) {
#ifdef FUZZ_DESCRIPTOR_FILE
        const char *dp = FUZZ_ROOT "/" FUZZ_DESCRIPTOR_FILE;
#else
        const char *dp = fuzz_file("descriptor.json", (const uint8_t *)FUZZ_DESCRIPTOR, strlen(FUZZ_DESCRIPTOR));
#endif
        if (rv_descriptor_load(dp, &fuzz_desc, &e) < 0) { fprintf(stderr, "%s\n", e.msg); abort(); }
    }
    const char *raw = fuzz_file(FUZZ_RAW, data, size);
    char out[300];
    snprintf(out, sizeof out, "%s", fuzz_path("out.idx"));
    rv_compile_stats st;
    int rc = rv_index_compile(fuzz_desc, raw, "1", out, &st, &e);
    fuzz_note("compile", &e);
    if (rc == 0) check_index(out);
    unlink(out);
    return 0;
}
