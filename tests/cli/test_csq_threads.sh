#!/bin/sh
# revus csq writes the same bytes whatever --threads is: on every VCF of the bcftools csq
# regression set and on a generated VCF of some 34,000 records (many batches: SNVs, MNVs, indels,
# multiallelic and symbolic records, an RV_CSQ already in INFO, REF mismatches), as VCF, VCF.gz
# and BCF (read back, the BCF holds the VCF's records, with -s too); the first REF mismatch is
# warned with the same line, and a bad line or an undeclared tag mid-stream fails the same way.
. "$(dirname "$0")/lib.sh"
export REVUS_HOME=$TMP/home
strip() { grep -av '^##revusCommand'; }   # the command line is the one line that may differ

# the regression set: one transcript per folder, VCFs of a few records each (--threads 0, the
# path without a pool, is compared with the others on the generated VCF below)
n=0; diff=""
for dir in "$TD"/csq/bcftools/*/; do
    name=$(basename "$dir")
    for vcf in "$dir"*.vcf; do
        [ -f "$vcf" ] || continue
        for t in 1 2; do
            "$REVUS" -q csq --threads $t -f "$dir$name.fa" -g "$dir$name.gff" "$vcf" 2>/dev/null | strip > "$TMP/r$t.vcf"
        done
        cmp -s "$TMP/r1.vcf" "$TMP/r2.vcf" || diff="$diff $name/$(basename "$vcf")"
        [ -s "$TMP/r1.vcf" ] && n=$((n + 1))
    done
done
[ -z "$diff" ] && [ "$n" -gt 60 ] && ok "regression set: --threads 1 and 2 identical ($n VCFs)" \
    || bad "regression set: --threads 1 and 2" "$n VCFs, differing:$diff"

# a generated VCF: many batches
G=$TMP/gen
python3 "$TOP/tests/csq/gen_threads.py" "$G" 34000 13 || bad "gen_threads.py"
for t in 0 1 2; do
    expect_exit 1 "generated VCF, --threads $t (exit 1: REF mismatches)" \
        "$REVUS" csq --threads $t -f "$G/genome.fa" -g "$G/genes.gff3" -o "$TMP/g$t.vcf" "$G/calls.vcf"
    grep 'REF .* differs' "$TMP/err" > "$TMP/w$t"
    strip < "$TMP/g$t.vcf" > "$TMP/g$t.s"
done
recs=$(grep -vc '^#' "$TMP/g0.s"); hits=$(grep -c 'RV_CSQ=[a-z]' "$TMP/g0.s")
[ "$recs" -gt 20000 ] && [ "$hits" -gt 20000 ] && ok "generated VCF annotated ($recs records, $hits with RV_CSQ)" \
    || bad "generated VCF annotated" "$recs records, $hits with RV_CSQ"
grep -q 'RV_CSQ=old' "$TMP/g0.s" && bad "an RV_CSQ already in INFO is replaced" || ok "an RV_CSQ already in INFO is replaced"
cmp -s "$TMP/g0.s" "$TMP/g1.s" && ok "generated VCF: --threads 1 = --threads 0" || bad "generated VCF: --threads 1" "$(diff "$TMP/g0.s" "$TMP/g1.s" | head -3)"
cmp -s "$TMP/g0.s" "$TMP/g2.s" && ok "generated VCF: --threads 2 = --threads 0" || bad "generated VCF: --threads 2" "$(diff "$TMP/g0.s" "$TMP/g2.s" | head -3)"
grep -q 'calls.vcf:509: REF' "$TMP/w2" && cmp -s "$TMP/w0" "$TMP/w2" && ok "the first REF mismatch is warned with its line, threads or not" \
    || bad "first REF mismatch warned" "$(cat "$TMP/w0" "$TMP/w2")"

# the conventions profile reaches every worker's engine
for t in 0 2; do
    "$REVUS" -q csq --conventions bcftools --threads $t -f "$G/genome.fa" -g "$G/genes.gff3" "$G/calls.vcf" 2>/dev/null | strip > "$TMP/c$t.s"
done
! cmp -s "$TMP/c0.s" "$TMP/g0.s" && cmp -s "$TMP/c0.s" "$TMP/c2.s" && ok "--conventions bcftools: --threads 2 = --threads 0" \
    || bad "--conventions bcftools with --threads 2" "$(diff "$TMP/c0.s" "$TMP/c2.s" | head -3)"

# bgzipped and BCF output
bgzip -c "$G/calls.vcf" > "$TMP/calls.vcf.gz"
for t in 0 2; do
    "$REVUS" -q csq --threads $t -f "$G/genome.fa" -g "$G/genes.gff3" -O z -o "$TMP/z$t.vcf.gz" "$TMP/calls.vcf.gz" 2>/dev/null
    gzip -dc "$TMP/z$t.vcf.gz" | strip > "$TMP/z$t.s"
    "$REVUS" -q csq --threads $t -f "$G/genome.fa" -g "$G/genes.gff3" -O b -o "$TMP/b$t.bcf" "$TMP/calls.vcf.gz" 2>/dev/null
done
cmp -s "$TMP/z0.s" "$TMP/g0.s" && cmp -s "$TMP/z2.s" "$TMP/g0.s" && ok "VCF.gz in and out, --threads 0 and 2: the same records" \
    || bad "VCF.gz --threads 2" "$(diff "$TMP/z0.s" "$TMP/z2.s" | head -3)"
if command -v bcftools >/dev/null; then
    for t in 0 2; do bcftools view --no-version "$TMP/b$t.bcf" | strip > "$TMP/b$t.s"; done
    [ "$(grep -vc '^#' "$TMP/b0.s")" -eq "$recs" ] && cmp -s "$TMP/b0.s" "$TMP/b2.s" \
        && ok "BCF out, --threads 0 and 2: the same records" || bad "BCF --threads 2" "$(diff "$TMP/b0.s" "$TMP/b2.s" | head -3)"
    # the workers parse BCF records from the output lines, with the header's own tag numbers
    # (the input declares an RV_CSQ, which moves): read back, they are the VCF's records
    grep -v '^#' "$TMP/b2.s" | cmp -s - "$TMP/g0.rec" 2>/dev/null || grep -v '^#' "$TMP/g0.s" > "$TMP/g0.rec"
    grep -v '^#' "$TMP/b2.s" | cmp -s - "$TMP/g0.rec" && ok "BCF out read back = VCF out" \
        || bad "BCF out read back = VCF out" "$(grep -v '^#' "$TMP/b2.s" | diff - "$TMP/g0.rec" | head -3)"
    "$REVUS" -q csq --threads 2 -s S1 -f "$G/genome.fa" -g "$G/genes.gff3" -O u -o "$TMP/s.bcf" "$TMP/calls.vcf.gz" 2>/dev/null
    bcftools view --no-version -H "$TMP/s.bcf" | cmp -s - "$TMP/g0.rec" && ok "BCF out with -s S1 = VCF out" \
        || bad "BCF out with -s S1" "$(bcftools view --no-version -H "$TMP/s.bcf" | diff - "$TMP/g0.rec" | head -3)"
fi
# (a biallelic record: the workers parse it; a multiallelic one is parsed while reading)
awk 'BEGIN { OFS = "\t" } NR >= 15000 && !done && $5 !~ /[,<]/ { $8 = "ZZ=1"; done = 1 } 1' "$G/calls.vcf" > "$TMP/undeclared.vcf"
line=$(grep -n 'ZZ=1' "$TMP/undeclared.vcf" | cut -d: -f1)
for t in 0 2; do
    expect_exit 2 "BCF out, an INFO tag the header lacks (--threads $t)" \
        "$REVUS" csq --threads $t -f "$G/genome.fa" -g "$G/genes.gff3" -O b -o "$TMP/u$t.bcf" "$TMP/undeclared.vcf"
    expect_stderr "undeclared.vcf:$line: a record uses a contig or tag the input header does not declare" \
        "the record with the undeclared tag is named (--threads $t)"
done

# a malformed line deep in the input: the same error, whatever the threads
awk 'NR == 20000 { $2 = "x" } 1' OFS='\t' "$G/calls.vcf" > "$TMP/bad.vcf"
bad_line=$(awk '$2 == "x" { print NR }' "$TMP/bad.vcf")
for t in 0 2; do
    expect_exit 2 "bad line mid-stream, --threads $t" "$REVUS" csq --threads $t -f "$G/genome.fa" -g "$G/genes.gff3" -o "$TMP/bad$t.vcf" "$TMP/bad.vcf"
    expect_stderr "bad.vcf:$bad_line: POS 'x'" "the bad line is named (--threads $t)"
    [ ! -e "$TMP/bad$t.vcf" ] && ok "nothing written (--threads $t)" || bad "nothing written (--threads $t)"
done
finish
