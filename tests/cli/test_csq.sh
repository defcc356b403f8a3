#!/bin/sh
# revus csq and the gene-model source role: consequences against a golden file, agreement with
# bcftools csq on its own regression set, a gene model stored, diffed, verified and rolled back,
# and bad input (missing Parent, CDS not a multiple of 3, seqid absent from the FASTA, FASTA
# or GFF3 of another build): one line naming file and line, exit 2 or 3, nothing activated.
. "$(dirname "$0")/lib.sh"
D=$TD/csq/cd207
export REVUS_HOME=$TMP/home

expect_exit 0 "csq --help" "$REVUS" csq --help
expect_stdout 'RV_CSQ' "csq --help names the tag"

# golden: one record per kind of consequence on CD207 (ENST00000410009, minus strand)
expect_exit 0 "csq -g on CD207" "$REVUS" csq -f $D/cd207.fa -g $D/cd207.gff3 $D/cd207.vcf
grep -v '^##revus' "$TMP/out" > "$TMP/cd207.out"
golden "$TMP/cd207.out" $D/cd207.expected.vcf "csq golden (SO terms, HGVS c./p., NMD, splice distance)"
grep -q '^##INFO=<ID=RV_CSQ,.*Format: Consequence|Allele|SYMBOL' "$TMP/out" && ok "RV_CSQ header documents the fields" || bad "RV_CSQ header"

# stdin to stdout, and BCF output read back by htslib
cat $D/cd207.vcf | "$REVUS" csq -f $D/cd207.fa -g $D/cd207.gff3 - 2>/dev/null | grep -v '^##revus' > "$TMP/stdin.out"
cmp -s "$TMP/stdin.out" "$TMP/cd207.out" && ok "csq - reads stdin" || bad "csq - reads stdin"
expect_exit 0 "csq -O b" "$REVUS" csq -f $D/cd207.fa -g $D/cd207.gff3 -O b -o "$TMP/cd207.bcf" $D/cd207.vcf
if command -v bcftools >/dev/null; then
    n=$(bcftools query -f '%INFO/RV_CSQ\n' "$TMP/cd207.bcf" | grep -c 'CD207')
    [ "$n" -eq "$(grep -vc '^#' $D/cd207.vcf)" ] && ok "BCF output carries RV_CSQ on every record" || bad "BCF RV_CSQ" "$n records"
fi

# --threads: one pool shared by the reader and the BGZF writer; the same records as unthreaded
bgzip -c $D/cd207.vcf > "$TMP/cd207.vcf.gz"
expect_exit 0 "csq -O z --threads 2" "$REVUS" csq --threads 2 -f $D/cd207.fa -g $D/cd207.gff3 -O z -o "$TMP/t2.vcf.gz" "$TMP/cd207.vcf.gz"
gzip -dc "$TMP/t2.vcf.gz" | grep -v '^##revus' > "$TMP/t2.out"
cmp -s "$TMP/t2.out" "$TMP/cd207.out" && ok "csq -O z --threads 2 writes the same records" || bad "csq --threads 2" "$(diff "$TMP/t2.out" "$TMP/cd207.out" | head -3)"
expect_exit 0 "csq -O z1 (compression level)" "$REVUS" csq --threads 1 -f $D/cd207.fa -g $D/cd207.gff3 -O z1 -o "$TMP/z1.vcf.gz" "$TMP/cd207.vcf.gz"
gzip -dc "$TMP/z1.vcf.gz" | grep -v '^##revus' | cmp -s - "$TMP/cd207.out" && ok "csq -O z1 writes the same records" || bad "csq -O z1"
expect_exit 2 "csq -O z12 refused" "$REVUS" csq -f $D/cd207.fa -g $D/cd207.gff3 -O z12 $D/cd207.vcf
expect_stderr 'compression level 0-9' "csq -O z12 names the levels"
expect_exit 2 "norm -O z1 refused (csq only)" "$REVUS" norm -O z1 $D/cd207.vcf
expect_exit 0 "csq -O b --threads 2" "$REVUS" csq --threads 2 -f $D/cd207.fa -g $D/cd207.gff3 -O b -o "$TMP/t2.bcf" "$TMP/cd207.vcf.gz"
if command -v bcftools >/dev/null; then
    bcftools query -f '%POS %INFO/RV_CSQ\n' "$TMP/t2.bcf" > "$TMP/t2b.q"
    bcftools query -f '%POS %INFO/RV_CSQ\n' "$TMP/cd207.bcf" > "$TMP/t1b.q"
    cmp -s "$TMP/t2b.q" "$TMP/t1b.q" && [ -s "$TMP/t1b.q" ] && ok "csq -O b --threads 2 writes the same records" || bad "csq -O b --threads 2"
