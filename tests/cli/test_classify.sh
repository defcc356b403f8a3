#!/bin/sh
# revus annotate classifies: consequence from the input's own VEP/SnpEff annotation, frequency
# criteria from an imported gnomAD release, rules from pipeline/acmg.json; golden criteria;
# refusal of a bad rules file with its JSON path; --no-classify.
. "$(dirname "$0")/../../tests/cli/lib.sh"
C=$TD/classify
H=$TMP/home
ANN=$TMP/ann
mkdir -p "$ANN"
cp "$TOP/annotations/gnomad-v2-exomes.json" "$ANN/"
expect_exit 0 "import gnomAD PCSK9 exomes" "$REVUS" --home "$H" -q sources import --annotations "$ANN" \
    gnomad-v2-exomes "$TD/index/gnomad.exomes.r2.1.1.GRCh37.PCSK9_1-55505599-55516888.vcf.bgz" --version 2.1.1

# POS REF ALT and the classification tags only
rv_cols() { grep -v '^#' "$1" | awk -F'\t' '{ n = split($8, a, ";"); s = "";
    for (i = 1; i <= n; i++) if (a[i] ~ /^RV_(CLASS|POINTS|VUS_TIER|CRITERIA|EFFECTIVE|RULE)=/) s = s ";" a[i];
    print $2 "\t" $4 "\t" $5 "\t" substr(s, 2) }'; }

# gnomAD's own sites (VEP in its 'vep' field) classified against the same release
expect_exit 0 "annotate gnomAD PCSK9 sites" "$REVUS" --home "$H" -q annotate \
    "$TD/index/gnomad.exomes.r2.1.1.GRCh37.PCSK9_1-55505599-55516888.vcf.bgz" -o "$TMP/pcsk9.vcf"
rv_cols "$TMP/pcsk9.vcf" | grep -E 'BA1|BS1|PM4' > "$TMP/pcsk9.rv"
golden "$TMP/pcsk9.rv" "$C/expected_pcsk9_criteria.tsv" "BA1/BS1/PM4 calls on PCSK9"
expect_exit 0 "R46L (rs11591147) is BS1 on FAF95" grep -q "^55505647	G	T	RV_CLASS=LB;RV_POINTS=-4;RV_CRITERIA=BS1|-4|faf95:0.01153>0.01|gnomad-v2-exomes@2.1.1" "$TMP/pcsk9.rv"

# a real VEP 104 record: REVEL from CSQ gives PP3, absent from gnomAD gives PM2_Supporting
expect_exit 0 "annotate VEP 104 record" "$REVUS" --home "$H" -q annotate "$C/scout_vep104_annotated.vcf" -o "$TMP/v104.vcf"
expect_exit 0 "PM2 and PP3 with their sources" grep -q \
    "RV_CLASS=VUS;RV_POINTS=2;RV_VUS_TIER=cool;RV_CRITERIA=PM2_Supporting|1|absent|gnomad-v2-exomes@2.1.1,PP3|1|REVEL:0.664|input@CSQ" "$TMP/v104.vcf"
expect_exit 0 "RV_CRITERIA declared" grep -q '^##INFO=<ID=RV_CRITERIA,' "$TMP/v104.vcf"

# CSQ and ANN in one file: every record gets its consequence-based notes, not "no consequence"
expect_exit 0 "annotate CSQ+ANN subset" "$REVUS" --home "$H" -q annotate "$C/scout_643594.csq_ann_subset.vcf" -o "$TMP/s.vcf"
if grep -q "no_consequence_annotation" "$TMP/s.vcf"; then bad "consequence read from CSQ"; else ok "consequence read from CSQ"; fi
expect_exit 0 "missense without REVEL says so" grep -q "7890024.*PP3/BP4:_not_evaluated:_no_REVEL_score" "$TMP/s.vcf"

# a bad rules file stops with the file and the JSON path; nothing is written
sed 's/"version": "revus-acmg-3",/"version": "revus-acmg-3", "extra": 1,/' "$TOP/pipeline/acmg.json" > "$TMP/bad.json"
expect_exit 2 "bad rules refused" "$REVUS" --home "$H" -q annotate "$C/scout_vep104_annotated.vcf" --rules "$TMP/bad.json" -o "$TMP/bad.vcf"
expect_stderr 'bad.json: extra: unknown key' "names file and JSON path"
if [ -e "$TMP/bad.vcf" ]; then bad "no output on bad rules"; else ok "no output on bad rules"; fi

expect_exit 0 "--no-classify" "$REVUS" --home "$H" -q annotate "$C/scout_vep104_annotated.vcf" --no-classify -o "$TMP/nc.vcf"
if grep -q "RV_CLASS" "$TMP/nc.vcf"; then bad "--no-classify leaves no class"; else ok "--no-classify leaves no class"; fi
# `revus run` stores exactly what `revus annotate` prints for the same variant: the same
# sources (this home), the lab's reported variants as the candidates, sites-only gnomAD PCSK9
# (BA1, BS1, PM4) and a VEP 104 sample (PM2_Supporting, PP3) classified both ways
if command -v sqlite3 >/dev/null 2>&1 && command -v python3 >/dev/null 2>&1; then
    printf 'sample\tvcf\nPCSK9S\t%s\nearlycasualcaiman\t%s\n' \
        "$TD/index/gnomad.exomes.r2.1.1.GRCh37.PCSK9_1-55505599-55516888.vcf.bgz" "$C/scout_vep104_annotated.vcf" > "$TMP/m.tsv"
    { printf 'sample\tvariant\tclass\tdate\treporter\n'
      awk -F'\t' -v OFS='\t' '{ print "PCSK9S", "1-" $1 "-" $2 "-" $3, "VUS", "2024-01-01", "test" }' "$C/expected_pcsk9_criteria.tsv"
      printf 'earlycasualcaiman\t1-5924512-C-A\tVUS\t2024-01-01\ttest\n'; } > "$TMP/rep.tsv"
    expect_exit 0 "register the two inputs as samples" sh -c "'$REVUS' --home '$H' -q cohort import '$TMP/m.tsv' && '$REVUS' --home '$H' -q reported import '$TMP/rep.tsv'"
    expect_exit 0 "run them" "$REVUS" --home "$H" -q run
    expect_exit 0 "run stores what annotate prints (class, points, criteria, tier, ClinVar, rule)" \
        python3 "$TOP/tests/cli/run_vs_annotate.py" "$H/revus.db" 1 "PCSK9S=$TMP/pcsk9.vcf" "earlycasualcaiman=$TMP/v104.vcf"
    expect_stdout "^8 calls compared, 0 differences" "every reported variant compared"
else
    echo "skip - run vs annotate needs the sqlite3 shell and python3"
fi
finish
