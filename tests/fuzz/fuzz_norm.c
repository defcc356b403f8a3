/* fuzz_norm: the VCF reader as `revus norm --fasta` drives it: REF checks against a FASTA,
 * trimming and left-alignment in a window, the ordered release queue. The FASTA is
 * test-data/norm/norm.fa (contigs 1-5, 20-22). */
#include "fuzz.h"
#include "input/vcf_reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p = fuzz_file("in.vcf", data, size);
    for (int mode = 0; mode < 2; mode++) {
        rv_reader_opts o = { 0 };
        o.fasta = FUZZ_ROOT "/test-data/norm/norm.fa";
        o.skip_bad = mode;
        o.drop_ref_mismatch = mode;
        o.align_window = mode ? 50 : 0;
        rv_reader *r = NULL;
        rv_err e = { 0 };
        if (rv_reader_open(&r, p, &o, &e) < 0) { fuzz_note("open", &e); continue; }
        rv_nrec *rec;
        for (int n = 0; n < 5000 && rv_reader_next(r, &rec, &e) > 0; n++) {
            rv_reader_line(r);
            if (rec->key.pos <= 0) abort();          /* a released record has a real position */
        }
        fuzz_note("norm", &e);
        rv_reader_close(r);
    }
    return 0;
}
