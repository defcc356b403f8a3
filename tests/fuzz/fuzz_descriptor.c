/* fuzz_descriptor: loading and validating a source descriptor (annotations/NAME.json). */
#include "fuzz.h"
#include "sources/descriptor.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p = fuzz_file("source.json", data, size);
    rv_descriptor *d = NULL;
    rv_err e = { 0 };
    int rc = rv_descriptor_load(p, &d, &e);
    fuzz_note("descriptor", &e);
    if (rc == 0) {
        free(rv_descriptor_url(d));
        rv_descriptor_field(d, "af");
        rv_descriptor_free(d);
    }
    return 0;
}
