#!/bin/sh
# test_hostile.sh: hostile input and a hostile home (issue 11), one check per reproducer:
# malformed patient VCFs (NUL bytes, an empty FORMAT key) refused with FILE:LINE and exit 2,
# and in `revus run` skipped without stopping the cohort; reported-class overflow and
# lower-case alleles; damaged PanelApp panels; links planted for the lock and the salt;
# spreadsheet formulas in reports; descriptor, lab-class and sample-id edge cases; a 304
# to a plain request; a changed byte in a compiled index; stale staging folders; modes.
. "$(dirname "$0")/lib.sh"

if ! command -v sqlite3 >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
    echo "skip - test_hostile.sh needs the sqlite3 shell and python3"
    finish; exit $?
fi
cp -r "$TD/cohort" "$TMP/c"
cd "$TMP" || exit 2
C=$TMP/c
H=$TMP/home
q() { sqlite3 "$H/revus.db" "$1"; }
mode_of() { stat -c %a "$1"; }

# bad_vcf NAME: S01.vcf with one malformed multiallelic record appended (printf format $2)
bad_vcf() { cp "$C/vcf/S01.vcf" "$TMP/$1.vcf"; printf "$2" >> "$TMP/$1.vcf"; }
bad_vcf nul_id   '7\t117199644\trs\000x\tA\tG,T\t50\tPASS\t.\tGT\t0/1\n'
bad_vcf nul_chrom '7\000X\t117199644\t.\tA\tG,T\t50\tPASS\t.\tGT\t0/1\n'
bad_vcf empty_fmt '7\t117199644\t.\tA\tG,T\t50\tPASS\t.\t:GT\t0/1\n'
line=$(wc -l < "$TMP/nul_id.vcf")

# ---- malformed records: a clear line, exit 2, no output left behind ----------------------
for v in nul_id nul_chrom empty_fmt; do
    for cmd in norm annotate; do
        expect_exit 2 "$cmd refuses $v" "$REVUS" --home "$TMP/nohome" $cmd "$TMP/$v.vcf" -o "$TMP/out-$v.vcf"
        expect_stderr "$v.vcf:$line: (NUL byte in the line|empty FORMAT key)" "$cmd names file and line of $v"
        [ -z "$(ls "$TMP" | grep "^out-$v")" ] && ok "$cmd $v leaves no output" || bad "$cmd $v leaves no output" "$(ls "$TMP")"
    done
done

# ---- the home ----------------------------------------------------------------------------
python3 - "$TOP/pipeline/default.json" "$C/indications.json" "$TMP/pipeline.json" <<'PY'
import json, sys
conf = json.load(open(sys.argv[1])); conf.update(json.load(open(sys.argv[2])))
json.dump(conf, open(sys.argv[3], "w"), indent=1)
PY
mkdir -p "$TMP/cfg" && cp "$TMP/pipeline.json" "$TMP/cfg/pipeline.json"
R() { "$REVUS" --home "$H" --config "$TMP/cfg/pipeline.json" "$@"; }
R -q sources import --annotations "$C/annotations" clinvar "$C/clinvar_20151211.GRCh37.subset.vcf.gz" >/dev/null 2>&1
R -q sources import --annotations "$C/annotations" demo-panel "$C/panel_demo_v1.0.json" >/dev/null 2>&1
printf 'sample\tvcf\tindication\tsex\tfamily\n' > "$TMP/manifest.tsv"
printf 'A_NULID\t%s\tCF\tF\t=HYPERLINK("http://example.org","x")\n' "$TMP/nul_id.vcf" >> "$TMP/manifest.tsv"
printf 'B_EMPTYFMT\t%s\tCF\tF\t.\n' "$TMP/empty_fmt.vcf" >> "$TMP/manifest.tsv"
printf 'S01\t%s\tCF\tF\t@SUM(1+1)\n' "$C/vcf/S01.vcf" >> "$TMP/manifest.tsv"
printf 'S02\t%s\tLYNCH\tM\t.\n' "$C/vcf/S02.vcf" >> "$TMP/manifest.tsv"
expect_exit 0 "cohort import" R -q cohort import "$TMP/manifest.tsv"
[ "$(mode_of "$H")" = 700 ] && ok "home is 0700" || bad "home is 0700" "$(mode_of "$H")"
# every folder, and every file but the public source releases (linked in as the user made them)
bad_mode=$(find "$H" \( -type d ! -perm 700 \) -o \( -type f ! -perm 600 ! -name 'clinvar_*.vcf.gz' ! -name 'panel_demo_*.json' \) | head -3)
[ -z "$bad_mode" ] && ok "folders 0700, files 0600 in the home" || bad "folders 0700, files 0600 in the home" "$bad_mode"