fi

# symbolic alleles: <INS...> and <DEL> (INFO/END) get the regions they touch and
# feature_elongation / feature_truncation; other symbolic ALTs (<DUP>) stay unannotated
S=$TD/csq/bcftools/ENST00000263103-INS
{ grep '^#' $S/insertions.vcf; grep -v '^#' $S/insertions.vcf | grep -e '^10	315640	' -e '<DEL>'; \
  printf '10\t315700\t.\tA\t<DUP>\t.\t.\tEND=315720\n'; } > "$TMP/sv.vcf"
expect_exit 0 "csq on symbolic alleles" "$REVUS" csq -f $S/ENST00000263103-INS.fa -g $S/ENST00000263103-INS.gff "$TMP/sv.vcf"
grep -q '^10	315640	.*RV_CSQ=splice_acceptor_variant&feature_elongation|<INS:ME:ALU>|BICC1' "$TMP/out" && ok "<INS:ME:ALU> at a splice acceptor" || bad "<INS:ME:ALU>" "$(grep 315640 "$TMP/out")"
grep -q '^10	315772	.*RV_CSQ=feature_truncation&3_prime_UTR_variant|<DEL>|' "$TMP/out" && ok "<DEL> over END: feature_truncation" || bad "<DEL>" "$(grep 315772 "$TMP/out")"
grep -q '^10	315700	.*	END=315720$' "$TMP/out" && ok "<DUP> written unannotated" || bad "<DUP>" "$(grep 315700 "$TMP/out")"

# a deletion over the start codon that a 5'-ward placement moves out of the CDS (a T of a
# T run, minus strand): the start survives, start_retained_variant, no protein change
S=$TD/csq/bcftools/ENST00000368801.2
expect_exit 0 "csq: deletion in a repeat at the start codon" "$REVUS" csq -f $S/ENST00000368801.2.fa -g $S/ENST00000368801.2.gff $S/start-lost.vcf
grep -q '^1	11191	.*RV_CSQ=start_retained_variant|A|' "$TMP/out" && ok "start codon kept by a 5'-ward placement: start_retained" || bad "start_retained" "$(grep 11191 "$TMP/out" | cut -f8 | cut -c1-200)"

# ref_past_reference_end: a REF that runs past the end of the FASTA's sequence (bcftools'
# ENST00000294661 case, a transcript-local FASTA). vep: unchecked, so unannotated, exit 1;
# bcftools: compared over the bases held, annotated, warned, exit 1 all the same.
P="$TD/csq/bcftools/ENST00000294661"
expect_exit 1 "csq: REF past the FASTA's end, vep: exit 1" "$REVUS" csq -f $P/ENST00000294661.fa -g $P/ENST00000294661.gff $P/non-coding-boundary.vcf
expect_stderr "REF CCGGAAA runs past the end of the reference sequence 1 \\(at 9717\\)" "csq: REF past the end, vep: says why"
grep -q 'RV_CSQ=' "$TMP/out" && bad "csq: REF past the end, vep: left unannotated" || ok "csq: REF past the end, vep: left unannotated"
expect_exit 1 "csq: REF past the FASTA's end, bcftools: exit 1" "$REVUS" csq --conventions bcftools -f $P/ENST00000294661.fa -g $P/ENST00000294661.gff $P/non-coding-boundary.vcf
expect_stderr "non-coding-boundary.vcf:6: REF runs past the end of the reference sequence; compared over the bases it holds" "csq: REF past the end, bcftools: warned with the line"
expect_stdout "RV_CSQ=non_coding_transcript_exon_variant" "csq: REF past the end, bcftools: annotated"

# agreement with bcftools csq (its regression set, test-data/csq/bcftools; docs/csq.md explains
# every disagreement): with the bcftools conventions profile, and with the default (vep) one.
# The minimums are today's rates: a regression fails the test.
if python3 "$TOP/tests/csq/agreement.py" "$REVUS" "$TD/csq/bcftools" --conventions bcftools --min-type 100 --min-protein 100 > "$TMP/agree" 2>&1; then
    ok "agreement with bcftools csq, --conventions bcftools: $(tr '\n' ';' < "$TMP/agree")"
