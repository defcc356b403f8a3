#!/bin/sh
# PS1/PM5 and PVS1 on an unannotated VCF with the active gene model: the protein changes of
# ClinVar's P/LP records computed with the model into the residue table, and the gene's
# loss-of-function mechanism from a ClinGen Dosage Sensitivity source (role gene-dosage).
# Data: test-data/csq/cd207 (the real Ensembl CD207 transcript and its sequence, from the
# bcftools csq set; a synthetic ClinVar release and dosage files in the real layouts) and
# the real ClinGen dosage subset in test-data/sources.
. "$(dirname "$0")/lib.sh"
D=$TD/csq/cd207
export REVUS_HOME=$TMP/home
A=$TMP/ann; mkdir -p "$A"
sed -e 's/"name": "gff3"/"name": "cd207-model"/' -e 's/"GRCh38"/"GRCh37"/' "$TOP/pipeline/gene-model-gff3.json" > "$A/cd207-model.json"
cp "$TOP/annotations/clinvar-grch37.json" "$A/"
sed -e 's/clingen-dosage-grch38/cd207-dosage/' -e 's/"GRCh38"/"GRCh37"/' "$TOP/annotations/clingen-dosage-grch38.json" > "$A/cd207-dosage.json"
expect_exit 0 "import the gene model" "$REVUS" -q sources import --annotations "$A" cd207-model "$D/cd207.gff3" --version 1
expect_exit 0 "import a ClinVar release (VCF: no protein changes)" "$REVUS" -q sources import --annotations "$A" clinvar-grch37 "$D/cd207.clinvar.vcf"
[ -s "$TMP/err" ] && bad "the ClinVar release imports without warnings" "$(head -c 300 "$TMP/err")" || ok "the ClinVar release imports without warnings"

# one tag of one record: tag RECORD_POS ALT TAG
tag() { awk -F'\t' -v p="$1" -v a="$2" '$2 == p && $5 == a { print $8 }' "$TMP/ann.vcf" | tr ';' '\n' | grep "^$3=" ; }

# without a reference FASTA the model cannot compute ClinVar's protein changes: a missense
# the input's own VEP annotation names gets PS1/PM5 "not evaluated", with the reason
CSQH='##INFO=<ID=CSQ,Number=.,Type=String,Description="Consequence annotations from Ensembl VEP. Format: Allele|Consequence|IMPACT|SYMBOL|Gene|Feature_type|Feature|BIOTYPE|EXON|INTRON|HGVSc|HGVSp|HGNC_ID|Protein_position|Amino_acids">'
{ grep '^##' "$D/cd207.patient.vcf"; echo "$CSQH"; grep '^#CHROM' "$D/cd207.patient.vcf"
  grep '^2	5537	' "$D/cd207.patient.vcf" | sed 's/NOTE=[^	]*/CSQ=C|missense_variant|MODERATE|CD207|ENSG00000116031|Transcript|ENST00000410009|protein_coding|1\/6||c.44A>G|p.Asp15Gly|HGNC:17935|15|D\/G/'
} > "$TMP/vep.vcf"
"$REVUS" annotate --build GRCh37 "$TMP/vep.vcf" -o "$TMP/ann.vcf" 2>/dev/null
tag 5537 C RV_NOT_EVALUATED | grep -q 'PS1/PM5:_not_evaluated:_protein_change_unknown_(none_in_clinvar-grch37_2026-01-05/_and_no_gene_model_with_a_reference_FASTA_to_compute_them)' \
    && ok "no FASTA: PS1/PM5 say why they are not evaluated" || bad "no FASTA: PS1/PM5 reason" "$(tag 5537 C RV_NOT_EVALUATED)"

expect_exit 0 "annotate an unannotated VCF with the gene model" "$REVUS" annotate --build GRCh37 -f "$D/cd207.fa" "$D/cd207.patient.vcf" -o "$TMP/ann.vcf"
# PS1: ClinVar P c.45C>G p.Asp15Glu; the patient's c.45C>A gives the same amino-acid change
tag 5536 T RV_CRITERIA | grep -q '^RV_CRITERIA=PS1|4|p.D15E_as_ClinVar_900001_2\*_P|clinvar-grch37@2026-01-05+cd207-model@1$' \
    && ok "PS1: same amino-acid change as a ClinVar P record, named with both releases" || bad "PS1" "$(tag 5536 T RV_CRITERIA)"
