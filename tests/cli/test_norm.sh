#!/bin/sh
# CLI tests for `revus norm`: golden outputs, bcftools agreement, expected failures.
. "$(dirname "$0")/lib.sh"
D=$TD/norm
E=$D/expected

# norm_golden NAME EXPECTED ARGS...: run norm to stdout, drop the command-line header line
# (it names paths), compare with the golden file.
norm_golden() {
    name=$1; exp=$2; shift 2
    expect_exit 0 "$name: exit 0" "$REVUS" -q norm "$@"
    grep -v '^##revusCommand=' "$TMP/out" > "$TMP/golden.vcf"
    golden "$TMP/golden.vcf" "$E/$exp" "$name: golden output"
}

# --- help and usage ---
expect_exit 0 "help" "$REVUS" norm --help
expect_stdout "Usage: revus norm IN" "help names the command"
expect_exit 2 "no input is a usage error" "$REVUS" norm
expect_exit 2 "unknown option" "$REVUS" norm --frobnicate "$D/empty.vcf"
expect_stderr "unknown option --frobnicate" "unknown option named"
expect_exit 2 "bad -O" "$REVUS" norm -O x "$D/empty.vcf"
expect_exit 2 "bad --build" "$REVUS" norm --build T2T "$D/empty.vcf"
expect_exit 2 "--drop-ref-mismatch needs --fasta" "$REVUS" norm --drop-ref-mismatch "$D/empty.vcf"

# --- golden outputs over real files ---
norm_golden "split with GT, AD (R), PL (G), A fields" norm.split.vcf "$D/norm.split.vcf"
norm_golden "split and left-align with FASTA" norm.split.fasta.vcf --fasta "$D/norm.fa" "$D/norm.split.vcf"
norm_golden "phased genotypes split" norm.phased-split.vcf "$D/norm.phased-split.vcf"
norm_golden "symbolic alleles with FASTA" norm.symbolic.vcf --fasta "$D/norm.symbolic.fa" "$D/norm.symbolic.vcf"
norm_golden "GRCh38 trio, chr names kept" talos.vcf "$D/talos_trio_joint.GRCh38.vcf.bgz"
expect_exit 0 "GRCh38 trio, not quiet" "$REVUS" norm "$D/talos_trio_joint.GRCh38.vcf.bgz"
expect_stderr "genome build GRCh38 \(##contig lengths\)" "build detected from ##contig lengths"
norm_golden "repeats: left-align indels in repeats" repeats.vcf --fasta "$D/repeats.fa" "$D/repeats.vcf"
norm_golden "header-only input" empty.vcf "$D/empty.vcf"

# --- formats and streams ---
expect_exit 0 "BCF input" "$REVUS" -q norm "$D/vcf_file.bcf"
grep -v '^#' "$TMP/out" > "$TMP/from_bcf"
expect_exit 0 "same records from the VCF" "$REVUS" -q norm "$D/vcf_file.vcf"
grep -v '^#' "$TMP/out" > "$TMP/from_vcf"
golden "$TMP/from_bcf" "$TMP/from_vcf" "BCF and VCF input give the same records"
expect_exit 0 "stdin" sh -c "cat '$D/norm.split.vcf' | '$REVUS' -q norm -"
grep -v '^##revusCommand=' "$TMP/out" > "$TMP/stdin.vcf"
golden "$TMP/stdin.vcf" "$E/norm.split.vcf" "stdin gives the same output"
expect_exit 0 "bgzipped output by name" "$REVUS" -q norm "$D/norm.split.vcf" -o "$TMP/o.vcf.gz"
if gzip -t "$TMP/o.vcf.gz" 2>/dev/null && [ "$(zcat "$TMP/o.vcf.gz" | grep -vc '^#')" = 30 ]; then ok "bgzipped output holds 30 records"; else bad "bgzipped output holds 30 records"; fi
expect_exit 0 "re-read own bgzipped output" "$REVUS" -q norm "$TMP/o.vcf.gz"
expect_exit 0 "BCF output" "$REVUS" -q norm -O b "$D/norm.split.vcf" -o "$TMP/o.bcf"
expect_exit 0 "read BCF output back" "$REVUS" -q norm "$TMP/o.bcf"
grep -v '^#' "$TMP/out" > "$TMP/bcf_round"
grep -v '^#' "$E/norm.split.vcf" > "$TMP/want_round"
golden "$TMP/bcf_round" "$TMP/want_round" "BCF round trip keeps the records"
expect_exit 0 "uncompressed BCF output" "$REVUS" -q norm -O u "$D/norm.split.vcf" -o "$TMP/o.u.bcf"
expect_exit 0 "read uncompressed BCF back" "$REVUS" -q norm "$TMP/o.u.bcf"
grep -v '^#' "$TMP/out" > "$TMP/ubcf_round"
golden "$TMP/ubcf_round" "$TMP/want_round" "uncompressed BCF round trip keeps the records"
expect_exit 0 "--threads 2" "$REVUS" -q norm --threads 2 "$D/talos_trio_joint.GRCh38.vcf.bgz"
grep -v '^##revusCommand=' "$TMP/out" > "$TMP/threads.vcf"
golden "$TMP/threads.vcf" "$E/talos.vcf" "--threads 2 gives the same output"
expect_exit 0 "-o /dev/null writes in place" "$REVUS" -q norm "$D/norm.split.vcf" -o /dev/null
if [ -c /dev/null ]; then ok "/dev/null is still a device"; else bad "/dev/null is still a device"; fi
# a record on a contig the header does not declare: fine as VCF, refused as BCF
printf '##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n1\t5\t.\tA\tC,G\t.\t.\t.\n' > "$TMP/undeclared.vcf"
expect_exit 0 "undeclared contig, VCF output" "$REVUS" -q norm "$TMP/undeclared.vcf"
expect_exit 2 "undeclared contig, BCF output refused" "$REVUS" -q norm -O b "$TMP/undeclared.vcf" -o "$TMP/undeclared.bcf"
expect_stderr "does not declare" "undeclared contig named"
if [ -e "$TMP/undeclared.bcf" ]; then bad "no BCF left behind"; else ok "no BCF left behind"; fi
# trimming moves a record right past its neighbour: the output stays sorted
printf '##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n1\t100\t.\tACGTT\tACGTA\t.\t.\t.\n1\t102\t.\tG\tA\t.\t.\t.\n2\t7\t.\tC\tT\t.\t.\t.\n' > "$TMP/order.vcf"
expect_exit 0 "sorted output after trimming" "$REVUS" -q norm "$TMP/order.vcf"
grep -v '^#' "$TMP/out" | cut -f1,2 | tr '\t\n' ':,' > "$TMP/order.got"
if [ "$(cat "$TMP/order.got")" = "1:102,1:104,2:7," ]; then ok "records in position order"; else bad "records in position order" "$(cat "$TMP/order.got")"; fi
expect_exit 0 "provenance header" "$REVUS" -q norm "$D/empty.vcf"
expect_stdout "^##revusVersion=" "##revusVersion line"
expect_stdout "^##revusCommand=.*norm" "##revusCommand line"
expect_exit 0 "summary on stderr" "$REVUS" norm "$D/norm.split.vcf"
expect_stderr "19 records in, 30 out; 7 split" "summary counts"
expect_exit 0 "-q silences the summary" "$REVUS" -q norm "$D/norm.split.vcf"
if [ -s "$TMP/err" ]; then bad "-q: stderr empty" "$(head -c 200 "$TMP/err")"; else ok "-q: stderr empty"; fi

