#!/usr/bin/env python3
"""Flags per proband per release, by category and by consequence, on real data (issue 12).

Usage: python3 scripts/measure_flags.py [--revus BIN] [--top TREE] [--out DIR] [--label NAME]

--top: the source tree whose scripts/demo.sh, pipeline/, annotations/ and test-data/ go with
BIN (default: this one); for "before", a worktree of the older tag and the revus built there.

Three cases, each in a fresh home under DIR (default: a temporary folder):
  demo     scripts/demo.sh (test-data/cohort: ClinVar 2015-12-11 -> 2016-09-27, demo panel)
  scout    the Scout demo trio's proband ADM1059A2 (VEP-annotated, GRCh37), run 1 without
           knowledge sources, run 2 with ClinGen gene-disease validity 2025-01-09, run 3
           with 2025-07-01
  coverage Platinum Genomes NA12878 chr21 (GRCh37) annotated against a gnomAD v2.1.1 release
           holding chr1 records only (the PCSK9 slice): how many records get PM2
  pair     the real ClinVar release pair (2015-12-11 -> 2016-09-27, five gene regions): one
           synthetic sample carrying 400 of its variants, each reported with ClinVar's class
           of 2015-12-11 (every variant whose tier moved, then every k-th other record)
Prints one Markdown table per case (flags per run and sample, by category and by
consequence) and the targets: flags whose only cause is missing evidence, new_candidate
outside the configured consequences, second flags for one variant in one run, PM2 without
a covering population source, flags whose words disagree (tests/cli/check_flags.py), and
the real ClinVar moves of a reported P/LP or VUS that were not flagged. Reads only
test-data/ and /work/shared/real-data (or $REVUS_REAL_DATA);
never touches the network. Exit status 0; the figures are the output.
"""
import argparse
import collections
import gzip
import json
import os
import sqlite3
import subprocess
import sys
import tempfile

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# the promises every stored flag keeps (words, classes, category, basis): this tree's checker
sys.path.insert(0, os.path.join(TOP, "tests", "cli"))
import check_flags  # noqa: E402
REAL = os.environ.get("REVUS_REAL_DATA", "/work/shared/real-data")
# the candidate consequences: candidates.consequences of the measured tree's pipeline config
# (main() reads it); a tree older than that setting gets the default list of issue 12
RELEVANT = {
    "transcript_ablation", "stop_gained", "frameshift_variant", "splice_acceptor_variant",
    "splice_donor_variant", "start_lost", "stop_lost", "missense_variant", "protein_altering_variant",
    "inframe_insertion", "inframe_deletion", "splice_region_variant", "splice_donor_5th_base_variant",
    "splice_donor_region_variant", "splice_polypyrimidine_tract_variant",
}


def configured_consequences(top):
    with open(os.path.join(top, "pipeline", "default.json")) as f:
        cand = json.load(f).get("reanalysis", {}).get("candidates", {})
    return set(cand["consequences"]) if "consequences" in cand else set(RELEVANT)


TIER = {"P": 2, "LP": 2, "VUS": 1, "LB": 0, "B": 0}


def run(revus, home, *args, config=None, check=True):
    cmd = [revus, "--home", home, "-q"]
    if config:
        cmd += ["--config", config]
    cmd += list(args)
    p = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, REVUS_DATA_DIR=TOP))
    if check and p.returncode not in (0, 1):
        sys.exit("measure: %s failed (%d): %s" % (" ".join(cmd), p.returncode, p.stderr.strip()[:400]))
    return p


def short_csq(c):
    """The most severe term of a consequence, grouped for the table."""
    if not c:
        return "none"
    terms = c.replace(",", "&").split("&")
    for t in terms:
        if t in RELEVANT:
            return t
    return terms[0]


def pm2_met(crit):
    """PM2 among the criteria met: stored as JSON by newer revus, as a label list by older."""
    if not crit:
        return False
    if crit.startswith("{"):
        return any(str(c.get("code", "")).startswith("PM2") for c in json.loads(crit).get("criteria", []))
    return any(x.strip().startswith("PM2") for x in crit.split(","))