# PM5: another missense (p.Asp15Gly) at that residue
tag 5537 C RV_CRITERIA | grep -q '^RV_CRITERIA=PM5|2|p.D15E_P/_ours_G_(ClinVar_900001_2\*)|clinvar-grch37@2026-01-05+cd207-model@1$' \
    && ok "PM5: another missense at a residue with a P missense" || bad "PM5" "$(tag 5537 C RV_CRITERIA)"
# PS1 one level lower when the comparator is only likely pathogenic
tag 5527 T RV_CRITERIA | grep -q '^RV_CRITERIA=PS1_Moderate|2|p.N18K_as_ClinVar_900002_1\*_LP|' \
    && ok "PS1_Moderate: the comparator is LP" || bad "PS1_Moderate" "$(tag 5527 T RV_CRITERIA)"
# the ClinVar record itself is no comparator of itself
tag 5536 C RV_CRITERIA | grep -q 'PS1\|PM5' && bad "the ClinVar record itself gets no PS1" "$(tag 5536 C RV_CRITERIA)" \
    || ok "the ClinVar record itself gets no PS1"
# a comparator in a splice region (c.73G>A, last base of exon 1) is not used, and said
tag 5411 A RV_NOT_EVALUATED | grep -q 'PS1/PM5:_not_applied:_ClinVar_900003_p.E25K_is_in_a_splice_site_or_region' \
    && ok "a splice-region comparator is not used, and the note says so" || bad "splice comparator" "$(tag 5411 A RV_NOT_EVALUATED)"
tag 5411 A RV_CRITERIA | grep -q 'PM5' && bad "no PM5 from a splice-region comparator" || ok "no PM5 from a splice-region comparator"
# a comparator below PS1_PM5.min_stars (0 stars) is not used
tag 5558 A RV_CRITERIA | grep -q 'PM5' && bad "no PM5 from a 0-star comparator" || ok "no PM5 from a 0-star comparator"

# PVS1 needs a loss-of-function mechanism source
tag 5568 A RV_NOT_EVALUATED | grep -q 'PVS1:_not_evaluated:_no_loss-of-function_mechanism_source' \
    && ok "PVS1 without a LoF-mechanism source says so" || bad "PVS1 without a source" "$(tag 5568 A RV_NOT_EVALUATED)"
expect_exit 0 "import a dosage release: CD207 haploinsufficiency score 1" "$REVUS" -q sources import --annotations "$A" cd207-dosage "$D/cd207.dosage-hi1.tsv" --version 1
"$REVUS" annotate --build GRCh37 -f "$D/cd207.fa" "$D/cd207.patient.vcf" -o "$TMP/ann.vcf" 2>/dev/null
tag 5568 A RV_NOT_EVALUATED | grep -q 'PVS1:_not_evaluated:_CD207_haploinsufficiency_score_1_(cd207-dosage_1)' \
    && ok "a gene with little HI evidence: no PVS1, the score named" || bad "HI 1" "$(tag 5568 A RV_NOT_EVALUATED)"
[ "$(tag 5568 A RV_HI_SCORE)" = RV_HI_SCORE=1 ] && ok "RV_HI_SCORE tag" || bad "RV_HI_SCORE tag" "$(tag 5568 A RV_HI_SCORE)"
expect_exit 0 "import a dosage release: CD207 score 3" "$REVUS" -q sources import --annotations "$A" cd207-dosage "$D/cd207.dosage-hi3.tsv" --version 2
"$REVUS" annotate --build GRCh37 -f "$D/cd207.fa" "$D/cd207.patient.vcf" -o "$TMP/ann.vcf" 2>/dev/null
tag 5568 A RV_CRITERIA | grep -q '^RV_CRITERIA=PVS1|8|stop_gained_exon_1/6_NMD_predicted_(50-55_nt_rule)|cd207-model@1+cd207-dosage@2$' \
    && ok "nonsense, NMD predicted, HI 3: PVS1 naming model and dosage releases" || bad "PVS1 HI 3" "$(tag 5568 A RV_CRITERIA)"
