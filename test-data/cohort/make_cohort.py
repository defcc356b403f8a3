#!/usr/bin/env python3
"""Regenerate the demo/cohort fixtures in this folder (run by hand, never by tests).

  python3 test-data/cohort/make_cohort.py /work/shared/real-data

Reads two real ClinVar releases (release_pair/, public domain) and the gnomAD v2.1.1
PCSK9 exome sites (CC0, only positions and alleles, for background variants), and
writes: the two ClinVar subsets, the synthetic PanelApp-shaped panel (two versions),
the synthetic cohort VCFs, the manifest and the reported-classification table.
Deterministic: the same input gives byte-identical output (fixed seed, fixed dates).
"""
import gzip, json, os, random, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
REAL = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/real-data"
PAIR = os.path.join(REAL, "clinvar", "release_pair")
OLD, NEW = "20151211", "20160927"
GNOMAD = os.path.join(REAL, "gnomad", "gnomad.exomes.r2.1.1.GRCh37.PCSK9_1-55505599-55516888.vcf.bgz")

CONTIG_ORDER = [str(i) for i in range(1, 23)] + ["X", "Y", "MT"]


def grch37_lengths():
    top = os.path.join(HERE, "..", "..", "pipeline", "genome_builds.tsv")
    out = {}
    for line in open(top):
        f = line.rstrip("\n").split("\t")
        if len(f) >= 3 and f[0] == "GRCh37":
            out[f[1]] = int(f[2])
    return out


LEN = grch37_lengths()


def contig_lines():
    return ["##contig=<ID=%s,length=%d,assembly=GRCh37>" % (c, LEN[c]) for c in CONTIG_ORDER]


def sort_key(k):
    return (CONTIG_ORDER.index(k[0]), int(k[1]), k[2], k[3])


def load_clinvar(date):
    path = os.path.join(PAIR, "clinvar_%s.GRCh37.5regions.vcf.gz" % date)
    header, recs = [], {}
    for line in gzip.open(path, "rt"):
        if line.startswith("##"):
            header.append(line.rstrip("\n"))
            continue
        if line.startswith("#"):
            continue
        t = line.rstrip("\n").split("\t")
        recs[(t[0], t[1], t[3], t[4])] = t
    return header, recs


def info(t):
    return dict(x.split("=", 1) for x in t[7].split(";") if "=" in x)


def tier(t):
    s = info(t).get("CLNSIG", "").split("|")[0]
    if "Conflicting" in s:
        return "Conflicting"
    if s in ("Pathogenic", "Likely_pathogenic", "Pathogenic/Likely_pathogenic"):
        return "P/LP"
    if s == "Uncertain_significance":
        return "VUS"
    if s in ("Benign", "Likely_benign", "Benign/Likely_benign"):
        return "B/LB"
    return "Other"


# ---------------------------------------------------------------- the cohort, by design
# Each planted variant: key, why it is there (the real change between the releases).
PLANTED = {
    "D_CFTR_LP_LB":  ("7", "117176711", "A", "T"),        # LP -> LB (P/LP downgraded)
    "D_MSH2_LP_VUS": ("2", "47707835", "G", "A"),         # LP -> VUS
    "D_SCN5A_P_VUS": ("3", "38591878", "G", "C"),         # P -> VUS
    "D_CFTR_LP_VUS": ("7", "117180242", "T", "G"),        # LP -> VUS
    "U_CFTR_NP_P":   ("7", "117199643", "C", "G"),        # not_provided -> P (newly P/LP)
    "U_CFTR_NP_LP":  ("7", "117234999", "G", "T"),        # not_provided -> LP
    "U_SCN5A_CONF_P": ("3", "38616858", "T", "G"),        # Conflicting -> P
    "V_MSH2_VUS_LB": ("2", "47705406", "T", "G"),         # VUS -> LB
    "V_SCN5A_VUS_LB": ("3", "38646375", "T", "C"),        # VUS -> LB
    "S_MLH1_STARS":  ("3", "37089122", "TGAA", "T"),      # P, 0 stars -> expert panel
    "S_MSH2_STARS":  ("2", "47641545", "TA", "T"),        # P, 1 star -> 2 stars
    "K_CFTR_F508":   ("7", "117199644", "ATCT", "A"),     # P both (F508del), unchanged
}


