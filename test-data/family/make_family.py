#!/usr/bin/env python3
"""Regenerate the synthetic family fixtures in this folder (run by hand, never by tests).

  python3 test-data/family/make_family.py

Writes two synthetic ClinVar-shaped releases (GRCh38) for the variants of the Talos trio
(talos_trio_joint.GRCh38.vcf.bgz, copied, MIT) and of the synthetic X-linked trio, a
synthetic PanelApp-shaped panel naming synthetic genes with their modes of inheritance,
the synthetic X-linked trio VCF and the manifests. Deterministic.
"""
import json, os

HERE = os.path.dirname(os.path.abspath(__file__))
ORDER = [str(i) for i in range(1, 23)] + ["X", "Y", "MT"]


def lengths():
    out = {}
    for line in open(os.path.join(HERE, "..", "..", "pipeline", "genome_builds.tsv")):
        f = line.rstrip("\n").split("\t")
        if len(f) == 3 and f[0] == "GRCh38":
            out[f[1]] = int(f[2])
    return out


LEN = lengths()
ONE, TWO = "criteria_provided,_single_submitter", "criteria_provided,_multiple_submitters,_no_conflicts"
VUS, LP, P = "Uncertain_significance", "Likely_pathogenic", "Pathogenic"

# (chrom, pos, ref, alt, gene, release-1 (CLNSIG, CLNREVSTAT), release-2) -- genes are SYNTHETIC names
RECORDS = [
    ("1", 21706892, "G", "GA", "SYN_AR_HOM", (P, TWO), (P, TWO)),
    ("2", 135912503, "G", "A", "SYN_AR_PAIR", (P, TWO), (P, TWO)),
    ("2", 135920591, "G", "C", "SYN_AR_PAIR", (VUS, ONE), (LP, TWO)),      # upgraded: completes the pair
    ("6", 26090951, "C", "G", "SYN_AR_HOM2", (VUS, ONE), (VUS, ONE)),
    ("6", 39887558, "C", "T", "SYN_AD_DN1", (VUS, ONE), (VUS, ONE)),
    ("6", 52043102, "C", "G", "SYN_AR_DN", (P, TWO), (P, TWO)),
    ("6", 52043699, "T", "A", "SYN_AR_DN", (LP, TWO), (LP, TWO)),
    ("11", 32392032, "G", "A", "SYN_AD_DN2", (VUS, ONE), (VUS, ONE)),
    ("11", 123057736, "A", "AATC", "SYN_AD_UNTYPED", (VUS, ONE), (VUS, ONE)),
    ("12", 89470359, "A", "C", "SYN_AR_HOM3", (VUS, ONE), (VUS, ONE)),
    ("12", 120291834, "A", "G", "SYN_AD_DN3", (VUS, ONE), (VUS, ONE)),
    ("16", 89279566, "CCTTCGGGG", "C", "SYN_AD_UNTYPED2", (VUS, ONE), (VUS, ONE)),
    ("X", 71109321, "G", "A", "SYN_XLR_TALOS", (P, TWO), (P, TWO)),
    # the synthetic X-linked trio (xtrio.vcf)
    ("X", 31000000, "C", "T", "SYN_XLR", (P, TWO), (P, TWO)),
    ("X", 33000000, "G", "A", "SYN_XLD", (VUS, ONE), (VUS, ONE)),
    ("X", 35000000, "A", "G", "SYN_XLR2", (P, TWO), (P, TWO)),
    ("3", 1000000, "C", "T", "SYN_AR_PHASED", (P, TWO), (P, TWO)),
    ("3", 1005000, "G", "T", "SYN_AR_PHASED", (LP, TWO), (LP, TWO)),
    ("3", 2000000, "G", "A", "SYN_AD_XTRIO", (VUS, ONE), (VUS, ONE)),
    ("3", 3000000, "C", "G", "SYN_AD_XTRIO", (VUS, ONE), (VUS, ONE)),
    ("MT", 3243, "A", "G", "SYN_MT", (P, TWO), (P, TWO)),
    # imprinted genes in the xtrio (docs/inheritance.md, imprinting)
    ("3", 4000000, "C", "T", "SYN_ZIMP_MAT", (VUS, ONE), (LP, TWO)),       # from the mother: silenced allele; upgraded
    ("3", 5000000, "G", "A", "SYN_ZIMP_PAT", (VUS, ONE), (VUS, ONE)),      # from the mother: expressed allele
    ("3", 6000000, "C", "G", "SYN_ZIMP_MAT2", (VUS, ONE), (VUS, ONE)),     # parents not called: origin unknown
    # positions of the VIP trio (molgenis/vip test/suites/vcf/resources/trio.vcf, LGPL, not copied;
    # bench/family_trios.sh reads it from ../shared/real-data when present)
    ("22", 17199629, "A", "C", "SYN_VIP_AR1", (VUS, ONE), (LP, TWO)),
    ("22", 19134440, "G", "T", "SYN_VIP_AR2", (VUS, ONE), (VUS, ONE)),
    ("22", 19253958, "C", "A", "SYN_VIP_AD", (VUS, ONE), (VUS, ONE)),
    ("22", 19718955, "C", "A", "SYN_VIP_UNK", (VUS, ONE), (VUS, ONE)),
]