expect_exit 0 "sources diff of two dosage releases" "$REVUS" sources diff cd207-dosage 1 2
expect_stdout '^changed	CD207	hi_score	1	3$' "the diff shows the gene's new score"
# which scores count is data: with 1 listed too, release 1 gives PVS1
expect_exit 0 "roll back to the score-1 release" "$REVUS" -q sources activate cd207-dosage 1
sed 's/"haploinsufficiency_scores": \["3"\]/"haploinsufficiency_scores": ["3", "1"]/' "$TOP/pipeline/acmg.json" > "$TMP/acmg.json"
cp "$TOP/pipeline/ba1_exceptions.tsv" "$TMP/"
"$REVUS" annotate --build GRCh37 --rules "$TMP/acmg.json" -f "$D/cd207.fa" "$D/cd207.patient.vcf" -o "$TMP/ann.vcf" 2>/dev/null
tag 5568 A RV_CRITERIA | grep -q '^RV_CRITERIA=PVS1|8|.*cd207-dosage@1$' && ok "PVS1.haploinsufficiency_scores is read from the rules" \
    || bad "haploinsufficiency_scores from the rules" "$(tag 5568 A RV_CRITERIA)"
sed 's/"exclude_comparator_consequences": \[[^]]*\]/"exclude_comparator_consequences": ["no_such_term"]/' "$TOP/pipeline/acmg.json" > "$TMP/acmg.json"
expect_exit 2 "an unknown comparator term in the rules is refused" "$REVUS" annotate --build GRCh37 --rules "$TMP/acmg.json" -f "$D/cd207.fa" "$D/cd207.patient.vcf"
expect_stderr 'PS1_PM5.exclude_comparator_consequences' "the refusal names the key"

# the real ClinGen dosage subset (2023-11-21, GRCh38) imports with the shipped descriptor,
# its version read from the date line "#21 Nov,2023" (version_rule header-date:#)
H2=$TMP/home2
expect_exit 0 "import the real ClinGen dosage subset" "$REVUS" --home "$H2" sources import clingen-dosage-grch38 "$TD/sources/ClinGen_gene_curation_list_GRCh38.2023-11-21.subset.tsv"
expect_stdout "^clingen-dosage-grch38: 2023-11-21 stored \\(50 records from 50" "50 genes stored, version 2023-11-21 from the file's date line"
"$REVUS" --home "$H2" sources show clingen-dosage-grch38 > "$TMP/show" 2>&1
grep -q 'hi_score *<- Haploinsufficiency Score' "$TMP/show" && ok "sources show lists the gene-dosage fields" || bad "sources show" "$(head -c 300 "$TMP/show")"

# run: the same evidence in stored calls; an incremental run follows a gene-keyed dosage change
# (located through the gene model) and a ClinVar change at a residue (PS1/PM5 of other variants)
"$REVUS" -q sources activate cd207-dosage 1 >/dev/null 2>&1
cat > "$A/cd207-panel.json" <<'JSON'
{ "name": "cd207-panel", "role": "gene-panel", "format": "panelapp-json", "panel": { "id": 1 },
  "download": { "version_rule": "json:version" },
  "fields": { "symbol": { "from": "gene_data.gene_symbol" }, "confidence": { "from": "confidence_level" } } }
JSON
echo '{"id": 1, "name": "test", "version": "1.0", "genes": [{"gene_data": {"gene_symbol": "CD207"}, "confidence_level": "3"}]}' > "$TMP/panel.json"
"$REVUS" -q sources import --annotations "$A" cd207-panel "$TMP/panel.json" >/dev/null 2>&1
# the run's rules exclude only splice donor and acceptor comparators, so a comparator next to
# an exon junction counts (the codon of Tyr64 is split by a 1.5-kb intron)
sed 's/"exclude_comparator_consequences": \[[^]]*\]/"exclude_comparator_consequences": ["splice_donor_variant", "splice_acceptor_variant"]/' \
    "$TOP/pipeline/acmg.json" > "$REVUS_HOME/acmg.json"