def pick_clinvar(old, new):
    rnd = random.Random(20161208)
    shared = sorted(set(old) & set(new), key=sort_key)
    changed = [k for k in shared if tier(old[k]) != tier(new[k]) or
               info(old[k]).get("CLNREVSTAT") != info(new[k]).get("CLNREVSTAT")]
    tier_changed = [k for k in changed if tier(old[k]) != tier(new[k])]
    stars_only = [k for k in changed if tier(old[k]) == tier(new[k])]
    unchanged = [k for k in shared if k not in set(changed)]
    keep = set(PLANTED.values()) | set(tier_changed)
    keep |= set(rnd.sample(stars_only, 20))
    keep |= set(rnd.sample(unchanged, 300 - len(keep) - 7))
    only_old = [k for k in old if k not in new]          # 7: withdrawn between releases
    only_new = sorted((k for k in new if k not in old), key=sort_key)
    keep_old = sorted(keep | set(only_old), key=sort_key)
    keep_new = sorted(keep | set(rnd.sample(only_new, 30)), key=sort_key)
    return keep_old, keep_new, len(tier_changed)


def write_clinvar(date, header, recs, keys):
    name = "clinvar_%s.GRCh37.subset.vcf" % date
    path = os.path.join(HERE, name)
    lines = []
    for h in header:
        lines.append(h)
        if h.startswith("##reference="):
            lines.extend(contig_lines())
    lines.append("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO")
    lines.extend("\t".join(recs[k]) for k in keys)
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    if os.path.exists(path + ".gz"):
        os.remove(path + ".gz")
    subprocess.check_call(["bgzip", "-f", path])
    return name + ".gz", len(keys)


# ---------------------------------------------------------------- panel (SYNTHETIC)
GENES = [  # symbol, HGNC id, inheritance as PanelApp writes it
    ("CFTR", "HGNC:1884", "BIALLELIC, autosomal or pseudoautosomal"),
    ("MLH1", "HGNC:7127", "MONOALLELIC, autosomal or pseudoautosomal, imprinted status unknown"),
    ("MSH2", "HGNC:7325", "MONOALLELIC, autosomal or pseudoautosomal, imprinted status unknown"),
    ("SCN5A", "HGNC:10593", "MONOALLELIC, autosomal or pseudoautosomal, imprinted status unknown"),
]
EVIDENCE = {"3": ["Expert Review Green"], "2": ["Expert Review Amber"]}


def write_panel(version, created, levels):
    genes = []
    for sym, hgnc, moi in GENES:
        lvl = levels[sym]
        genes.append({
            "gene_data": {"hgnc_id": hgnc, "hgnc_symbol": sym, "gene_symbol": sym,
                          "biotype": "protein_coding"},
            "entity_type": "gene", "entity_name": sym, "confidence_level": lvl,
            "penetrance": "Complete", "mode_of_pathogenicity": "",
            "publications": [], "evidence": EVIDENCE[lvl], "phenotypes": [],
            "mode_of_inheritance": moi, "tags": [], "transcript": None,
        })
    panel = {
        "id": 90001, "hash_id": None,
        "name": "revus demo panel (SYNTHETIC): cystic fibrosis, Lynch syndrome, Brugada",
        "disease_group": "SYNTHETIC test data", "disease_sub_group": "", "status": "public",
        "version": version, "version_created": created, "relevant_disorders": ["DEMO1"],
        "stats": {"number_of_genes": len(genes), "number_of_strs": 0, "number_of_regions": 0},
        "types": [], "genes": genes, "strs": [], "regions": [],
    }
    name = "panel_demo_v%s.json" % version
    with open(os.path.join(HERE, name), "w") as f:
        json.dump(panel, f, indent=1)
        f.write("\n")
    return name


