#!/usr/bin/env python3
"""Generate a deterministic WGS-like single-sample VCF on stdout (pipe it to bgzip).

Usage: gen_vcf.py [N] [SEED] [BUILDS_TSV]

N variants (default 5,000,000) spread over the 24 GRCh38 primary contigs in proportion to
their lengths (taken from pipeline/genome_builds.tsv), sorted, about 85% SNVs, 12% indels
and 3% multiallelic records, a few indels written with extra context so they need trimming.
FORMAT GT:DP:GQ:AD. Same N and SEED give the same bytes.
"""
import os
import random
import sys

def contigs(tsv):
    out = []
    with open(tsv) as f:
        for line in f:
            if line.startswith('#'):
                continue
            b, c, length = line.rstrip('\n').split('\t')[:3]
            if b == 'GRCh38' and c != 'MT':
                out.append(('chr' + c, int(length)))
    return out

def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5_000_000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 42
    here = os.path.dirname(os.path.abspath(__file__))
    tsv = sys.argv[3] if len(sys.argv) > 3 else os.path.join(here, '..', 'pipeline', 'genome_builds.tsv')
    rng = random.Random(seed)
    ctgs = contigs(tsv)
    total = sum(l for _, l in ctgs)
    w = sys.stdout.write
    hdr = ['##fileformat=VCFv4.2', '##FILTER=<ID=PASS,Description="All filters passed">',
           '##FILTER=<ID=LowQual,Description="Low quality">']
    hdr += ['##contig=<ID=%s,length=%d>' % c for c in ctgs]
    hdr += ['##INFO=<ID=AC,Number=A,Type=Integer,Description="Allele count">',
            '##INFO=<ID=AF,Number=A,Type=Float,Description="Allele frequency">',
            '##INFO=<ID=AN,Number=1,Type=Integer,Description="Total alleles">',
            '##INFO=<ID=DP,Number=1,Type=Integer,Description="Depth">',
            '##INFO=<ID=MQ,Number=1,Type=Float,Description="Mapping quality">',
            '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
            '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Depth">',
            '##FORMAT=<ID=GQ,Number=1,Type=Integer,Description="Genotype quality">',
            '##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allele depths">',
            '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tSAMPLE1']
    w('\n'.join(hdr) + '\n')
    bases = 'ACGT'
    rnd = rng.random
    rint = rng.randint
    def seq(k):
        return ''.join(bases[int(rnd() * 4)] for _ in range(k))
    done = 0
    buf = []
    for ci, (name, length) in enumerate(ctgs):
        m = n - done if ci == len(ctgs) - 1 else int(round(n * length / total))
        done += m
        gap = max(2, length // (m + 1))
        pos = 10000
        for _ in range(m):
            pos += 1 + int(rnd() * 2 * gap)
            if pos > length - 100:
                pos = length - 100
            t = rnd()
            r = bases[int(rnd() * 4)]
            if t < 0.85:                      # SNV
                a = bases[(bases.index(r) + 1 + int(rnd() * 3)) % 4]
                alts = [a]
            elif t < 0.91:                    # deletion
                ref = r + seq(rint(1, 8))
                alts = [r]
                r = ref
            elif t < 0.97:                    # insertion
                alts = [r + seq(rint(1, 8))]
            else:                             # multiallelic: two ALTs
                a1 = bases[(bases.index(r) + 1) % 4]
                alts = [a1, r + seq(rint(1, 4))] if rnd() < 0.5 else [a1, bases[(bases.index(r) + 2) % 4]]
            if len(alts) == 1 and rnd() < 0.005:   # not parsimonious: extra shared base
                c = bases[int(rnd() * 4)]
                r, alts = r + c, [alts[0] + c]
            dp = rint(8, 60)
            if len(alts) == 2:
                gt = '1/2'
                a1 = rint(1, dp // 2)
                ad = '%d,%d,%d' % (dp - a1 - (dp - a1) // 2, a1, (dp - a1) // 2)
                info = 'AC=1,1;AF=0.5,0.5;AN=2;DP=%d;MQ=60.00' % dp
            elif rnd() < 0.62:
                gt = '0/1'
                a1 = rint(1, dp)
                ad = '%d,%d' % (dp - a1, a1)
                info = 'AC=1;AF=0.5;AN=2;DP=%d;MQ=60.00' % dp
            else:
                gt = '1/1'
                ad = '0,%d' % dp
                info = 'AC=2;AF=1.00;AN=2;DP=%d;MQ=60.00' % dp
            qual = '%.2f' % (rnd() * 900 + 20)
            filt = 'PASS' if rnd() < 0.93 else 'LowQual'
            buf.append('%s\t%d\t.\t%s\t%s\t%s\t%s\t%s\tGT:DP:GQ:AD\t%s:%d:%d:%s\n'
                       % (name, pos, r, ','.join(alts), qual, filt, info, gt, dp, rint(0, 99), ad))
            if len(buf) >= 20000:
                w(''.join(buf))
                buf = []
    w(''.join(buf))

if __name__ == '__main__':
    main()
