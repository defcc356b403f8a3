#!/bin/sh
# What a clinician needs to act on a flag, end to end on the demo cohort: the condition from a
# gene-validity source (a real ClinGen subset), links to the evidence, the lab's report id
# from `reported import`, one evidence sentence; the Phenopacket and FHIR exports checked
# against their JSON schemas (test-data/exports) with python3-jsonschema.
. "$(dirname "$0")/lib.sh"
. "$TOP/scripts/cohort-home.sh"
export REVUS_TEST_NOW=2026-11-27T12:00:00Z
H=$TMP/home
D=$TD/cohort
SCH=$TD/exports
rv() { "$REVUS" --home "$H" --config "$H/pipeline.json" "$@"; }

if ! cohort_home_init "$REVUS" "$H" "$TOP" 2>"$TMP/prep.err"; then
    bad "prepare the demo home" "$(head -c 300 "$TMP/prep.err")"; finish; exit $?
fi
expect_exit 0 "import the ClinGen subset" rv sources import --annotations "$D/annotations" clingen "$D/clingen_validity_2025-01-09.subset.csv"

# reported import: an optional sixth column, the lab's report id
printf 'sample\tvariant\tclass\tdate\treporter\treport_id\nS03\t3-38591878-G-C\tP\t2016-03-01\tDemo Lab\tRPT-2016-0042\n' >"$TMP/rep6.tsv"
expect_exit 0 "reported import with a report id" rv reported import "$TMP/rep6.tsv"
printf 'sample\tvariant\tclass\tdate\treporter\treport_id\textra\nS03\t3-38591878-G-C\tP\t2016-03-02\tDemo Lab\tR1\tx\n' >"$TMP/rep7.tsv"
expect_exit 2 "reported import: seven columns refused" rv reported import "$TMP/rep7.tsv"
expect_stderr "rep7.tsv:2: expected 5 or 6 tab-separated columns" "reported import: names file and line"

rv run >/dev/null 2>&1
cohort_home_update "$REVUS" "$H" "$TOP" 2>/dev/null
expect_exit 0 "second run" rv run

expect_exit 0 "report tsv" rv report --format tsv -o "$TMP/r.tsv"
col() { awk -F'\t' -v c="$1" '/^##/ {next} !h {for (i = 1; i <= NF; i++) if ($i == c) k = i; h = 1; next} {print $k}' "$TMP/r.tsv"; }
n=$(col sample | wc -l)
empty=$(col condition | grep -c '^$')
cftr=$(paste "$TMP/r.tsv" /dev/null | awk -F'\t' '!/^#/' | grep -c 'CFTR')
# CFTR has no ClinGen curation in the subset: only its lines may lack a condition
[ "$n" -gt 20 ] && [ "$empty" -le "$cftr" ] && ok "condition filled where ClinGen curates the gene ($((n - empty)) of $n lines)" \
    || bad "condition filled" "$empty of $n empty, $cftr CFTR lines"
col condition | grep -qx 'Lynch syndrome; mismatch repair cancer syndrome 1' && ok "condition: every Definitive curation of MSH2/MLH1" || bad "condition of MSH2/MLH1"
col mondo | grep -qx 'MONDO:0005835; MONDO:0010159' && ok "mondo ids" || bad "mondo ids"
col clinvar_url | grep -Eq '^https://www.ncbi.nlm.nih.gov/clinvar/variation/[0-9]+/$' && ok "ClinVar links from the Variation ID" || bad "ClinVar links"
col clingen_url | grep -q '^https://search.clinicalgenome.org/kb/gene-validity/CGGV:assertion_' && ok "ClinGen curation links" || bad "ClinGen links"
col report_id | grep -qx 'RPT-2016-0042' && ok "the lab's report id reaches the report" || bad "report id"
col panel_name | grep -q '^revus demo panel' && ok "panel name" || bad "panel name"
col evidence | grep -Eq '^ClinVar now says [A-Z/]+ at [0-9] stars? \(was [A-Za-z/]+ at [0-9] stars?, 2015-12-11 -> 2016-09-27\)' \
    && ok "evidence sentence names the ClinVar change and both releases" || bad "evidence sentence" "$(col evidence | head -n 2)"