def summarise(db, name, out):
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    rows = con.execute(
        "SELECT f.run, f.sample, f.variant, f.category, f.basis, f.old_class, f.new_class, f.field,"
        " f.old_value, f.new_value, c.consequence, c.deciding_rule, c.points, c.criteria, c.effective_class"
        " FROM flags f LEFT JOIN classifications c ON c.run = f.run AND c.sample = f.sample"
        " AND c.variant = f.variant ORDER BY f.run, f.sample").fetchall()
    by_cat = collections.Counter()
    by_csq = collections.Counter()
    per_variant = collections.Counter()
    missing_only = new_outside = 0
    for r in rows:
        by_cat[(r["run"], r["sample"], r["category"])] += 1
        by_csq[(r["run"], r["sample"], short_csq(r["consequence"]))] += 1
        per_variant[(r["run"], r["sample"], r["variant"])] += 1
        if r["category"] == "new_candidate" and r["consequence"] is not None and \
                short_csq(r["consequence"]) not in RELEVANT:
            new_outside += 1
        a, b = TIER.get(r["old_class"] or ""), TIER.get(r["new_class"] or "")
        clinvar_moved = r["field"] in ("clinvar_tier", "clinvar_sig") and \
            tier(r["old_value"] or "") != tier(r["new_value"] or "")
        if r["deciding_rule"] == "acmg" and a is not None and b is not None and a != b and not clinvar_moved:
            pts = r["points"] or 0
            if (b < a and pts >= 0) or (b > a and pts <= 0):
                missing_only += 1
    seconds = sum(1 for v in per_variant.values() if v > 1)
    words = sum(1 for f in con.execute("SELECT * FROM flags") if any(True for _ in check_flags.problems(f)))
    pm2 = sum(1 for (crit,) in con.execute("SELECT criteria FROM classifications WHERE pop_source IS NULL")
              if pm2_met(crit))
    runs = sorted({(r["run"], r["sample"]) for r in rows})
    cats = ["plp_downgraded", "vus_upgraded", "new_candidate", "left_candidates", "vus_downgraded",
            "evidence_changed"]
    print("\n### %s\n" % name, file=out)
    print("| run | sample | " + " | ".join(cats) + " | total |", file=out)
    print("|---|---|" + "---|" * (len(cats) + 1), file=out)
    for rs in runs:
        n = [by_cat[(rs[0], rs[1], c)] for c in cats]
        print("| %d | %s | %s | %d |" % (rs[0], rs[1], " | ".join(str(x) for x in n), sum(n)), file=out)
    csqs = sorted({k[2] for k in by_csq})
    if csqs:
        print("\nBy consequence (most severe term; `none`: no consequence annotation):\n", file=out)
        print("| run | sample | " + " | ".join(csqs) + " |", file=out)
        print("|---|---|" + "---|" * len(csqs), file=out)
        for rs in runs:
            print("| %d | %s | %s |" % (rs[0], rs[1], " | ".join(str(by_csq[(rs[0], rs[1], c)]) for c in csqs)),
                  file=out)
    print("\nTargets: flags whose only cause is missing evidence %d; new_candidate outside the "
          "configured consequences %d; variants with a second flag in one run %d; calls with PM2 "
          "and no covering population source %d; flags whose words disagree with their category, "
          "classes or basis %d." % (missing_only, new_outside, seconds, pm2, words), file=out)
    con.close()
    return {"missing_only": missing_only, "new_outside": new_outside, "second": seconds, "pm2": pm2,
            "words": words, "flags": len(rows)}


def case_demo(revus, out_dir, out):
    home = os.path.join(out_dir, "demo")
    env = dict(os.environ, DEMO_HOME=home, REVUS_BIN=revus)
    p = subprocess.run(["sh", os.path.join(TOP, "scripts", "demo.sh")], capture_output=True, text=True, env=env)
    if p.returncode != 0:
        sys.exit("measure: demo failed: %s" % p.stderr[-400:])
    return summarise(os.path.join(home, "revus.db"), "Demo cohort (scripts/demo.sh)", out)