# ---- a malformed sample never stops the cohort -------------------------------------------
expect_exit 1 "run with two malformed samples ends with exit 1" R run
expect_stderr "skipped sample A_NULID: .*nul_id.vcf:$line: NUL byte in the line" "NUL sample skipped, file and line named"
expect_stderr "skipped sample B_EMPTYFMT: .*empty_fmt.vcf:$line: empty FORMAT key" "empty-key sample skipped, file and line named"
expect_stderr "2 samples done, 2 skipped" "the samples after them were reanalysed"
run=$(q "SELECT max(id) FROM runs")
[ "$(q "SELECT status FROM runs WHERE id=$run")" != running ] && ok "run not left running" || bad "run not left running"
[ "$(q "SELECT count(*) FROM classifications WHERE run=$run AND sample IN ('A_NULID','B_EMPTYFMT')")" = 0 ] \
    && ok "nothing of a skipped sample stored" || bad "nothing of a skipped sample stored"
[ "$(q "SELECT count(*) FROM run_samples WHERE run=$run AND status='skipped'")" = 2 ] \
    && ok "skips recorded" || bad "skips recorded"
ls "$H"/*.part-* >/dev/null 2>&1 && bad "no part file left" || ok "no part file left"

# ---- reported classes: overflow, lower case ------------------------------------------------
printf 'sample\tvariant\tclass\tdate\treporter\nS01\t7-18446744073709551617-A-T\tLP\t2016-01-15\tDr X\n' > "$TMP/rep1.tsv"
expect_exit 2 "reported import refuses a position past 2^64" R reported import "$TMP/rep1.tsv"
expect_stderr "rep1.tsv:2: bad variant '7-18446744073709551617-A-T'" "overflowing position named"
printf 'sample\tvariant\tclass\tdate\treporter\nS01\t7-117176711-a-t\tLP\t2016-01-15\tDr X\n' > "$TMP/rep2.tsv"
expect_exit 0 "reported import of a lower-case variant" R -q reported import "$TMP/rep2.tsv"
[ "$(q "SELECT variant FROM reported WHERE sample='S01'")" = "7-117176711-A-T" ] \
    && ok "lower-case alleles stored upper-case" || bad "lower-case alleles stored upper-case" "$(q "SELECT variant FROM reported")"

# ---- sample ids, flags --sample -------------------------------------------------------------
for id in . ..; do
    expect_exit 2 "sample id '$id' refused" R cohort add --sample "$id" --vcf "$C/vcf/S02.vcf"
    expect_stderr "bad sample id '\\.+'" "sample id '$id' named"
done
expect_exit 2 "flags --sample for an unknown sample" R flags --sample NOPE
expect_stderr "no sample 'NOPE'" "unknown sample named"
expect_exit 0 "flags --sample for a known sample" R flags --sample S01

# ---- reports: no spreadsheet formulas ----------------------------------------------------------
R -q sources import --annotations "$C/annotations" clinvar "$C/clinvar_20160927.GRCh37.subset.vcf.gz" >/dev/null 2>&1
R -q sources import --annotations "$C/annotations" demo-panel "$C/panel_demo_v1.1.json" >/dev/null 2>&1
R -q run >/dev/null 2>&1
id=$(R flags --sample S01 | awk -F'\t' 'NR == 2 { print $1 }')
[ -n "$id" ] && ok "a flag to acknowledge" || bad "a flag to acknowledge"
R -q ack "$id" --by "-2+3" --note '=HYPERLINK("http://example.org","click")' >/dev/null 2>&1
R report --format tsv --since 2000-01-01 -o "$TMP/r.tsv" 2>/dev/null
R report --format json --since 2000-01-01 -o "$TMP/r.json" 2>/dev/null
formulas=$(grep -v '^##' "$TMP/r.tsv" | awk -F'\t' '{ for (i = 1; i <= NF; i++) if ($i ~ /^[=+@]/ || $i ~ /^-[^0-9]/) print $i }')
[ -z "$formulas" ] && ok "no TSV cell starts a formula" || bad "no TSV cell starts a formula" "$formulas"
grep -q "'=HYPERLINK" "$TMP/r.tsv" && grep -q "'@SUM" "$TMP/r.tsv" && ok "TSV keeps the text after a quote" \
    || bad "TSV keeps the text after a quote" "$(head -c 300 "$TMP/r.tsv")"
R flags --all --sample S01 > "$TMP/f.tsv" 2>/dev/null
awk -F'\t' -v id="$id" '$1 == id { print $18 }' "$TMP/f.tsv" | grep -qx "'-2+3" && ok "flags TSV: acked_by typed as a formula gets a quote" \
    || bad "flags TSV: acked_by typed as a formula gets a quote" "$(awk -F'\t' -v id="$id" '$1 == id' "$TMP/f.tsv")"
id2=$(R flags | awk -F'\t' 'NR == 2 { print $1 }')
R -q ack "$id2" --by "$(printf 'Dr\tX')" --note 'tab' >/dev/null 2>&1
R flags --all | awk -F'\t' -v id="$id2" '$1 == id { print NF "|" $18 }' | grep -qx '20|Dr X' \
    && ok "flags TSV: a tab typed in acked_by does not split the row" \
    || bad "flags TSV: a tab typed in acked_by does not split the row" "$(R flags --all | awk -F'\t' -v id="$id2" '$1 == id')"
python3 - "$TMP/r.json" <<'PY' && ok "no JSON string starts a formula" || bad "no JSON string starts a formula"
import json, sys
bad = []
def walk(v):
    if isinstance(v, dict): [walk(x) for x in v.values()]
    elif isinstance(v, list): [walk(x) for x in v]
    elif isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r"): bad.append(v)
walk(json.load(open(sys.argv[1])))
sys.exit(1 if bad else 0)
PY
[ "$(mode_of "$TMP/r.tsv")" = 600 ] && ok "report is 0600" || bad "report is 0600"

# ---- lock and salt: never through a link ---------------------------------------------------
echo "precious" > "$TMP/victim"
rm -f "$H/revus.lock" && ln -s "$TMP/victim" "$H/revus.lock"
expect_exit 2 "run refuses a linked lock" R run
expect_stderr "revus.lock: is a symbolic link" "linked lock named"
[ "$(cat "$TMP/victim")" = precious ] && ok "lock link target untouched" || bad "lock link target untouched"
rm -f "$H/revus.lock"
head -c 32 /dev/zero > "$TMP/known-salt"
rm -f "$H/pseudonym.salt" && ln -s "$TMP/known-salt" "$H/pseudonym.salt"
expect_exit 2 "pseudonymised report refuses a linked salt" R report --format tsv --since 2000-01-01 --pseudonymise
expect_stderr "pseudonym.salt: is a symbolic link" "linked salt named"
rm -f "$H/pseudonym.salt"

# ---- disk full (a file-size limit stands in for it): nothing half-written, nothing lost ----
full() { (trap '' XFSZ; ulimit -f "$1"; shift; "$@"); }
R2() { "$REVUS" --home "$TMP/home2" --config "$TMP/cfg/pipeline.json" "$@"; }
R2 -q sources import --annotations "$C/annotations" clinvar "$C/clinvar_20151211.GRCh37.subset.vcf.gz" >/dev/null 2>&1
active_cv=$(readlink "$TMP/home2/store/clinvar/active")
expect_exit 2 "import on a full disk fails" full 8 R2 sources import --annotations "$C/annotations" clinvar "$C/clinvar_20160927.GRCh37.subset.vcf.gz"
expect_stderr "File too large|write failed" "the write failure is named"
[ "$(readlink "$TMP/home2/store/clinvar/active")" = "$active_cv" ] && ok "full disk: the active release stays" || bad "full disk: the active release stays"
[ -z "$(ls -a "$TMP/home2/store/clinvar" | grep '^\.stage-')" ] && ok "full disk: no staging folder left" || bad "full disk: no staging folder left"
expect_exit 2 "annotate on a full disk fails" full 2 R2 annotate "$C/vcf/S02.vcf" -o "$TMP/full.vcf"
[ -z "$(ls "$TMP" | grep '^full\.vcf')" ] && ok "full disk: no output or part file left" || bad "full disk: no output or part file left"
runs_before=$(q "SELECT count(*) FROM runs")
db_blocks=$(( $(stat -c %s "$H/revus.db") / 512 ))
full "$db_blocks" R run >/dev/null 2>&1; rc=$?
[ "$rc" -ne 0 ] && ok "run on a full disk fails ($rc)" || bad "run on a full disk fails"
[ "$(q "PRAGMA integrity_check")" = ok ] && ok "full disk: database intact" || bad "full disk: database intact"
[ "$(q "SELECT count(*) FROM classifications c JOIN runs r ON r.id=c.run WHERE r.status='complete' AND NOT EXISTS
      (SELECT 1 FROM run_samples s WHERE s.run=c.run AND s.sample=c.sample AND s.status='done')")" = 0 ] \
    && ok "full disk: no half-stored sample" || bad "full disk: no half-stored sample"

# ---- a changed byte in a compiled index -----------------------------------------------------
idx=$(ls "$H"/store/clinvar/*/index.rvx | tail -n 1)
expect_exit 0 "annotate trusts a verified index" R annotate "$C/vcf/S02.vcf" -o "$TMP/a.vcf"
[ "$(mode_of "$TMP/a.vcf")" = 600 ] && ok "annotate output is 0600" || bad "annotate output is 0600" "$(mode_of "$TMP/a.vcf")"
touch "$TMP/mine.vcf" && chmod 640 "$TMP/mine.vcf"
R annotate "$C/vcf/S02.vcf" -o "$TMP/mine.vcf" >/dev/null 2>&1
[ "$(mode_of "$TMP/mine.vcf")" = 640 ] && ok "-o naming the user's file keeps its mode" || bad "-o naming the user's file keeps its mode"
python3 -c "import sys; p=sys.argv[1]; b=bytearray(open(p,'rb').read()); b[len(b)-9] ^= 1; open(p,'r+b').write(b)" "$idx"
expect_exit 3 "annotate refuses an index changed on disk" R annotate "$C/vcf/S02.vcf"
expect_stderr "index body checksum mismatch" "changed index named"
expect_exit 3 "run refuses an index changed on disk" R run
expect_exit 3 "sources verify finds it too" R sources verify --annotations "$C/annotations"

