#!/usr/bin/env python3
"""Agreement of `revus csq` with bcftools csq on bcftools' own regression set.

Usage: agreement.py REVUS CASES_DIR [--conventions NAME] [--min-type PCT] [--min-protein PCT] [--list]

CASES_DIR holds one folder per transcript (NAME/NAME.fa, NAME/NAME.gff and VCFs). For every
sites-only VCF with an expected output (X.txt-l, bcftools run with -l, preferred: revus judges
each variant alone; else X.txt), every record is run through `revus csq` and compared per
transcript with bcftools' BCSQ: the set of consequence types, and the amino-acid change where
bcftools writes a single-residue one (76N>76Y). A record whose every expected entry is the
joint effect of several phased variants (bcftools' haplotype-aware codons, '+' in its DNA
change) is not comparable with a tool that judges each record alone: it is counted apart and
left out of the rate; a record that bcftools folded into such a compound is compared on its
other terms (splice, UTR, intron) only. Prints one line per disagreement (with
--list) and the agreement rates; exits 1 when a rate is below its minimum.
"""
import os
import subprocess
import sys

# revus (VEP's Sequence Ontology names) -> bcftools csq names; None: bcftools has no such term
SO_TO_BCSQ = {
    "splice_acceptor_variant": "splice_acceptor", "splice_donor_variant": "splice_donor",
    "stop_gained": "stop_gained", "frameshift_variant": "frameshift", "stop_lost": "stop_lost",
    "start_lost": "start_lost", "inframe_insertion": "inframe_insertion",
    "inframe_deletion": "inframe_deletion", "missense_variant": "missense",
    "protein_altering_variant": "inframe_altering", "splice_region_variant": "splice_region",
    "start_retained_variant": "start_retained", "stop_retained_variant": "stop_retained",
    "synonymous_variant": "synonymous", "coding_sequence_variant": "coding_sequence",
    "5_prime_UTR_variant": "5_prime_utr", "3_prime_UTR_variant": "3_prime_utr",
    "non_coding_transcript_exon_variant": "non_coding", "intron_variant": "intron",
    "NMD_transcript_variant": "NMD_transcript", "non_coding_transcript_variant": None,
    "feature_elongation": "feature_elongation", "feature_truncation": "feature_truncation",
}


def expected(path):
    """(pos, ref, alt) -> {transcript: (types, aa, compound)} from the BCSQ line of each block,
    and the set of "POSREF>ALT" that bcftools joined into a compound (its '+' DNA changes)."""
    out, members = {}, set()
    with open(path) as f:
        blocks = f.read().strip("\n").split("\n\n")
    for b in blocks:
        lines = [l for l in b.split("\n") if l.strip()]
        if not lines:
            continue
        cols = lines[-1].split("\t")
        if len(cols) < 4:
            continue
        key = (int(cols[0]), cols[1], cols[2])
        per = {}
        if cols[3] != ".":
            for e in cols[3].split(","):
                if e.startswith("@"):
                    continue
                f = e.split("|")
                types = set(t.lstrip("*") for t in f[0].split("&"))
                tx = f[2] if len(f) > 2 else ""
                aa = f[5] if len(f) > 5 else ""
                # a '+' in the DNA change: the joint effect of several phased variants
                compound = len(f) > 6 and "+" in f[6]
                if compound:
                    members.update(f[6].split("+"))
                per.setdefault(tx, [set(), "", False])
                per[tx][0] |= types
                per[tx][1] = aa
                per[tx][2] = per[tx][2] or compound
        out[key] = per
    return out, members


def ours(revus, fa, gff, vcf):
    r = subprocess.run([revus, "-q", "csq", "-f", fa, "-g", gff, vcf] + CONV, capture_output=True, text=True)
    if r.returncode not in (0, 1):
        raise RuntimeError("%s: revus csq exit %d: %s" % (vcf, r.returncode, r.stderr.strip()))
    out = {}
    for line in r.stdout.split("\n"):
        if not line or line.startswith("#"):
            continue
        c = line.split("\t")
        per = {}
        for kv in c[7].split(";"):
            if not kv.startswith("RV_CSQ="):
                continue
            for e in kv[7:].split(","):
                f = e.split("|")
                tx = f[4].rsplit(".", 1)[0] if "." in f[4] else f[4]
                types = set(SO_TO_BCSQ.get(t) for t in f[0].split("&")) - {None}
                per[tx] = [types, f[12], f[13], f[4]]
        out.setdefault((int(c[1]), c[3], c[4]), per)
    return out


CONV = []     # ["--conventions", NAME] when given

SPLICE = {"splice_region", "splice_donor", "splice_acceptor"}
# the coding terms bcftools reports for a compound as a whole
CODING = {"frameshift", "inframe_insertion", "inframe_deletion", "missense", "synonymous", "stop_gained",
          "stop_lost", "start_lost", "stop_retained", "start_retained", "inframe_altering", "coding_sequence"}