def case_scout(revus, out_dir, out):
    home = os.path.join(out_dir, "scout")
    os.makedirs(home, mode=0o700, exist_ok=True)
    vcf = os.path.join(REAL, "patient_vcfs", "scout_643594.trio.clinical.GRCh37.vcf.gz")
    ann = os.path.join(TOP, "annotations")
    man = os.path.join(home, "manifest.tsv")
    with open(man, "w") as f:
        f.write("sample\tvcf\tindication\tsex\tfamily\nADM1059A2\t%s\t\tM\t\n" % vcf)
    run(revus, home, "cohort", "import", man)
    run(revus, home, "run")
    for rel in ("2025-01-09", "2025-07-01"):
        run(revus, home, "sources", "import", "--annotations", ann, "clingen-validity",
            os.path.join(REAL, "panels_genes", "Clingen-Gene-Disease-Summary-%s.csv" % rel))
        run(revus, home, "sources", "activate", "clingen-validity", rel)
        run(revus, home, "run")
    return summarise(os.path.join(home, "revus.db"),
                     "Scout trio proband ADM1059A2: no sources, then ClinGen 2025-01-09, then 2025-07-01", out)


def read_clinvar(path):
    recs = {}
    with gzip.open(path, "rt") as f:
        for line in f:
            if line.startswith("#"):
                continue
            c = line.rstrip("\n").split("\t")
            info = dict(kv.split("=", 1) for kv in c[7].split(";") if "=" in kv)
            for alt in c[4].split(","):
                recs.setdefault((c[0], int(c[1]), c[3], alt), info.get("CLNSIG", ""))
    return recs


def tier(sig):
    """ClinVar tier of a CLNSIG value (or of a tier name, as flags store them)."""
    if sig in ("P/LP", "VUS", "B/LB", "Conflicting", "Other"):
        return sig
    s = sig.split("|")[0].lower()
    if "conflicting" in s:
        return "Conflicting"
    if "pathogenic" in s and "benign" not in s:
        return "P/LP"
    if "uncertain" in s:
        return "VUS"
    if "benign" in s and "pathogenic" not in s:
        return "B/LB"
    return "Other"


REPORTED = {"Pathogenic": "P", "Likely_pathogenic": "LP", "Pathogenic/Likely_pathogenic": "LP",
            "Uncertain_significance": "VUS", "Likely_benign": "LB", "Benign": "B", "Benign/Likely_benign": "LB"}


def reported_class(sig):
    """The class a lab following ClinVar would have reported (None: no ACMG class)."""
    return REPORTED.get(sig.split("|")[0])


