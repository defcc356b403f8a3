#!/bin/sh
# test_family.sh: families and inheritance (docs/inheritance.md) on test-data/family: the
# Talos trio (real joint VCF and PED, MIT) and a synthetic X-linked trio with a sister,
# against two synthetic ClinVar-shaped releases and a synthetic panel. Expected calls were
# worked out by hand from the genotypes (test-data/family/PROVENANCE.md).
. "$(dirname "$0")/lib.sh"

if ! command -v sqlite3 >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
    echo "skip - test_family.sh needs the sqlite3 shell and python3"
    finish; exit $?
fi
F=$TD/family
cd "$TMP" || exit 2
python3 - "$TOP/pipeline/default.json" "$F/indications.json" conf.json carrier.json <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
c["indications"] = json.load(open(sys.argv[2]))["indications"]
json.dump(c, open(sys.argv[3], "w"), indent=1)
c["reanalysis"]["family"]["carrier_flags"] = True
c["reanalysis"]["family"]["parentage_confirmed"] = True
json.dump(c, open(sys.argv[4], "w"), indent=1)
PY
H=$TMP/h
R() { "$REVUS" --home "$H" --config "$TMP/conf.json" "$@"; }
q() { sqlite3 -separator '	' "$H/revus.db" "$1"; }

# ---- bad pedigrees: one line each, exit 2, nothing stored ----
ped() { printf '%s\n' "$@" | tr ' ' '\t' > "$TMP/bad.ped"; }
ped "1 proband father mother 1 2" "1 father 0 0 2 1" "1 mother 0 0 2 1"
expect_exit 2 "father of female sex refused" R cohort import "$F/manifest_talos.tsv" --ped "$TMP/bad.ped"
expect_stderr "bad.ped:1: father 'father' of 'proband' is of female sex in the PED \(line 2\)" "names the father and the line"
[ ! -e "$H/revus.db" ] && ok "a refused first import stores nothing" || bad "a refused first import stores nothing"
ped "1 proband father mother 1 2" "1 father proband 0 1 1" "1 mother 0 0 2 1"
expect_exit 2 "pedigree cycle refused" R cohort import "$F/manifest_talos.tsv" --ped "$TMP/bad.ped"
expect_stderr "bad.ped:1: pedigree cycle: 'proband' is their own ancestor" "names the cycle"
ped "1 proband father mother 1 2" "1 father 0 0 1 1" "1 mother 0 0 2 1" "2 mother 0 0 2 1"
expect_exit 2 "a sample in two families refused" R cohort import "$F/manifest_talos.tsv" --ped "$TMP/bad.ped"
expect_stderr "bad.ped:4: sample 'mother' is in two families \('1' at line 3 and '2'\)" "names both families"
ped "1 proband father mother 1 2" "1 father 0 0 1 1" "1 mother 0 0 2 1" "1 uncle 0 0 1 1"
expect_exit 2 "a PED naming an unknown sample refused" R cohort import "$F/manifest_talos.tsv" --ped "$TMP/bad.ped"
expect_stderr "bad.ped:4: sample 'uncle' is neither in the manifest nor registered" "names the unknown sample"
ped "1 proband father mother 1 2" "1 father 0 0 1"
expect_exit 2 "a short PED row refused" R cohort import "$F/manifest_talos.tsv" --ped "$TMP/bad.ped"
expect_stderr "bad.ped:2: expected 6 columns" "names the short row"

# ---- the Talos trio, one multi-sample VCF, with its PED (7th column: HPO terms, ignored) ----
expect_exit 0 "Talos trio registered with its PED" R cohort import "$F/manifest_talos.tsv" --ped "$F/talos_trio.ped"
expect_exit 0 "cohort list" R cohort list
expect_stdout "^proband	FAMTEST	M	1	child	affected	" "the proband: male, affected child"
expect_stdout "^mother	FAMTEST	F	1	mother	unaffected	" "the mother: role and phenotype"
expect_stdout "^father	FAMTEST	M	1	father	unaffected	" "the father: role and phenotype"

