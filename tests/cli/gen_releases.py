#!/usr/bin/env python3
"""gen_releases.py: random sequences of knowledge-source changes for the incremental-run
identity test (tests/cli/test_incremental.sh). SYNTHETIC data, written here.

    gen_releases.py COHORT OUT SEED STEPS

COHORT is test-data/cohort. Writes into OUT:
  annotations/  descriptors: clinvar (the demo's), demo-panel (the demo's), pop (a TSV
                population source), validity (ClinGen-shaped CSV)
  init.txt      the first release of each source, one `NAME FILE [VERSION]` per line
  steps.txt     one change per line: `import NAME FILE [VERSION]`, `activate NAME VERSION`
                (a rollback to an older release), `reported FILE` (the lab reports a class
                for one of a sample's variants) or `indication SAMPLE CODE` (a sample's
                indication changes: CF, or one the config does not list, so any disease gene counts),
                each with the kind in a comment
Every release is derived from the previous one by a seeded random change: ClinVar-like
(significance and review status changed, records removed, records added at the cohort's
own variants), population (AFs across the rare/common thresholds, records added and
removed), panel (a gene's confidence), validity (a gene's classification), gene regions (an
interval grows or shrinks at one end), population coverage (every record of one contig
removed, or restored), rollback."""
import json, os, random, shutil, sys, gzip

COHORT, OUT, SEED, STEPS = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
rng = random.Random(SEED)
os.makedirs(os.path.join(OUT, "annotations"), exist_ok=True)
for name in ("clinvar.json", "demo-panel.json"):
    shutil.copy(os.path.join(COHORT, "annotations", name), os.path.join(OUT, "annotations", name))
json.dump({"name": "pop", "title": "synthetic population frequencies (test)", "role": "population-frequency",
           "format": "tsv", "build": "GRCh37", "license": "synthetic test data",
           "download": {"version_rule": "manual"},
           "table": {"delimiter": "tab", "columns": {"chrom": "chrom", "pos": "pos", "ref": "ref", "alt": "alt"}},
           "fields": {"af": {"from": "af"}, "an": {"from": "an"}}},
          open(os.path.join(OUT, "annotations", "pop.json"), "w"), indent=1)
json.dump({"name": "validity", "title": "synthetic gene-disease validity (test, ClinGen shape)",
           "role": "gene-validity", "format": "clingen-csv", "license": "synthetic test data",
           "download": {"version_rule": "header:FILE CREATED:"},
           "table": {"delimiter": "comma", "skip_lines": 4, "columns": {"symbol": "GENE SYMBOL", "hgnc": "GENE ID (HGNC)"}},
           "fields": {"symbol": {"from": "GENE SYMBOL"}, "hgnc_id": {"from": "GENE ID (HGNC)"},
                      "disease": {"from": "DISEASE LABEL"}, "mondo": {"from": "DISEASE ID (MONDO)"},
                      "moi": {"from": "MOI"}, "classification": {"from": "CLASSIFICATION"}}},
          open(os.path.join(OUT, "annotations", "validity.json"), "w"), indent=1)
json.dump({"name": "regions", "title": "gene intervals (test; GRCh37 coordinates of the demo's genes)",
           "role": "gene-regions", "format": "bed", "build": "GRCh37", "license": "synthetic test data",
           "download": {"version_rule": "manual"}, "fields": {"symbol": {"from": "4"}}},
          open(os.path.join(OUT, "annotations", "regions.json"), "w"), indent=1)

# the cohort's own variants: changes land where they matter
manifest = [l.rstrip("\n").split("\t") for l in open(os.path.join(COHORT, "manifest.tsv"))][1:]
sample_vars = {}
for row in manifest:
    vs = []
    for line in open(os.path.join(COHORT, row[1])):
        if not line.startswith("#"):
            c = line.split("\t")
            vs.append("%s-%s-%s-%s" % (c[0], c[1], c[3], c[4].split(",")[0]))
    sample_vars[row[0]] = vs
cohort_vars = set()
for f in sorted(os.listdir(os.path.join(COHORT, "vcf"))):
    for line in open(os.path.join(COHORT, "vcf", f)):
        if line.startswith("#"):
            continue
        c = line.split("\t")
        for alt in c[4].split(","):
            cohort_vars.add((c[0], int(c[1]), c[3], alt))
cohort_vars = sorted(cohort_vars, key=lambda v: (v[0], v[1], v[2], v[3]))

SIGS = ["Pathogenic", "Likely_pathogenic", "Uncertain_significance", "Likely_benign", "Benign",
        "Conflicting_interpretations_of_pathogenicity", "Pathogenic/Likely_pathogenic"]