# --- agreement with bcftools norm -m -any -c w -f (record for record; -c w: REF mismatches warn, as revus) ---
if command -v bcftools >/dev/null 2>&1; then
    for pair in "norm.split.vcf norm.fa" "repeats.vcf repeats.fa" "norm.symbolic.vcf norm.symbolic.fa" "norm.phased-split.vcf norm.fa" \
                "csq.splice-acceptor-donor1.vcf csq.ENST00000341065.fa" "csq.synon-splice-region-insert.vcf csq.ENST00000382647.fa"; do
        set -- $pair
        "$REVUS" -q norm --fasta "$D/$2" "$D/$1" | grep -v '^#' | cut -f1,2,4,5,10- > "$TMP/ours"
        bcftools norm -m -any -c w -f "$D/$2" "$D/$1" 2>/dev/null | grep -v '^#' | cut -f1,2,4,5,10- > "$TMP/theirs"
        if [ -s "$TMP/theirs" ] && diff "$TMP/theirs" "$TMP/ours" > "$TMP/diff"; then
            ok "same records as bcftools norm -m -any -c w -f: $1"
        else
            bad "same records as bcftools norm -m -any -c w -f: $1" "$(head -c 400 "$TMP/diff")"
        fi
    done
else
    echo "skip - bcftools not installed: comparison with bcftools norm"
fi

# --- REF checks against the FASTA ---
expect_exit 1 "REF mismatch kept, exit 1" "$REVUS" norm --fasta "$D/norm.check-ref.fa" "$D/norm.check-ref.vcf"
expect_stderr "^revus: warning: .*norm.check-ref.vcf:5: REF C differs from the FASTA at chr1:11$" "mismatch named"
expect_stderr "1 REF mismatches" "mismatch counted"
expect_stdout "^chr1	11	rs7214	C	T" "mismatching record kept"
# the reader hands the warning to the command, which prints it unless -q
expect_exit 1 "REF mismatch with -q" "$REVUS" -q norm --fasta "$D/norm.check-ref.fa" "$D/norm.check-ref.vcf"
if [ -s "$TMP/err" ]; then bad "-q: no warning printed" "$(head -c 200 "$TMP/err")"; else ok "-q: no warning printed"; fi
expect_exit 1 "REF mismatch dropped" "$REVUS" norm --drop-ref-mismatch --fasta "$D/norm.check-ref.fa" "$D/norm.check-ref.vcf"
if grep -q '^chr1' "$TMP/out"; then bad "mismatching record dropped"; else ok "mismatching record dropped"; fi

