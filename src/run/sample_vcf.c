/* run/sample_vcf.c: can a registered sample's VCF be read now (run/sample.h)? Its own
 * object, so the family reader (run/family.c) checks relatives' VCFs the same way. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "base/digest.h"
#include "run/sample.h"

int rv_sample_check_vcf(const rv_sample *s, char *reason, size_t n)
{
    struct stat sb;
    if (stat(s->vcf_path, &sb) != 0) {
        snprintf(reason, n, "%s: VCF %s", s->vcf_path, errno == ENOENT ? "is missing" : strerror(errno));
        return -1;
    }
    char sha[RV_SHA256_HEX];
    rv_err e = { 0 };
    if (rv_digest_sha256_file(s->vcf_path, sha, &e) < 0) { snprintf(reason, n, "%s", e.msg); return -1; }
    if (strcmp(sha, s->vcf_sha256) != 0) {
        snprintf(reason, n, "%s: VCF changed since it was registered (sha256 %.12s..., registered %.12s...); "
                 "`revus cohort update --sample ID --vcf FILE` accepts it", s->vcf_path, sha, s->vcf_sha256);
        return -1;
    }
    return 0;
}
