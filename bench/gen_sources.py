#!/usr/bin/env python3
"""Generate deterministic ClinVar-like and gnomAD-like source VCFs for the annotate benchmark.

Usage: gen_sources.py PATIENT.vcf.gz CLINVAR_N GNOMAD_N OUT_CLINVAR.vcf OUT_GNOMAD.vcf [SEED]

The sources follow the patient VCF made by gen_vcf.py (same contigs, same positions
distribution): every patient allele is in the gnomAD-like source with probability 0.9 and
in the ClinVar-like one with probability 0.1; the remaining records are placed at random
positions between consecutive patient variants, so both files are sorted and their
record counts are CLINVAR_N and GNOMAD_N (approximately: +-0.5%). Each file has the
GRCh38 ##contig lines and one biallelic record per line. gnomAD-like INFO: AC, AN, AF,
AF_grpmax, nhomalt (FILTER PASS, 3% AC0). ClinVar-like: CLNSIG, CLNREVSTAT, ALLELEID
(contig names without 'chr', as ClinVar writes them). Same arguments give the same bytes.
"""
import gzip
import os
import random
import sys

CLNSIG = ['Pathogenic', 'Likely_pathogenic', 'Pathogenic/Likely_pathogenic', 'Uncertain_significance',
          'Uncertain_significance', 'Uncertain_significance', 'Likely_benign', 'Likely_benign', 'Benign',
          'Benign/Likely_benign', 'Conflicting_classifications_of_pathogenicity']
REVSTAT = ['criteria_provided,_single_submitter', 'criteria_provided,_single_submitter',
           'criteria_provided,_multiple_submitters,_no_conflicts', 'no_assertion_criteria_provided',
           'reviewed_by_expert_panel', 'criteria_provided,_conflicting_classifications']


def contigs(tsv):
    out = []
    with open(tsv) as f:
        for line in f:
            if line.startswith('#'):
                continue
            b, c, length = line.rstrip('\n').split('\t')[:3]
            if b == 'GRCh38':
                out.append((c, int(length)))
    return out


def main():
    patient, cv_n, gn_n, cv_out, gn_out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
    seed = int(sys.argv[6]) if len(sys.argv) > 6 else 7
    here = os.path.dirname(os.path.abspath(__file__))
    ctgs = contigs(os.path.join(here, '..', 'pipeline', 'genome_builds.tsv'))
    rng = random.Random(seed)
    rnd = rng.random
    bases = 'ACGT'

    # patient alleles: count first, to spread the extra records evenly
    n_pat = 0
    with gzip.open(patient, 'rt') as f:
        for line in f:
            if line[0] != '#':
                n_pat += line.split('\t', 5)[4].count(',') + 1
    gn_extra = max(0.0, (gn_n - 0.9 * n_pat) / max(1, n_pat))
    cv_extra = max(0.0, (cv_n - 0.1 * n_pat) / max(1, n_pat))

    cv = open(cv_out, 'w')
    gn = open(gn_out, 'w')
    cv.write('##fileformat=VCFv4.1\n##fileDate=2026-01-01\n##source=ClinVar-like (revus bench)\n##reference=GRCh38\n')
    cv.write(''.join('##contig=<ID=%s,length=%d>\n' % c for c in ctgs))
    cv.write('##INFO=<ID=ALLELEID,Number=1,Type=Integer,Description="allele id">\n'
             '##INFO=<ID=CLNSIG,Number=.,Type=String,Description="classification">\n'
             '##INFO=<ID=CLNREVSTAT,Number=.,Type=String,Description="review status">\n'
             '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n')
    gn.write('##fileformat=VCFv4.2\n##FILTER=<ID=PASS,Description="All filters passed">\n'
             '##FILTER=<ID=AC0,Description="Allele count is zero">\n')
    gn.write(''.join('##contig=<ID=chr%s,length=%d>\n' % c for c in ctgs))
    gn.write('##INFO=<ID=AC,Number=A,Type=Integer,Description="Alternate allele count">\n'
             '##INFO=<ID=AN,Number=1,Type=Integer,Description="Total number of alleles">\n'
             '##INFO=<ID=AF,Number=A,Type=Float,Description="Alternate allele frequency">\n'
             '##INFO=<ID=AF_grpmax,Number=A,Type=Float,Description="Maximum allele frequency across groups">\n'
             '##INFO=<ID=nhomalt,Number=A,Type=Integer,Description="Homozygous individuals">\n'
             '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n')
    cvb, gnb = [], []
    vid = [0]

    def gn_rec(chrom, pos, ref, alt):
        an = 152000 + int(rnd() * 2000)
        ac = 1 + int((rnd() ** 6) * an * 0.5)
        filt = 'AC0' if rnd() < 0.03 else 'PASS'
        gnb.append('%s\t%d\t.\t%s\t%s\t.\t%s\tAC=%d;AN=%d;AF=%.5g;AF_grpmax=%.5g;nhomalt=%d\n'
                   % (chrom, pos, ref, alt, filt, ac, an, ac / an, min(1.0, ac / an * (1 + rnd() * 3)),
                      int(ac * ac / an / 2)))

    def cv_rec(chrom, pos, ref, alt):
        vid[0] += 1
        cvb.append('%s\t%d\t%d\t%s\t%s\t.\t.\tALLELEID=%d;CLNREVSTAT=%s;CLNSIG=%s\n'
                   % (chrom[3:], pos, vid[0], ref, alt, vid[0] + 100000,
                      REVSTAT[int(rnd() * len(REVSTAT))], CLNSIG[int(rnd() * len(CLNSIG))]))

    def extras(chrom, lo, hi, k_gn, k_cv):
        # random sites strictly between lo and hi, sorted, SNVs
        if hi - lo < 2:
            return
        pts = []
        for _ in range(k_gn):
            pts.append((lo + 1 + int(rnd() * (hi - lo - 1)), 0))
        for _ in range(k_cv):
            pts.append((lo + 1 + int(rnd() * (hi - lo - 1)), 1))
        pts.sort()
        for p, which in pts:
            r = bases[int(rnd() * 4)]
            a = bases[(bases.index(r) + 1 + int(rnd() * 3)) % 4]
            (cv_rec if which else gn_rec)(chrom, p, r, a)

    def count(x):
        k = int(x)
        return k + (1 if rnd() < x - k else 0)

    prev_chrom, prev_pos = None, 0
    with gzip.open(patient, 'rt') as f:
        for line in f:
            if line[0] == '#':
                continue
            chrom, pos, _, ref, alts = line.split('\t', 5)[:5]
            pos = int(pos)
            if chrom != prev_chrom:
                prev_chrom, prev_pos = chrom, 0
            n_alt = alts.count(',') + 1
            extras(chrom, prev_pos, pos, count(gn_extra * n_alt), count(cv_extra * n_alt))
            for alt in alts.split(','):
                if rnd() < 0.9:
                    gn_rec(chrom, pos, ref, alt)
                if rnd() < 0.1:
                    cv_rec(chrom, pos, ref, alt)
            prev_pos = pos
            if len(gnb) > 50000:
                gn.write(''.join(gnb)); gnb = []
                cv.write(''.join(cvb)); cvb = []
    gn.write(''.join(gnb))
    cv.write(''.join(cvb))
    gn.close()
    cv.close()


if __name__ == '__main__':
    main()
