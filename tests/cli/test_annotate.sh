#!/bin/sh
# revus annotate: sources imported into a fresh home (real ClinVar and gnomAD fixtures,
# synthetic panel, gene regions and scores described by descriptors written here), then
# a small GRCh37 VCF annotated; golden output, BCF output, --sources, --index, refusals.
. "$(dirname "$0")/../../tests/cli/lib.sh"
D=$TD/index
H=$TMP/home
ANN=$TMP/ann
mkdir -p "$ANN"
cp "$TOP/annotations/clinvar-grch37.json" "$TOP/annotations/gnomad-v2-exomes.json" "$ANN/"
cat > "$ANN/lipid-panel.json" <<'EOF'
{ "name": "lipid-panel", "title": "Synthetic lipid panel", "role": "gene-panel", "format": "panelapp-json",
  "download": { "version_rule": "json:version" }, "panel": { "id": 9001 },
  "fields": { "symbol": { "from": "gene_data.gene_symbol" }, "hgnc_id": { "from": "gene_data.hgnc_id" },
              "confidence": { "from": "confidence_level" }, "moi": { "from": "mode_of_inheritance" },
              "panel_id": { "from": "panel.id" }, "panel_version": { "from": "panel.version" } } }
EOF
cat > "$ANN/test-genes.json" <<'EOF'
{ "name": "test-genes", "title": "Synthetic gene regions", "role": "gene-regions", "format": "bed", "build": "GRCh37",
  "download": { "version_rule": "manual" },
  "fields": { "symbol": { "from": "4" }, "lof_mechanism": { "from": "5" } } }
EOF
cat > "$ANN/test-score.json" <<'EOF'
{ "name": "test-score", "title": "Synthetic REVEL-like score", "role": "in-silico-score", "format": "tsv", "build": "GRCh37",
  "download": { "version_rule": "manual" },
  "table": { "columns": { "chrom": "chrom", "pos": "pos", "ref": "ref", "alt": "alt" } },
  "fields": { "score": { "from": "score" } } }
EOF
imp() { "$REVUS" --home "$H" -q sources import --annotations "$ANN" "$@"; }
expect_exit 0 "import clinvar" imp clinvar-grch37 "$D/clinvar_20210302.GRCh37.10_records.vcf"
expect_exit 0 "import gnomad" imp gnomad-v2-exomes "$D/gnomad.exomes.r2.1.1.GRCh37.PCSK9_1-55505599-55516888.vcf.bgz" --version 2.1.1
expect_exit 0 "import panel" imp lipid-panel "$D/panel_synthetic.json"
expect_exit 0 "import regions" imp test-genes "$D/genes_synthetic.bed" --version 1
expect_exit 0 "import score" imp test-score "$D/scores_synthetic.tsv" --version 1

# Provenance lines carry the command line and paths: compare without them.
body() { grep -v '^##revusCommand=' "$1" | grep -v '^##revusVersion=' | sed 's/SHA256=[0-9a-f]*/SHA256=X/'; }

expect_exit 0 "annotate VCF" "$REVUS" --home "$H" -q annotate "$D/patient.GRCh37.vcf" -o "$TMP/out.vcf"
body "$TMP/out.vcf" > "$TMP/out.body"
golden "$TMP/out.body" "$D/expected_annotate.vcf" "annotate golden output"
expect_exit 0 "clinvar match on a split allele" grep -q "865628.*G	A.*RV_CLNSIG=Likely_benign" "$TMP/out.vcf"
if grep -q "865628.*G	T.*RV_CLNSIG" "$TMP/out.vcf"; then bad "other ALT of the split record unmatched"; else ok "other ALT of the split record unmatched"; fi
expect_exit 0 "trimmed insertion meets gnomAD" grep -q "55505603.*RV_AF=0.000115368" "$TMP/out.vcf"
if grep -q "55505606.*RV_AF" "$TMP/out.vcf"; then bad "non-PASS gnomAD site not used"; else ok "non-PASS gnomAD site not used"; fi
expect_exit 0 "panel via gene region" grep -q "55505599.*RV_PANEL=3.*RV_GENE=PCSK9" "$TMP/out.vcf"
expect_exit 0 "score tag named by source" grep -q "865568.*RV_TEST_SCORE=0.731" "$TMP/out.vcf"
expect_exit 0 "INFO header names source and version" grep -q '^##INFO=<ID=RV_AF,.*Source="gnomad-v2-exomes",Version="2.1.1">' "$TMP/out.vcf"
expect_exit 0 "revusSource line" grep -q '^##revusSource=<ID=clinvar-grch37,Version=2021-03-02,SHA256=[0-9a-f]\{64\},Role=clinical-assertion>' "$TMP/out.vcf"