else
    bad "agreement with bcftools csq, --conventions bcftools" "$(tail -3 "$TMP/agree")"
fi
if python3 "$TOP/tests/csq/agreement.py" "$REVUS" "$TD/csq/bcftools" --min-type 91.4 --min-protein 100 > "$TMP/agree" 2>&1; then
    ok "agreement with bcftools csq, default conventions (vep): $(tr '\n' ';' < "$TMP/agree")"
else
    bad "agreement with bcftools csq, default conventions (vep)" "$(tail -3 "$TMP/agree")"
fi
# agreement with VEP: the records of bcftools' split-vep test VCF (VEP's CSQ, GRCh37) that fall
# in a transcript-local case of the set (AL627309.1, ENST00000423372), moved to its coordinates
if python3 "$TOP/tests/csq/vep_agreement.py" "$REVUS" "$TD/csq/vep/split-vep.AL627309.vcf" "$TD/csq/bcftools" --min 100 > "$TMP/vep" 2>&1; then
    ok "agreement with VEP: $(cat "$TMP/vep")"
else
    bad "agreement with VEP" "$(tail -3 "$TMP/vep")"
fi

# the conventions: a profile by name, named in the header; an unknown name is bad usage
S=$TD/csq/bcftools/ENST00000545279
expect_exit 0 "csq --conventions bcftools" "$REVUS" csq --conventions bcftools -f $S/ENST00000545279.fa -g $S/ENST00000545279.gff $S/splice-region-insert.vcf
grep -q '^##revusCsqConventions=bcftools' "$TMP/out" && ok "the header names the conventions" || bad "conventions header"
grep -q '^5	44572	.*RV_CSQ=splice_donor_variant&splice_region_variant|TC|' "$TMP/out" && ok "bcftools: an insertion after an exon's right end is intronic" || bad "bcftools insertion at the exon end" "$(grep 44572 "$TMP/out" | cut -f8 | cut -c1-120)"
expect_exit 0 "csq (default conventions)" "$REVUS" csq -f $S/ENST00000545279.fa -g $S/ENST00000545279.gff $S/splice-region-insert.vcf
grep -q '^##revusCsqConventions=vep' "$TMP/out" && ok "default conventions: vep" || bad "default conventions header"
grep -q '^5	44572	.*RV_CSQ=frameshift_variant&splice_region_variant|TC|' "$TMP/out" && ok "vep: the same insertion is exonic (a frameshift)" || bad "vep insertion at the exon end" "$(grep 44572 "$TMP/out" | cut -f8 | cut -c1-120)"
expect_exit 2 "csq --conventions unknown" "$REVUS" csq --conventions snpeff -f $S/ENST00000545279.fa -g $S/ENST00000545279.gff $S/splice-region-insert.vcf
expect_stderr 'csq_conventions.json: profiles.snpeff: no such profile \(the file has: vep, bcftools\)' "an unknown profile names the file and the choices"

# the gene model as a stored source: import, csq from the active release, diff, verify, rollback
A=$TMP/ann; mkdir -p "$A"
sed -e 's/"name": "gff3"/"name": "cd207-model"/' -e 's/"GRCh38"/"GRCh37"/' "$TOP/pipeline/gene-model-gff3.json" > "$A/cd207-model.json"
expect_exit 0 "import a gene model" "$REVUS" sources import --annotations "$A" cd207-model $D/cd207.gff3 --version 1
"$REVUS" csq -f $D/cd207.fa $D/cd207.vcf 2>/dev/null | grep -v '^##revus' | grep -v '^##INFO=<ID=RV_CSQ' > "$TMP/stored.out"
grep -v '^##INFO=<ID=RV_CSQ' "$TMP/cd207.out" | cmp -s - "$TMP/stored.out" && ok "csq with the stored release = csq -g" || bad "csq with the stored release"
# release 2: exon 3 two bases longer, transcript version 4, and a new transcript
sed -e 's/\texon\t2705\t2856\t/\texon\t2703\t2856\t/' -e 's/transcript_id=ENST00000410009;version=3/transcript_id=ENST00000410009;version=4/' $D/cd207.gff3 > "$TMP/v2.gff3"
printf '2\ttest\tmRNA\t100\t400\t.\t+\t.\tID=NEWTX;Parent=gene:ENSG00000116031;transcript_id=NEWTX.1\n2\ttest\texon\t100\t400\t.\t+\t.\tParent=NEWTX\n' >> "$TMP/v2.gff3"
expect_exit 0 "import release 2" "$REVUS" sources import --annotations "$A" cd207-model "$TMP/v2.gff3" --version 2
expect_exit 0 "diff of two gene-model releases" "$REVUS" sources diff cd207-model 1 2
expect_stdout '^added	NEWTX' "diff: a transcript added"
expect_stdout '^changed	ENST00000410009	transcript	ENST00000410009.3	ENST00000410009.4' "diff: a new transcript version"
expect_stdout '^changed	ENST00000410009	exons	' "diff: an exon changed"
expect_exit 0 "verify gene-model releases" "$REVUS" sources verify cd207-model
expect_exit 0 "roll back to release 1" "$REVUS" sources activate cd207-model 1
expect_exit 0 "csq after rollback" "$REVUS" csq -f $D/cd207.fa $D/cd207.vcf
expect_stdout 'revusGeneModel=<source=cd207-model,version=1' "the output names the release"

