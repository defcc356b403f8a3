/* fuzz_compile_tsv: a variant-keyed tab-separated table (a lab's own classifications)
 * through the table compiler: header columns, variant keys, dates, classes. */
#define FUZZ_RAW "release.tsv"
#define FUZZ_DESCRIPTOR "{ \"name\": \"lab\", \"role\": \"lab-classification\", \"format\": \"tsv\", \"build\": \"GRCh38\"," \
    " \"table\": { \"columns\": { \"chrom\": \"chrom\", \"pos\": \"pos\", \"ref\": \"ref\", \"alt\": \"alt\" } }," \
    " \"fields\": { \"class\": { \"from\": \"class\" }, \"date\": { \"from\": \"date\" }, \"gene\": { \"from\": \"gene\" }," \
    " \"score\": { \"from\": \"score\", \"type\": \"float\", \"op\": \"max\" } } }"
#include "compile_common.h"
