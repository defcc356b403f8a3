#!/bin/sh
# sources import: the REF of a variant-keyed table (and VCF) checked against the reference
# FASTA of the pipeline config on a sample of records (docs/sources.md, "REF check").
# Synthetic: a "GRCh38" FASTA of two chromosomes, and a "GRCh37" copy of it with 7 bases
# inserted early on chr1, so that a table written on the GRCh37 copy has positions that exist
# on the GRCh38 FASTA and REF bases that mostly do not match them.
. "$(dirname "$0")/../../tests/cli/lib.sh"
H=$TMP/home
ANN=$TMP/ann
mkdir -p "$ANN"
python3 - "$TMP" <<'EOF'
import random, sys
t = sys.argv[1]
rnd = random.Random(12)
seq = {c: ''.join(rnd.choice('ACGT') for _ in range(n)) for c, n in (('chr1', 3000), ('chr2', 1500))}
def fasta(path, s):
    with open(path, 'w') as f:
        for c, x in s.items():
            f.write('>%s\n' % c)
            for i in range(0, len(x), 60): f.write(x[i:i + 60] + '\n')
fasta(t + '/ref38.fa', seq)
old = dict(seq, chr1=seq['chr1'][:100] + 'GATTACA' + seq['chr1'][100:])
def table(path, s, rows, wrong=()):
    with open(path, 'w') as f:
        f.write('chrom\tpos\tref\talt\tscore\n')
        for i, (c, p) in enumerate(rows):
            r = s[c][p - 1]
            if i in wrong: r = {'A': 'C', 'C': 'G', 'G': 'T', 'T': 'A'}[r]
            a = 'A' if r != 'A' else 'G'
            f.write('%s\t%d\t%s\t%s\t0.%d\n' % (c.replace('chr', ''), p, r, a, i % 10))
rows = [('chr1', p) for p in range(200, 2900, 20)] + [('chr2', p) for p in range(10, 1400, 50)]
table(t + '/good.tsv', seq, rows)                              # REF from the GRCh38 FASTA
table(t + '/few.tsv', seq, rows, wrong={40})                   # one REF wrong: a warning
table(t + '/grch37.tsv', old, rows)                            # GRCh37 positions: refused
table(t + '/late.tsv', seq, rows, wrong=set(range(2, 60)) - {5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55})
with open(t + '/revel.csv', 'w') as f:       # REVEL 1.3's layout without Ensembl_transcriptid
    f.write('chr,hg19_pos,grch38_pos,ref,alt,aaref,aaalt,REVEL\n')
    for i, (c, p) in enumerate(rows[:30]):
        r = seq[c][p - 1]
        f.write('%s,%d,%d,%s,%s,R,C,0.%d\n' % (c[3:], p + 7, p, r, 'A' if r != 'A' else 'G', i % 10))
with open(t + '/grch37.vcf', 'w') as f:
    f.write('##fileformat=VCFv4.2\n##INFO=<ID=SC,Number=A,Type=Float,Description="score">\n'
            '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n')
    for c, p in rows:
        r = old[c][p - 1]
        f.write('%s\t%d\t.\t%s\t%s\t.\tPASS\tSC=0.5\n' % (c, p, r, 'A' if r != 'A' else 'G'))
EOF
cat > "$ANN/score38.json" <<'EOF'
{ "name": "score38", "title": "Synthetic score table, GRCh38", "role": "in-silico-score", "format": "tsv", "build": "GRCh38",
  "download": { "version_rule": "manual" },
  "table": { "columns": { "chrom": "chrom", "pos": "pos", "ref": "ref", "alt": "alt" } },
  "fields": { "score": { "from": "score" } } }
EOF
cat > "$ANN/vcfscore38.json" <<'EOF'
{ "name": "vcfscore38", "title": "Synthetic score VCF, GRCh38", "role": "in-silico-score", "format": "vcf", "build": "GRCh38",
  "download": { "version_rule": "manual" }, "fields": { "score": { "from": "SC" } } }
