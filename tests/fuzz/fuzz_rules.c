/* fuzz_rules: loading and validating the ACMG/AMP rules file (pipeline/acmg.json). */
#include "fuzz.h"
#include "classify/classifier.h"

/* The rules file names tables beside it (ba1_exceptions.tsv): copy the shipped ones. */
static void copy_beside(const char *name)
{
    char src[512];
    snprintf(src, sizeof src, "%s/pipeline/%s", FUZZ_ROOT, name);
    FILE *fp = fopen(src, "rb");
    if (!fp) { perror(src); abort(); }
    static uint8_t buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf, fp);
    fclose(fp);
    fuzz_file(name, buf, n);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready++) copy_beside("ba1_exceptions.tsv");
    const char *p = fuzz_file("acmg.json", data, size);
    rv_classifier *c = NULL;
    rv_err e = { 0 };
    int rc = rv_classifier_open(p, &c, &e);
    fuzz_note("rules", &e);
    if (rc == 0) {
        rv_classifier_rules_version(c);
        rv_classifier_close(c);
    }
    return 0;
}
