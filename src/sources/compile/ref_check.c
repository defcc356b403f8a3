/* sources/compile/ref_check.c: REF of a sample of a release's records against the reference
 * FASTA (sources/compile/ref_check.h). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sources/compile/compile_internal.h"
#include "sources/format_internal.h"
#include "variant/genome.h"

struct rv_ref_sampler {
    rv_genome *g;
    rv_ref_check conf;
    int64_t seen;                /* variant records offered */
    int64_t checked, differ;     /* sampled records compared, and those whose REF differs */
    int64_t no_contig;           /* sampled records on a contig the FASTA lacks */
    char first_diff[512];        /* "FILE:LINE: chr1:100: ..." of the first difference */
};

/* 1 when a base of the file and a base of the FASTA can be the same base: N (either side)
 * and the FASTA's other IUPAC codes match anything. */
static int same_base(char file, char fasta)
{
    file = (char)toupper((unsigned char)file);
    if (file == fasta || file == 'N') return 1;
    return !strchr("ACGT", fasta);
}

int rv_compile_ref_open(rv_compile_ctx *c, const rv_ref_check *conf)
{
    const rv_descriptor *d = c->d;
    const rv_format *f = rv_format_find(d->format);
    c->ref = NULL;
    if (d->role->key != RV_KEY_VARIANT || !f || (f->id != RV_FMT_TSV && f->id != RV_FMT_CSV && f->id != RV_FMT_VCF))
        return 0;
    int table = f->id != RV_FMT_VCF;
    if (!conf || !conf->fasta) {
        /* a VCF's ##contig lengths were checked against the build; a table has only its positions */
        if (table)
            rv_log_warn("%s: REF was not checked against a reference genome (set reanalysis.reference_fasta "
                        "in the pipeline config to check it)", c->name);
        return 0;
    }
    if (conf->every < 1)
        return rv_err_set(c->err, RV_EUSAGE, "reanalysis.ref_check.every: at least 1, found %lld", (long long)conf->every);
    rv_ref_sampler *s = calloc(1, sizeof *s);
    if (!s) return rv_err_set(c->err, RV_ENOMEM, "out of memory");
    int rc = rv_genome_open(&s->g, conf->fasta, c->err);
    if (rc < 0) {
        free(s);
        rv_err_prefix(c->err, "reanalysis.reference_fasta");
        return c->err ? (c->err->code = RV_EUSAGE) : RV_EUSAGE;
    }
    int decided_by = 0;
    rv_build fb = rv_genome_build(s->g, &decided_by);
    if (d->build && fb != RV_BUILD_UNKNOWN && fb != d->build) {
        rv_log_warn("%s: REF was not checked: the reference FASTA %s is %s (chromosome %s), %s declares %s",
                    c->name, conf->fasta, rv_build_name(fb), rv_contig_name(decided_by), d->name,
                    rv_build_name(d->build));
        rv_genome_close(s->g);
        free(s);
        return 0;
    }
    s->conf = *conf;
    c->ref = s;
    return 0;
}

/* The verdict: too many differences are an error naming the first one, a few a warning. */
static int verdict(rv_compile_ctx *c, int final)
{
    rv_ref_sampler *s = c->ref;
    if (s->differ >= s->conf.min_mismatches && (double)s->differ > s->conf.max_fraction * (double)s->checked)
        return rv_err_set(c->err, RV_EBUILD, "%s; %lld of %lld sampled records differ from the reference%s: the file "
                          "is not on %s (the descriptor's build) or its REF column is wrong; nothing was imported",
                          s->first_diff, (long long)s->differ, (long long)s->checked, final ? "" : " (first records)",
                          rv_build_name(c->d->build));
    if (final && s->differ)
        rv_log_warn("%s; %lld of %lld sampled records differ from the reference (imported: a release is refused "
                    "when more than %g%% and at least %lld differ)", s->first_diff, (long long)s->differ,
                    (long long)s->checked, 100.0 * s->conf.max_fraction, (long long)s->conf.min_mismatches);
    if (final && s->checked == 0 && s->no_contig)
        rv_log_warn("%s: REF was not checked: none of the %lld sampled records is on a chromosome of %s",
                    c->name, (long long)s->no_contig, s->conf.fasta);
    return 0;
}

int rv_compile_ref(rv_compile_ctx *c, int contig, int64_t pos, const char *ref, size_t n, int64_t line)
{
    rv_ref_sampler *s = c->ref;
    if (!s) return 0;
    int64_t i = s->seen++;
    if (i >= s->conf.first && (i - s->conf.first) % s->conf.every != 0) return 0;
    if (!rv_genome_has(s->g, contig)) { s->no_contig++; return 0; }
    s->checked++;
    int64_t len = rv_genome_length(s->g, contig), got_beg, got_len;
    const char *fa = NULL;
    if (pos + (int64_t)n - 1 <= len && !(fa = rv_genome_get(s->g, contig, pos, pos + (int64_t)n - 1, &got_beg, &got_len, c->err)))
        return c->err ? c->err->code : RV_EIO;
    size_t k = 0;
    if (fa) while (k < n && same_base(ref[k], fa[k])) k++;
    if ((!fa || k < n) && !s->differ++) {
        if (!fa)
            snprintf(s->first_diff, sizeof s->first_diff, "%s:%lld: %s:%lld is beyond the end of chromosome %s "
                     "in the reference FASTA (%lld bp)", c->name, (long long)line, rv_contig_name(contig),
                     (long long)pos, rv_contig_name(contig), (long long)len);
        else
            snprintf(s->first_diff, sizeof s->first_diff, "%s:%lld: %s:%lld: REF is '%.*s' in the file, '%.*s' "
                     "in the reference FASTA", c->name, (long long)line, rv_contig_name(contig),
                     (long long)pos, (int)(n > 20 ? 20 : n), ref, (int)(n > 20 ? 20 : n), fa);
    }
    /* a release on another build is refused after its first records, not after all of them */
    if (s->checked == s->conf.first) return verdict(c, 0);
    return 0;
}

int rv_compile_ref_finish(rv_compile_ctx *c)
{
    return c->ref ? verdict(c, 1) : 0;
}

void rv_compile_ref_close(rv_compile_ctx *c)
{
    if (!c->ref) return;
    rv_genome_close(c->ref->g);
    free(c->ref);
    c->ref = NULL;
}
