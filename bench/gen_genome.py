#!/usr/bin/env python3
"""A synthetic GRCh38-sized genome and gene model that agree with a bench VCF.

Usage: gen_genome.py VCF.gz OUT.fa OUT.gff3 [GENES] [SEED]

OUT.fa: the 24 GRCh38 primary chromosomes at their real lengths (pipeline/genome_builds.tsv),
named as in the VCF (chr1..), random bases except that every REF of VCF.gz is written at its
position, so REF always matches; OUT.fa.fai is written beside it. OUT.gff3: GENES protein-coding genes (default 20,000), spread
over the chromosomes in proportion to their lengths, each with two transcripts of 4-14 exons
in Ensembl's GFF3 layout (gene, mRNA, exon, CDS with phases), half on each strand.
Same inputs and SEED give the same bytes.
"""
import gzip
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def contigs():
    out = []
    with open(os.path.join(HERE, "..", "pipeline", "genome_builds.tsv")) as f:
        for line in f:
            if line.startswith("#"):
                continue
            b, c, length = line.rstrip("\n").split("\t")[:3]
            if b == "GRCh38" and c != "MT":
                out.append(("chr" + c, int(length)))
    return out


def refs_by_contig(vcf):
    by = {}
    with gzip.open(vcf, "rt") as f:
        for line in f:
            if line[0] == "#":
                continue
            c, p, _, r = line.split("\t", 4)[:4]
            by.setdefault(c, []).append((int(p), r))
    return by


def write_fasta(path, ctgs, refs, rng):
    table = bytes.maketrans(bytes(range(256)), b"ACGT" * 64)
    fai = []
    with open(path, "wb") as out:
        for name, length in ctgs:
            seq = bytearray(rng.randbytes(length).translate(table))
            for p, r in refs.get(name, ()):
                seq[p - 1:p - 1 + len(r)] = r.encode()
            del seq[length:]
            out.write((">%s\n" % name).encode())
            fai.append("%s\t%d\t%d\t60\t61\n" % (name, length, out.tell()))
            for i in range(0, length, 60):
                out.write(seq[i:i + 60])
                out.write(b"\n")
    with open(path + ".fai", "w") as f:     # the faidx index: every line 60 bases
        f.writelines(fai)


def write_gff(path, ctgs, n_genes, rng):
    total = sum(l for _, l in ctgs)
    with open(path, "w") as out:
        out.write("##gff-version 3\n#!genome-version GRCh38\n")
        g = 0
        for name, length in ctgs:
            k = max(1, round(n_genes * length / total))
            step = length // (k + 1)
            for i in range(k):
                g += 1
                start = step * (i + 1) - 20000 + rng.randint(0, 10000)
                strand = "+" if g % 2 else "-"
                gid = "ENSG%011d" % g
                glen = rng.randint(8000, 60000)
                out.write("%s\tbench\tgene\t%d\t%d\t.\t%s\t.\tID=gene:%s;Name=GENE%d;biotype=protein_coding;gene_id=%s\n"
                          % (name, start, start + glen, strand, gid, g, gid))
                for t in range(2):
                    tid = "ENST%011d" % (2 * g + t)
                    n_ex = rng.randint(4, 14)
                    cuts = sorted(rng.sample(range(start + 1, start + glen - 1), 2 * n_ex - 2))
                    bounds = [start] + cuts + [start + glen]
                    exons = [(bounds[2 * j], min(bounds[2 * j + 1], bounds[2 * j] + rng.randint(60, 400)))
                             for j in range(n_ex)]
                    ts, te = exons[0][0], exons[-1][1]
                    out.write("%s\tbench\tmRNA\t%d\t%d\t.\t%s\t.\tID=transcript:%s;Parent=gene:%s;biotype=protein_coding;"
                              "transcript_id=%s;version=1%s\n" % (name, ts, te, strand, tid, gid, tid,
                                                                   ";tag=Ensembl_canonical" if t == 0 else ""))
                    for s, e in exons:
                        out.write("%s\tbench\texon\t%d\t%d\t.\t%s\t.\tParent=transcript:%s\n" % (name, s, e, strand, tid))
                    # CDS: from 30 bases into the first exon (transcript order) to 30 before the end
                    order = exons if strand == "+" else exons[::-1]
                    done = 0
                    cds = []
                    for j, (s, e) in enumerate(order):
                        cs, ce = s, e
                        if j == 0:
                            if strand == "+": cs = s + 30
                            else: ce = e - 30
                        if j == len(order) - 1:
                            if strand == "+": ce = e - 30
                            else: cs = s + 30
                        if ce < cs:
                            continue
                        cds.append((cs, ce, (3 - done % 3) % 3))
                        done += ce - cs + 1
                    for cs, ce, ph in cds:
                        out.write("%s\tbench\tCDS\t%d\t%d\t.\t%s\t%d\tID=CDS:%s;Parent=transcript:%s\n"
                                  % (name, cs, ce, strand, ph, tid, tid))


def main():
    vcf, fa, gff = sys.argv[1:4]
    n_genes = int(sys.argv[4]) if len(sys.argv) > 4 else 20000
    seed = int(sys.argv[5]) if len(sys.argv) > 5 else 7
    rng = random.Random(seed)
    ctgs = contigs()
    write_gff(gff, ctgs, n_genes, rng)
    write_fasta(fa, ctgs, refs_by_contig(vcf), rng)


if __name__ == "__main__":
    main()