# members on different genome builds, a missing VCF column, a second family
expect_exit 2 "a GRCh37 member of a GRCh38 family refused" R cohort add --sample uncle --vcf "$TD/cohort/vcf/S01.vcf" --family 1
expect_stderr "sample 'uncle' \(GRCh37\) and 'father' \(GRCh38\) of family '1' are on different genome builds" "names both builds"
expect_exit 2 "a missing VCF column refused at registration" R cohort add --sample XP --vcf "$F/xtrio.GRCh38.vcf" --vcf-sample nobody
expect_stderr "no sample column 'nobody' \(the VCF has XP, XM, XF, XS\)" "names the columns the VCF has"
ped "XFAM father 0 0 1 1" "XFAM XS father 0 2 1"
expect_exit 2 "a registered sample moved to another family refused" R cohort add --sample XS --vcf "$F/xtrio.GRCh38.vcf" --ped "$TMP/bad.ped"
expect_stderr "sample 'father' is in two families" "names the registered member"
[ "$(q "SELECT count(*) FROM samples")" = 3 ] && ok "refused registrations stored nothing" || bad "refused registrations stored nothing"

# sex check: a woman registered as male
expect_exit 0 "registered despite the sex warning" R cohort add --sample XM2 --vcf "$F/xtrio.GRCh38.vcf" --vcf-sample XM --sex M
expect_stderr "sample 'XM2' is registered as male but 14 of its 27 calls on chrX outside the pseudo-autosomal regions are heterozygous" "warns that chrX disagrees with the sex"
R -q cohort remove XM2
expect_exit 0 "X-linked trio and sister registered" R cohort import "$F/manifest_xtrio.tsv" --ped "$F/xtrio.ped"
[ ! -s "$TMP/err" ] || ! grep -q "registered as" "$TMP/err" && ok "no sex warning when PED sex and chrX agree" || bad "no sex warning when PED sex and chrX agree" "$(cat "$TMP/err")"

# ---- release 1: genotypes, MOI, fit, de novo ----
R -q sources import --annotations "$F/annotations" clinvar "$F/clinvar_20240101.GRCh38.family.vcf"
R -q sources import --annotations "$F/annotations" family-panel "$F/panel_family_v1.0.json"
expect_exit 0 "first run" R run
c() { q "SELECT $1 FROM classifications WHERE run=$2 AND sample='$3' AND variant='$4'"; }
[ "$(c "zygosity, moi, fit" 1 proband 1-21706892-G-GA)" = "hom	AR	fits" ] && ok "homozygous in an AR gene fits" || bad "homozygous in an AR gene fits"
[ "$(c "fit" 1 proband 2-135912503-G-A)" = "second_hit_needed" ] && ok "one qualifying het in an AR gene needs a second hit" || bad "one qualifying het in an AR gene needs a second hit"
for v in 6-39887558-C-T 11-32392032-G-A 12-120291834-A-G; do
    c criteria 1 proband $v | grep -q '"label":"PM6_Supporting".*"value":"de novo (parentage assumed), 0.5 SVI points"' \
        && ok "de novo $v: PM6 (assumed, 0.5 SVI points)" || bad "de novo $v: PM6" "$(c criteria 1 proband $v)"
done
for v in 11-123057736-A-AATC 16-89279566-CCTTCGGGG-C 6-52043102-C-G; do
    [ -n "$(c zygosity 1 proband $v)" ] && ! c "criteria" 1 proband $v | grep -q PM6 \
        && ok "not de novo: $v (parents uncalled, or a carrier parent)" || bad "not de novo: $v"
done
[ "$(c "moi, fit, partner" 1 proband 6-52043699-T-A)" = "AR	fits	6-52043102-C-G" ] && ok "de novo + maternal in an AR gene: possible compound heterozygous" || bad "de novo + maternal pair"
c inheritance 1 proband 6-52043699-T-A | grep -q '"phase":"unknown"' && ok "its phase is unknown (no parent carries the de novo)" || bad "its phase is unknown"
[ "$(c "fit" 1 proband 16-89279566-CCTTCGGGG-C)" = "moi_unknown" ] && ok "panel MOI Unknown: moi_unknown" || bad "panel MOI Unknown"
[ "$(c "zygosity, moi, fit" 1 proband X-71109321-G-A)" = "hemi	XLR	fits" ] && ok "hemizygous male in an XLR gene fits" || bad "hemizygous male, XLR"
c inheritance 1 proband X-71109321-G-A | grep -q '"sample":"mother","relation":"mother","phenotype":"unaffected","gt":"0/1"' \
    && ok "the mother's genotype is evidence" || bad "the mother's genotype is evidence"