EOF
cp "$TOP/annotations/revel-grch38.json" "$ANN/"
# the pipeline config with the FASTA and a small sample: the first 20 records, then 1 in 5
conf() {
    python3 - "$TOP/pipeline/default.json" "$1" "$2" "$3" <<'EOF'
import json, sys
c = json.load(open(sys.argv[1]))
c['reanalysis']['reference_fasta'] = sys.argv[3]
c['reanalysis']['ref_check'].update(first_records=20, every=int(sys.argv[4]))
json.dump(c, open(sys.argv[2], 'w'), indent=1)
EOF
}
conf "$TMP/conf.json" "$TMP/ref38.fa" 5
imp() { "$REVUS" --home "$H" --config "$TMP/conf.json" sources import --annotations "$ANN" "$@"; }

expect_exit 0 "without a FASTA: imported" "$REVUS" --home "$H" sources import --annotations "$ANN" score38 "$TMP/good.tsv" --version 0
expect_stderr "revus: warning: $TMP/good.tsv: REF was not checked against a reference genome \(set reanalysis.reference_fasta" "without a FASTA: said once"
[ "$(grep -c 'REF was not checked' "$TMP/err")" = 1 ] && ok "said exactly once" || bad "said exactly once" "$(cat "$TMP/err")"

expect_exit 0 "REF that matches the FASTA: imported" imp score38 "$TMP/good.tsv" --version 1
if grep -q "REF\|differ" "$TMP/err"; then bad "no REF warning when all match" "$(cat "$TMP/err")"; else ok "no REF warning when all match"; fi

expect_exit 0 "one wrong REF: imported" imp score38 "$TMP/few.tsv" --version 2
expect_stderr "warning: $TMP/few.tsv:42: 1:1000: REF is '[ACGT]' in the file, '[ACGT]' in the reference FASTA; 1 of [0-9]+ sampled records differ" \
    "one wrong REF: a warning naming file, line, position and both bases"

printf 'chrom\tpos\tref\talt\tscore\n1\t3500\tA\tG\t0.1\n' | cat - "$TMP/good.tsv" | awk 'NR == 1 || $1 != "chrom"' > "$TMP/beyond.tsv"
expect_exit 0 "a position past the FASTA's chromosome: imported" imp score38 "$TMP/beyond.tsv" --version 2b
expect_stderr "warning: $TMP/beyond.tsv:2: 1:3500 is beyond the end of chromosome 1 in the reference FASTA \(3000 bp\); 1 of" \
    "a position past the FASTA's chromosome counts as a difference"

expect_exit 3 "a GRCh37 table imported as GRCh38 is refused" imp score38 "$TMP/grch37.tsv" --version 3
expect_stderr "^revus: score38 3: compile failed: $TMP/grch37.tsv:[0-9]+: 1:[0-9]+: REF is '[ACGT]' in the file, '[ACGT]' in the reference FASTA; [0-9]+ of 20 sampled records differ from the reference \(first records\): the file is not on GRCh38" \
    "the refusal is one line: file, line, position, expected and found base"
expect_stderr "score38: nothing changed; 2b stays active" "nothing activated"
[ ! -e "$H/store/score38/3" ] && ok "nothing stored" || bad "nothing stored" "$(ls "$H/store/score38")"

# fetch takes the same path: a download of the GRCh37 table is refused, named by its URL
sed "s|\"download\": { \"version_rule\": \"manual\" }|\"download\": { \"url\": \"file://$TMP/grch37.tsv\", \"version_rule\": \"manual\", \"max_bytes\": 100000 }|" \
    "$ANN/score38.json" > "$TMP/score38-url.json"
