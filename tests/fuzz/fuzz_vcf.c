/* fuzz_vcf: the VCF/BCF reader without a reference: tokenising, the lazy and the full
 * htslib parse, multiallelic split, INFO access, the record as text and as bcf1_t, and the
 * input's own consequence annotation (VEP CSQ, SnpEff ANN, bcftools BCSQ) as a run reads it. */
#include "fuzz.h"
#include "input/vcf_csq.h"
#include "input/vcf_reader.h"

/* Read every record of path with the given options; touch what consumers touch. */
static void read_all(const char *path, int full_parse, int skip_bad)
{
    rv_reader_opts o = { 0 };
    o.full_parse = full_parse;
    o.skip_bad = skip_bad;
    rv_reader *r = NULL;
    rv_err e = { 0 };
    if (rv_reader_open(&r, path, &o, &e) < 0) { fuzz_note("open", &e); return; }
    rv_csq *csq = NULL;
    if (rv_csq_open(rv_reader_header(r), NULL, &csq, &e) < 0) { fuzz_note("csq", &e); csq = NULL; }
    rv_nrec *rec;
    char key[256];
    for (int n = 0; n < 5000 && rv_reader_next(r, &rec, &e) > 0; n++) {
        const kstring_t *l = rv_reader_line(r);
        const char *col[8]; size_t len[8];
        rv_reader_columns(r, col, len);
        const char *v; size_t vl;
        rv_reader_info(r, "AF", &v, &vl);
        rv_varkey_format(&rec->key, key, sizeof key);
        if (csq) {
            rv_evidence ev;
            rv_evidence_init(&ev, &rec->key);
            rv_err ce = { 0 };
            rv_csq_fill_reader(csq, r, rec, &ev, &ce);
        }
        bcf1_t *b = rv_reader_bcf(r, &e);
        if (l && b) bcf_unpack(b, BCF_UN_ALL);
    }
    fuzz_note("read", &e);
    rv_csq_close(csq);
    rv_reader_close(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p = fuzz_file("in.vcf", data, size);
    read_all(p, 0, 0);
    read_all(p, 1, 1);
    return 0;
}
