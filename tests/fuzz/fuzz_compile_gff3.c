/* fuzz_compile_gff3: a GENCODE GFF3 gene model through the regions compiler, with
 * annotations/gencode-v46-genes.json. */
#define FUZZ_RAW "release.gff3"
#define FUZZ_DESCRIPTOR_FILE "annotations/gencode-v46-genes.json"
#include "compile_common.h"