expect_exit 0 "annotate --sources" "$REVUS" --home "$H" -q annotate "$D/patient.GRCh37.vcf" --sources gnomad-v2-exomes -o "$TMP/g.vcf"
if grep -q "RV_CLNSIG" "$TMP/g.vcf"; then bad "--sources selects"; else ok "--sources selects"; fi
expect_exit 0 "--sources keeps gnomAD" grep -q "RV_AF=" "$TMP/g.vcf"

expect_exit 0 "annotate to BCF" "$REVUS" --home "$H" -q annotate "$D/patient.GRCh37.vcf" -O b -o "$TMP/out.bcf"
bcftools view --no-version "$TMP/out.bcf" 2>/dev/null | grep -v '^#' | cut -f1-5,8 > "$TMP/bcf.txt"
grep -v '^#' "$TMP/out.vcf" | cut -f1-5,8 > "$TMP/vcf.txt"
expect_exit 0 "BCF carries the same tags" sh -c "bcftools query -f '%POS %RV_CLNSIG %RV_AF %RV_PANEL %RV_GENE\n' '$TMP/out.bcf' | grep -q '55505599 . 1.11546e-05 3 PCSK9'"

IDX=$(ls "$H"/store/clinvar-grch37/*/index.rvx | head -n 1)
expect_exit 0 "annotate --index (no store)" "$REVUS" --home "$TMP/nohome" -q annotate "$D/patient.GRCh37.vcf" --index "$IDX"
expect_stdout "RV_CLNSIG=Uncertain_significance" "--index output"

# Coverage (issue 12): the gnomAD fixture holds only chr1 records, so chr2 is not covered
# (golden above: "chr2 not covered"). Declared regions narrow it to the PCSK9 slice the
# fixture was cut from: absence outside it is no evidence, absence inside is PM2.
H2=$TMP/home-cov
ANN2=$TMP/ann-cov
mkdir -p "$ANN2"
sed 's/"fields"/"coverage": ["chr1:55505599-55516888"], "fields"/' "$TOP/annotations/gnomad-v2-exomes.json" > "$ANN2/gnomad-v2-exomes.json"
expect_exit 0 "import with declared coverage" "$REVUS" --home "$H2" -q sources import --annotations "$ANN2" gnomad-v2-exomes "$D/gnomad.exomes.r2.1.1.GRCh37.PCSK9_1-55505599-55516888.vcf.bgz" --version 2.1.1
expect_exit 0 "annotate with declared coverage" "$REVUS" --home "$H2" -q annotate "$D/patient.GRCh37.vcf" -o "$TMP/cov.vcf"
expect_exit 0 "outside the declared regions: not evaluated" grep -q "^1	866000	.*PM2:_not_evaluated:_chr1:866000_not_covered_by_gnomad-v2-exomes_2.1.1" "$TMP/cov.vcf"
if grep "^1	866000" "$TMP/cov.vcf" | grep -q "PM2_Supporting"; then bad "no PM2 outside the declared regions"; else ok "no PM2 outside the declared regions"; fi
expect_exit 0 "inside the declared regions: absent is PM2" grep -q "^1	55505606	.*PM2_Supporting|1|absent|gnomad-v2-exomes@2.1.1" "$TMP/cov.vcf"
expect_exit 0 "sources show names the coverage" "$REVUS" --home "$H2" sources show --annotations "$ANN2" gnomad-v2-exomes
expect_stdout "coverage.*1 declared region" "coverage shown"
sed 's/"fields"/"coverage": ["chr1:200-100"], "fields"/' "$TOP/annotations/gnomad-v2-exomes.json" > "$ANN2/gnomad-v2-exomes.json"
expect_exit 2 "bad coverage region refused" "$REVUS" --home "$H2" sources show --annotations "$ANN2" gnomad-v2-exomes
expect_stderr "coverage\[0\].*START <= END" "bad coverage region named"

# Wrong files never become evidence (issue 12): a table whose positions run past the
# declared build's chromosome is refused; a mapped column the file lacks is a warning; a
# gVCF's <NON_REF> beside a real ALT is dropped at the split; a structural allele says it
# was not evaluated.
printf 'chrom\tpos\tref\talt\tscore\n1\t248956000\tA\tG\t0.5\n1\t249250000\tC\tT\t0.7\n' > "$TMP/scores38.tsv"
ANN3=$TMP/ann-files
mkdir -p "$ANN3"
sed 's/"GRCh37"/"GRCh38"/' "$ANN/test-score.json" > "$ANN3/test-score.json"
expect_exit 3 "a GRCh37 table imported as GRCh38 is refused" "$REVUS" --home "$H2" -q sources import --annotations "$ANN3" test-score "$TMP/scores38.tsv" --version 1
expect_stderr "scores38.tsv:3: 1:249250000 is beyond the end of chr1 in GRCh38 .248956422 bp." "the refusal names file, line and build"
sed 's/"fields": { "score": { "from": "score" } }/"fields": { "score": { "from": "score" }, "transcript": { "from": "Ensembl_transcriptid" } }/' "$ANN/test-score.json" > "$ANN3/test-score.json"
expect_exit 0 "a table without a mapped column is imported" "$REVUS" --home "$H2" sources import --annotations "$ANN3" test-score "$D/scores_synthetic.tsv" --version 1
expect_stderr "column .Ensembl_transcriptid. .mapped to field .transcript.. is not in the header; the field stays empty" "with a warning naming the column"
printf '##fileformat=VCFv4.2\n##contig=<ID=1,length=249250621>\n##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS\n1\t55505606\t.\tG\tA,<NON_REF>\t50\tPASS\t.\tGT\t0/1\n1\t55505700\t.\tA\t<NON_REF>\t.\t.\tEND=55505800\tGT\t0/0\n1\t55506000\t.\tA\t<DEL>\t50\tPASS\tSVTYPE=DEL\tGT\t0/1\n' > "$TMP/g.vcf"
expect_exit 0 "annotate a gVCF" "$REVUS" --home "$H2" -q annotate "$TMP/g.vcf" -o "$TMP/g.out.vcf"
n=$(grep -c '^1	55505606	' "$TMP/g.out.vcf")
[ "$n" = 1 ] && grep -q '^1	55505606	.	G	A	' "$TMP/g.out.vcf" && ok "<NON_REF> dropped at the split" || bad "<NON_REF> dropped at the split" "$(grep -v '^#' "$TMP/g.out.vcf")"
if grep '^1	55505700' "$TMP/g.out.vcf" | grep -q RV_; then bad "a reference block gets no tags"; else ok "a reference block gets no tags"; fi
expect_exit 0 "a structural allele says it was not evaluated" grep -q '^1	55506000	.*RV_NOT_EVALUATED=ACMG:_not_evaluated:_symbolic_allele' "$TMP/g.out.vcf"
# ... in BCF output too, through the same tags: a deletion, a breakend and a repeat after a
# record that gnomAD holds, read back with bcftools, carry exactly what the VCF text carries
# (and none of the previous record's gnomAD tags)
printf '##fileformat=VCFv4.2\n##contig=<ID=1,length=249250621>\n##INFO=<ID=SVTYPE,Number=1,Type=String,Description="SV type">\n##ALT=<ID=DEL,Description="Deletion">\n##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS\n1\t55505599\t.\tC\tG\t50\tPASS\t.\tGT\t0/1\n1\t55506000\t.\tA\t<DEL>\t50\tPASS\tSVTYPE=DEL\tGT\t0/1\n1\t55506100\t.\tA\tA[2:321682[\t50\tPASS\tSVTYPE=BND\tGT\t0/1\n1\t55506200\t.\tA\t<STR12>\t50\tPASS\t.\tGT\t0/1\n' > "$TMP/sv.vcf"
expect_exit 0 "annotate symbolic alleles to VCF" "$REVUS" --home "$H2" -q annotate "$TMP/sv.vcf" -o "$TMP/sv.out.vcf"
grep -v '^#' "$TMP/sv.out.vcf" | cut -f 1-8 > "$TMP/sv.text"
for m in b u; do
    expect_exit 0 "annotate symbolic alleles -O$m" "$REVUS" --home "$H2" -q annotate "$TMP/sv.vcf" -O$m -o "$TMP/sv.$m.bcf"
    bcftools view -H "$TMP/sv.$m.bcf" | cut -f 1-8 > "$TMP/sv.$m.text"
    golden "$TMP/sv.$m.text" "$TMP/sv.text" "-O$m: the BCF read back carries the VCF text's tags"
done
[ "$(grep -c 'RV_NOT_EVALUATED=ACMG:_not_evaluated:_symbolic_allele' "$TMP/sv.b.text")" = 3 ] && ok "BCF: deletion, breakend and repeat not evaluated" || bad "BCF: deletion, breakend and repeat not evaluated" "$(cat "$TMP/sv.b.text")"
grep -q '^1	55505599	.*RV_AF=' "$TMP/sv.b.text" && ok "BCF: the gnomAD record is annotated" || bad "BCF: the gnomAD record is annotated" "$(cat "$TMP/sv.b.text")"
if grep '^1	5550[6]' "$TMP/sv.b.text" | grep -q 'RV_AF=\|RV_CLASS'; then bad "BCF: no tags of the previous record on a symbolic one" "$(cat "$TMP/sv.b.text")"; else ok "BCF: no tags of the previous record on a symbolic one"; fi
# `revus run` over the same VCF says it too: a symbolic allele has no call to store, so the run
# names the sample's VCF and how many of its alleles were not evaluated (full run and shard)
printf 'sample\tvcf\nSV1\t%s\n' "$TMP/sv.vcf" > "$TMP/sv.manifest.tsv"
expect_exit 0 "register a sample with symbolic alleles" "$REVUS" --home "$H2" -q cohort import "$TMP/sv.manifest.tsv"
expect_exit 0 "run a sample with symbolic alleles" "$REVUS" --home "$H2" run
expect_stderr "warning: $TMP/sv.vcf: 3 symbolic or structural alleles \(<DEL>, breakends, repeats\) not evaluated: symbolic allele" "run: the symbolic alleles are not evaluated, said"
# (a shard after that run is incremental like a second run, and reads nothing of an
# unchanged VCF: --full reads it whole, as the run did)
expect_exit 0 "a shard of it" "$REVUS" --home "$H2" run --shard SV1 --full --out "$TMP/sv.shard"
expect_stderr "warning: $TMP/sv.vcf: 3 symbolic or structural alleles .* not evaluated: symbolic allele" "run --shard: said too"

# PS1/PM5 from the active ClinVar release (issue 12): a ClinVar-derived table that carries
# protein changes gives the residue table; a missense variant at the same residue of the same
# gene meets PM5 (another change) or PS1 (the same change), named with the release.
H4=$TMP/home-res
ANN4=$TMP/ann-res
mkdir -p "$ANN4"
cat > "$ANN4/clinvar-protein.json" <<'JSON'
{ "name": "clinvar-protein", "role": "clinical-assertion", "format": "tsv", "build": "GRCh37",
  "download": { "version_rule": "manual" },
  "table": { "columns": { "chrom": "chrom", "pos": "pos", "ref": "ref", "alt": "alt" } },
  "fields": { "clnsig": { "from": "clnsig" }, "clnrevstat": { "from": "clnrevstat" }, "gene": { "from": "gene" },
              "protein": { "from": "name" }, "variation_id": { "from": "id" } } }
JSON
printf 'chrom\tpos\tref\talt\tclnsig\tclnrevstat\tgene\tname\tid\n7\t117171029\tG\tA\tPathogenic\tcriteria_provided,_multiple_submitters,_no_conflicts\tCFTR:1080\tNM_000492.4(CFTR):c.350G>A (p.Arg117His)\t7109\n' > "$TMP/cv.tsv"
expect_exit 0 "import a ClinVar table with protein changes" "$REVUS" --home "$H4" -q sources import --annotations "$ANN4" clinvar-protein "$TMP/cv.tsv" --version 2024-01
CSQH='##INFO=<ID=CSQ,Number=.,Type=String,Description="Consequence annotations from Ensembl VEP. Format: Allele|Consequence|IMPACT|SYMBOL|Gene|Feature_type|Feature|BIOTYPE|EXON|INTRON|HGVSc|HGVSp|HGNC_ID|Protein_position|Amino_acids">'
printf '##fileformat=VCFv4.2\n##contig=<ID=7,length=159138663>\n%s\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n7\t117171028\t.\tC\tT\t50\tPASS\tCSQ=T|missense_variant|MODERATE|CFTR|ENSG00000001626|Transcript|ENST00000003084|protein_coding|4/27||c.349C>T|p.Arg117Cys|HGNC:1884|117|R/C\n' "$CSQH" > "$TMP/pm5.vcf"
expect_exit 0 "annotate a missense at a ClinVar P residue" "$REVUS" --home "$H4" -q annotate "$TMP/pm5.vcf" -o "$TMP/pm5.out.vcf"
expect_exit 0 "PM5 from the active ClinVar release" grep -q 'PM5|2|p.R117H_P/_ours_C_(ClinVar_7109_2\*)|clinvar-protein@2024-01' "$TMP/pm5.out.vcf"
expect_exit 0 "without protein changes PS1/PM5 say why" sh -c "'$REVUS' --home '$H2' -q annotate '$TMP/pm5.vcf' | grep -q 'PS1/PM5:_not_evaluated:_no_residue_source'"
expect_exit 0 "a ClinVar VCF carries no protein changes: said" sh -c "'$REVUS' --home '$H' -q annotate '$TMP/pm5.vcf' | grep -q 'PS1/PM5:_not_evaluated:_protein_change_unknown_(none_in_clinvar-grch37_2021-03-02/_and_no_gene_model_with_a_reference_FASTA_to_compute_them)'"

expect_exit 2 "unknown option" "$REVUS" annotate --bogus "$D/patient.GRCh37.vcf"
expect_exit 2 "missing input" "$REVUS" --home "$H" annotate "$TMP/none.vcf"
expect_exit 2 "unknown source name" "$REVUS" --home "$H" annotate "$D/patient.GRCh37.vcf" --sources nope
head -c 200 "$IDX" > "$TMP/trunc.rvx"
expect_exit 3 "truncated index refused" "$REVUS" annotate "$D/patient.GRCh37.vcf" --index "$TMP/trunc.rvx"
expect_stderr "truncated" "truncated index message"
sed 's/length=249250621/length=248956422/; s/length=243199373/length=242193529/' "$D/patient.GRCh37.vcf" > "$TMP/p38.vcf"
expect_exit 3 "build mismatch refused" "$REVUS" --home "$H" annotate "$TMP/p38.vcf" -o "$TMP/x.vcf"
expect_stderr "GRCh38.*GRCh37" "build mismatch message"
if [ -e "$TMP/x.vcf" ]; then bad "no output on failure"; else ok "no output on failure"; fi
expect_exit 0 "help" "$REVUS" annotate --help
expect_stdout "Usage: revus annotate" "help text"
# no active source: the output is written but the status says it carries no knowledge
expect_exit 1 "annotate with no active source exits 1" "$REVUS" --home "$TMP/empty-home" annotate "$TD/classify/scout_vep104_annotated.vcf" -o "$TMP/nosrc.vcf"
expect_stderr "no active sources" "annotate names the missing sources"
[ -s "$TMP/nosrc.vcf" ] && ok "annotate still writes its output" || bad "annotate wrote no output"

finish