# ---------------------------------------------------------------- cohort VCFs (SYNTHETIC)
def gnomad_background():
    out = []
    for line in gzip.open(GNOMAD, "rt"):
        if line.startswith("#"):
            continue
        t = line.split("\t")
        if t[6] == "PASS" and len(t[3]) == 1 and len(t[4]) == 1:
            out.append((t[0], t[1], t[3], t[4]))
    return out


GT_CALL = {"0/1": (38, 99, "het"), "1/1": (31, 93, "hom"), "0/0": (35, 99, "ref")}


def fmt(gt, rnd):
    dp = GT_CALL[gt][0] + rnd.randint(-6, 6)
    gq = GT_CALL[gt][1] - rnd.randint(0, 5) if gt != "0/0" else 99
    if gt == "0/1":
        alt = dp // 2 + rnd.randint(-3, 3)
        ad = "%d,%d" % (dp - alt, alt)
    elif gt == "1/1":
        ad = "0,%d" % dp
    else:
        ad = "%d,0" % dp
    return "%s:%d:%d:%s" % (gt, dp, gq, ad)


def write_vcf(name, samples, rows, date):
    """rows: list of (key, [gt per sample])"""
    rnd = random.Random(name)
    lines = ["##fileformat=VCFv4.2", "##fileDate=%s" % date,
             "##source=revus test-data (SYNTHETIC sample)", "##reference=GRCh37"]
    lines += contig_lines()
    lines += ['##FILTER=<ID=PASS,Description="All filters passed">',
              '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">',
              '##FORMAT=<ID=DP,Number=1,Type=Integer,Description="Read depth">',
              '##FORMAT=<ID=GQ,Number=1,Type=Integer,Description="Genotype quality">',
              '##FORMAT=<ID=AD,Number=R,Type=Integer,Description="Allelic depths (ref, alt)">']
    lines.append("\t".join(["#CHROM", "POS", "ID", "REF", "ALT", "QUAL", "FILTER", "INFO",
                            "FORMAT"] + samples))
    for key, gts in sorted(rows, key=lambda r: sort_key(r[0])):
        qual = str(rnd.randint(200, 2000))
        lines.append("\t".join(list(key[:2]) + ["."] + list(key[2:]) +
                               [qual, "PASS", ".", "GT:DP:GQ:AD"] + [fmt(g, rnd) for g in gts]))
    os.makedirs(os.path.join(HERE, "vcf"), exist_ok=True)
    with open(os.path.join(HERE, "vcf", name), "w") as f:
        f.write("\n".join(lines) + "\n")
    return "vcf/" + name


