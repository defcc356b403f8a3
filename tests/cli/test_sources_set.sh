#!/bin/sh
# revus sources: a release made of several files (one per chromosome, like gnomAD v4.1) is
# one source and one version. Synthetic per-chromosome VCFs written here, served by the
# local test server (tests/http/server.py, 127.0.0.1): fetch, conditional GET, per-file
# checksums, failures that leave the previous release, import of an incomplete set (a
# visible gap: not covered, never PM2), verify, diff, prune and rollback.
. "$(dirname "$0")/lib.sh"

WWW=$TMP/www
ANN=$TMP/annotations
export REVUS_HOME=$TMP/home
mkdir -p "$WWW" "$ANN"

. "$(dirname "$0")/sources_lib.sh"

# vcf FILE CHROM LENGTH "POS REF ALT AF AN" ...: a small sites VCF of one chromosome
vcf() {
    f=$1; c=$2; len=$3; shift 3
    {
        printf '##fileformat=VCFv4.2\n##contig=<ID=%s,length=%s>\n' "$c" "$len"
        printf '##INFO=<ID=AF,Number=A,Type=Float,Description="Allele frequency">\n'
        printf '##INFO=<ID=AN,Number=1,Type=Integer,Description="Allele number">\n'
        printf '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n'
        for r in "$@"; do
            set -- $r
            printf '%s\t%s\t.\t%s\t%s\t.\tPASS\tAF=%s;AN=%s\n' "$c" "$1" "$2" "$3" "$4" "$5"
        done
    } > "$f"
}
L21=46709983; L22=50818468; LX=156040895

# release v1.0: chr21, chr22, chrX
mkdir -p "$WWW/pop/1.0" "$WWW/pop/1.1" "$WWW/pop/1.2"
vcf "$WWW/pop/1.0/pop.v1.0.sites.chr21.vcf" chr21 $L21 "1000 A G 0.01 100000" "2000 C T 0.2 100000"
vcf "$WWW/pop/1.0/pop.v1.0.sites.chr22.vcf" chr22 $L22 "3000 G A 0.001 100000"
vcf "$WWW/pop/1.0/pop.v1.0.sites.chrX.vcf" chrX $LX "4000 T C 0.05 80000"
# release v1.1: chr22's record changed, one added on chrX
vcf "$WWW/pop/1.1/pop.v1.1.sites.chr21.vcf" chr21 $L21 "1000 A G 0.01 100000" "2000 C T 0.2 100000"
vcf "$WWW/pop/1.1/pop.v1.1.sites.chr22.vcf" chr22 $L22 "3000 G A 0.002 120000"
vcf "$WWW/pop/1.1/pop.v1.1.sites.chrX.vcf" chrX $LX "4000 T C 0.05 80000" "5000 G T 0.3 80000"
# release v1.2 on the server lacks its chr22 file
vcf "$WWW/pop/1.2/pop.v1.2.sites.chr21.vcf" chr21 $L21 "1000 A G 0.01 100000"
vcf "$WWW/pop/1.2/pop.v1.2.sites.chrX.vcf" chrX $LX "4000 T C 0.05 80000"

# desc VERSION [CHECKSUM_URL_TEMPLATE]: one file per chromosome of "chroms"
desc() {
    cs=""
    [ -n "${2:-}" ] && cs="\"checksum_url\": \"$2\", \"checksum_kind\": \"md5\","
    cat > "$ANN/pop.json" <<EOF
{
  "name": "pop", "title": "population set (test server)", "role": "population-frequency",
  "format": "vcf", "build": "GRCh38",
  "download": { "url": "$BASE/pop/$1/pop.v$1.sites.chr{chrom}.vcf", "chroms": ["21", "22", "X"], $cs
                "version_rule": "filename:\\\\.v([0-9.]+[0-9])\\\\.sites", "max_bytes": 1000000 },
  "fields": { "af": { "from": "AF" }, "an": { "from": "AN" } }
}
EOF
}

# a patient with a variant on each chromosome of the set and one on chr3, none in the source
cat > "$TMP/patient.vcf" <<EOF
##fileformat=VCFv4.2
##contig=<ID=chr3,length=198295559>
##contig=<ID=chr21,length=$L21>
##contig=<ID=chr22,length=$L22>
##contig=<ID=chrX,length=$LX>
##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
#CHROM	POS	ID	REF	ALT	QUAL	FILTER	INFO	FORMAT	S
chr3	300	.	A	G	50	PASS	.	GT	0/1
chr21	1500	.	A	G	50	PASS	.	GT	0/1
chr22	3500	.	C	T	50	PASS	.	GT	0/1
chrX	4500	.	G	A	50	PASS	.	GT	0/1
EOF
# pm2_at CHROM POS: the criteria the annotation gives that record
tags_at() { grep "^$1	$2	" "$TMP/ann.vcf"; }

