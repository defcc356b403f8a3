/* rv_compile.c: time rv_index_compile() alone (no download, checksum or store), for
 * bench/bench_annotate.sh. Usage: rv_compile DESCRIPTOR.json RAW OUT.rvx VERSION */
#include <stdio.h>
#include "sources/descriptor.h"
#include "sources/index.h"

int main(int argc, char **argv)
{
    if (argc != 5) { fprintf(stderr, "usage: rv_compile DESCRIPTOR.json RAW OUT VERSION\n"); return 2; }
    rv_err err;
    rv_descriptor *d = NULL;
    rv_compile_stats st;
    if (rv_descriptor_load(argv[1], &d, &err) < 0) { fprintf(stderr, "%s\n", err.msg); return 2; }
    int rc = rv_index_compile(d, argv[2], argv[4], argv[3], &st, &err);
    rv_descriptor_free(d);
    if (rc < 0) { fprintf(stderr, "%s\n", err.msg); return 3; }
    printf("%lld %lld %.3f %.0f\n", (long long)st.records_in, (long long)st.records_out, st.seconds,
           st.seconds > 0 ? st.records_in / st.seconds : 0.0);
    return 0;
}
