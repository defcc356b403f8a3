#!/bin/sh
# bcftools conventions on the streaming commands (norm, annotate): -r/-R (need an index),
# -s/-S, -W/--write-index, --threads; each with its bad uses (exit 2, one clear line).
. "$(dirname "$0")/lib.sh"
if ! command -v bcftools >/dev/null 2>&1 || ! command -v tabix >/dev/null 2>&1; then
    echo "skip - bcftools/tabix not installed"; finish; exit $?
fi
cd "$TMP" || exit 1
bcftools sort -Oz -o trio.vcf.gz "$TD/cohort/vcf/FAM01.trio.vcf" 2>/dev/null
cp trio.vcf.gz noindex.vcf.gz
tabix -p vcf trio.vcf.gz
bcftools view -Ob -o trio.bcf trio.vcf.gz && bcftools index trio.bcf
# annotate needs an active source: the demo ClinVar
"$REVUS" --home "$TMP/h" sources import --annotations "$TD/cohort/annotations" clinvar \
    "$TD/cohort/clinvar_20160927.GRCh37.subset.vcf.gz" >/dev/null 2>&1 || bad "import the demo ClinVar"

for cmd in norm annotate; do
    x=""; [ "$cmd" = annotate ] && x="--no-classify"
    # -r: the same records as bcftools view -r
    expect_exit 0 "$cmd -r two regions" "$REVUS" --home "$TMP/h" $cmd trio.vcf.gz $x -r 7:117180000-117240000,3:38647585 -o r.vcf
    got=$(grep -v '^#' r.vcf | cut -f1,2 | tr '\n' ' ')
    want=$(bcftools view -H -r 3:38647585,7:117180000-117240000 trio.vcf.gz | cut -f1,2 | tr '\n' ' ')
    [ "$got" = "$want" ] && ok "$cmd -r: the records bcftools view -r gives ($want)" || bad "$cmd -r records" "got '$got', want '$want'"
    expect_exit 0 "$cmd -r on BCF" "$REVUS" --home "$TMP/h" $cmd trio.bcf $x -r 7 -o rb.vcf
    [ "$(grep -vc '^#' rb.vcf)" = 2 ] && ok "$cmd -r on BCF: 2 records on 7" || bad "$cmd -r on BCF" "$(grep -vc '^#' rb.vcf)"
    expect_exit 0 "$cmd overlapping regions" "$REVUS" --home "$TMP/h" $cmd trio.vcf.gz $x -r 7:117180000-117200000,7:117180242-117240000,7:117180242 -o ro.vcf
    [ "$(grep -vc '^#' ro.vcf)" = 2 ] && ok "$cmd: overlapping regions give each record once" || bad "$cmd overlapping regions" "$(grep -vc '^#' ro.vcf)"
    printf '# a comment\n7\t117180000\t117200000\n1\t55509561\n' >reg.tsv
    expect_exit 0 "$cmd -R file" "$REVUS" --home "$TMP/h" $cmd trio.vcf.gz $x -R reg.tsv -o rf.vcf
    [ "$(grep -v '^#' rf.vcf | cut -f1,2 | tr '\n' ' ')" = "1	55509561 7	117180242 " ] && ok "$cmd -R: positions and ranges, file order sorted" || bad "$cmd -R" "$(grep -v '^#' rf.vcf | cut -f1,2 | tr '\n' ' ')"
    printf '7\t117180241\t117180242\n' >reg.bed
    expect_exit 0 "$cmd -R BED" "$REVUS" --home "$TMP/h" $cmd trio.vcf.gz $x -R reg.bed -o rbed.vcf
    [ "$(grep -vc '^#' rbed.vcf)" = 1 ] && ok "$cmd -R .bed is 0-based" || bad "$cmd -R bed" "$(grep -vc '^#' rbed.vcf)"
    # bad uses
    expect_exit 2 "$cmd -r without an index" "$REVUS" --home "$TMP/h" $cmd noindex.vcf.gz $x -r 7
    expect_stderr "need an index .*tabix -p vcf" "$cmd -r without an index: says how to make one"
    [ -e r2.vcf ] && bad "$cmd: nothing written on error" || ok "$cmd: nothing written on error"
    expect_exit 2 "$cmd -r on stdin" sh -c "'$REVUS' --home '$TMP/h' $cmd - $x -r 7 < trio.vcf.gz"
    expect_stderr "not standard input" "$cmd -r on stdin: says why"
    expect_exit 2 "$cmd -r and -R" "$REVUS" --home "$TMP/h" $cmd trio.vcf.gz $x -r 7 -R reg.tsv
    expect_exit 2 "$cmd -r bad region" "$REVUS" --home "$TMP/h" $cmd trio.vcf.gz $x -r 7:200-100
    expect_stderr "region '7:200-100'" "$cmd -r bad region: names it"
    printf '7\tx\n' >bad.tsv
    expect_exit 2 "$cmd -R bad line" "$REVUS" --home "$TMP/h" $cmd trio.vcf.gz $x -R bad.tsv
    expect_stderr "bad.tsv:1:" "$cmd -R bad line: names file and line"
    expect_exit 2 "$cmd -R missing file" "$REVUS" --home "$TMP/h" $cmd trio.vcf.gz $x -R nofile.tsv

    # -s / -S
    expect_exit 0 "$cmd -s two samples" "$REVUS" --home "$TMP/h" $cmd trio.vcf.gz $x -s P01,P01M -o s.vcf
    [ "$(grep '^#CHROM' s.vcf | cut -f10-)" = "P01	P01M" ] && ok "$cmd -s: header keeps the two samples" || bad "$cmd -s header"
    a=$(grep -v '^#' s.vcf | cut -f10- | md5sum); b=$(bcftools view -H -s P01,P01M trio.vcf.gz | cut -f10- | md5sum)
    [ "$a" = "$b" ] && ok "$cmd -s: genotypes as bcftools view -s" || bad "$cmd -s genotypes"
    expect_exit 0 "$cmd -s ^exclude" "$REVUS" --home "$TMP/h" $cmd trio.vcf.gz $x -s ^P01 -o sx.vcf
    [ "$(grep '^#CHROM' sx.vcf | cut -f10-)" = "P01M	P01F" ] && ok "$cmd -s ^P01 drops it" || bad "$cmd -s ^"
    # dropping every sample leaves a sites-only file, as bcftools view -s ^...
    expect_exit 0 "$cmd -s ^all" "$REVUS" --home "$TMP/h" $cmd trio.vcf.gz $x -s ^P01,P01M,P01F -o s0.vcf
    [ "$(grep '^#CHROM' s0.vcf | cut -f9-)" = "" ] && ok "$cmd -s ^all: no sample column left" || bad "$cmd -s ^all header"
    [ "$(grep -v '^#' s0.vcf | awk -F'\t' 'NF != 8' | wc -l)" = 0 ] && ok "$cmd -s ^all: records of 8 columns" || bad "$cmd -s ^all records"
    printf 'P01F\n' >samples.txt
    expect_exit 0 "$cmd -S file" "$REVUS" --home "$TMP/h" $cmd trio.vcf.gz $x -S samples.txt -o sf.vcf
    [ "$(grep '^#CHROM' sf.vcf | cut -f10-)" = "P01F" ] && ok "$cmd -S: one sample" || bad "$cmd -S"
    expect_exit 2 "$cmd -s unknown sample" "$REVUS" --home "$TMP/h" $cmd trio.vcf.gz $x -s P01,NOPE
    expect_stderr "not in the file" "$cmd -s unknown sample: says so"
    expect_exit 2 "$cmd -s and -S" "$REVUS" --home "$TMP/h" $cmd trio.vcf.gz $x -s P01 -S samples.txt

    # -W
    expect_exit 0 "$cmd -W (csi)" "$REVUS" --home "$TMP/h" $cmd trio.vcf.gz $x -W -o w.vcf.gz
    [ -s w.vcf.gz.csi ] && ok "$cmd -W writes .csi" || bad "$cmd -W .csi"
    [ "$(bcftools view -H -r 7 w.vcf.gz | wc -l)" = 2 ] && ok "$cmd -W: bcftools reads through the index" || bad "$cmd -W usable"
    expect_exit 0 "$cmd --write-index=tbi" "$REVUS" --home "$TMP/h" $cmd trio.vcf.gz $x --write-index=tbi -o t.vcf.gz
    [ -s t.vcf.gz.tbi ] && ok "$cmd --write-index=tbi writes .tbi" || bad "$cmd .tbi"
    expect_exit 0 "$cmd -W BCF" "$REVUS" --home "$TMP/h" $cmd trio.vcf.gz $x -W -Ob -o w.bcf --threads 2
    [ -s w.bcf.csi ] && ok "$cmd -W BCF with --threads 2" || bad "$cmd -W bcf"
    expect_exit 2 "$cmd -W plain VCF" "$REVUS" --home "$TMP/h" $cmd trio.vcf.gz $x -W -o plain.vcf
    expect_stderr "bgzipped output" "$cmd -W plain VCF: says why"
    [ -e plain.vcf ] && bad "$cmd -W plain: refused before writing" || ok "$cmd -W plain: refused before writing"
    expect_exit 2 "$cmd -W stdout" "$REVUS" --home "$TMP/h" $cmd trio.vcf.gz $x -W
    expect_exit 2 "$cmd -Wtbi on BCF" "$REVUS" --home "$TMP/h" $cmd trio.vcf.gz $x -Wtbi -o x.bcf
    expect_exit 2 "$cmd --write-index=bai" "$REVUS" --home "$TMP/h" $cmd trio.vcf.gz $x --write-index=bai -o y.vcf.gz
    expect_exit 2 "$cmd --threads -1" "$REVUS" --home "$TMP/h" $cmd trio.vcf.gz $x --threads -1
    rm -f r.vcf rb.vcf ro.vcf rf.vcf rbed.vcf s.vcf sx.vcf sf.vcf w.vcf.gz* t.vcf.gz* w.bcf*
done
# annotate's source list is --sources (long only): -s means samples, as in bcftools
expect_exit 0 "annotate --sources" "$REVUS" --home "$TMP/h" annotate trio.vcf.gz --no-classify --sources clinvar -r 7 -o a.vcf
grep -q 'RV_CLNSIG=' a.vcf && ok "annotate -r: the records in the region are annotated" || bad "annotate -r annotated"
finish
