/* input/vcf_probe.c: build, sample column and chrX heterozygosity of a VCF (input/vcf_probe.h). */
#include <string.h>
#include <htslib/vcf.h>
#include "input/genotype.h"
#include "input/vcf_probe.h"
#include "input/vcf_reader.h"
#include "variant/moi.h"

int rv_vcf_probe_open(const char *path, const char *id, const char *column, int count_x,
                      rv_vcf_probe *out, rv_err *err)
{
    memset(out, 0, sizeof *out);
    rv_reader_opts o = { 0 };
    o.skip_bad = 1;          /* a malformed record is the run's to report, with its line */
    rv_reader *r = NULL;
    int rc = rv_reader_open(&r, path, &o, err);
    if (rc < 0) return rc;
    bcf_hdr_t *h = rv_reader_header(r);
    out->build = rv_reader_build(r);
    out->n_samples = bcf_hdr_nsamples(h);
    const char *want = column ? column : id;
    out->column = out->n_samples ? bcf_hdr_id2int(h, BCF_DT_SAMPLE, want) : -1;
    if (out->column < 0 && out->n_samples == 1 && !column) out->column = 0;
    if (out->n_samples == 0 && !column) {            /* sites only: carried, zygosity unknown */
        rv_reader_close(r);
        return 0;
    }
    if (out->column < 0) {
        char names[256] = "";
        for (int i = 0; i < out->n_samples && strlen(names) < sizeof names - 70; i++) {
            if (i) strcat(names, ", ");
            strncat(names, h->samples[i], 64);
        }
        rc = out->n_samples == 0
            ? rv_err_set(err, RV_EINPUT, "%s: the VCF has no sample columns (sites only): no column '%s'", path, want)
            : rv_err_set(err, RV_EINPUT, "%s: no sample column '%s' (the VCF has %s%s); --vcf-sample names it",
                         path, want, names, out->n_samples > 4 ? ", ..." : "");
        rv_reader_close(r);
        return rc;
    }
    rv_nrec *rec;
    rv_genotype_buf buf = { 0 };
    while (count_x && (rc = rv_reader_next(r, &rec, err)) > 0) {
        if (rec->key.contig != RV_CONTIG_X || rec->alt_index != 1 ||
            !rv_male_haploid(out->build, RV_CONTIG_X, rec->key.pos))
            continue;
        bcf1_t *b = rv_reader_bcf(r, err);
        if (!b) { rc = err ? err->code : RV_EINPUT; break; }
        rv_genotype g;
        if (rv_genotype_read(h, b, out->column, &buf, &g) < 0 || g.called != 2) continue;
        out->x_calls++;
        out->x_het += g.n_alt == 1;
    }
    rv_genotype_buf_free(&buf);
    rv_reader_close(r);
    return rc < 0 ? rc : 0;
}