c inheritance 1 proband 2-135912503-G-A | grep -q '"segregation":{"affected_carriers":1,"affected_non_carriers":0,"unaffected_carriers":1,"unaffected_non_carriers":1' \
    && ok "segregation counts" || bad "segregation counts" "$(c inheritance 1 proband 2-135912503-G-A)"
# the synthetic X-linked trio
[ "$(c "fit, partner" 1 XP 3-1000000-C-T)" = "fits	3-1005000-G-T" ] && ok "phased pair (same PS, other haplotype): compound heterozygous" || bad "phased pair"
c inheritance 1 XP 3-1000000-C-T | grep -q '"phase":"trans","by":"phase set"' && ok "in trans by phase set" || bad "in trans by phase set"
c criteria 1 XP X-33000000-G-A | grep -q '"label":"PM6_Supporting"' && ok "de novo on X in a male needs only the mother" || bad "de novo on X in a male"
c inheritance 1 XP MT-3243-A-G | grep -q '"allele_fraction":0.35' && ok "heteroplasmy from FORMAT AF" || bad "heteroplasmy"
[ "$(c "zygosity, fit" 1 XS X-35000000-A-G)" = "het	second_hit_needed" ] && ok "heterozygous female in an XLR gene needs a second hit" || bad "het female XLR"

# imprinted genes: a variant from the parent whose allele is silenced does not fit
[ "$(c "moi, fit" 1 XP 3-4000000-C-T)" = "AD_IMPRINTED_MAT	does_not_fit" ] && c inheritance 1 XP 3-4000000-C-T \
    | grep -q '"reason":"inherited on the silenced allele: from the mother, and the gene is maternally imprinted (paternal allele expressed)"' \
    && ok "imprinted: inherited on the silenced allele does not fit" || bad "imprinted: silenced allele" "$(c "moi, fit, inheritance" 1 XP 3-4000000-C-T)"
[ "$(c "moi, fit" 1 XP 3-5000000-G-A)" = "AD_IMPRINTED_PAT	fits" ] && c inheritance 1 XP 3-5000000-G-A | grep -q 'inherited from the mother, on the expressed allele' \
    && ok "imprinted: from the expressing parent fits, despite the unaffected carrier mother" || bad "imprinted: expressed allele" "$(c "moi, fit, inheritance" 1 XP 3-5000000-G-A)"
[ "$(c "moi, fit" 1 XP 3-6000000-C-G)" = "AD_IMPRINTED_MAT	fits" ] && c inheritance 1 XP 3-6000000-C-G | grep -q 'disease-causing only if on the paternal allele' \
    && ok "imprinted: parents not called, fits as dominant with a note" || bad "imprinted: origin unknown" "$(c "moi, fit, inheritance" 1 XP 3-6000000-C-G)"
c criteria 1 XP 3-2000000-G-A | grep -q '"label":"PM6_Supporting"' && ok "autosomal de novo in the joint VCF" || bad "autosomal de novo in the joint VCF"
[ "$(c zygosity 1 XP 3-3000000-C-G)" = het ] && ! c criteria 1 XP 3-3000000-C-G | grep -q PM6 \
    && ok "a child's call of GQ 5 is not a de novo candidate" || bad "a child's call of GQ 5 is not a de novo candidate"

# the same family with one VCF per member; the father's VCF lists only the sites he carries
expect_exit 0 "one VCF per member, columns named by vcf_sample" R cohort import "$F/manifest_xsplit.tsv" --ped "$F/xsplit.ped"
expect_exit 0 "run with the split family" R run --sample SP --sample SM --sample SF
c() { q "SELECT $1 FROM classifications WHERE run=$2 AND sample='$3' AND variant='$4'"; }
[ "$(c "fit, partner" 2 SP 3-1000000-C-T)" = "fits	3-1005000-G-T" ] && ok "split: the phased pair" || bad "split: the phased pair"
c criteria 2 SP X-33000000-G-A | grep -q '"label":"PM6_Supporting"' && ok "split: de novo on X (the mother's own VCF has her 0/0)" || bad "split: de novo on X"
[ "$(c zygosity 2 SP 3-2000000-G-A)" = het ] && ! c criteria 2 SP 3-2000000-G-A | grep -q PM6 \
    && ok "split: no record in the father's VCF is not 'absent'" || bad "split: no record in the father's VCF is not 'absent'"