def case_pair(revus, out_dir, out):
    home = os.path.join(out_dir, "pair")
    os.makedirs(home, mode=0o700, exist_ok=True)
    d = os.path.join(REAL, "clinvar", "release_pair")
    old = read_clinvar(os.path.join(d, "clinvar_20151211.GRCh37.5regions.vcf.gz"))
    new = read_clinvar(os.path.join(d, "clinvar_20160927.GRCh37.5regions.vcf.gz"))
    shared = sorted(k for k in old if k in new and reported_class(old[k]))
    moved = [k for k in shared if tier(old[k]) != tier(new[k])]
    rest = [k for k in shared if tier(old[k]) == tier(new[k])]
    step = max(1, len(rest) // max(1, 400 - len(moved)))
    pick = sorted(set(moved + rest[::step][:400 - len(moved)]),
                  key=lambda k: (int(k[0]) if k[0].isdigit() else 99, k[1]))
    vcf = os.path.join(home, "PAIR1.vcf")
    with open(vcf, "w") as f:
        f.write("##fileformat=VCFv4.2\n##reference=GRCh37\n")
        for c, n in (("1", 249250621), ("2", 243199373), ("3", 198022430), ("7", 159138663)):
            f.write("##contig=<ID=%s,length=%d>\n" % (c, n))
        f.write('##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n')
        f.write("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tPAIR1\n")
        for k in pick:
            f.write("%s\t%d\t.\t%s\t%s\t50\tPASS\t.\tGT\t0/1\n" % k)
    rep = os.path.join(home, "reported.tsv")
    with open(rep, "w") as f:
        f.write("sample\tvariant\tclass\tdate\treporter\n")
        for k in pick:
            f.write("PAIR1\t%s-%d-%s-%s\t%s\t2016-01-15\tmeasure (SYNTHETIC)\n" % (k + (reported_class(old[k]),)))
    man = os.path.join(home, "manifest.tsv")
    with open(man, "w") as f:
        f.write("sample\tvcf\tindication\tsex\tfamily\nPAIR1\t%s\t\tF\t\n" % vcf)
    ann = os.path.join(TOP, "test-data", "cohort", "annotations")
    run(revus, home, "sources", "import", "--annotations", ann, "clinvar",
        os.path.join(d, "clinvar_20151211.GRCh37.5regions.vcf.gz"))
    run(revus, home, "cohort", "import", man)
    run(revus, home, "reported", "import", rep)
    run(revus, home, "run")
    run(revus, home, "sources", "import", "--annotations", ann, "clinvar",
        os.path.join(d, "clinvar_20160927.GRCh37.5regions.vcf.gz"))
    run(revus, home, "sources", "activate", "clinvar", "2016-09-27")
    run(revus, home, "run")
    res = summarise(os.path.join(home, "revus.db"),
                    "ClinVar release pair 2015-12-11 -> 2016-09-27, %d reported variants (%d moved tier)"
                    % (len(pick), len(moved)), out)
    con = sqlite3.connect(os.path.join(home, "revus.db"))
    flagged = {r[0] for r in con.execute("SELECT variant FROM flags WHERE run = 2")}
    want = ["%s-%d-%s-%s" % k for k in moved if TIER.get(reported_class(old[k])) in (1, 2)]
    missed = [v for v in want if v not in flagged]
    print("Real ClinVar moves of a reported P/LP or VUS: %d, flagged in run 2: %d, missed: %s."
          % (len(want), len(want) - len(missed), ", ".join(missed) if missed else "none"), file=out)
    con.close()
    res["moves"] = len(want)
    res["missed"] = len(missed)
    return res


def case_coverage(revus, out_dir, out):
    home = os.path.join(out_dir, "coverage")
    os.makedirs(home, mode=0o700, exist_ok=True)
    run(revus, home, "sources", "import", "--annotations", os.path.join(TOP, "annotations"), "gnomad-v2-exomes",
        os.path.join(REAL, "gnomad", "gnomad.exomes.r2.1.1.GRCh37.PCSK9_1-55505599-55516888.vcf.bgz"),
        "--version", "2.1.1")
    vcf = os.path.join(home, "annotated.vcf")
    run(revus, home, "annotate", os.path.join(REAL, "patient_vcfs", "PlatinumGenomes_NA12878_chr21.GRCh37.vcf.gz"),
        "-o", vcf)
    n = pm2 = 0
    with open(vcf) as f:
        for line in f:
            if line.startswith("#"):
                continue
            n += 1
            pm2 += "PM2_Supporting|" in line
    print("\n### Coverage: NA12878 chr21 against a gnomAD release with chr1 records only\n", file=out)
    print("Records annotated %d; with PM2 (absent from gnomAD) %d." % (n, pm2), file=out)
    return {"records": n, "pm2": pm2}


def main():
    global TOP
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--revus", default=os.path.join(TOP, "revus"))
    ap.add_argument("--top", default=TOP)
    ap.add_argument("--out", default=None)
    ap.add_argument("--label", default="")
    a = ap.parse_args()
    TOP = os.path.abspath(a.top)
    terms = configured_consequences(TOP)
    RELEVANT.clear()
    RELEVANT.update(terms)
    revus = os.path.abspath(a.revus)
    out_dir = a.out or tempfile.mkdtemp(prefix="revus-measure.")
    os.makedirs(out_dir, mode=0o700, exist_ok=True)
    print("## Flags measured%s (`%s`)" % (" " + a.label if a.label else "", run(revus, out_dir, "--version").stdout.split("\n")[0]))
    res = {"demo": case_demo(revus, out_dir, sys.stdout), "scout": case_scout(revus, out_dir, sys.stdout),
           "pair": case_pair(revus, out_dir, sys.stdout), "coverage": case_coverage(revus, out_dir, sys.stdout)}
    with open(os.path.join(out_dir, "summary.json"), "w") as f:
        json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()
