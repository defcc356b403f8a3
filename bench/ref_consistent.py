#!/usr/bin/env python3
"""Keep the records of a VCF whose REF matches a FASTA (bcftools csq stops at the first that
does not). Usage: ref_consistent.py IN.vcf.gz REF.fa > OUT.vcf; REF.fa needs its .fai.
bench/gen_vcf.py writes some overlapping records with disagreeing REFs, and
bench/gen_genome.py can honour only one of them; the others are dropped here (counted on
stderr)."""
import gzip
import mmap
import sys


def main():
    vcf, fa = sys.argv[1], sys.argv[2]
    fai = {}
    with open(fa + ".fai") as f:
        for line in f:
            name, length, off, lb, lw = line.split("\t")[:5]
            fai[name] = (int(length), int(off), int(lb), int(lw))
    with open(fa, "rb") as f:
        m = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    out = sys.stdout
    dropped = 0
    with gzip.open(vcf, "rt") as f:
        for line in f:
            if line[0] == "#":
                out.write(line)
                continue
            c, p, _, r = line.split("\t", 4)[:4]
            length, off, lb, lw = fai[c]
            p0 = int(p) - 1
            seq = bytearray()
            for i in range(p0, p0 + len(r)):
                seq.append(m[off + i // lb * lw + i % lb])
            if seq.decode().upper() == r.upper():
                out.write(line)
            else:
                dropped += 1
    print("ref_consistent: %d records dropped (REF differs from %s)" % (dropped, fa), file=sys.stderr)


if __name__ == "__main__":
    main()