# ---- stale staging folders ------------------------------------------------------------------
mkdir -p "$H/store/demo-panel/.stage-killed" && echo x > "$H/store/demo-panel/.stage-killed/raw"
R -q plan >/dev/null 2>&1
[ ! -e "$H/store/demo-panel/.stage-killed" ] && ok "a killed import's staging folder is swept" || bad "a killed import's staging folder is swept"

# ---- PanelApp: empty panel, another panel, bad symbols --------------------------------------
n_panel=0
panel() {   # panel FILE ID GENE-ARRAY-JSON (each panel file gets a version of its own)
    n_panel=$((n_panel + 1))
    python3 - "$C/panel_demo_v1.0.json" "$1" "$2" "$3" "$n_panel" <<'PY'
import json, sys
p = json.load(open(sys.argv[1])); p["id"] = int(sys.argv[3]); p["version"] = "9.%s" % sys.argv[5]
genes = json.loads(sys.argv[4])
if genes is not None:
    p["genes"] = [] if not genes else [dict(p["genes"][0], entity_name=s,
                  gene_data=dict(p["genes"][0]["gene_data"], gene_symbol=s, hgnc_symbol=s)) for s in genes]
json.dump(p, open(sys.argv[2], "w"))
PY
}
pid=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['id'])" "$C/panel_demo_v1.0.json")
active_before=$(readlink "$H/store/demo-panel/active")
panel "$TMP/empty.json" "$pid" '[]'
expect_exit 3 "an empty panel is refused" R sources import --annotations "$C/annotations" demo-panel "$TMP/empty.json"
expect_stderr "the panel lists no genes" "empty panel named"
panel "$TMP/other.json" 12345 'null'
expect_exit 3 "another panel's genes are refused" R sources import --annotations "$C/annotations" demo-panel "$TMP/other.json"
expect_stderr "this is panel 12345, but the descriptor names panel $pid" "panel id mismatch named"
for s in tab newline empty space; do
    panel "$TMP/sym.json" "$pid" "$(python3 -c 'import json,sys; print(json.dumps([{"tab": "BAD\tTAB", "newline": "BAD\nNL", "empty": "", "space": " "}[sys.argv[1]]]))' "$s")"
    expect_exit 3 "gene symbol with a $s refused" R sources import --annotations "$C/annotations" demo-panel "$TMP/sym.json"
    expect_stderr "is not a gene symbol|has no symbol" "gene symbol with a $s named"