# ---- the descriptor -----------------------------------------------------------------------
desc 1.0
expect_exit 0 "a {chrom} descriptor loads" rv show pop
expect_stdout "^files +3, one version \(chr21 chr22 chrX\)" "show lists the set's chromosomes"
expect_stdout "^first file +$BASE/pop/1.0/pop.v1.0.sites.chr21.vcf" "show names the first file's URL"
sed 's/"chroms": \["21", "22", "X"\]/"chroms": ["21", "chr21"]/' "$ANN/pop.json" > "$TMP/dup.json"
expect_exit 2 "a chromosome listed twice is refused" "$REVUS" sources show "$TMP/dup.json"
expect_stderr "download.chroms\[1\]: chromosome chr21 is listed twice" "the error names the JSON path"
sed 's/"chroms": \["21", "22", "X"\]/"chroms": ["21", "chr99"]/' "$ANN/pop.json" > "$TMP/bad.json"
expect_exit 2 "an unknown chromosome is refused" "$REVUS" sources show "$TMP/bad.json"
expect_stderr "'chr99' is not a chromosome of GRCh38" "the unknown chromosome is named"

# ---- fetch: every file, one version --------------------------------------------------------
desc 1.0 "$BASE/md5/pop/1.0/pop.v1.0.sites.chr{chrom}.vcf"
expect_exit 0 "fetch a release of three files" rv fetch pop
expect_stdout "pop: 1.0 stored \(4 records from 4, set sha256 [0-9a-f]{16}, 3 files, each md5 from its own sidecar\); active now" "one version, records of every file"
expect_active pop 1.0 "the set is active"
n=$(ls "$REVUS_HOME/store/pop" | grep -c '^1\.')
[ "$n" = 1 ] && ok "one version folder for three files" || bad "one version folder for three files" "$(ls "$REVUS_HOME/store/pop")"
for c in 21 22 X; do
    [ -f "$REVUS_HOME/store/pop/1.0/pop.v1.0.sites.chr$c.vcf" ] && ok "chr$c file stored" || bad "chr$c file stored"
done
[ "$(grep -c '"label"' "$REVUS_HOME/store/pop/1.0/manifest.json")" = 3 ] && ok "the manifest lists the three files" \
    || bad "the manifest lists the three files" "$(cat "$REVUS_HOME/store/pop/1.0/manifest.json")"
[ "$(count_log 'GET /md5/pop/1.0/')" = 3 ] && ok "a checksum per file" || bad "a checksum per file" "$(cat "$TMP/http.log")"
expect_exit 0 "show the stored set" rv show pop
expect_stdout "coverage: contigs with records: chr21, chr22, chrX$" "coverage is the union of the files' contigs"
expect_stdout "files: 3$" "show counts the files"

expect_exit 0 "fetch again" rv fetch pop
expect_stdout "pop: unchanged on the server \(not downloaded\); active 1.0" "an unchanged set is not downloaded"
[ "$(count_log 'GET /pop/1.0/.* 304')" = 3 ] && ok "each file answered 304" || bad "each file answered 304" "$(cat "$TMP/http.log")"

# what the set says: absent on a covered chromosome is PM2; chr3 is not covered
expect_exit 0 "annotate against the set" "$REVUS" -q annotate "$TMP/patient.vcf" -o "$TMP/ann.vcf"
tags_at chr21 1500 | grep -q "PM2_Supporting|1|absent|pop@1.0" && ok "absent on chr21: PM2" || bad "absent on chr21: PM2" "$(tags_at chr21 1500)"
tags_at chr3 300 | grep -q "not_evaluated:_chr3_not_covered_by_pop_1.0" && ok "chr3: not covered" || bad "chr3: not covered" "$(tags_at chr3 300)"

# ---- failures leave the previous release -----------------------------------------------------
desc 1.2
expect_exit 3 "a set with a file missing on the server is not stored" rv fetch pop
expect_stderr "pop: download failed: $BASE/pop/1.2/pop.v1.2.sites.chr22.vcf: .*404" "the missing file is named"
expect_stderr "nothing changed; 1.0 stays active" "the previous release stays (404)"
expect_active pop 1.0 "404: 1.0 still active"
no_stage_left pop "404: staging removed"
[ -d "$REVUS_HOME/store/pop/1.2" ] && bad "no partial version stored" || ok "no partial version stored"

