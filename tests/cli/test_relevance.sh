#!/bin/sh
# test_relevance.sh (issue 12): which variants a run keeps. A synthetic VEP-annotated VCF
# on the demo panel's genes: a missense, an intronic, a synonymous, a 3' UTR and a splice
# region variant; only the missense and the splice region variant are candidates, every
# kept call says why, and a config listing intron_variant keeps the intronic one too.
. "$(dirname "$0")/lib.sh"
if ! command -v sqlite3 >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
    echo "skip - test_relevance.sh needs the sqlite3 shell and python3"
    finish; exit $?
fi
C=$TD/cohort
H=$TMP/home
mkdir -p "$H"
python3 - "$TOP/pipeline/default.json" "$C/indications.json" "$H/pipeline.json" "$H/intronic.json" <<'PY'
import json, sys
conf = json.load(open(sys.argv[1])); conf.update(json.load(open(sys.argv[2])))
json.dump(conf, open(sys.argv[3], "w"), indent=1)
conf["reanalysis"]["candidates"]["consequences"].append("intron_variant")
json.dump(conf, open(sys.argv[4], "w"), indent=1)
PY
CSQ='##INFO=<ID=CSQ,Number=.,Type=String,Description="Consequence annotations from Ensembl VEP. Format: Allele|Consequence|IMPACT|SYMBOL|Gene|Feature_type|Feature|BIOTYPE|EXON|INTRON|HGVSc|HGVSp|HGNC_ID">'
{
    printf '##fileformat=VCFv4.2\n##contig=<ID=7,length=159138663>\n%s\n' "$CSQ"
    printf '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n'
    printf '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tR1\n'
    printf '7\t117120100\t.\tC\tT\t50\tPASS\tCSQ=T|missense_variant|MODERATE|CFTR|ENSG00000001626|Transcript|ENST00000003084|protein_coding|2/27||c.10C>T|p.Arg4Cys|HGNC:1884\tGT\t0/1\n'
    printf '7\t117120200\t.\tG\tA\t50\tPASS\tCSQ=A|intron_variant|MODIFIER|CFTR|ENSG00000001626|Transcript|ENST00000003084|protein_coding||2/26|c.53+40G>A||HGNC:1884\tGT\t0/1\n'
    printf '7\t117120300\t.\tG\tA\t50\tPASS\tCSQ=A|synonymous_variant|LOW|CFTR|ENSG00000001626|Transcript|ENST00000003084|protein_coding|3/27||c.120G>A|p.Leu40%%3D|HGNC:1884\tGT\t0/1\n'
    printf '7\t117120400\t.\tA\tG\t50\tPASS\tCSQ=G|3_prime_UTR_variant|MODIFIER|CFTR|ENSG00000001626|Transcript|ENST00000003084|protein_coding|27/27||c.*50A>G||HGNC:1884\tGT\t0/1\n'
    printf '7\t117120500\t.\tT\tC\t50\tPASS\tCSQ=C|splice_region_variant&intron_variant|LOW|CFTR|ENSG00000001626|Transcript|ENST00000003084|protein_coding||3/26|c.164+5T>C||HGNC:1884\tGT\t0/1\n'
    printf '7\t117120600\t.\tT\t<DEL>\t50\tPASS\tSVTYPE=DEL\tGT\t0/1\n'
} > "$TMP/R1.vcf"
printf 'sample\tvcf\tindication\tsex\tfamily\nR1\t%s\tCF\tF\t\n' "$TMP/R1.vcf" > "$TMP/manifest.tsv"
R() { "$REVUS" -q --home "$H" --config "$H/pipeline.json" "$@"; }
R sources import --annotations "$C/annotations" demo-panel "$C/panel_demo_v1.1.json" >/dev/null 2>>"$TMP/log"
R cohort import "$TMP/manifest.tsv" 2>>"$TMP/log"
expect_exit 0 "run" "$REVUS" --home "$H" --config "$H/pipeline.json" run
expect_stderr "R1.vcf: 1 symbolic or structural allele .* not evaluated: symbolic allele" "a structural allele is not passed over silently"
kept=$(sqlite3 -separator ' ' "$H/revus.db" "SELECT pos, candidate_reason FROM classifications WHERE candidate = 1 ORDER BY pos" | tr '\n' ';')
[ "$kept" = "117120100 panel:missense_variant;117120500 panel:splice_region_variant;" ] \
    && ok "only the missense and the splice region variant are kept, each with its reason" \
    || bad "only the missense and the splice region variant are kept" "$kept"
expect_exit 0 "run with intron_variant configured" "$REVUS" -q --home "$H" --config "$H/intronic.json" run
kept=$(sqlite3 "$H/revus.db" "SELECT count(*) FROM classifications WHERE candidate = 1 AND run = 2")
[ "$kept" = 3 ] && ok "the config decides: intronic variants kept when listed" || bad "intronic variants kept when listed" "$kept"
nc=$(sqlite3 "$H/revus.db" "SELECT count(*) FROM flags WHERE run = 2 AND category = 'new_candidate'")
[ "$nc" = 1 ] && ok "new_candidate follows the same rule (the intronic variant)" || bad "new_candidate follows the rule" "$nc"
python3 - "$H/pipeline.json" "$H/bad.json" <<'PY'
import json, sys
conf = json.load(open(sys.argv[1])); conf["reanalysis"]["candidates"]["clinvar_tiers"] = ["P/LP", "Pathogenic"]
json.dump(conf, open(sys.argv[2], "w"))
PY
expect_exit 2 "an unknown ClinVar tier in the config is refused" "$REVUS" -q --home "$H" --config "$H/bad.json" run
expect_stderr "clinvar_tiers\\[1\\]: 'Pathogenic' is not a ClinVar tier" "the refusal names the key and the value"
finish
