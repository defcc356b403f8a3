#!/usr/bin/env python3
"""run_vs_annotate.py DB RUN SAMPLE=ANNOTATED.vcf...: every classification `revus run` stored
for SAMPLE in RUN must equal what `revus annotate` printed for the same variant (class, points,
VUS tier, criteria with points, value and source, criteria not evaluated, ClinVar tier, stars,
CLNSIG, effective class and rule). Prints one line per difference and the number of calls
compared; exits 1 on any difference or when nothing was compared."""
import json
import sqlite3
import sys


def clean(s):
    """An INFO-safe value, as classify/output.c writes it."""
    out = []
    for ch in s:
        if ch in ";,|":
            ch = "/"
        elif ch == "=":
            ch = ":"
        elif ch.isspace():
            ch = "_"
        out.append(ch)
    return "".join(out)


def annotated(path):
    """variant key -> INFO dict of the annotated VCF."""
    recs = {}
    with open(path) as f:
        for line in f:
            if line.startswith("#"):
                continue
            col = line.rstrip("\n").split("\t")
            chrom = col[0][3:] if col[0].lower().startswith("chr") else col[0]
            info = {}
            for item in col[7].split(";"):
                k, _, v = item.partition("=")
                info[k] = v
            recs["%s-%s-%s-%s" % (chrom, col[1], col[3], col[4])] = info
    return recs


def stored_as_info(row):
    """The stored call written the way annotate writes its tags (absent tags left out)."""
    trail = json.loads(row["criteria"])
    want = {"RV_CLASS": row["class"] or ".", "RV_POINTS": str(row["points"])}
    if row["vus_tier"]:
        want["RV_VUS_TIER"] = clean(row["vus_tier"])
    if trail["criteria"]:
        want["RV_CRITERIA"] = ",".join("%s|%d|%s|%s" % (k["label"], k["points"], clean(k["value"]), clean(k["source"]))
                                       for k in trail["criteria"])
    if trail["not_evaluated"]:
        want["RV_NOT_EVALUATED"] = ",".join(clean(n) for n in trail["not_evaluated"])
    if row["clinvar_tier"]:
        want["RV_CLINVAR_TIER"] = clean(row["clinvar_tier"])
    if row["clinvar_stars"] is not None and row["clinvar_stars"] >= 0:
        want["RV_STARS"] = str(row["clinvar_stars"])
    if row["clinvar_sig"]:
        want["RV_CLNSIG"] = row["clinvar_sig"]
    want["RV_EFFECTIVE"] = row["effective_class"] or "."
    want["RV_RULE"] = clean(row["deciding_rule"])
    return want


def main():
    db = sqlite3.connect(sys.argv[1])
    db.row_factory = sqlite3.Row
    run = int(sys.argv[2])
    compared, differ = 0, 0
    for arg in sys.argv[3:]:
        sample, _, path = arg.partition("=")
        recs = annotated(path)
        for row in db.execute("SELECT * FROM classifications WHERE run = ? AND sample = ? ORDER BY variant",
                              (run, sample)):
            got = recs.get(row["variant"])
            if got is None:
                print("%s %s: stored by run, absent from annotate's output" % (sample, row["variant"]))
                differ += 1
                continue
            for tag, value in stored_as_info(row).items():
                if got.get(tag) != value:
                    print("%s %s %s: run stored %r, annotate printed %r" % (sample, row["variant"], tag, value,
                                                                           got.get(tag)))
                    differ += 1
            compared += 1
    print("%d calls compared, %d differences" % (compared, differ))
    return 1 if differ or not compared else 0


if __name__ == "__main__":
    sys.exit(main())
