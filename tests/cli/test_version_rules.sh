#!/bin/sh
# The shipped descriptors find the release of real file names without --version: gnomAD v4.1
# (the version is in the name gnomad.joint.v4.1.sites.chr21.vcf.bgz) and CADD 1.7 (the name
# whole_genome_SNVs.tsv.gz says nothing; its first line "## CADD GRCh38-v1.7 (c) ..." does).
# Small synthetic files in the real layouts; nothing is downloaded.
. "$(dirname "$0")/lib.sh"
command -v bgzip >/dev/null 2>&1 || { echo "skip - bgzip not installed (tabix)"; finish; exit $?; }
cd "$TMP" || exit 1
printf '%s\n' '##fileformat=VCFv4.2' \
  '##INFO=<ID=AF_joint,Number=A,Type=Float,Description="Alternate allele frequency, joint">' \
  '##INFO=<ID=AN_joint,Number=1,Type=Integer,Description="Total number of alleles, joint">' \
  '##contig=<ID=chr21,length=46709983,assembly=GRCh38>' >g.vcf
printf '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\nchr21\t5030082\t.\tG\tA\t.\tPASS\tAF_joint=0.0003;AN_joint=10000\n' >>g.vcf
bgzip -c g.vcf >gnomad.joint.v4.1.sites.chr21.vcf.bgz
printf '## CADD GRCh38-v1.7 (c) University of Washington, Hudson-Alpha Institute for Biotechnology and Berlin Institute of Health 2013-2023. All rights reserved.\n#Chrom\tPos\tRef\tAlt\tRawScore\tPHRED\n21\t5030082\tG\tA\t0.12\t3.1\n' | bgzip -c >whole_genome_SNVs.tsv.gz
A=$TOP/annotations
expect_exit 0 "import gnomAD v4.1 by its real name, no --version" "$REVUS" -q --home h sources import --annotations "$A" gnomad-v4-joint gnomad.joint.v4.1.sites.chr21.vcf.bgz
expect_exit 0 "import CADD 1.7 by its real name, no --version" "$REVUS" --home h sources import --annotations "$A" cadd-grch38 whole_genome_SNVs.tsv.gz
expect_stdout "cadd-grch38: 1.7 stored" "CADD: the release is 1.7, from its first line"
"$REVUS" --home h sources list >list.txt 2>&1
grep -q 'gnomad-v4-joint.*4\.1' list.txt && ok "gnomAD: the release is 4.1, from the file name" || bad "gnomAD version" "$(head -c 300 list.txt)"
# a file in another layout is refused with the rule named, not stored under a guess
printf '#Chrom\tPos\tRef\tAlt\tRawScore\tPHRED\n21\t5030082\tG\tA\t0.12\t3.1\n' | bgzip -c >noheader.tsv.gz
expect_exit 3 "CADD without its version line" "$REVUS" --home h2 sources import --annotations "$A" cadd-grch38 noheader.tsv.gz
expect_stderr "no version: .*## CADD GRCh38-v.*give --version" "CADD without its version line: says to give --version"
finish
