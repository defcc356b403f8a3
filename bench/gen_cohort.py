#!/usr/bin/env python3
"""Generate a deterministic exome-like cohort and its knowledge sources for the incremental-run
benchmark (bench/bench_incremental.sh). Everything is SYNTHETIC.

Usage: gen_cohort.py OUT N_SAMPLES [SEED]

Writes into OUT:
  genes.bed              gene intervals (BED, name = gene symbol), GRCh38-like contigs
  panel.json             a PanelApp-shaped panel: a third of the genes green
  gnomad.vcf             AF/AN of every site of the cohort's site pool
  clinvar_v1.vcf         ClinVar-like records: at pool sites and elsewhere in the genes
  clinvar_v2.vcf         the same with 0.5% of records changed (significance or review status
                         moved, a few removed, a few added), as a weekly ClinVar release does
  vcf/SNNN.vcf           one exome-like sample each (no compression; the script bgzips them)
  manifest.tsv           sample, vcf, indication (EX), sex
  indications.json       the EX indication and its panel
The site pool is 120,000 sites inside the genes: half common (each sample carries one with
probability 0.5, a quarter of them homozygous) and half rare (probability 0.005), so a
sample has about 30,000 variants, most shared, a few hundred its own."""
import json, os, random, sys

OUT, N = sys.argv[1], int(sys.argv[2])
SEED = int(sys.argv[3]) if len(sys.argv) > 3 else 7
rng = random.Random(SEED)
os.makedirs(os.path.join(OUT, "vcf"), exist_ok=True)
CONTIGS = [(str(c), l) for c, l in [(1, 248956422), (2, 242193529), (3, 198295559), (4, 190214555), (5, 181538259),
           (6, 170805979), (7, 159345973), (8, 145138636), (9, 138394717), (10, 133797422), (11, 135086622),
           (12, 133275309), (13, 114364328), (14, 107043718), (15, 101991189), (16, 90338345), (17, 83257441),
           (18, 80373285), (19, 58617616), (20, 64444167), (21, 46709983), (22, 50818468), ("X", 156040895)]]
N_GENES, GENE_LEN = 2000, 40000
genes = []
for i in range(N_GENES):
    c, l = rng.choices(CONTIGS, weights=[l for _, l in CONTIGS])[0]
    x = rng.randint(1, l - GENE_LEN)
    genes.append((c, x, x + GENE_LEN - 1, "G%04d" % i))
order = {c: k for k, (c, _) in enumerate(CONTIGS)}
genes.sort(key=lambda g: (order[g[0]], g[1]))
with open(os.path.join(OUT, "genes.bed"), "w") as f:
    for c, s, e, name in genes:
        f.write("chr%s\t%d\t%d\t%s\n" % (c, s - 1, e, name))