c inheritance 2 SP 3-2000000-G-A | grep -q '"sample":"SF","relation":"father","phenotype":"unaffected","gt":"no record"' \
    && ok "split: the father's missing record is named" || bad "split: the father's missing record is named" "$(c inheritance 2 SP 3-2000000-G-A)"
R -q cohort remove SP; R -q cohort remove SM; R -q cohort remove SF

# ---- release 2 upgrades the partner: the pair is complete ----
R -q sources import --annotations "$F/annotations" clinvar "$F/clinvar_20240601.GRCh38.family.vcf"
expect_exit 0 "second run" R run
R flags --run 3 | cut -f 3-5,9,15-17 > flags2.tsv
grep -q "^2	second_hit	proband	previous	partner	.	2-135920591-G-C$" flags2.tsv && ok "second_hit on the waiting variant, naming its partner" || bad "second_hit" "$(cat flags2.tsv)"
R flags --run 3 | grep "second_hit" | grep -q "2-135912503-G-A and 2-135920591-G-C in SYN_AR_PAIR" && ok "the flag names both variants" || bad "the flag names both variants"
R flags --run 3 | grep "vus_upgraded.*2-135920591-G-C" | grep -q "now compound heterozygous with 2-135912503-G-A" && ok "the upgraded partner's own flag names the pair" || bad "the upgraded partner's flag"
[ "$(grep -c "	father	" flags2.tsv)" = 0 ] && ok "the unaffected father (carrier of the upgraded variant) gets no flag" || bad "the unaffected father gets no flag"
[ "$(c "fit, partner" 3 proband 2-135912503-G-A)" = "fits	2-135920591-G-C" ] && ok "the pair fits now" || bad "the pair fits now"
c inheritance 3 proband 2-135912503-G-A | grep -q '"phase":"trans","by":"parents"' && ok "in trans by the parents' genotypes" || bad "in trans by parents"

# reports carry the fit and the evidence
expect_exit 0 "JSON report" R report --run 3 --format json -o r.json
python3 -c "
import json,sys
r=json.load(open('r.json'))
l=[l for i in r['indications'] for p in i['patients'] for l in p['lines'] if l['category']=='second_hit'][0]
assert l['genotype_fit']=='fits' and l['inheritance']['partner']['variant']=='2-135920591-G-C', l
assert l['inheritance']['family'][0]['relation'] in ('father','mother')
" && ok "JSON: genotype_fit and the inheritance object" || bad "JSON: genotype_fit and the inheritance object"
expect_exit 0 "HTML report" R report --run 3 --format html -o r.html
grep -q "Genotype fit</div><div>fits: compound heterozygous with 2-135920591-G-C (in trans by the parents&#39;\? genotypes)\|Genotype fit</div><div>fits: compound heterozygous with 2-135920591-G-C" r.html \
    && ok "HTML: the fit in words" || bad "HTML: the fit in words"
R report --run 3 --format json --pseudonymise -o p.json
python3 -c "
import json
r=json.load(open('p.json'))
ls=[l for i in r['indications'] for p in i['patients'] for l in p['lines'] if l.get('inheritance')]
assert ls and all(m['sample'].startswith('P-') for l in ls for m in l['inheritance']['family'])
" && ok "pseudonymised: relatives in the inheritance evidence get codes" || bad "pseudonymised: relatives get codes"

R flags --run 3 | awk -F'\t' '$4=="second_hit" {print $20}' | grep -qx fits && ok "revus flags: genotype_fit column" || bad "revus flags: genotype_fit column"
R flags --run 3 | awk -F'\t' '$5=="XP" && $6=="3-4000000-C-T"' > imp.tsv
[ -s imp.tsv ] && awk -F'\t' '{print $4, $3, $20}' imp.tsv | grep -qx "vus_upgraded 3 does_not_fit" && grep -q "less urgent" imp.tsv \
    && ok "imprinted, silenced allele, upgraded to LP: flagged, lowered (2 -> 3), not dropped" || bad "imprinted flag lowered" "$(cat imp.tsv)"