cat > "$ANN/pop.json" <<EOF
{
  "name": "pop", "title": "population set (test server)", "role": "population-frequency",
  "format": "vcf", "build": "GRCh38",
  "download": { "files": ["$BASE/pop/1.1/pop.v1.1.sites.chr21.vcf", "$BASE/truncate/pop/1.1/pop.v1.1.sites.chr22.vcf",
                          "$BASE/pop/1.1/pop.v1.1.sites.chrX.vcf"],
                "version_rule": "filename:\\\\.v([0-9.]+[0-9])\\\\.sites", "max_bytes": 1000000 },
  "fields": { "af": { "from": "AF" }, "an": { "from": "AN" } }
}
EOF
expect_exit 3 "a truncated file fails the whole set" rv fetch pop --retries 2
expect_stderr "pop: download failed: .*truncate/pop/1.1/pop.v1.1.sites.chr22.vcf" "the truncated file is named"
expect_active pop 1.0 "truncated: 1.0 still active"
no_stage_left pop "truncated: staging removed"

desc 1.1 "$BASE/badmd5/pop/1.1/pop.v1.1.sites.chr{chrom}.vcf"
expect_exit 3 "a checksum mismatch fails the whole set" rv fetch pop
expect_stderr "pop: checksum mismatch: downloaded file has md5 .* for pop.v1.1.sites.chr21.vcf$" "the mismatching file is named"
expect_active pop 1.0 "checksum: 1.0 still active"

# one list of checksums for every file must name each of them
md5sum "$WWW/pop/1.1/pop.v1.1.sites.chr21.vcf" "$WWW/pop/1.1/pop.v1.1.sites.chrX.vcf" | sed 's#  .*/#  #' > "$WWW/pop/1.1/MD5SUMS"
desc 1.1 "$BASE/pop/1.1/MD5SUMS"
expect_exit 3 "a shared checksum list without a file's line is refused" rv fetch pop
expect_stderr "MD5SUMS holds no md5 digest for pop.v1.1.sites.chr22.vcf" "the unlisted file is named"
md5sum "$WWW/pop/1.1/"pop.v1.1.sites.chr*.vcf | sed 's#  .*/#  #' > "$WWW/pop/1.1/MD5SUMS"
expect_exit 0 "the second release, checked against one MD5SUMS" rv fetch pop
expect_stdout "pop: 1.1 stored \(5 records from 5, set sha256 .*3 files, each md5 from MD5SUMS\); active now, was 1.0" "1.1 stored and active"
[ "$(count_log 'GET /pop/1.1/MD5SUMS 200')" = 2 ] && ok "the shared list is downloaded once per fetch" || bad "the shared list is downloaded once per fetch" "$(grep MD5SUMS "$TMP/http.log")"