green = sorted(rng.sample([g[3] for g in genes], N_GENES // 3))
panel = {"id": 95001, "name": "bench exome panel (SYNTHETIC)", "version": "1.0", "status": "public",
         "genes": [{"gene_data": {"gene_symbol": g, "hgnc_id": "HGNC:%d" % (90000 + int(g[1:]))},
                    "entity_type": "gene", "entity_name": g, "confidence_level": "3",
                    "mode_of_inheritance": "BIALLELIC, autosomal or pseudoautosomal"} for g in green]}
json.dump(panel, open(os.path.join(OUT, "panel.json"), "w"))
json.dump({"indications": {"EX": {"name": "bench exome (synthetic)", "panels": ["bench-panel"]}}},
          open(os.path.join(OUT, "indications.json"), "w"))

B = "ACGT"
def site(g):
    c, s, e, _ = g
    pos = rng.randint(s, e)
    ref = rng.choice(B)
    if rng.random() < 0.9:
        return (c, pos, ref, rng.choice([b for b in B if b != ref]))
    return (c, pos, ref, ref + "".join(rng.choice(B) for _ in range(rng.randint(1, 4))))

pool = {}
while len(pool) < 120000:
    pool.setdefault(site(rng.choice(genes)), None)
keys = sorted(pool, key=lambda k: (order[k[0]], k[1], k[2], k[3]))
# no two pool sites at one position: keeps every sample VCF one record per position
seen, uniq = set(), []
for k in keys:
    if (k[0], k[1]) not in seen:
        seen.add((k[0], k[1]))
        uniq.append(k)
keys = uniq
common = set(k for k in keys if rng.random() < 0.5)
af = {k: (rng.uniform(0.06, 0.6) if k in common else rng.choice([0.00002, 0.0001, 0.0005, 0.002, 0.008])) for k in keys}
with open(os.path.join(OUT, "gnomad.vcf"), "w") as f:
    f.write("##fileformat=VCFv4.2\n")
    for c, l in CONTIGS:
        f.write("##contig=<ID=chr%s,length=%d>\n" % (c, l))
    f.write('##INFO=<ID=AF,Number=A,Type=Float,Description="AF">\n##INFO=<ID=AN,Number=1,Type=Integer,Description="AN">\n'
            '##INFO=<ID=AC,Number=A,Type=Integer,Description="AC">\n##INFO=<ID=AF_grpmax,Number=A,Type=Float,Description="x">\n'
            '##INFO=<ID=nhomalt,Number=A,Type=Integer,Description="x">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n')
    for k in keys:
        f.write("chr%s\t%d\t.\t%s\t%s\t.\tPASS\tAF=%.6g;AN=150000;AC=%d;AF_grpmax=%.6g;nhomalt=0\n"
                % (k[0], k[1], k[2], k[3], af[k], max(1, int(af[k] * 150000)), af[k]))

SIG_RARE = ["Pathogenic", "Likely_pathogenic", "Uncertain_significance", "Uncertain_significance", "Likely_benign"]
SIG_COMMON = ["Benign", "Likely_benign", "Benign/Likely_benign"]
REV = ["criteria_provided,_single_submitter", "criteria_provided,_multiple_submitters,_no_conflicts",
       "reviewed_by_expert_panel", "no_assertion_criteria_provided"]
clinvar = {}
for k in keys:
    if k in common and rng.random() < 0.1:
        clinvar[k] = [rng.choice(SIG_COMMON), rng.choice(REV)]
    elif k not in common and rng.random() < 0.2:
        clinvar[k] = [rng.choice(SIG_RARE), rng.choice(REV)]
while len(clinvar) < 40000:
    s = site(rng.choice(genes))
    if (s[0], s[1]) not in seen:
        seen.add((s[0], s[1]))
        clinvar[s] = [rng.choice(SIG_RARE), rng.choice(REV)]


ids = {}


def write_clinvar(path, date, recs):
    with open(path, "w") as f:
        f.write("##fileformat=VCFv4.1\n##fileDate=%s\n##source=ClinVar-like (bench)\n" % date)
        f.write('##INFO=<ID=CLNSIG,Number=.,Type=String,Description="x">\n'
                '##INFO=<ID=CLNREVSTAT,Number=.,Type=String,Description="x">\n'
                "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n")
        for k in sorted(recs, key=lambda k: (order[k[0]], k[1], k[2], k[3])):
            if k not in ids:                   # a record keeps its Variation ID across releases
                ids[k] = 100000 + len(ids)
            f.write("%s\t%d\t%d\t%s\t%s\t.\t.\tCLNSIG=%s;CLNREVSTAT=%s\n" % (k[0], k[1], ids[k], k[2], k[3],
                                                                         recs[k][0], recs[k][1]))


write_clinvar(os.path.join(OUT, "clinvar_v1.vcf"), "2026-11-23", clinvar)
v2 = {k: list(v) for k, v in clinvar.items()}
n_change = len(v2) // 200                                  # 0.5% of records
ck = sorted(v2, key=lambda k: (order[k[0]], k[1], k[2], k[3]))
for k in rng.sample(ck, n_change):
    r = rng.random()
    if r < 0.1:
        del v2[k]
    elif r < 0.55:
        v2[k][0] = rng.choice([s for s in SIG_RARE + SIG_COMMON if s != v2[k][0]])
    else:
        v2[k][1] = rng.choice([s for s in REV if s != v2[k][1]])
for _ in range(n_change // 10):
    s = site(rng.choice(genes))
    if (s[0], s[1]) not in seen:
        seen.add((s[0], s[1]))
        v2[s] = [rng.choice(SIG_RARE), rng.choice(REV)]
write_clinvar(os.path.join(OUT, "clinvar_v2.vcf"), "2026-11-30", v2)

hdr = ["##fileformat=VCFv4.2"] + ["##contig=<ID=chr%s,length=%d>" % c for c in CONTIGS] + [
    '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
    '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Depth">']
with open(os.path.join(OUT, "manifest.tsv"), "w") as man:
    man.write("sample\tvcf\tindication\tsex\tfamily\n")
    for i in range(N):
        sid = "S%03d" % (i + 1)
        with open(os.path.join(OUT, "vcf", sid + ".vcf"), "w") as f:
            f.write("\n".join(hdr) + "\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\t%s\n" % sid)
            for k in keys:
                p = 0.5 if k in common else 0.005
                if rng.random() < p:
                    gt = "1/1" if k in common and rng.random() < 0.25 else "0/1"
                    f.write("chr%s\t%d\t.\t%s\t%s\t50\tPASS\t.\tGT:DP\t%s:%d\n" % (k[0], k[1], k[2], k[3], gt,
                                                                                rng.randint(15, 60)))
        man.write("%s\tvcf/%s.vcf.gz\tEX\t%s\t.\n" % (sid, sid, rng.choice("MF")))
