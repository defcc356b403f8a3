/* Unit test: once its buffers are warm, the reader allocates nothing per record on the lazy
 * path (biallelic records passed through or trimmed), and its memory stays flat on every path
 * (split and full parse allocate only inside htslib's vcf_parse and bcf_update_*, and free it).
 *
 * malloc/calloc/realloc are interposed to count calls while records stream. Under
 * AddressSanitizer (which owns the allocator) the count is not possible: the test skips. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <malloc.h>
#include <unistd.h>
#include "input/vcf_reader.h"
#include "input/vcf_writer.h"
#include "testhelp.h"

#if defined(__SANITIZE_ADDRESS__)
#define COUNTING 0
#else
#define COUNTING 1
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
static long n_alloc;
static int counting;
void *malloc(size_t n) { if (counting) n_alloc++; return __libc_malloc(n); }
void *calloc(size_t a, size_t b) { if (counting) n_alloc++; return __libc_calloc(a, b); }
void *realloc(void *p, size_t n) { if (counting) n_alloc++; return __libc_realloc(p, n); }
#endif

static const char *BASES = "ACGT";

/* A VCF of n records: SNVs, padded indels, a few needing trimming, every 10th multiallelic
 * when multi is set. Deterministic. */
static void write_vcf(const char *path, int n, int multi)
{
    FILE *f = fopen(path, "w");
    fputs("##fileformat=VCFv4.2\n##contig=<ID=chr1,length=248956422>\n"
          "##INFO=<ID=AF,Number=A,Type=Float,Description=\"AF\">\n"
          "##INFO=<ID=DP,Number=1,Type=Integer,Description=\"DP\">\n"
          "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"GT\">\n"
          "##FORMAT=<ID=AD,Number=R,Type=Integer,Description=\"AD\">\n"
          "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n", f);
    unsigned x = 12345;
    for (int i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        char r = BASES[(x >> 16) & 3], a = BASES[((x >> 16) + 1) & 3], c = BASES[((x >> 18) + 2) & 3];
        long pos = 1000 + 10L * i;
        switch (multi && i % 10 == 0 ? 3 : (int)((x >> 20) % 3)) {
        case 0: fprintf(f, "chr1\t%ld\t.\t%c\t%c\t50\tPASS\tAF=0.5;DP=20\tGT:AD\t0/1:10,10\n", pos, r, a); break;
        case 1: fprintf(f, "chr1\t%ld\t.\t%c%c\t%c\tx\tPASS\tAF=0.5;DP=20\tGT:AD\t0/1:10,10\n", pos, r, c, r); break;
        case 2: fprintf(f, "chr1\t%ld\t.\t%c%c\t%c%c\t.\tPASS\tAF=0.5;DP=20\tGT:AD\t1/1:0,20\n", pos, r, c, a, c); break;
        default: fprintf(f, "chr1\t%ld\t.\t%c\t%c,%c\t.\tPASS\tAF=0.2,0.3;DP=20\tGT:AD\t1/2:1,9,10\n", pos, r, a, c); break;
        }
    }
    fclose(f);
}

/* Read everything, touching the line, the key and one INFO value of each record; return the
 * number of allocations made after the first warm records. */
/* Heap in use, to check that memory stays flat while records stream. */
static long heap_in_use(void) { return (long)mallinfo2().uordblks; }

/* Bytes the heap grew by between the warm point and the end of the input. */
static long growth;

static long stream(const char *path, int full_parse, int *n_out)
{
    rv_reader *r;
    rv_err err;
    rv_nrec *rec;
    rv_reader_opts o = { .full_parse = full_parse };
    *n_out = 0;
    if (rv_reader_open(&r, path, &o, &err) < 0) { fprintf(stderr, "%s\n", err.msg); return -1; }
#if COUNTING
    long before = 0;
#endif
    uint64_t h = 0;
    while (rv_reader_next(r, &rec, &err) > 0) {
        if (++*n_out == 2000) {
            growth = -heap_in_use();
#if COUNTING
            before = n_alloc;
            counting = 1;
#endif
        }
        const kstring_t *l = rv_reader_line(r);
        const char *v; size_t vl;
        if (l && rv_reader_info(r, "AF", &v, &vl)) h += vl;
        h += rv_varkey_hash(&rec->key);
        if (full_parse && !rv_reader_bcf(r, &err)) break;
    }
    growth += heap_in_use();
#if COUNTING
    counting = 0;
    long made = n_alloc - before;
#else
    long made = 0;
#endif
    rv_reader_close(r);
    return h ? made : -1;
}

int main(void)
{
    char path[256];
    snprintf(path, sizeof path, "%s/revus-alloc-%ld.vcf", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid());
    if (!COUNTING) {
        puts("skip - allocation counting is not possible under AddressSanitizer");
        printf("%s: %d passed, %d failed\n", __FILE__, test_passed, test_failed);
        return 0;
    }
    int n = 0;
    /* "flat": the heap may not grow by more than a few buffers over 18,000+ records */
    const long flat = 64 * 1024;
    TEST_CASE("lazy path: no allocation per record");
    write_vcf(path, 20000, 0);
    CHECK_INT(stream(path, 0, &n), 0);
    CHECK_INT(n, 20000);
    CHECK(growth < flat);

    TEST_CASE("split path: memory stays flat");
    write_vcf(path, 20000, 1);
    CHECK(stream(path, 0, &n) >= 0);
    CHECK_INT(n, 22000);
    CHECK(growth < flat);

    TEST_CASE("full parse (BCF output): memory stays flat");
    CHECK(stream(path, 1, &n) >= 0);
    CHECK_INT(n, 22000);
    CHECK(growth < flat);
    unlink(path);
    return TEST_REPORT();
}