def bcftools_view(types):
    """bcftools reports an intronic base of a splice site or region by the splice term alone."""
    return types - {"intron"} if types & SPLICE else types


def agrees(tx, want, mine):
    """bcftools leaves the transcript empty on intron entries: any transcript of ours then."""
    if tx == "":
        return any(bcftools_view(m[0]) == want for m in mine.values())
    return tx in mine and bcftools_view(mine[tx][0]) == want


def same_key(k, got):
    """bcftools keeps the record as written; revus trims alleles: match on the trimmed form."""
    if k in got:
        return got[k]
    pos, ref, alt = k
    while len(ref) > 1 and len(alt) > 1 and ref[-1] == alt[-1]:
        ref, alt = ref[:-1], alt[:-1]
    while len(ref) > 1 and len(alt) > 1 and ref[0] == alt[0]:
        ref, alt, pos = ref[1:], alt[1:], pos + 1
    return got.get((pos, ref, alt))


def main():
    args = sys.argv[1:]
    revus, root = args[0], args[1]
    min_type = float(args[args.index("--min-type") + 1]) if "--min-type" in args else 0
    min_prot = float(args[args.index("--min-protein") + 1]) if "--min-protein" in args else 0
    listing = "--list" in args
    if "--conventions" in args:
        CONV[:] = ["--conventions", args[args.index("--conventions") + 1]]
    n = agree = n_aa = agree_aa = n_compound = 0
    for d in sorted(os.listdir(root)):
        base = os.path.join(root, d)
        fa, gff = os.path.join(base, d + ".fa"), os.path.join(base, d + ".gff")
        if not (os.path.isfile(fa) and os.path.isfile(gff)):
            continue
        for v in sorted(os.listdir(base)):
            if not v.endswith(".vcf"):
                continue
            vcf = os.path.join(base, v)
            with open(vcf) as f:
                head = [l for l in f if l.startswith("#CHROM")]
            if head and len(head[0].rstrip("\n").split("\t")) > 8:
                continue            # per-sample haplotype output: not comparable record by record
            exp = vcf[:-4] + ".txt-l"
            if not os.path.exists(exp):
                exp = vcf[:-4] + ".txt"
            if not os.path.exists(exp):
                continue
            want, members = expected(exp)
            got = ours(revus, fa, gff, vcf)
            for k, per in sorted(want.items()):
                mine = same_key(k, got) or {}
                if per and all(w[2] for w in per.values()):
                    n_compound += 1
                    if listing:
                        print("compound\t%s/%s\t%d %s>%s\tbcftools=%s\trevus=%s" % (d, v, k[0], k[1], k[2],
                              {t: sorted(w[0]) for t, w in per.items()}, {t: sorted(m[0]) for t, m in mine.items()}))
                    continue
                n += 1
                if "%d%s>%s" % k in members:
                    # its coding change is in another record's compound entry: compare the rest
                    per = {t: [w[0] - CODING, w[1], w[2]] for t, w in per.items()}
                    mine = {t: [m[0] - CODING] + m[1:] for t, m in mine.items()}
                ok = all(agrees(tx, w[0], mine) for tx, w in per.items() if w[0])
                agree += ok
                if not ok and listing:
                    print("type\t%s/%s\t%d %s>%s\tbcftools=%s\trevus=%s" % (d, v, k[0], k[1], k[2],
                          {t: sorted(w[0]) for t, w in per.items()},
                          {t: sorted(m[0]) for t, m in mine.items()}))
                for tx, w in per.items():
                    aa = w[1]
                    if ">" not in aa or ".." in aa or not tx in mine:
                        continue
                    a, b = aa.split(">")
                    if not (a[:-1].isdigit() and b[:-1].isdigit() and a[:-1] == b[:-1]):
                        continue
                    n_aa += 1
                    m = mine[tx]
                    mine_aa = "%s%s>%s%s" % (m[1], m[2][:1], m[1], m[2][-1:]) if m[1] and m[2] else ""
                    agree_aa += mine_aa == aa
                    if mine_aa != aa and listing:
                        print("protein\t%s/%s\t%d %s>%s\tbcftools=%s\trevus=%s" % (d, v, k[0], k[1], k[2], aa, mine_aa))
    rate = 100.0 * agree / n if n else 0
    prate = 100.0 * agree_aa / n_aa if n_aa else 0
    print("consequence type: %d of %d records agree with bcftools csq (%.1f%%)" % (agree, n, rate))
    print("amino-acid change: %d of %d agree (%.1f%%)" % (agree_aa, n_aa, prate))
    print("left out: %d records whose expected consequence is bcftools' joint effect of phased variants" % n_compound)
    sys.exit(0 if rate >= min_type and prate >= min_prot else 1)


if __name__ == "__main__":
    main()