done
[ "$(readlink "$H/store/demo-panel/active")" = "$active_before" ] && ok "the active panel is unchanged" || bad "the active panel is unchanged"

# ---- lab classes ---------------------------------------------------------------------------------
mkdir -p "$TMP/ann"
cat > "$TMP/ann/lab.json" <<'JSON'
{ "name": "lab", "role": "lab-classification", "format": "tsv", "build": "GRCh37",
  "table": { "columns": { "chrom": "chrom", "pos": "pos", "ref": "ref", "alt": "alt" } },
  "fields": { "class": { "from": "class" } } }
JSON
printf 'chrom\tpos\tref\talt\tclass\n7\t117199644\tA\tG\tWHATEVER\n' > "$TMP/lab.tsv"
expect_exit 3 "lab class WHATEVER refused" R sources import --annotations "$TMP/ann" lab "$TMP/lab.tsv" --version 1
expect_stderr "lab.tsv:2: class 'WHATEVER' is not P, LP, VUS, LB or B" "bad lab class named with its line"
printf 'chrom\tpos\tref\talt\tclass\n7\t117199644\tA\tG\tLikely pathogenic\n' > "$TMP/lab.tsv"
expect_exit 0 "lab class in words accepted" R -q sources import --annotations "$TMP/ann" lab "$TMP/lab.tsv" --version 2