# --- build ---
expect_exit 0 "--build agreeing with the header" "$REVUS" norm --build GRCh38 "$D/talos_trio_joint.GRCh38.vcf.bgz"
expect_exit 0 "build from the ##reference line" "$REVUS" norm "$D/vcfanno_query.GRCh37.vcf.gz"
expect_stderr "genome build GRCh37 \(##reference line\)" "build origin reported"
expect_exit 0 "unknown build is reported, not an error" "$REVUS" norm "$D/norm.split.vcf"
expect_stderr "genome build unknown" "unknown build warned"

# --- expected failures: exit code, one line naming file and line, no output file ---
# name | exit | stderr pattern | args
while IFS='|' read -r name code pattern args; do
    case $name in ''|'#'*) continue ;; esac
    rm -f "$TMP/fail.vcf"
    # shellcheck disable=SC2086
    expect_exit "$code" "$name" sh -c "cd '$D' && '$REVUS' -q norm $args -o '$TMP/fail.vcf'"
    last=$(tail -n 1 "$TMP/err")
    if printf '%s\n' "$last" | grep -Eq -- "$pattern"; then ok "fails: $name: message"; else bad "fails: $name: message" "got: $last"; fi
    if [ -e "$TMP/fail.vcf" ] || ls "$TMP" | grep -q 'fail.vcf.part'; then bad "fails: $name: no output left"; else ok "fails: $name: no output left"; fi
done <<'EOF'
malformed POS            |2|^revus: vcf_file.bad-pos.vcf:28: POS '12x45' is not a positive integer$|vcf_file.bad-pos.vcf
too few columns          |2|^revus: vcf_file.short-line.vcf:30: expected 11 tab-separated columns, found 9$|vcf_file.short-line.vcf
bad ALT allele           |2|^revus: norm.vcf:60: ALT allele 'I' is not bases|norm.vcf
missing header           |2|^revus: vcf_file.no-header.vcf:1: missing VCF header|vcf_file.no-header.vcf
truncated bgzip (EOF)    |2|^revus: talos.truncated-eof.vcf.gz:[0-9]+: truncated bgzip file|talos.truncated-eof.vcf.gz
truncated bgzip (middle) |2|^revus: talos.truncated-mid.vcf.gz:[0-9]+: truncated|talos.truncated-mid.vcf.gz
not a VCF                |2|^revus: norm.fa: not a VCF or BCF file$|norm.fa
missing file             |2|^revus: no-such.vcf: cannot open|no-such.vcf
FASTA lacks a contig     |2|^revus: talos_trio_joint.GRCh38.vcf.bgz:[0-9]+: contig 'chr6' is not in the FASTA|--fasta norm.fa talos_trio_joint.GRCh38.vcf.bgz
FASTA of other contigs   |2|^revus: norm.check-ref.fa: none of the 1 contigs declared in norm.symbolic.vcf is in the FASTA$|--fasta norm.check-ref.fa norm.symbolic.vcf
build contradiction      |3|^revus: talos_trio_joint.GRCh38.vcf.bgz: the header \(##contig lengths\) says GRCh38, but GRCh37 was requested$|--build GRCh37 talos_trio_joint.GRCh38.vcf.bgz
EOF

expect_exit 2 "truncated bgzip on stdin" sh -c "'$REVUS' -q norm - < '$D/talos.truncated-eof.vcf.gz'"
expect_stderr "^revus: stdin:[0-9]+: truncated bgzip file" "stdin named in the message"
expect_exit 0 "BCF on stdin" sh -c "'$REVUS' -q norm - < '$D/vcf_file.bcf'"
if [ "$(grep -vc '^#' "$TMP/out")" = 323 ]; then ok "BCF on stdin: 323 records"; else bad "BCF on stdin: 323 records"; fi

printf '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n1\t5\t.\tA\tC\t.\t.\t.\n' > "$TMP/noff.vcf"
expect_exit 0 "header without ##fileformat" "$REVUS" -q norm "$TMP/noff.vcf"
if [ "$(head -n 1 "$TMP/out")" = "##fileformat=VCFv4.2" ]; then ok "##fileformat added as the first line"; else bad "##fileformat added as the first line" "$(head -n 1 "$TMP/out")"; fi
printf 'garbage\001\002\000binary' > "$TMP/garbage.bin"
expect_exit 2 "binary garbage" "$REVUS" -q norm "$TMP/garbage.bin"
expect_stderr "garbage.bin: not a VCF or BCF file" "binary garbage named"

# --- skip-bad: records skipped and counted, exit 1, output complete ---
expect_exit 1 "--skip-bad exits 1" "$REVUS" norm --skip-bad "$D/norm.vcf" -o "$TMP/skip.vcf"
expect_stderr "1 bad records skipped" "--skip-bad summary"
if [ -s "$TMP/skip.vcf" ] && ! grep -q '	I	' "$TMP/skip.vcf"; then ok "--skip-bad output written without the bad record"; else bad "--skip-bad output written without the bad record"; fi
expect_exit 1 "--skip-bad with several bad records" "$REVUS" norm --skip-bad "$D/vcf_file.short-line.vcf"
expect_stderr "1 bad records skipped" "--skip-bad counts the short line"

finish