# bad input: one line naming file and line, exit 2 (csq -g) or 3 (a stored source), nothing activated
sed 's/^\(2\tensembl_havana\texon\t3451.*\)Parent=transcript:ENST00000410009/\1Parent=transcript:ENST99999999999/' $D/cd207.gff3 > "$TMP/noparent.gff3"
expect_exit 2 "csq -g: GFF3 exon whose Parent is not defined" "$REVUS" csq -f $D/cd207.fa -g "$TMP/noparent.gff3" $D/cd207.vcf
expect_stderr 'noparent.gff3:[0-9]+: Parent .transcript:ENST99999999999. is not defined' "missing parent named with file and line"
expect_exit 3 "sources import: missing parent" "$REVUS" sources import --annotations "$A" cd207-model "$TMP/noparent.gff3" --version 3
"$REVUS" sources list --annotations "$A" > "$TMP/list"
grep -q 'cd207-model	gene-model	gff3	GRCh37	1	2' "$TMP/list" && ok "a refused release is not stored, release 1 stays active" || bad "refused release" "$(cat "$TMP/list")"
# a CDS one base short: kept, flagged, warned about
sed 's/\tCDS\t3451\t3825\t/\tCDS\t3452\t3825\t/' $D/cd207.gff3 > "$TMP/cds2.gff3"
expect_exit 0 "csq -g: CDS length not a multiple of 3" "$REVUS" csq -f $D/cd207.fa -g "$TMP/cds2.gff3" $D/cd207.vcf
expect_stderr 'cds2.gff3:[0-9]+: CDS length is not a multiple of 3; transcript marked incomplete' "warning names file and line"
expect_stdout 'cds_not_multiple_of_3' "the transcript is flagged incomplete in RV_CSQ"
expect_exit 0 "sources import: CDS not a multiple of 3 is kept" "$REVUS" sources import --annotations "$A" --no-activate cd207-model "$TMP/cds2.gff3" --version 4
expect_stderr 'cds2.gff3:[0-9]+: CDS length is not a multiple of 3; transcript marked incomplete: transcript:ENST00000410009 \(1 such record\)' "sources import warns with file and line"
# a seqid the FASTA does not have
sed 's/^2\t/7\t/' $D/cd207.gff3 > "$TMP/chr7.gff3"
expect_exit 2 "csq -g: seqid absent from the FASTA" "$REVUS" csq -f $D/cd207.fa -g "$TMP/chr7.gff3" $D/cd207.vcf
expect_stderr 'chr7.gff3: transcript ENST00000410009.3 is on chromosome 7, which .*cd207.fa does not have' "absent seqid named"
# a FASTA of another build: its .fai says chromosome 2 has GRCh38's length
mkdir -p "$TMP/b38"; cp $D/cd207.fa "$TMP/b38/ref.fa"
awk -F'\t' 'BEGIN{OFS="\t"} {$2=242193529; print}' $D/cd207.fa.fai > "$TMP/b38/ref.fa.fai"
expect_exit 3 "csq: FASTA of GRCh38, stored gene model of GRCh37" "$REVUS" csq -f "$TMP/b38/ref.fa" $D/cd207.vcf
expect_stderr 'ref.fa: chromosome 2 is 242193529 bp long, as in GRCh38; the gene model cd207-model is GRCh37' "build mismatch named"
( echo '#!genome-version GRCh37'; cat $D/cd207.gff3 ) > "$TMP/b37.gff3"
expect_exit 3 "csq -g: GFF3 says GRCh37, the FASTA GRCh38" "$REVUS" csq -f "$TMP/b38/ref.fa" -g "$TMP/b37.gff3" $D/cd207.vcf
expect_stderr 'b37.gff3:1: the file.s genome build is GRCh37, the descriptor says GRCh38' "GFF3 build named with file and line"
# RefSeq accessions of GRCh37 map to chromosomes; of the other build they are refused
sed 's/^2\t/NC_000002.11\t/' $D/cd207.gff3 > "$TMP/refseq37.gff3"
expect_exit 0 "csq -g: RefSeq NC_000002.11 seqids" "$REVUS" csq -f $D/cd207.fa -g "$TMP/refseq37.gff3" $D/cd207.vcf
expect_stdout 'RV_CSQ=.*ENST00000410009' "RefSeq seqids mapped to chromosome 2"
sed 's/^2\t/NC_000002.12\t/' $D/cd207.gff3 > "$TMP/refseq38.gff3"
expect_exit 3 "csq -g: RefSeq GRCh38 accession with a GRCh37 FASTA" "$REVUS" csq -f "$TMP/b38/ref.fa" -g "$TMP/refseq37.gff3" $D/cd207.vcf
expect_stderr 'NC_000002.11 is GRCh37, the descriptor says GRCh38' "RefSeq accession of the other build named"
expect_exit 2 "csq without -f" "$REVUS" csq -g $D/cd207.gff3 $D/cd207.vcf