R flags --run 3 --format json | python3 -c "import json,sys; f=json.load(sys.stdin); assert all(x['inheritance']['moi']=='AR' for x in f if x['sample']=='proband'), f" \
    && ok "revus flags --format json: the inheritance object" || bad "revus flags --format json: the inheritance object"

# the indication's panel wins over the gene-validity source; without an indication, validity first
R -q sources import --annotations "$F/annotations" clingen-validity "$F/clingen_validity_family.csv"
R -q cohort add --sample P2 --vcf "$F/talos_trio_joint.GRCh38.vcf.bgz" --vcf-sample proband
expect_exit 0 "run with a validity source that disagrees" R run
[ "$(c "moi, fit" 4 proband 2-135912503-G-A)" = "AR	fits" ] && c inheritance 4 proband 2-135912503-G-A | grep -q '"moi_source":"family-panel@1.0"' \
    && ok "the indication's panel MOI wins over validity" || bad "the indication's panel MOI wins" "$(c "moi, fit" 4 proband 2-135912503-G-A)"
[ "$(c "moi, fit" 4 P2 2-135912503-G-A)" = "AD	fits" ] && c inheritance 4 P2 2-135912503-G-A | grep -q '"moi_source":"clingen-validity@2024-02-01"' \
    && ok "without an indication the validity MOI comes first" || bad "without an indication the validity MOI comes first" "$(c "moi, fit" 4 P2 2-135912503-G-A)"

# cohort update takes --vcf-sample and --ped with the checks of add; a changed registration
# makes the next run read the sample in full
TV=$F/talos_trio_joint.GRCh38.vcf.bgz
mode() { q "SELECT mode FROM run_samples WHERE sample='$1' AND run=(SELECT max(run) FROM run_samples)"; }
expect_exit 0 "a run with nothing changed" R run --sample P2
[ "$(mode P2)" = incremental ] && ok "P2, unchanged, is read incrementally" || bad "P2, unchanged, is read incrementally" "$(mode P2)"
before=$(q "SELECT id, vcf_sample, sex, family, father, mother, phenotype FROM samples ORDER BY id")
expect_exit 2 "update: a missing VCF column refused" R cohort update --sample P2 --vcf "$TV" --vcf-sample nobody
expect_stderr "no sample column 'nobody' \(the VCF has" "update: names the columns the VCF has"
refused_update() {      # NAME EXPECTED PED-ROW...: cohort update --ped refused, one line naming it
    n=$1; want=$2; shift 2; ped "$@"
    expect_exit 2 "update: $n refused" R cohort update --sample P2 --vcf "$TV" --ped "$TMP/bad.ped"
    expect_stderr "$want" "update: $n named"
}
refused_update "a parent missing from the PED" "bad.ped:1: mother 'u2' of 'P2' is not in the PED" "P2FAM P2 0 u2 1 2"
refused_update "an unregistered sample" "bad.ped:2: sample 'u2' is neither the one being updated nor registered" \
    "P2FAM P2 0 u2 1 2" "P2FAM u2 0 0 2 1"
refused_update "a father of female sex" "bad.ped:1: father 'XS' of 'P2' is of female sex in the PED" "P2FAM P2 XS 0 1 2" "P2FAM XS 0 0 2 1"
refused_update "a pedigree cycle" "bad.ped:1: pedigree cycle" "P2FAM P2 XF 0 1 2" "P2FAM XF P2 0 1 1"
refused_update "a registered member of another family" \
    "bad.ped:2: sample 'XF' is in two families \('XFAM' registered, 'P2FAM' in the PED\)" "P2FAM P2 XF 0 1 2" "P2FAM XF 0 0 1 1"
expect_exit 2 "update: a GRCh37 VCF for a member of a GRCh38 family refused" R cohort update --sample XS --vcf "$TD/cohort/vcf/S01.vcf" --vcf-sample S01
expect_stderr "sample 'XS' \(GRCh37\) and 'XF' \(GRCh38\) of family 'XFAM' are on different genome builds" "update: names both builds"
[ "$(q "SELECT id, vcf_sample, sex, family, father, mother, phenotype FROM samples ORDER BY id")" = "$before" ] \
    && ok "refused updates stored nothing" || bad "refused updates stored nothing"
