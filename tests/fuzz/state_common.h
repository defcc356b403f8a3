/* state_common.h: a state home in the scratch folder, opened once per process, with two
 * registered samples (S1, S2) whose VCF is a tiny file beside the inputs. The harness
 * removes what an input stored, so each input sees the same state. */
#include "fuzz.h"
#include <sqlite3.h>
#include "state/cohort.h"
#include "state/db.h"

static rv_state *fuzz_st;

static const char fuzz_tiny_vcf[] =
    "##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n1\t100\t.\tA\tG\t.\t.\t.\n";

static rv_state *fuzz_state(void)
{
    if (fuzz_st) return fuzz_st;
    rv_err e = { 0 };
    const char *vcf = fuzz_file("S1.vcf", (const uint8_t *)fuzz_tiny_vcf, sizeof fuzz_tiny_vcf - 1);
    char home[300];
    snprintf(home, sizeof home, "%s", fuzz_path("home"));
    if (rv_state_open(&fuzz_st, home, &e) < 0
        || rv_state_exec(fuzz_st, "PRAGMA synchronous=OFF", &e) < 0
        || rv_cohort_add(fuzz_st, NULL, "S1", vcf, "CARDIO", "F", "FAM1", &e) < 0
        || rv_cohort_add(fuzz_st, NULL, "S2", vcf, NULL, NULL, NULL, &e) < 0) {
        fprintf(stderr, "fuzz state: %s\n", e.msg);
        abort();
    }
    return fuzz_st;
}