PANEL_MOI = {
    "SYN_AR_HOM": "BIALLELIC, autosomal or pseudoautosomal",
    "SYN_AR_PAIR": "BIALLELIC, autosomal or pseudoautosomal",
    "SYN_AR_HOM2": "BIALLELIC, autosomal or pseudoautosomal",
    "SYN_AD_DN1": "MONOALLELIC, autosomal or pseudoautosomal, NOT imprinted",
    "SYN_AR_DN": "BIALLELIC, autosomal or pseudoautosomal",
    "SYN_AD_DN2": "MONOALLELIC, autosomal or pseudoautosomal, NOT imprinted",
    "SYN_AD_UNTYPED": "MONOALLELIC, autosomal or pseudoautosomal, imprinted status unknown",
    "SYN_AR_HOM3": "BOTH monoallelic and biallelic, autosomal or pseudoautosomal",
    "SYN_AD_DN3": "MONOALLELIC, autosomal or pseudoautosomal, NOT imprinted",
    "SYN_AD_UNTYPED2": "Unknown",
    "SYN_XLR_TALOS": "X-LINKED: hemizygous mutation in males, biallelic mutations in females",
    "SYN_XLR": "X-LINKED: hemizygous mutation in males, biallelic mutations in females",
    "SYN_XLD": "X-LINKED: hemizygous mutation in males, monoallelic mutations in females may cause disease (may be less severe, later onset than males)",
    "SYN_XLR2": "X-LINKED: hemizygous mutation in males, biallelic mutations in females",
    "SYN_AR_PHASED": "BIALLELIC, autosomal or pseudoautosomal",
    "SYN_MT": "MITOCHONDRIAL",
    "SYN_AD_XTRIO": "MONOALLELIC, autosomal or pseudoautosomal, NOT imprinted",
    "SYN_VIP_AR1": "BIALLELIC, autosomal or pseudoautosomal",
    "SYN_VIP_AR2": "BIALLELIC, autosomal or pseudoautosomal",
    "SYN_VIP_AD": "MONOALLELIC, autosomal or pseudoautosomal, NOT imprinted",
    "SYN_ZIMP_MAT": "MONOALLELIC, autosomal or pseudoautosomal, maternally imprinted (paternal allele expressed)",
    "SYN_ZIMP_PAT": "MONOALLELIC, autosomal or pseudoautosomal, paternally imprinted (maternal allele expressed)",
    "SYN_ZIMP_MAT2": "MONOALLELIC, autosomal or pseudoautosomal, maternally imprinted (paternal allele expressed)",
}


def clinvar(date, which):
    lines = ["##fileformat=VCFv4.1", "##fileDate=%s" % date, "##source=ClinVar (SYNTHETIC test release)",
             "##reference=GRCh38"]
    lines += ["##contig=<ID=%s,length=%d,assembly=GRCh38>" % (c, LEN[c]) for c in ORDER]
    lines += ['##INFO=<ID=CLNSIG,Number=.,Type=String,Description="Aggregate germline classification">',
              '##INFO=<ID=CLNREVSTAT,Number=.,Type=String,Description="ClinVar review status">',
              '##INFO=<ID=GENEINFO,Number=1,Type=String,Description="Gene(s) for the variant">',
              "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO"]
    recs = sorted(RECORDS, key=lambda r: (ORDER.index(r[0]), r[1]))
    for i, r in enumerate(recs):
        sig, rev = r[5 + which]
        lines.append("%s\t%d\t%d\t%s\t%s\t.\t.\tCLNREVSTAT=%s;CLNSIG=%s;GENEINFO=%s:%d"
                     % (r[0], r[1], 900001 + i, r[2], r[3], rev, sig, r[4], 990001 + i))
    return "\n".join(lines) + "\n"