expect_exit 0 "report --format phenopacket" rv report --format phenopacket -o "$TMP/r.pp.json"
expect_exit 0 "report --format fhir" rv report --format fhir -o "$TMP/r.fhir.json"
expect_exit 0 "report --format phenopacket --sample" rv report --sample S03 --format phenopacket -o "$TMP/s03.pp.json"
expect_exit 0 "report --format fhir --sample --pseudonymise" rv report --sample S03 --format fhir --pseudonymise -o "$TMP/s03.fhir.json"
if python3 -c 'import jsonschema' 2>/dev/null; then
    if python3 "$TOP/tests/cli/validate_json.py" "$SCH/phenopacket-v2.subset.schema.json" "$TMP/r.pp.json" "$TMP/s03.pp.json" >"$TMP/v" 2>&1
    then ok "phenopacket exports valid against the Phenopacket v2 schema"; else bad "phenopacket schema" "$(head -c 400 "$TMP/v")"; fi
    if python3 "$TOP/tests/cli/validate_json.py" "$SCH/fhir-r4-4.0.1.subset.schema.json" "$TMP/r.fhir.json" "$TMP/s03.fhir.json" >"$TMP/v" 2>&1
    then ok "fhir exports valid against the FHIR R4 schema"; else bad "fhir schema" "$(head -c 400 "$TMP/v")"; fi
    # the checker can fail: a wrong enum and an unknown field are caught
    python3 - "$TMP/s03.pp.json" "$TMP/bad.pp.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["interpretations"][0]["diagnosis"]["genomicInterpretations"][0]["variantInterpretation"]["acmgPathogenicityClassification"] = "VUS"
d["subject"]["name"] = "not a phenopacket field"
json.dump(d, open(sys.argv[2], "w"))
PY
    python3 "$TOP/tests/cli/validate_json.py" "$SCH/phenopacket-v2.subset.schema.json" "$TMP/bad.pp.json" >"$TMP/v" 2>&1
    [ $? = 1 ] && ok "phenopacket checker refuses a bad class and an unknown field" || bad "phenopacket checker can fail"
    sed 's/"status":\t"preliminary"/"status":\t"draft"/' "$TMP/s03.fhir.json" >"$TMP/bad.fhir.json"
    python3 "$TOP/tests/cli/validate_json.py" "$SCH/fhir-r4-4.0.1.subset.schema.json" "$TMP/bad.fhir.json" >"$TMP/v" 2>&1
    [ $? = 1 ] && ok "fhir checker refuses an Observation status outside R4's codes" || bad "fhir checker can fail"
else
    echo "skip - python3-jsonschema not installed (make deps installs it)"
fi
grep -q '"S03"' "$TMP/s03.fhir.json" && bad "pseudonymised fhir: no sample id" || ok "pseudonymised fhir: no sample id"
grep -q 'RPT-2016-0042' "$TMP/s03.fhir.json" && bad "pseudonymised fhir: no report id" || ok "pseudonymised fhir: no report id"
grep -q '"acmgPathogenicityClassification":	"UNCERTAIN_SIGNIFICANCE"' "$TMP/s03.pp.json" && ok "phenopacket: the class now as ACMG enum" || bad "phenopacket ACMG class"
grep -q '"revus_class_before"' "$TMP/s03.pp.json" && ok "phenopacket: class before in an extension" || bad "phenopacket class before"
n=$(grep -c '"diagnostic-implication"' "$TMP/s03.fhir.json")
[ "$n" -ge 4 ] && ok "fhir: diagnostic implications before and now ($n)" || bad "fhir implications" "$n"
expect_exit 2 "report: unknown format names the new ones" rv report --format pdf
expect_stderr "phenopacket, fhir" "report: unknown format lists phenopacket and fhir"
finish