cp "$TOP/pipeline/ba1_exceptions.tsv" "$REVUS_HOME/"
python3 - "$TOP/pipeline/default.json" "$REVUS_HOME/pipeline.json" "$D/cd207.fa" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
c["reanalysis"]["reference_fasta"] = sys.argv[3]
c["reanalysis"]["rules"] = "acmg.json"
c["indications"] = {"LCH": {"name": "test", "panels": ["cd207-panel"]}}
json.dump(c, open(sys.argv[2], "w"), indent=1)
PY
printf 'sample\tvcf\tindication\tsex\tfamily\nP1\t%s\tLCH\tF\t\n' "$D/cd207.patient.vcf" > "$TMP/manifest.tsv"
R() { "$REVUS" -q --config "$REVUS_HOME/pipeline.json" "$@"; }
R cohort import "$TMP/manifest.tsv" >/dev/null 2>&1
expect_exit 0 "run with the gene model and reference_fasta" R run
if command -v sqlite3 >/dev/null; then
    q() { sqlite3 "$REVUS_HOME/revus.db" "$@"; }
    crit() { q "SELECT coalesce(criteria, 'none') FROM classifications WHERE run = (SELECT max(id) FROM runs) AND variant = '$1'"; }
    # has VARIANT PATTERN NAME / hasnt VARIANT PATTERN NAME: the stored call exists and (does not) match
    has() { c=$(crit "$1"); [ -n "$c" ] && echo "$c" | grep -q -- "$2" && ok "$3" || bad "$3" "${c:-no call}"; }
    hasnt() { c=$(crit "$1"); [ -n "$c" ] && ! echo "$c" | grep -q -- "$2" && ok "$3" || bad "$3" "${c:-no call}"; }
    last_mode() { q "SELECT mode FROM run_samples WHERE run = (SELECT max(id) FROM runs)"; }
    has 2-5536-G-T '"code":"PS1"' "run: the stored call has PS1"
    has 2-5296-A-G '"code":"PM5".*clinvar-grch37@2026-01-05+cd207-model@1' "run: PM5 across an intron (split codon)"
    hasnt 2-5568-T-A '"code":"PVS1"' "run: no PVS1 with HI score 1"
    R sources activate cd207-dosage 2 >/dev/null 2>&1
    expect_exit 0 "run after a dosage change" R run
    [ "$(last_mode)" = incremental ] && ok "a dosage change located through the gene model: incremental" \
        || bad "dosage change: incremental" "$(q "SELECT mode, reason FROM run_samples")"
    has 2-5568-T-A '"code":"PVS1".*cd207-dosage@2' "the incremental run re-read the gene: PVS1 now"
    # ClinVar withdraws the P record at Asp15: PS1 and PM5 of the other variants there go
    grep -v '	900001	' "$D/cd207.clinvar.vcf" | sed 's/^##fileDate=2026-01-05/##fileDate=2026-02-02/' > "$TMP/clinvar2.vcf"
    R sources import --annotations "$A" clinvar-grch37 "$TMP/clinvar2.vcf" >/dev/null 2>&1
    expect_exit 0 "run after ClinVar removed a comparator" R run
    [ "$(last_mode)" = incremental ] && ok "a ClinVar change: incremental" || bad "ClinVar change: incremental" "$(q "SELECT mode, reason FROM run_samples")"
    hasnt 2-5536-G-T '"code":"PS1"' "PS1 gone with its comparator"
    hasnt 2-5537-T-C '"code":"PM5"' "PM5 in the same codon gone too"
    has 2-5527-G-T '"label":"PS1_Moderate"' "PS1 at another residue kept"
    has 2-5296-A-G '"code":"PM5"' "PM5 at another residue kept"
    # ClinVar withdraws Tyr64Cys: the variant 1.5 kb away in the other half of the codon is
    # re-read through its residue, not through its position
    grep -v '	900006	' "$TMP/clinvar2.vcf" | sed 's/^##fileDate=2026-02-02/##fileDate=2026-03-02/' > "$TMP/clinvar3.vcf"
    R sources import --annotations "$A" clinvar-grch37 "$TMP/clinvar3.vcf" >/dev/null 2>&1
    expect_exit 0 "run after ClinVar removed the split-codon comparator" R run
    [ "$(last_mode)" = incremental ] && ok "that change: incremental" || bad "that change: incremental" "$(q "SELECT mode, reason FROM run_samples")"
    hasnt 2-5296-A-G '"code":"PM5"' "PM5 gone for the variant at the same residue 1.5 kb away (re-read by residue)"
    R run --full >/dev/null 2>&1
    same=1
    for v in $(q "SELECT variant FROM classifications WHERE run = (SELECT max(id) FROM runs)"); do
        a=$(q "SELECT criteria FROM classifications WHERE run = (SELECT max(id) - 1 FROM runs) AND variant = '$v'")
        [ "$a" = "$(crit "$v")" ] || { same=0; bad "incremental = full for $v" "$a vs $(crit "$v")"; }
    done
    [ $same = 1 ] && ok "incremental and full runs store the same criteria"
fi
finish
