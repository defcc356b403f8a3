#!/usr/bin/env python3
"""Agreement of `revus csq` with a VEP-annotated VCF, where a transcript-local gene model holds
the transcript.

Usage: vep_agreement.py REVUS VEP_VCF CASES_DIR [--conventions NAME] [--min PCT] [--list]

VEP_VCF carries VEP's INFO/CSQ (its header names the fields). CASES_DIR holds transcript-local
cases as in bcftools' csq regression set (NAME/NAME.fa whose one sequence is the genomic stretch
named in its header, "CHR:START-END", and NAME/NAME.gff in that sequence's coordinates). Every
VEP record inside such a stretch is moved to the local coordinates (POS - START + 1; REF must
then match the local FASTA) and run through `revus csq`; for each transcript both annotate (id
without version) the consequence terms are compared, leaving out terms revus does not compute
(upstream, downstream, intergenic, regulatory; VEP 105's splice_donor_5th_base_variant,
splice_donor_region_variant and splice_polypyrimidine_tract_variant). Exon and intron numbers
are compared too, so a transcript that changed between the two releases shows. Prints the
agreement (and with --list every disagreement); exits 1 below --min, or when no record could be
compared.
"""
import os
import subprocess
import sys
import tempfile

NOT_COMPUTED = {"upstream_gene_variant", "downstream_gene_variant", "intergenic_variant",
                "regulatory_region_variant", "TF_binding_site_variant", "splice_donor_5th_base_variant",
                "splice_donor_region_variant", "splice_polypyrimidine_tract_variant",
                "mature_miRNA_variant", "TFBS_ablation", "regulatory_region_ablation"}


def vep_records(path):
    fields, recs = None, []
    with open(path) as f:
        for line in f:
            if line.startswith("##INFO=<ID=CSQ"):
                fields = line.split("Format: ")[1].split('"')[0].split("|")
            if line.startswith("#"):
                continue
            c = line.rstrip("\n").split("\t")
            csq = [kv[4:] for kv in c[7].split(";") if kv.startswith("CSQ=")]
            recs.append((c[0], int(c[1]), c[3], c[4], csq[0].split(",") if csq else []))
    return fields, recs


def local_stretch(fa):
    with open(fa) as f:
        head = f.readline()[1:].split()
    if len(head) < 2 or ":" not in head[1] or "-" not in head[1]:
        return None
    chrom, span = head[1].rsplit(":", 1)
    beg, end = span.split("-")
    return head[0], chrom.replace("chr", ""), int(beg), int(end)


def revus_csq(revus, fa, gff, vcf, conv):
    r = subprocess.run([revus, "-q", "csq", "-f", fa, "-g", gff, vcf] + conv, capture_output=True, text=True)
    if r.returncode not in (0, 1):
        raise RuntimeError("revus csq exit %d: %s" % (r.returncode, r.stderr.strip()))
    out = {}
    for line in r.stdout.split("\n"):
        if not line or line.startswith("#"):
            continue
        c = line.split("\t")
        per = {}
        for kv in c[7].split(";"):
            if kv.startswith("RV_CSQ="):
                for e in kv[7:].split(","):
                    f = e.split("|")
                    per[f[4].split(".")[0]] = (set(f[0].split("&")), f[8], f[9])
        out[(int(c[1]), c[3], c[4])] = per
    return out


def main():
    args = sys.argv[1:]
    revus, vep_vcf, root = args[0], args[1], args[2]
    conv = ["--conventions", args[args.index("--conventions") + 1]] if "--conventions" in args else []
    minimum = float(args[args.index("--min") + 1]) if "--min" in args else 0
    listing = "--list" in args
    fields, recs = vep_records(vep_vcf)
    if not fields:
        sys.exit("%s: no VEP CSQ header" % vep_vcf)
    ix = {k: fields.index(k) for k in ("Allele", "Consequence", "Feature", "EXON", "INTRON")}
    n = agree = 0
    for d in sorted(os.listdir(root)):
        fa, gff = os.path.join(root, d, d + ".fa"), os.path.join(root, d, d + ".gff")
        if not (os.path.isfile(fa) and os.path.isfile(gff)):
            continue
        loc = local_stretch(fa)
        if not loc:
            continue
        seq, chrom, beg, end = loc
        inside = [r for r in recs if r[0].replace("chr", "") == chrom and beg <= r[1] <= end]
        if not inside:
            continue
        with tempfile.NamedTemporaryFile("w", suffix=".vcf", delete=False) as t:
            t.write("##fileformat=VCFv4.2\n##contig=<ID=%s>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n" % seq)
            for r in inside:
                t.write("%s\t%d\t.\t%s\t%s\t.\t.\t.\n" % (seq, r[1] - beg + 1, r[2], r[3]))
        try:
            got = revus_csq(revus, fa, gff, t.name, conv)
        finally:
            os.unlink(t.name)
        for chrom_, pos, ref, alt, entries in inside:
            mine = got.get((pos - beg + 1, ref, alt), {})
            for e in entries:
                f = e.split("|")
                tx = f[ix["Feature"]]
                if tx not in mine:
                    continue
                want = set(f[ix["Consequence"]].split("&")) - NOT_COMPUTED
                if not want:
                    continue
                terms, exon, intron = mine[tx]
                n += 1
                ok = want == terms and exon == f[ix["EXON"]] and intron == f[ix["INTRON"]]
                agree += ok
                if listing and not ok:
                    print("%s\t%s:%d %s>%s\tVEP=%s %s %s\trevus=%s %s %s" % (tx, chrom, pos, ref, alt, sorted(want),
                          f[ix["EXON"]], f[ix["INTRON"]], sorted(terms), exon, intron))
    if n == 0:
        sys.exit("no VEP record falls in a transcript of %s" % root)
    rate = 100.0 * agree / n
    print("VEP: %d of %d transcript consequences agree (%.1f%%)" % (agree, n, rate))
    sys.exit(0 if rate >= minimum else 1)


if __name__ == "__main__":
    main()