# annotate classifies an unannotated VCF with the active gene model (release 1 of cd207-model)
expect_exit 0 "annotate --fasta with a gene model active" "$REVUS" annotate --build GRCh37 -f $D/cd207.fa $D/cd207.vcf
expect_stdout 'NOTE=3-bp_insertion;.*RV_CRITERIA=PM4\|2\|in-frame_indel\|cd207-model@1' "PM4 from the model's in-frame insertion, named with its release"
grep -q 'no_consequence_annotation' "$TMP/out" && bad "no record lacks a consequence" || ok "no record lacks a consequence"
expect_exit 0 "annotate --consequence-source input" "$REVUS" annotate --build GRCh37 -f $D/cd207.fa --consequence-source input $D/cd207.vcf
expect_stdout 'no_consequence_annotation' "consequence.source input: the VCF's own annotation only (it has none)"
expect_exit 2 "annotate --consequence-source bad" "$REVUS" annotate --consequence-source nonsense $D/cd207.vcf
expect_exit 2 "annotate --conventions unknown" "$REVUS" annotate --conventions snpeff $D/cd207.vcf

# PVS1 on an unannotated VCF: the model's NMD prediction, with the gene's loss-of-function
# mechanism from a gene-regions source (a BED: CD207, lof_mechanism yes)
printf '2\t0\t5646\tCD207\tyes\n' > "$TMP/lof.bed"
cat > "$A/cd207-lof.json" <<'JSON'
{ "name": "cd207-lof", "role": "gene-regions", "format": "bed", "build": "GRCh37",
  "fields": { "symbol": { "from": "4" }, "lof_mechanism": { "from": "5" } } }
JSON
"$REVUS" -q sources import --annotations "$A" cd207-lof "$TMP/lof.bed" --version 1 >/dev/null 2>&1
expect_exit 0 "annotate with gene model and LoF mechanism" "$REVUS" annotate --build GRCh37 -f $D/cd207.fa $D/cd207.vcf
expect_stdout 'NOTE=1-bp_deletion_frameshift;.*RV_CRITERIA=PVS1\|8\|frameshift_variant_exon_1/6_NMD_predicted_\(50-55_nt_rule\)\|cd207-model@1\+cd207-lof@1' "PVS1 from the model's NMD prediction, named with the LoF-mechanism source"
# the conventions reach the classifier: an insertion after the genomic right end (1624) of exon 5
{ grep '^#' $D/cd207.vcf; printf '2\t1624\t.\tC\tCT\t.\t.\t.\n'; } > "$TMP/edge.vcf"
expect_exit 0 "annotate, default conventions" "$REVUS" annotate --build GRCh37 -f $D/cd207.fa "$TMP/edge.vcf"
cp "$TMP/out" "$TMP/edge.vep"
expect_exit 0 "annotate --conventions bcftools" "$REVUS" annotate --build GRCh37 -f $D/cd207.fa --conventions bcftools "$TMP/edge.vcf"
grep -v '^#' "$TMP/edge.vep" | grep -q 'PVS1[A-Za-z_]*|[0-9]*|frameshift_variant' && grep -v '^#' "$TMP/out" | grep -q 'PVS1[A-Za-z_]*|[0-9]*|splice_acceptor_variant' &&
    ok "annotate: frameshift with vep, splice_acceptor with bcftools conventions" || bad "annotate --conventions" "$(grep -v '^#' "$TMP/out" | cut -f8 | cut -c1-200)"
