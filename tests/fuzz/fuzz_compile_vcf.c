/* fuzz_compile_vcf: a ClinVar VCF release through the vcf compiler (ClinVar terms checked),
 * with the shipped descriptor annotations/clinvar-grch38.json. */
#define FUZZ_RAW "release.vcf"
#define FUZZ_DESCRIPTOR_FILE "annotations/clinvar-grch38.json"
#include "compile_common.h"