expect_exit 0 "update: another VCF column" R cohort update --sample P2 --vcf "$TV" --vcf-sample mother
[ "$(q "SELECT vcf_sample FROM samples WHERE id='P2'")" = mother ] && ok "update: the VCF column is stored" || bad "update: the VCF column is stored"
expect_exit 0 "run after the VCF column changed" R run --sample P2
[ "$(mode P2)" = full ] && ok "a changed VCF column reads the sample in full" || bad "a changed VCF column reads the sample in full" "$(mode P2)"
expect_stderr "P2: .*full: its sex, family, PED entry or VCF column changed since its last run" "the progress line says why"
[ "$(c zygosity 6 P2 2-135920591-G-C)" = "" ] && [ "$(c zygosity 6 P2 2-135912503-G-A)" = het ] \
    && ok "the mother's column was read (her variants, not the proband's)" || bad "the mother's column was read"
ped "P2FAM P2 0 0 2 1"
expect_exit 0 "update: a PED for the sample alone" R cohort update --sample P2 --vcf "$TV" --family P2FAM --ped "$TMP/bad.ped"
[ "$(q "SELECT family, sex, phenotype FROM samples WHERE id='P2'")" = "P2FAM	F	1" ] && ok "update: family, sex and phenotype from the PED" || bad "update: family, sex and phenotype from the PED"
expect_exit 0 "run after the PED changed" R run --sample P2
[ "$(mode P2)" = full ] && ok "a changed PED entry reads the sample in full" || bad "a changed PED entry reads the sample in full" "$(mode P2)"
expect_exit 0 "run with nothing changed again" R run --sample P2
[ "$(mode P2)" = incremental ] && ok "then incremental again" || bad "then incremental again" "$(mode P2)"

# carrier flags and confirmed parentage on request
H2=$TMP/h2
R2() { "$REVUS" --home "$H2" --config "$TMP/carrier.json" "$@"; }
R2 -q cohort import "$F/manifest_talos.tsv" --ped "$F/talos_trio.ped"
R2 -q sources import --annotations "$F/annotations" clinvar "$F/clinvar_20240101.GRCh38.family.vcf"
R2 -q sources import --annotations "$F/annotations" family-panel "$F/panel_family_v1.0.json"
R2 -q run
R2 -q sources import --annotations "$F/annotations" clinvar "$F/clinvar_20240601.GRCh38.family.vcf"
R2 -q run
R2 flags | grep -q "vus_upgraded	father	2-135920591-G-C" && ok "carrier_flags: the father is flagged" || bad "carrier_flags: the father is flagged"
R2 flags | grep "vus_upgraded	father" | grep -q "genotype: second hit needed, less urgent" && ok "and his flag is lowered (one het in an AR gene)" || bad "his flag is lowered"
[ "$(R2 flags | awk -F'\t' '$4=="vus_upgraded" && $5=="father" {print $3}')" = 3 ] && ok "priority 2 + 1 = 3" || bad "priority 2 + 1 = 3"
q2() { sqlite3 "$H2/revus.db" "$1"; }
q2 "SELECT criteria FROM classifications WHERE run=1 AND sample='proband' AND variant='6-39887558-C-T'" | grep -q '"label":"PS2_Moderate".*"value":"de novo (parentage confirmed), 1 SVI points"' \
    && ok "parentage confirmed: PS2 at 1 SVI point, Moderate" || bad "parentage confirmed: PS2_Moderate"

# a shard carries the same inheritance as a direct run
expect_exit 0 "shard of the proband" R run --shard proband --out proband.shard
grep -q '"variant":"2-135912503-G-A".*"fit":"fits","partner":"2-135920591-G-C"' proband.shard && ok "the shard carries fit and partner" || bad "the shard carries fit and partner"

# second_hit and the lowered flags of a family keep the flags' promises too
for h in "$H" "$H2"; do
    expect_exit 0 "stored flags keep their promises ($(basename "$h"))" python3 "$TOP/tests/cli/check_flags.py" "$h/revus.db"
done
grep -q "^second_hit:previous" "$TMP/out" && ok "second_hit among the flags checked" || bad "second_hit among the flags checked" "$(cat "$TMP/out")"
finish