def main():
    h_old, old = load_clinvar(OLD)
    h_new, new = load_clinvar(NEW)
    for tag, k in PLANTED.items():
        assert k in old and k in new, tag
    keep_old, keep_new, n_tier = pick_clinvar(old, new)
    files = {}
    files["old"] = write_clinvar(OLD, h_old, old, keep_old)
    files["new"] = write_clinvar(NEW, h_new, new, keep_new)

    write_panel("1.0", "2016-01-15T09:00:00Z",
                {"CFTR": "3", "MLH1": "3", "MSH2": "3", "SCN5A": "2"})
    write_panel("1.1", "2016-10-03T09:00:00Z",
                {"CFTR": "3", "MLH1": "3", "MSH2": "3", "SCN5A": "3"})

    bg = gnomad_background()
    rnd = random.Random(7)
    benign = [k for k in keep_old if k in new and tier(old[k]) == "B/LB" == tier(new[k])]

    def background(n_gnomad=6, n_benign=3):
        return [(k, ["0/1"]) for k in rnd.sample(bg, n_gnomad)] + \
               [(k, [rnd.choice(["0/1", "1/1"])]) for k in rnd.sample(benign, n_benign)]

    P = PLANTED
    singles = {
        "S01": [(P["D_CFTR_LP_LB"], ["0/1"]), (P["K_CFTR_F508"], ["0/1"])],
        "S02": [(P["D_MSH2_LP_VUS"], ["0/1"]), (P["V_MSH2_VUS_LB"], ["0/1"]),
                (P["S_MSH2_STARS"], ["0/1"])],
        "S03": [(P["D_SCN5A_P_VUS"], ["0/1"]), (P["V_SCN5A_VUS_LB"], ["0/1"])],
        "S04": [(P["U_CFTR_NP_P"], ["0/1"]), (P["K_CFTR_F508"], ["0/1"])],
        "S05": [(P["U_SCN5A_CONF_P"], ["0/1"]), (P["S_MLH1_STARS"], ["0/1"])],
    }
    vcfs = {}
    for s, rows in singles.items():
        vcfs[s] = write_vcf("%s.vcf" % s, [s], rows + background(), "2016-01-20")
    # trio: proband compound heterozygous in CFTR, one allele from each parent
    trio = ["P01", "P01M", "P01F"]
    trio_rows = [(P["U_CFTR_NP_LP"], ["0/1", "0/1", "0/0"]),
                 (P["D_CFTR_LP_VUS"], ["0/1", "0/0", "0/1"])]
    for k in rnd.sample(bg, 6):
        trio_rows.append((k, [rnd.choice(["0/1", "0/0"]) for _ in trio[1:]]))
        trio_rows[-1][1].insert(0, rnd.choice(["0/1", "1/1"]))
    for k in rnd.sample(benign, 3):
        trio_rows.append((k, ["0/1", "0/1", "1/1"]))
    trio_vcf = write_vcf("FAM01.trio.vcf", trio, trio_rows, "2016-01-20")

    manifest = [("S01", vcfs["S01"], "CF", "F", ""),
                ("S02", vcfs["S02"], "LYNCH", "M", ""),
                ("S03", vcfs["S03"], "BRUGADA", "F", ""),
                ("S04", vcfs["S04"], "CF", "M", ""),
                ("S05", vcfs["S05"], "BRUGADA", "M", ""),
                ("P01", trio_vcf, "CF", "M", "FAM01"),
                ("P01M", trio_vcf, "CF", "F", "FAM01"),
                ("P01F", trio_vcf, "CF", "M", "FAM01")]
    with open(os.path.join(HERE, "manifest.tsv"), "w") as f:
        f.write("sample\tvcf\tindication\tsex\tfamily\n")
        for r in manifest:
            f.write("\t".join(r) + "\n")

    def vk(k):
        return "-".join(k)
    reported = [("S01", P["D_CFTR_LP_LB"], "LP"), ("S01", P["K_CFTR_F508"], "P"),
                ("S02", P["D_MSH2_LP_VUS"], "LP"), ("S02", P["V_MSH2_VUS_LB"], "VUS"),
                ("S03", P["D_SCN5A_P_VUS"], "P"), ("S03", P["V_SCN5A_VUS_LB"], "VUS"),
                ("S04", P["K_CFTR_F508"], "P"),
                ("P01", P["D_CFTR_LP_VUS"], "LP"), ("P01", P["U_CFTR_NP_LP"], "VUS")]
    with open(os.path.join(HERE, "reported.tsv"), "w") as f:
        f.write("sample\tvariant\tclass\tdate\treporter\n")
        for s, k, c in reported:
            f.write("%s\t%s\t%s\t2016-02-01\tDemo Lab (SYNTHETIC)\n" % (s, vk(k), c))

    print("old %s: %d records; new %s: %d records; %d tier changes kept"
          % (files["old"][0], files["old"][1], files["new"][0], files["new"][1], n_tier))
    for tag, k in PLANTED.items():
        print("%-16s %-22s %-45s -> %s" % (tag, vk(k), info(old[k]).get("CLNSIG"),
                                           info(new[k]).get("CLNSIG")))


if __name__ == "__main__":
    main()