# ---- diff across two sets --------------------------------------------------------------------
expect_exit 0 "diff two releases of several files" rv diff pop 1.0 1.1 -v
expect_stdout "^changed	22-3000-G-A	af	0.001	0.002" "diff finds the change in the chr22 file"
expect_stdout "^added	X-5000-G-T" "diff finds the record added to the chrX file"
[ "$(grep -vc "^#" "$TMP/out")" = 3 ] && ok "diff: one line per changed field" || bad "diff: one line per changed field" "$(cat "$TMP/out")"

# ---- import of an incomplete set: a visible gap ------------------------------------------------
mkdir -p "$TMP/local"
vcf "$TMP/local/pop.v2.0.sites.chr21.vcf" chr21 $L21 "1000 A G 0.01 100000"
vcf "$TMP/local/pop.v2.0.sites.chrX.vcf" chrX $LX "4000 T C 0.05 80000"
vcf "$TMP/other.vcf" chr21 $L21 "1000 A G 0.01 100000"
expect_exit 2 "a file that is not of the set is refused" rv import pop "$TMP/other.vcf"
expect_stderr "other.vcf: not one of the files of pop \(they are named like pop.v1.1.sites.chr21.vcf\)" "the refusal names the file and the expected names"
desc 2.0
expect_exit 0 "import a set that lacks chr22 (a folder)" rv import pop "$TMP/local"
expect_stdout "pop: 2.0 stored \(2 records from 2, set sha256 .*2 files" "two files, one version"
expect_stderr "warning: pop 2.0 lacks the files of chr22: variants there are not evaluated against it" "import warns about the gap"
expect_active pop 2.0 "the incomplete set is active"
expect_exit 0 "show the gap" rv show pop
expect_stdout "coverage: contigs with records: chr21, chrX; no file for chr22 \(not covered\)" "show: chr22 not covered"
expect_stdout "files: 2; missing: chr22" "show names the missing file"
expect_exit 1 "verify: a release that lacks files needs attention" "$REVUS" sources verify pop
expect_stdout "^ok	pop	2.0	missing chr22$" "verify names the gap"
expect_stdout "^ok	pop	1.0$" "the complete releases verify"
expect_exit 0 "annotate against the incomplete set" "$REVUS" -q annotate "$TMP/patient.vcf" -o "$TMP/ann.vcf"
tags_at chr22 3500 | grep -q "not_evaluated:_chr22_not_covered_by_pop_2.0" && ok "chr22: not covered by pop 2.0" || bad "chr22: not covered by pop 2.0" "$(tags_at chr22 3500)"
if tags_at chr22 3500 | grep -q "PM2_Supporting"; then bad "no PM2 on the missing chromosome"; else ok "no PM2 on the missing chromosome"; fi
tags_at chrX 4500 | grep -q "PM2_Supporting|1|absent|pop@2.0" && ok "chrX (file present): PM2" || bad "chrX (file present): PM2" "$(tags_at chrX 4500)"

# a chromosome's file must hold that chromosome
mkdir -p "$TMP/two"
desc 2.1
vcf "$TMP/two/pop.v2.1.sites.chr21.vcf" chr21 $L21 "1000 A G 0.01 100000"
vcf "$TMP/two/pop.v2.1.sites.chr22.vcf" chr21 $L21 "1000 A G 0.01 100000"
expect_exit 3 "a chromosome's file holding another chromosome is refused" rv import pop "$TMP/two/pop.v2.1.sites.chr21.vcf" "$TMP/two/pop.v2.1.sites.chr22.vcf"
expect_stderr "pop.v2.1.sites.chr22.vcf: holds records on chr21, but it is the file of chr22" "the wrong file is named"
expect_active pop 2.0 "refused import: 2.0 still active"
no_stage_left pop "refused import: staging removed"
expect_exit 2 "--md5 with several files is refused" rv import pop "$TMP/two/pop.v2.1.sites.chr21.vcf" "$TMP/two/pop.v2.1.sites.chrX.vcf" --md5 0123456789abcdef0123456789abcdef
expect_stderr "--md5/--sha256 check one file; pop is a set of 3 files" "--md5 refusal says why"

# the version comes from each file and must be the same for all
cat > "$ANN/hdr.json" <<EOF
{
  "name": "hdr", "role": "population-frequency", "format": "vcf", "build": "GRCh38",
  "download": { "url": "$BASE/hdr/hdr.sites.chr{chrom}.vcf", "chroms": ["21", "X"],
                "version_rule": "header:##fileDate", "max_bytes": 1000000 },
  "fields": { "af": { "from": "AF" }, "an": { "from": "AN" } }
}
EOF
mkdir -p "$TMP/hdr"
vcf "$TMP/hdr/hdr.sites.chr21.vcf" chr21 $L21 "1000 A G 0.01 100000"
vcf "$TMP/hdr/hdr.sites.chrX.vcf" chrX $LX "4000 T C 0.05 80000"
sed -i '1a ##fileDate=20250101' "$TMP/hdr/hdr.sites.chr21.vcf"
sed -i '1a ##fileDate=20250601' "$TMP/hdr/hdr.sites.chrX.vcf"
expect_exit 3 "files of two releases are refused" rv import hdr "$TMP/hdr"
expect_stderr "hdr.sites.chr21.vcf is version 20250101 but .*hdr.sites.chrX.vcf is version 20250601: the files are not of one release" "the refusal names both versions"
[ -e "$REVUS_HOME/store/hdr/active" ] && bad "nothing of hdr is active" || ok "nothing of hdr is active"
sed -i 's/##fileDate=20250601/##fileDate=20250101/' "$TMP/hdr/hdr.sites.chrX.vcf"
expect_exit 0 "files of one release are taken" rv import hdr "$TMP/hdr"
expect_stdout "hdr: 20250101 stored \(2 records from 2, set sha256" "version from the headers"

# ---- rollback, prune, verify -------------------------------------------------------------------
expect_exit 0 "roll back to the complete 1.1" "$REVUS" sources activate pop 1.1
expect_active pop 1.1 "1.1 active again"
expect_exit 0 "annotate after the rollback" "$REVUS" -q annotate "$TMP/patient.vcf" -o "$TMP/ann.vcf"
tags_at chr22 3500 | grep -q "PM2_Supporting|1|absent|pop@1.1" && ok "after rollback chr22 is covered again" || bad "after rollback chr22 is covered again" "$(tags_at chr22 3500)"

echo "changed" >> "$REVUS_HOME/store/pop/1.0/pop.v1.0.sites.chrX.vcf"
expect_exit 3 "verify finds a changed file of a set" "$REVUS" sources verify pop
expect_stdout "^FAILED	pop	1.0$" "verify marks the release"
expect_stderr "pop 1.0: .*pop.v1.0.sites.chrX.vcf has sha256 .* \(changed on disk\)" "verify names the changed file"

expect_exit 0 "prune keeps the newest two and the active one" "$REVUS" sources prune --keep 1 pop
expect_stdout "^removed	pop	1.0$" "prune removes the oldest set whole"
[ -d "$REVUS_HOME/store/pop/1.0" ] && bad "1.0 folder gone with all its files" || ok "1.0 folder gone with all its files"
[ -d "$REVUS_HOME/store/pop/1.1" ] && ok "the active set stays" || bad "the active set stays"
[ -d "$REVUS_HOME/store/pop/2.0" ] && ok "the newest set stays" || bad "the newest set stays"

# ---- one file changed on the server: only that one is downloaded again ----------------------
desc 1.1 "$BASE/pop/1.1/MD5SUMS"
vcf "$WWW/pop/1.1/pop.v1.1.sites.chr22.vcf" chr22 $L22 "3000 G A 0.003 130000"
md5sum "$WWW/pop/1.1/"pop.v1.1.sites.chr*.vcf | sed 's#  .*/#  #' > "$WWW/pop/1.1/MD5SUMS"
: > "$TMP/http.log"
expect_exit 0 "a corrected file under the same names, as a version of its own" rv fetch pop --version 1.1b
expect_stdout "pop: 1.1b stored \(5 records from 5, " "1.1b stored"
[ "$(count_log 'GET /pop/1.1/pop.v1.1.sites.chr22.vcf 200')" = 1 ] && ok "the changed file is downloaded" || bad "the changed file is downloaded" "$(cat "$TMP/http.log")"
[ "$(count_log 'GET /pop/1.1/pop.v1.1.sites.chr21.vcf 304')" = 1 ] && [ "$(count_log ' 200' | tr -d ' ')" = 2 ] \
    && ok "the unchanged files are not downloaded again" || bad "the unchanged files are not downloaded again" "$(cat "$TMP/http.log")"
cmp -s "$REVUS_HOME/store/pop/1.1/pop.v1.1.sites.chrX.vcf" "$REVUS_HOME/store/pop/1.1b/pop.v1.1.sites.chrX.vcf" \
    && ok "an unchanged file is taken from the stored release" || bad "an unchanged file is taken from the stored release"
expect_exit 1 "the mixed set verifies (2.0 still lacks chr22)" "$REVUS" sources verify pop
expect_stdout "^ok	pop	1.1b$" "1.1b ok"
expect_exit 0 "diff 1.1 and 1.1b" rv diff pop 1.1 1.1b
[ "$(grep -vc '^#' "$TMP/out")" = 2 ] && ok "only the corrected record differs" || bad "only the corrected record differs" "$(cat "$TMP/out")"

# a file the server calls unchanged but whose stored copy is gone is downloaded whole
rm "$REVUS_HOME/store/pop/1.1b/pop.v1.1.sites.chrX.vcf"
: > "$TMP/http.log"
expect_exit 0 "fetch when a stored copy is gone" rv fetch pop --version 1.1c
expect_stdout "pop: 1.1c stored \(5 records from 5, " "1.1c stored"
[ "$(count_log 'GET /pop/1.1/pop.v1.1.sites.chrX.vcf 304')" = 1 ] && [ "$(count_log 'GET /pop/1.1/pop.v1.1.sites.chrX.vcf 200')" = 1 ] \
    && ok "the lost file is downloaded again" || bad "the lost file is downloaded again" "$(cat "$TMP/http.log")"

finish