expect_exit 3 "fetch: a GRCh37 table is refused" "$REVUS" --home "$H" --config "$TMP/conf.json" sources fetch "$TMP/score38-url.json" --version 9
expect_stderr "compile failed: file://$TMP/grch37.tsv:[0-9]+: 1:[0-9]+: REF is" "fetch: the refusal names the URL"

# the shipped REVEL descriptor on a file without its transcript column: a warning, REF checked
expect_exit 0 "REVEL without its transcript column: imported" imp revel-grch38 "$TMP/revel.csv"
expect_stderr "warning: $TMP/revel.csv:1: column 'Ensembl_transcriptid' \(mapped to field 'transcript'\) is not in the header; the field stays empty" \
    "REVEL without its transcript column: the warning names file and column"
if grep -q "REF" "$TMP/err"; then bad "REVEL's REF checked and matching" "$(cat "$TMP/err")"; else ok "REVEL's REF checked and matching"; fi
expect_exit 0 "REVEL's scores are stored" "$REVUS" --home "$H" sources show --annotations "$ANN" revel-grch38
expect_stdout "1\.3.*30 records|30 records.*1\.3|records *30" "REVEL's 30 rows are stored"

# the sample is deterministic: records 1-2, then one in 1000 from record 21 on, are checked;
# late.tsv's wrong REFs sit on records 3-60 off every fifth: seen with every=5, not with 1000
expect_exit 3 "wrong REFs on sampled records: refused" imp score38 "$TMP/late.tsv" --version 4
conf "$TMP/conf1000.json" "$TMP/ref38.fa" 1000
sed -i 's/"first_records": 20/"first_records": 2/' "$TMP/conf1000.json"
expect_exit 0 "wrong REFs off the sample: not seen" "$REVUS" --home "$H" --config "$TMP/conf1000.json" -q sources import --annotations "$ANN" score38 "$TMP/late.tsv" --version 4

expect_exit 3 "a VCF source with GRCh37 REFs is refused too" imp vcfscore38 "$TMP/grch37.vcf" --version 1
expect_stderr "grch37.vcf:[0-9]+: 1:[0-9]+: REF is '[ACGT]' in the file, '[ACGT]' in the reference FASTA; [0-9]+ of 20 sampled" "the VCF refusal names line and bases"

# a FASTA on another build than the descriptor: said, not checked (its .fai says GRCh37 lengths)
cp "$TMP/ref38.fa" "$TMP/ref37.fa"
printf 'chr1\t249250621\t6\t60\t61\n' > "$TMP/ref37.fa.fai"
conf "$TMP/conf37.json" "$TMP/ref37.fa" 5
expect_exit 0 "FASTA of another build: imported" "$REVUS" --home "$H" --config "$TMP/conf37.json" sources import --annotations "$ANN" score38 "$TMP/grch37.tsv" --version 5
expect_stderr "warning: $TMP/grch37.tsv: REF was not checked: the reference FASTA $TMP/ref37.fa is GRCh37 \(chromosome 1\), score38 declares GRCh38" "FASTA of another build: said"

# the numbers are data, checked where the config is read
python3 -c "import json,sys; c=json.load(open(sys.argv[1])); c['reanalysis']['ref_check']['every']=0; json.dump(c,open(sys.argv[2],'w'))" "$TMP/conf.json" "$TMP/bad.json"
expect_exit 2 "ref_check.every 0 refused" "$REVUS" --home "$H" --config "$TMP/bad.json" sources import --annotations "$ANN" score38 "$TMP/good.tsv" --version 6
expect_stderr "reanalysis.ref_check.every: at least 1" "the config error names the key"
conf "$TMP/nofa.json" "$TMP/missing.fa" 5
expect_exit 2 "an unreadable FASTA is refused" "$REVUS" --home "$H" --config "$TMP/nofa.json" sources import --annotations "$ANN" score38 "$TMP/good.tsv" --version 7
expect_stderr "reanalysis.reference_fasta: .*missing.fa: cannot read the FASTA" "the FASTA error names the key and file"
finish