"$REVUS" -q sources import --annotations "$A" cd207-lof "$TMP/lof.bed" --version 1 >/dev/null 2>&1
rm -rf "$REVUS_HOME/store/cd207-lof"

# run: the stored call carries the model's transcript, consequence and HGVS
RH=$TMP/runhome; mkdir -p "$RH"
cp -r "$REVUS_HOME/store" "$RH/store"
python3 - "$TOP/pipeline/default.json" "$RH/pipeline.json" "$D/cd207.fa" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
c["reanalysis"]["reference_fasta"] = sys.argv[3]
c["indications"] = {"LCH": {"name": "test", "panels": ["cd207-panel"]}}
json.dump(c, open(sys.argv[2], "w"), indent=1)
PY
cat > "$A/cd207-panel.json" <<'JSON'
{ "name": "cd207-panel", "role": "gene-panel", "format": "panelapp-json", "panel": { "id": 1 },
  "download": { "version_rule": "json:version" },
  "fields": { "symbol": { "from": "gene_data.gene_symbol" }, "confidence": { "from": "confidence_level" } } }
JSON
echo '{"id": 1, "name": "test", "version": "1.0", "genes": [{"gene_data": {"gene_symbol": "CD207"}, "confidence_level": "3"}]}' > "$TMP/panel.json"
( grep '^##' $D/cd207.vcf; echo '##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">';
  grep '^#CHROM' $D/cd207.vcf | sed 's/$/\tFORMAT\tP1/'; grep -v '^#' $D/cd207.vcf | sed 's/$/\tGT\t0\/1/' ) > "$TMP/p1.vcf"
printf 'sample\tvcf\tindication\tsex\tfamily\nP1\t%s\tLCH\tF\t\n' "$TMP/p1.vcf" > "$TMP/manifest.tsv"
"$REVUS" -q --home "$RH" sources activate cd207-model 1 >/dev/null 2>&1
"$REVUS" -q --home "$RH" sources import --annotations "$A" cd207-panel "$TMP/panel.json" >/dev/null 2>&1
"$REVUS" -q --home "$RH" --config "$RH/pipeline.json" cohort import "$TMP/manifest.tsv" >/dev/null 2>&1
expect_exit 0 "run with a gene model and reference_fasta" "$REVUS" --home "$RH" --config "$RH/pipeline.json" run
if command -v sqlite3 >/dev/null; then
    sqlite3 -separator '	' "$RH/revus.db" "SELECT variant, transcript, consequence, hgvsc, hgvsp FROM classifications WHERE variant LIKE '2-3500-%' ORDER BY variant" > "$TMP/calls"
    grep -q '2-3500-C-CCGG	ENST00000410009.3	inframe_insertion	ENST00000410009.3:c.513_515dup	p.(Arg172dup)' "$TMP/calls" &&
        ok "the stored call has the model's transcript, consequence and HGVS" || bad "stored call" "$(cat "$TMP/calls")"
    sqlite3 "$RH/revus.db" "SELECT source || ' ' || version FROM run_sources" | grep -q '^cd207-model 1$' &&
        ok "the run records the gene-model release" || bad "run_sources lacks the gene model"
fi
sed 's/"source": "model"/"source": "sideways"/' "$RH/pipeline.json" > "$RH/bad.json"
expect_exit 2 "config consequence.source checked" "$REVUS" --home "$RH" --config "$RH/bad.json" run
expect_stderr 'consequence: expected' "bad consequence.source named"
sed 's/"conventions": "vep"/"conventions": "snpeff"/' "$RH/pipeline.json" > "$RH/bad.json"
expect_exit 2 "config consequence.conventions checked" "$REVUS" --home "$RH" --config "$RH/bad.json" run
expect_stderr 'consequence.conventions: .*profiles.snpeff: no such profile' "an unknown consequence.conventions named"
sed 's/"conventions": "vep"/"conventions": "bcftools"/' "$RH/pipeline.json" > "$RH/bcf.json"
expect_exit 0 "run with consequence.conventions bcftools" "$REVUS" --home "$RH" --config "$RH/bcf.json" run --full
finish