def panel():
    genes = []
    for i, (g, moi) in enumerate(sorted(PANEL_MOI.items())):
        genes.append({"gene_data": {"hgnc_id": "HGNC:99%03d" % i, "hgnc_symbol": g, "gene_symbol": g,
                                    "biotype": "protein_coding"},
                      "entity_type": "gene", "entity_name": g, "confidence_level": "3",
                      "mode_of_pathogenicity": "", "evidence": ["Expert Review Green"], "phenotypes": [],
                      "mode_of_inheritance": moi, "tags": []})
    return {"id": 90014, "name": "revus family test panel (SYNTHETIC genes)", "disease_group": "SYNTHETIC test data",
            "status": "public", "version": "1.0", "version_created": "2024-01-01T09:00:00Z",
            "relevant_disorders": ["FAMTEST"], "stats": {"number_of_genes": len(genes)}, "genes": genes}


def xtrio():
    # XP affected male proband, XM mother, XF father, XS unaffected sister
    hdr = ["##fileformat=VCFv4.2", "##reference=GRCh38"]
    hdr += ["##contig=<ID=chr%s,length=%d>" % (c if c != "MT" else "M", LEN[c]) for c in ORDER]
    hdr += ['##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
            '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Depth">',
            '##FORMAT=<ID=GQ,Number=1,Type=Integer,Description="Genotype quality">',
            '##FORMAT=<ID=PS,Number=1,Type=Integer,Description="Phase set">',
            '##FORMAT=<ID=AF,Number=A,Type=Float,Description="Allele fraction (heteroplasmy on chrM)">',
            "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tXP\tXM\tXF\tXS"]
    rows = [
        ("chr3", 1000000, "C", "T", ["0|1:40:60:1000:.", "./.:.:.:.:.", "./.:.:.:.:.", "0/0:40:60:.:."]),
        ("chr3", 1005000, "G", "T", ["1|0:40:60:1000:.", "./.:.:.:.:.", "./.:.:.:.:.", "0/0:40:60:.:."]),
        ("chr3", 2000000, "G", "A", ["0/1:35:60:.:.", "0/0:30:60:.:.", "0/0:30:60:.:.", "0/0:30:60:.:."]),
        ("chr3", 3000000, "C", "G", ["0/1:35:5:.:.", "0/0:30:60:.:.", "0/0:30:60:.:.", "0/0:30:60:.:."]),
        ("chr3", 4000000, "C", "T", ["0/1:35:60:.:.", "0/1:30:60:.:.", "0/0:30:60:.:.", "0/0:30:60:.:."]),
        ("chr3", 5000000, "G", "A", ["0/1:35:60:.:.", "0/1:30:60:.:.", "0/0:30:60:.:.", "0/0:30:60:.:."]),
        ("chr3", 6000000, "C", "G", ["0/1:35:60:.:.", "./.:.:.:.:.", "./.:.:.:.:.", "0/0:30:60:.:."]),
        ("chrX", 31000000, "C", "T", ["1:30:60:.:.", "0/1:30:60:.:.", "0:30:60:.:.", "0/1:30:60:.:."]),
        ("chrX", 33000000, "G", "A", ["1:30:60:.:.", "0/0:30:60:.:.", "0:30:60:.:.", "0/0:30:60:.:."]),
        ("chrX", 35000000, "A", "G", ["0:30:60:.:.", "0/1:30:60:.:.", "0:30:60:.:.", "0/1:30:60:.:."]),
        ("chrM", 3243, "A", "G", ["0/1:2000:99:.:0.35", "0/0:1800:99:.:0", "0/0:1900:99:.:0", "0/0:2100:99:.:0"]),
    ]
    # background on X outside the PARs: males haploid, females often heterozygous (for the sex check)
    for i in range(24):
        pos = 40000000 + 100000 * i
        fem = "0/1" if i % 2 == 0 else "1/1"
        rows.append(("chrX", pos, "C", "A", ["1:30:60:.:.", fem + ":30:60:.:.", "1:30:60:.:.", fem + ":30:60:.:."]))
    order = ["chr%s" % c for c in ORDER[:-1]] + ["chrM"]
    rows.sort(key=lambda r: (order.index(r[0]), r[1]))
    body = ["%s\t%d\t.\t%s\t%s\t60\tPASS\t.\tGT:DP:GQ:PS:AF\t%s" % (r[0], r[1], r[2], r[3], "\t".join(r[4])) for r in rows]
    return "\n".join(hdr + body) + "\n"