REVS = ["criteria_provided,_single_submitter", "criteria_provided,_multiple_submitters,_no_conflicts",
        "reviewed_by_expert_panel", "no_assertion_criteria_provided"]
GENES = {"7": "CFTR:1080", "2": "MSH2:4436", "3": "MLH1:4292", "1": "PCSK9:255738"}

with gzip.open(os.path.join(COHORT, "clinvar_20151211.GRCh37.subset.vcf.gz"), "rt") as fh:
    cv_lines = fh.read().splitlines()
cv_head = [l for l in cv_lines if l.startswith("#") and not l.startswith("##fileDate")]
clinvar = {}   # key -> [id, info dict]
for l in cv_lines:
    if l.startswith("#"):
        continue
    c = l.split("\t")
    info = dict(kv.split("=", 1) for kv in c[7].split(";"))
    clinvar[(c[0], int(c[1]), c[3], c[4])] = [c[2], info]

pop = {v: rng.choice([0.0001, 0.004, 0.02]) for v in cohort_vars if rng.random() < 0.6}
panel = json.load(open(os.path.join(COHORT, "panel_demo_v1.1.json")))
validity = {"CFTR": ["HGNC:1884", "Definitive"], "MSH2": ["HGNC:7325", "Strong"],
            "MLH1": ["HGNC:7127", "Definitive"], "SCN5A": ["HGNC:10593", "Moderate"],
            "PCSK9": ["HGNC:20001", "Limited"]}
CLASSES = ["Definitive", "Strong", "Moderate", "Limited", "Disputed"]
# gene intervals (BED, GRCh37); SCN5A is left out on purpose: a change of its panel or
# validity rows cannot be located, so the incremental run reads the samples in full
regions = {"PCSK9": ["1", 55505148, 55530526], "MSH2": ["2", 47630107, 47710367],
           "MLH1": ["3", 37034840, 37092337], "CFTR": ["7", 117120016, 117308718]}
versions = {"clinvar": [], "pop": [], "demo-panel": [], "validity": [], "regions": []}
serial = {"n": 0}


def chrom_order(c):
    return (0, int(c)) if c.isdigit() else (1, c)


