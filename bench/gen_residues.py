#!/usr/bin/env python3
"""Generate the data of bench/bench_residues.sh: a synthetic chromosome 1 (FASTA), a GFF3
with GENES coding genes on it (ten exons each), a ClinVar-like VCF with RECORDS records
inside those genes (a third P/LP, the rest VUS or benign; header as NCBI's) and an
unannotated patient VCF with one coding SNV per gene.

usage: gen_residues.py GENES RECORDS SEED OUT_PREFIX
writes OUT_PREFIX.fa (+ .fai), .gff3, .clinvar.vcf, .patient.vcf"""
import random
import sys

genes, records, seed, out = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
rnd = random.Random(seed)
SPAN, EXONS, EXON_LEN = 20000, 10, 150          # per gene: 10 exons of 150 bp, 20 kb apart
length = genes * SPAN + 10000
bases = bytearray(rnd.choices(b"ACGT", k=length))
STOPS = {b"TAA", b"TAG", b"TGA"}

gff = ["##gff-version 3"]
coding = []                                       # per gene: the genomic positions of its CDS
for g in range(genes):
    start = 5000 + g * SPAN
    exons = [(start + i * 1900, start + i * 1900 + EXON_LEN - 1) for i in range(EXONS)]
    pos = [p for a, b in exons for p in range(a, b + 1)]
    # a clean open reading frame: ATG, no stop inside, a stop at the end
    for i in range(0, len(pos) - 3, 3):
        while bytes(bases[pos[i + k] - 1] for k in range(3)) in STOPS:
            bases[pos[i + 2] - 1] = ord(rnd.choice("ACGT"))
    for k, c in enumerate(b"ATG"):
        bases[pos[k] - 1] = c
    for k, c in enumerate(b"TAA"):
        bases[pos[-3 + k] - 1] = c
    name, gid, tid = f"SYN{g + 1}", f"gene:ENSGSYN{g + 1:06d}", f"transcript:ENSTSYN{g + 1:06d}"
    gff.append(f"1\tbench\tgene\t{exons[0][0]}\t{exons[-1][1]}\t.\t+\t.\tID={gid};Name={name};biotype=protein_coding")
    gff.append(f"1\tbench\tmRNA\t{exons[0][0]}\t{exons[-1][1]}\t.\t+\t.\tID={tid};Parent={gid};Name={name}-201;"
               f"biotype=protein_coding;tag=Ensembl_canonical;transcript_id=ENSTSYN{g + 1:06d};version=1")
    for a, b in exons:
        gff.append(f"1\tbench\texon\t{a}\t{b}\t.\t+\t.\tParent={tid}")
        gff.append(f"1\tbench\tCDS\t{a}\t{b}\t.\t+\t0\tParent={tid}")   # exons of 150 bp: phase 0
    coding.append(pos)

with open(out + ".fa", "w") as f:
    f.write(">1\n")
    for i in range(0, length, 60):
        f.write(bases[i:i + 60].decode() + "\n")
with open(out + ".fa.fai", "w") as f:
    f.write(f"1\t{length}\t3\t60\t61\n")
with open(out + ".gff3", "w") as f:
    f.write("\n".join(gff) + "\n")

head = """##fileformat=VCFv4.1
##fileDate=2026-01-05
##source=ClinVar
##contig=<ID=1,length=%d>
##INFO=<ID=ALLELEID,Number=1,Type=Integer,Description="the ClinVar Allele ID">
##INFO=<ID=CLNDN,Number=.,Type=String,Description="ClinVar preferred disease name">
##INFO=<ID=CLNHGVS,Number=.,Type=String,Description="HGVS">
##INFO=<ID=CLNREVSTAT,Number=.,Type=String,Description="ClinVar review status">
##INFO=<ID=CLNSIG,Number=.,Type=String,Description="Aggregate germline classification">
##INFO=<ID=CLNSIGCONF,Number=.,Type=String,Description="Conflicting germline classification">
##INFO=<ID=CLNSIGINCL,Number=.,Type=String,Description="Included">
##INFO=<ID=GENEINFO,Number=1,Type=String,Description="Gene">
#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO
""" % length
sigs = ["Pathogenic", "Likely_pathogenic", "Pathogenic/Likely_pathogenic", "Uncertain_significance",
        "Uncertain_significance", "Uncertain_significance", "Likely_benign", "Benign", "Benign"]
sites = set()
while len(sites) < records:
    g = rnd.randrange(genes)
    p = rnd.choice(coding[g]) if rnd.random() < 0.7 else 5000 + g * SPAN + rnd.randrange(18000)
    sites.add((p, g))
with open(out + ".clinvar.vcf", "w") as f:
    f.write(head)
    for i, (p, g) in enumerate(sorted(sites)):
        ref = chr(bases[p - 1])
        alt = rnd.choice([b for b in "ACGT" if b != ref])
        f.write(f"1\t{p}\t{i + 1}\t{ref}\t{alt}\t.\t.\tALLELEID={i + 1};"
                f"CLNREVSTAT=criteria_provided,_multiple_submitters,_no_conflicts;CLNSIG={rnd.choice(sigs)};"
                f"GENEINFO=SYN{g + 1}:{g + 1}\n")
with open(out + ".patient.vcf", "w") as f:
    f.write("##fileformat=VCFv4.2\n##contig=<ID=1,length=%d>\n" % length)
    f.write('##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n')
    f.write("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tP1\n")
    for g in range(genes):
        p = coding[g][30 + rnd.randrange(len(coding[g]) - 60)]
        ref = chr(bases[p - 1])
        f.write(f"1\t{p}\t.\t{ref}\t{rnd.choice([b for b in 'ACGT' if b != ref])}\t.\t.\t.\tGT\t0/1\n")