def split(text, member, keep_ref):
    """One member's VCF out of the joint xtrio: its column only; keep_ref=False drops the
    records where it carries no ALT (a variant-only VCF)."""
    out = []
    for line in text.splitlines():
        if line.startswith("##"):
            out.append(line)
            continue
        f = line.split("\t")
        cols = ["XP", "XM", "XF", "XS"]
        i = 9 + cols.index(member)
        if line.startswith("#CHROM"):
            out.append("\t".join(f[:9] + [member]))
            continue
        gt = f[i].split(":")[0]
        if not keep_ref and not any(a not in ("0", ".") for a in gt.replace("|", "/").split("/")):
            continue
        out.append("\t".join(f[:9] + [f[i]]))
    return "\n".join(out) + "\n"


def write(name, text):
    with open(os.path.join(HERE, name), "w") as f:
        f.write(text)


write("clinvar_20240101.GRCh38.family.vcf", clinvar("2024-01-01", 0))
write("clinvar_20240601.GRCh38.family.vcf", clinvar("2024-06-01", 1))
write("panel_family_v1.0.json", json.dumps(panel(), indent=1) + "\n")
write("xtrio.GRCh38.vcf", xtrio())
write("xtrio.ped", "#family\tindividual\tfather\tmother\tsex\tphenotype\n"
      "XFAM\tXP\tXF\tXM\t1\t2\nXFAM\tXF\t0\t0\t1\t1\nXFAM\tXM\t0\t0\t2\t1\nXFAM\tXS\tXF\tXM\t2\t1\n")
write("manifest_talos.tsv", "sample\tvcf\tindication\tsex\tfamily\n"
      "proband\ttalos_trio_joint.GRCh38.vcf.bgz\tFAMTEST\t.\t.\n"
      "mother\ttalos_trio_joint.GRCh38.vcf.bgz\tFAMTEST\t.\t.\n"
      "father\ttalos_trio_joint.GRCh38.vcf.bgz\tFAMTEST\t.\t.\n")
write("manifest_xtrio.tsv", "sample\tvcf\tindication\tsex\tfamily\n"
      "XP\txtrio.GRCh38.vcf\tFAMTEST\t.\t.\n"
      "XM\txtrio.GRCh38.vcf\tFAMTEST\t.\t.\n"
      "XF\txtrio.GRCh38.vcf\tFAMTEST\t.\t.\n"
      "XS\txtrio.GRCh38.vcf\tFAMTEST\t.\t.\n")
write("indications.json", json.dumps({"indications": {"FAMTEST": {"name": "Family test (synthetic)", "panels": ["family-panel"]}}}, indent=1) + "\n")
# the same family with one VCF per member (registered under other ids, the VCF column named
# with vcf_sample); the father's VCF lists only the sites he carries, so his absence at the
# others is "no record", which is not enough for de novo
X = xtrio()
write("xsplit_XP.vcf", split(X, "XP", True))
write("xsplit_XM.vcf", split(X, "XM", True))
write("xsplit_XF.vcf", split(X, "XF", False))
write("manifest_xsplit.tsv", "sample\tvcf\tindication\tsex\tfamily\tvcf_sample\n"
      "SP\txsplit_XP.vcf\tFAMTEST\t.\t.\tXP\n"
      "SM\txsplit_XM.vcf\tFAMTEST\t.\t.\tXM\n"
      "SF\txsplit_XF.vcf\tFAMTEST\t.\t.\tXF\n")
write("xsplit.ped", "SFAM\tSP\tSF\tSM\t1\t2\nSFAM\tSF\t0\t0\t1\t1\nSFAM\tSM\t0\t0\t2\t1\n")
# a ClinGen-shaped validity export that disagrees with the panel on SYN_AR_PAIR (AD here):
# the indication's panel wins; without the indication, the validity source does
Q = '"%s"'
rows = [["CLINGEN GENE DISEASE VALIDITY CURATIONS (SYNTHETIC)"] + [""] * 9, ["FILE CREATED: 2024-02-01"] + [""] * 9,
        ["WEBPAGE: synthetic"] + [""] * 9, ["+++"] * 10,
        ["GENE SYMBOL", "GENE ID (HGNC)", "DISEASE LABEL", "DISEASE ID (MONDO)", "MOI", "SOP", "CLASSIFICATION",
         "ONLINE REPORT", "CLASSIFICATION DATE", "GCEP"], ["+++"] * 10,
        ["SYN_AR_PAIR", "HGNC:99001", "synthetic disease", "MONDO:0000001", "AD", "SOP10", "Definitive", "",
         "2024-01-15T00:00:00.000Z", "synthetic"]]
write("clingen_validity_family.csv", "\n".join(",".join(Q % c for c in r) for r in rows) + "\n")
