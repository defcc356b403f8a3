/* variant/contig.c: contig canonicalisation and build lookup (table generated from pipeline/). */
#include <string.h>
#include <strings.h>
#include "variant/contig.h"

static const char *const canonical[RV_N_CONTIGS] = {
    "1","2","3","4","5","6","7","8","9","10","11","12","13","14","15","16",
    "17","18","19","20","21","22","X","Y","MT"
};

int rv_contig_id(const char *name, size_t len)
{
    if (len >= 3 && (name[0] == 'c' || name[0] == 'C') && (name[1] == 'h' || name[1] == 'H')
        && (name[2] == 'r' || name[2] == 'R')) {
        name += 3; len -= 3;
    }
    if (len == 0 || len > 2) return RV_CONTIG_OTHER;
    if (name[0] >= '1' && name[0] <= '9') {
        int v = name[0] - '0';
        if (len == 2) {
            if (name[1] < '0' || name[1] > '9') return RV_CONTIG_OTHER;
            v = v * 10 + (name[1] - '0');
        }
        return v >= 1 && v <= 22 ? v - 1 : RV_CONTIG_OTHER;
    }
    if (len == 1) {
        switch (name[0]) {
        case 'X': case 'x': return RV_CONTIG_X;
        case 'Y': case 'y': return RV_CONTIG_Y;
        case 'M': case 'm': return RV_CONTIG_MT;
        }
        return RV_CONTIG_OTHER;
    }
    if ((name[0] == 'M' || name[0] == 'm') && (name[1] == 'T' || name[1] == 't'))
        return RV_CONTIG_MT;
    return RV_CONTIG_OTHER;
}

const char *rv_contig_name(int id)
{
    return id >= 0 && id < RV_N_CONTIGS ? canonical[id] : NULL;
}

static const struct { const char *build, *contig; long long length; const char *refseq; } build_table[] = {
#include "genome_builds.inc"
};

static const struct { const char *alias; rv_build build; } build_aliases[] = {
    { "GRCh37", RV_BUILD_GRCH37 }, { "hg19", RV_BUILD_GRCH37 }, { "b37", RV_BUILD_GRCH37 },
    { "GRCh38", RV_BUILD_GRCH38 }, { "hg38", RV_BUILD_GRCH38 }, { "b38", RV_BUILD_GRCH38 },
};

rv_build rv_build_parse(const char *s)
{
    if (!s) return RV_BUILD_UNKNOWN;
    for (size_t i = 0; i < sizeof build_aliases / sizeof *build_aliases; i++)
        if (strcasecmp(s, build_aliases[i].alias) == 0) return build_aliases[i].build;
    return RV_BUILD_UNKNOWN;
}

const char *rv_build_name(rv_build b)
{
    return b == RV_BUILD_GRCH37 ? "GRCh37" : b == RV_BUILD_GRCH38 ? "GRCh38" : "unknown";
}

int64_t rv_build_contig_length(rv_build b, int contig_id)
{
    const char *bn = rv_build_name(b), *cn = rv_contig_name(contig_id);
    if (!cn) return 0;
    for (size_t i = 0; i < sizeof build_table / sizeof *build_table; i++)
        if (strcmp(build_table[i].build, bn) == 0 && strcmp(build_table[i].contig, cn) == 0)
            return build_table[i].length;
    return 0;
}

rv_build rv_build_vote(const char *name, size_t len, int64_t length, int *hg19_mt)
{
    int id = rv_contig_id(name, len);
    if (hg19_mt) *hg19_mt = 0;
    if (id == RV_CONTIG_OTHER) return RV_BUILD_UNKNOWN;
    if (id == RV_CONTIG_MT) {
        for (size_t i = 0; i < sizeof build_table / sizeof *build_table; i++)
            if (strcmp(build_table[i].build, "hg19") == 0 && build_table[i].length == length && hg19_mt)
                *hg19_mt = 1;
        return RV_BUILD_UNKNOWN;
    }
    int64_t l37 = rv_build_contig_length(RV_BUILD_GRCH37, id);
    int64_t l38 = rv_build_contig_length(RV_BUILD_GRCH38, id);
    if (length == l37 && length != l38) return RV_BUILD_GRCH37;
    if (length == l38 && length != l37) return RV_BUILD_GRCH38;
    return RV_BUILD_UNKNOWN;
}

int rv_contig_id_refseq(const char *name, size_t len, rv_build *build)
{
    if (build) *build = RV_BUILD_UNKNOWN;
    for (size_t i = 0; i < sizeof build_table / sizeof *build_table; i++) {
        const char *a = build_table[i].refseq;
        if (!*a || strlen(a) != len || memcmp(a, name, len) != 0) continue;
        rv_build b = rv_build_parse(build_table[i].build);
        if (build && b != RV_BUILD_UNKNOWN) {
            /* MT (NC_012920.1) is the same accession in both builds: leave the build unknown */
            int twice = 0;
            for (size_t j = 0; j < sizeof build_table / sizeof *build_table; j++)
                if (j != i && strcmp(build_table[j].refseq, a) == 0) twice = 1;
            *build = twice ? RV_BUILD_UNKNOWN : b;
        }
        return rv_contig_id(build_table[i].contig, strlen(build_table[i].contig));
    }
    return RV_CONTIG_OTHER;
}
