/* fuzz_compile_clingen: a ClinGen gene-disease validity CSV (five preamble lines, quoted
 * fields) through the table compiler, with annotations/clingen-validity.json. */
#define FUZZ_RAW "release.csv"
#define FUZZ_DESCRIPTOR_FILE "annotations/clingen-validity.json"
#include "compile_common.h"