# ---- descriptors -------------------------------------------------------------------------------
printf '{ "name": "lab\\u0000x", "role": "lab-classification", "format": "tsv", "fields": { "class": { "from": "class" } } }\n' > "$TMP/ann/nul.json"
expect_exit 2 "descriptor name with a NUL refused" R sources show --annotations "$TMP/ann" "$TMP/ann/nul.json"
expect_stderr "nul.json:1: NUL character" "NUL in a descriptor named"
rm -f "$TMP/ann/nul.json"
{ cat "$TMP/ann/lab.json"; echo '}garbage'; } > "$TMP/ann/trail.json"
expect_exit 2 "text after a descriptor's JSON refused" R sources show --annotations "$TMP/ann" "$TMP/ann/trail.json"
expect_stderr "trail.json:[0-9]+: not valid JSON" "trailing text named with its line"
rm -f "$TMP/ann/trail.json"
sed 's/"build": "GRCh37",/"build": "GRCh37", "download": { "url": "file:\/\/\/x", "version_rule": "manual", "max_bytes": 1e300 },/' \
    "$TMP/ann/lab.json" > "$TMP/ann/huge.json"
expect_exit 2 "max_bytes 1e300 refused" R sources show --annotations "$TMP/ann" "$TMP/ann/huge.json"
expect_stderr "max_bytes: expected a non-negative integer" "huge max_bytes named"
rm -f "$TMP/ann/huge.json"

# ---- a 304 answer to a plain request --------------------------------------------------------
PORTF=$TMP/port; LOG=$TMP/http.log
mkdir -p "$TMP/www"; cp "$C/panel_demo_v1.0.json" "$TMP/www/index.json"
python3 "$TOP/tests/http/server.py" "$TMP/www" "$PORTF" "$LOG" &
SRV=$!
for i in 1 2 3 4 5 6 7 8 9 10; do [ -s "$PORTF" ] && break; sleep 0.2; done
port=$(cat "$PORTF")
python3 - "$C/annotations/demo-panel.json" "$TMP/ann/p304.json" "$port" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); d["name"] = "p304"
d["download"] = {"url": "http://127.0.0.1:%s/always304/" % sys.argv[3], "version_rule": "json:version", "max_bytes": 1000000}
json.dump(d, open(sys.argv[2], "w"))
PY
expect_exit 3 "a 304 to a plain request is an error" R sources fetch --annotations "$TMP/ann" p304
expect_stderr "304 Not Modified to a request that was not conditional" "broken 304 named"
kill "$SRV" 2>/dev/null; wait "$SRV" 2>/dev/null

finish