def write_clinvar():
    serial["n"] += 1
    ver = "2020-%02d-%02d" % (1 + serial["n"] // 28, 1 + serial["n"] % 28)
    path = os.path.join(OUT, "clinvar_%s.vcf" % ver)
    with open(path, "w") as f:
        f.write(cv_head[0] + "\n##fileDate=%s\n" % ver)
        f.write("\n".join(cv_head[1:]) + "\n")
        for k in sorted(clinvar, key=lambda k: (chrom_order(k[0]), k[1], k[2], k[3])):
            vid, info = clinvar[k]
            f.write("\t".join([k[0], str(k[1]), vid, k[2], k[3], ".", ".",
                               ";".join("%s=%s" % kv for kv in sorted(info.items()))]) + "\n")
    return "clinvar", path, ver, None


def write_pop():
    serial["n"] += 1
    ver = "p%03d" % serial["n"]
    path = os.path.join(OUT, "pop_%s.tsv" % ver)
    with open(path, "w") as f:
        f.write("chrom\tpos\tref\talt\taf\tan\n")
        for k in sorted(pop, key=lambda k: (chrom_order(k[0]), k[1], k[2], k[3])):
            f.write("%s\t%d\t%s\t%s\t%g\t100000\n" % (k[0], k[1], k[2], k[3], pop[k]))
    return "pop", path, ver, ver


def write_panel():
    serial["n"] += 1
    ver = "2.%d" % serial["n"]
    panel["version"] = ver
    path = os.path.join(OUT, "panel_%s.json" % ver)
    json.dump(panel, open(path, "w"))
    return "demo-panel", path, ver, None


def write_validity():
    serial["n"] += 1
    ver = "2025-%02d-%02d" % (1 + serial["n"] // 28, 1 + serial["n"] % 28)
    path = os.path.join(OUT, "validity_%s.csv" % ver)
    cols = ["GENE SYMBOL", "GENE ID (HGNC)", "DISEASE LABEL", "DISEASE ID (MONDO)", "MOI", "SOP",
            "CLASSIFICATION", "ONLINE REPORT", "CLASSIFICATION DATE", "GCEP"]
    q = lambda vals: ",".join('"%s"' % v for v in vals) + "\n"
    with open(path, "w") as f:
        f.write(q(["CLINGEN GENE DISEASE VALIDITY CURATIONS"] + [""] * 9))
        f.write(q(["FILE CREATED: %s" % ver] + [""] * 9))
        f.write(q(["WEBPAGE: synthetic"] + [""] * 9))
        f.write(q(["+++"] * 10))
        f.write(q(cols))
        f.write(q(["+++"] * 10))
        for g in sorted(validity):
            h, cls = validity[g]
            f.write(q([g, h, "synthetic disease", "MONDO:0000001", "AD", "SOP10", cls, "x", "2024-01-01", "synthetic"]))
    return "validity", path, ver, None


def write_regions():
    serial["n"] += 1
    ver = "r%03d" % serial["n"]
    path = os.path.join(OUT, "regions_%s.bed" % ver)
    with open(path, "w") as f:
        for g in sorted(regions, key=lambda g: (chrom_order(regions[g][0]), regions[g][1])):
            f.write("%s\t%d\t%d\t%s\n" % (regions[g][0], regions[g][1], regions[g][2], g))
    return "regions", path, ver, ver


def change_regions():
    # a gene's interval grows or shrinks at one end, past some of the cohort's variants
    g = rng.choice(sorted(regions))
    end = rng.choice([1, 2])
    regions[g][end] += rng.choice([-3000, -500, 500, 3000])
    return write_regions()


def change_clinvar():
    keys = sorted(clinvar)
    for k in rng.sample(keys, max(1, len(keys) // 10)):
        clinvar[k][1]["CLNSIG"] = rng.choice(SIGS)
        clinvar[k][1]["CLNREVSTAT"] = rng.choice(REVS)
    for k in rng.sample(sorted(clinvar), 3):
        del clinvar[k]
    for v in rng.sample(cohort_vars, 4):
        if v[0] in GENES:
            clinvar[v] = [str(900000 + serial["n"]), {"CLNSIG": rng.choice(SIGS), "CLNREVSTAT": rng.choice(REVS),
                                                     "GENEINFO": GENES[v[0]]}]
    return write_clinvar()


def change_pop():
    for v in rng.sample(cohort_vars, max(1, len(cohort_vars) // 4)):
        r = rng.random()
        if r < 0.2:
            pop.pop(v, None)
        else:
            pop[v] = rng.choice([0.00001, 0.003, 0.009, 0.011, 0.04, 0.2])
    return write_pop()


stashed = {}


def change_coverage():
    # what the population source covers changes: every record of one contig goes (absence
    # there is no longer evidence), or comes back
    contig = rng.choice(sorted({v[0] for v in cohort_vars}))
    held = [v for v in pop if v[0] == contig]
    if held:
        stashed[contig] = {v: pop.pop(v) for v in held}
    else:
        pop.update(stashed.pop(contig, {v: 0.0001 for v in cohort_vars if v[0] == contig}))
    return write_pop()


def change_panel():
    g = rng.choice(panel["genes"])
    g["confidence_level"] = rng.choice(["0", "1", "2", "3"])
    return write_panel()


def change_validity():
    validity[rng.choice(sorted(validity))][1] = rng.choice(CLASSES)
    return write_validity()


with open(os.path.join(OUT, "init.txt"), "w") as f:
    for w in (write_clinvar, write_pop, write_panel, write_validity, write_regions):
        name, path, ver, manual = w()
        versions[name].append(ver)
        f.write("%s %s%s\n" % (name, path, " " + manual if manual else ""))
def change_reported():
    serial["n"] += 1
    sample = rng.choice(sorted(sample_vars))
    path = os.path.join(OUT, "reported_%03d.tsv" % serial["n"])
    with open(path, "w") as f:
        f.write("%s\t%s\t%s\t2026-%02d-%02d\tDr Test\n" % (sample, rng.choice(sample_vars[sample]),
                rng.choice(["P", "LP", "VUS", "LB", "B"]), 1 + serial["n"] // 28, 1 + serial["n"] % 28))
    return path


kinds = [("clinvar", change_clinvar), ("population", change_pop), ("panel", change_panel),
         ("validity", change_validity), ("regions", change_regions), ("rollback", None), ("reported", None),
         ("indication", None), ("coverage", change_coverage)]
with open(os.path.join(OUT, "steps.txt"), "w") as f:
    for i in range(STEPS):
        kind, fn = rng.choice(kinds)
        if kind == "reported":
            f.write("reported %s # reported\n" % change_reported())
            continue
        if kind == "indication":
            f.write("indication %s %s # indication\n" % (rng.choice(sorted(sample_vars)), rng.choice(["CF", "UNLISTED"])))
            continue
        if kind == "rollback":
            name = rng.choice([n for n in versions if len(versions[n]) > 1] or ["clinvar"])
            if len(versions[name]) < 2:
                kind, fn = "clinvar", change_clinvar
            else:
                f.write("activate %s %s # rollback\n" % (name, rng.choice(versions[name][:-1])))
                continue
        name, path, ver, manual = fn()
        versions[name].append(ver)
        f.write("import %s %s%s # %s\n" % (name, path, " " + manual if manual else "", kind))
