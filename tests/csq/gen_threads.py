#!/usr/bin/env python3
"""A small synthetic genome, gene model and VCF for checking that `revus csq` writes the same
bytes whatever --threads is.

Usage: gen_threads.py OUTDIR [RECORDS] [SEED]

Writes OUTDIR/genome.fa (+ .fai; two chromosomes of random bases), OUTDIR/genes.gff3 (genes in
Ensembl's GFF3 layout, both strands, by bench/gen_genome.py's writer) and OUTDIR/calls.vcf:
RECORDS (default 30,000) sorted records, dense over the genes so most of them hit a
transcript: SNVs, MNVs, deletions, insertions, multiallelic records, symbolic <DEL> (with END)
and <INS>, an INFO that is '.' or already holds an RV_CSQ (replaced), and one record in 500
whose REF differs from the genome. Same arguments, same bytes.
"""
import os
import random
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bench"))
import gen_genome  # noqa: E402

CONTIGS = [("chr1", 400000), ("chr2", 300000)]


def read_fasta(path):
    seqs, name = {}, None
    with open(path) as f:
        for line in f:
            if line.startswith(">"):
                name = line[1:].strip()
                seqs[name] = []
            else:
                seqs[name].append(line.strip())
    return {k: "".join(v) for k, v in seqs.items()}


def gene_spans(gff):
    spans = []
    with open(gff) as f:
        for line in f:
            c = line.split("\t")
            if len(c) > 4 and c[2] == "gene":
                spans.append((c[0], int(c[3]), int(c[4])))
    return spans


def record(rng, c, seq, p):
    """One VCF record at p (1-based) on c: (pos, ref, alt, info)."""
    b = lambda: rng.choice("ACGT")
    ref1 = seq[p - 1]
    kind = rng.random()
    if kind < 0.45:
        alt = rng.choice([x for x in "ACGT" if x != ref1])
        return p, ref1, alt, ""
    if kind < 0.55:
        n = rng.randint(2, 4)
        ref = seq[p - 1:p - 1 + n]
        return p, ref, "".join(b() for _ in ref), ""
    if kind < 0.70:
        n = rng.randint(1, 12)
        return p, seq[p - 1:p + n], ref1, ""
    if kind < 0.85:
        return p, ref1, ref1 + "".join(b() for _ in range(rng.randint(1, 12))), ""
    if kind < 0.92:
        alts = sorted({x for x in (b(), b(), b()) if x != ref1}) or [("A" if ref1 != "A" else "C")]
        return p, ref1, ",".join(alts + [ref1 + b() + b()]), ""
    if kind < 0.96:
        return p, ref1, "<DEL>", "SVTYPE=DEL;END=%d" % (p + rng.randint(50, 3000))
    return p, ref1, "<INS>", "SVTYPE=INS"


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 30000
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 13)
    os.makedirs(out, exist_ok=True)
    fa, gff = os.path.join(out, "genome.fa"), os.path.join(out, "genes.gff3")
    gen_genome.write_gff(gff, CONTIGS, 12, rng)
    gen_genome.write_fasta(fa, CONTIGS, {}, rng)
    seqs, spans = read_fasta(fa), gene_spans(gff)
    recs = {}
    while len(recs) < n:
        c, s, e = rng.choice(spans) if rng.random() < 0.9 else (CONTIGS[0][0], 1, CONTIGS[0][1])
        p = rng.randint(max(1, s - 200), min(e + 200, len(seqs[c]) - 20))
        recs[(c, p)] = record(rng, c, seqs[c], p)
    with open(os.path.join(out, "calls.vcf"), "w") as f:
        f.write("##fileformat=VCFv4.2\n")
        for c, length in CONTIGS:
            f.write("##contig=<ID=%s,length=%d>\n" % (c, length))
        f.write('##INFO=<ID=SVTYPE,Number=1,Type=String,Description="Type of structural variant">\n'
                '##INFO=<ID=END,Number=1,Type=Integer,Description="End position">\n'
                '##INFO=<ID=DP,Number=1,Type=Integer,Description="Depth">\n'
                '##INFO=<ID=RV_CSQ,Number=.,Type=String,Description="An older annotation">\n'
                '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
                "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n")
        order = {c: i for i, (c, _) in enumerate(CONTIGS)}
        for i, (c, p) in enumerate(sorted(recs, key=lambda k: (order[k[0]], k[1]))):
            pos, ref, alt, info = recs[(c, p)]
            if i % 500 == 499 and alt[0] != "<":
                ref = "".join("C" if x != "C" else "G" for x in ref)   # REF differs from the genome
                alt = ",".join(a for a in alt.split(",") if a != ref) or "T"
            r = rng.random()
            if not info:
                info = "." if r < 0.2 else "RV_CSQ=old|entry;DP=%d" % rng.randint(5, 90) if r < 0.3 else \
                       "DP=%d;RV_CSQ=old" % rng.randint(5, 90) if r < 0.35 else "DP=%d" % rng.randint(5, 90)
            f.write("%s\t%d\t.\t%s\t%s\t50\tPASS\t%s\tGT\t%s\n" % (c, pos, ref, alt, info, rng.choice(["0/1", "1/1", "0|1"])))


if __name__ == "__main__":
    main()
