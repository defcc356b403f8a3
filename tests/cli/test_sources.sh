#!/bin/sh
# revus sources: fetch from a local HTTP server (tests/http/server.py) with failure modes,
# list/show/activate (rollback)/verify/diff/prune/import, descriptors written here.
. "$(dirname "$0")/lib.sh"

SRC=$TD/sources
WWW=$TMP/www
ANN=$TMP/annotations
export REVUS_HOME=$TMP/home
mkdir -p "$WWW/clingen" "$WWW/api/v1/panels/9001" "$WWW/scores" "$WWW/clinvar" "$WWW/gnomad" "$ANN"

. "$(dirname "$0")/sources_lib.sh"

# clingen descriptor: URL [checksum_url] [max_bytes]
desc_clingen() {
    cs=""
    [ -n "${2:-}" ] && cs="\"checksum_url\": \"$2\", \"checksum_kind\": \"md5\","
    cat > "$ANN/clingen.json" <<EOF
{
  "name": "clingen", "title": "ClinGen validity (test server)", "role": "gene-validity", "format": "clingen-csv",
  "download": { "url": "$1", $cs "version_rule": "header:FILE CREATED:", "max_bytes": ${3:-10000000} },
  "table": { "delimiter": "comma", "skip_lines": 4, "columns": { "symbol": "GENE SYMBOL", "hgnc": "GENE ID (HGNC)" } },
  "fields": {
    "symbol": { "from": "GENE SYMBOL" }, "hgnc_id": { "from": "GENE ID (HGNC)" },
    "disease": { "from": "DISEASE LABEL" }, "moi": { "from": "MOI" },
    "classification": { "from": "CLASSIFICATION" }, "date": { "from": "CLASSIFICATION DATE" }
  }
}
EOF
}

# ---- usage and descriptor errors -------------------------------------------------------
expect_exit 2 "sources without a subcommand is a usage error" "$REVUS" sources
expect_exit 2 "unknown subcommand" "$REVUS" sources bogus
expect_stderr "unknown subcommand 'bogus'" "unknown subcommand is named"
for sub in list show fetch import activate verify diff prune; do
    expect_exit 0 "sources $sub --help" "$REVUS" sources $sub --help
    expect_stdout "Usage: revus sources $sub" "sources $sub --help prints its usage"
done
expect_exit 2 "unknown option" "$REVUS" sources list --colour
printf '{ "name": "broken", "role": "population-frequency", "format": "vcf", "build": "GRCh38",\n  "fields": { "af": 1 } }\n' > "$ANN/broken.json"
expect_exit 2 "an invalid descriptor stops list" rv list
expect_stderr "broken.json: fields.af: expected object" "the error names file and JSON path"
rm "$ANN/broken.json"

# the shipped descriptors (annotations/) all load and show
expect_exit 0 "shipped descriptors load" "$REVUS" sources list
for n in clinvar-grch37 clinvar-grch38 gnomad-v2-exomes gnomad-v2-genomes gnomad-v4-joint revel-grch38 \
         alphamissense-hg38 spliceai-snv-grch38 cadd-grch38 panelapp-gel-285 panelapp-aus-137 clingen-validity \
         gencode-v46-genes lab-classifications; do
    grep -q "^$n	" "$TMP/out" && ok "shipped: $n listed" || bad "shipped: $n listed"
done
expect_exit 0 "show a shipped descriptor" "$REVUS" sources show panelapp-gel-285
expect_stdout "^url +https://panelapp.genomicsengland.co.uk/api/v1/panels/285/$" "panel id substituted into the URL"

# ---- first fetch, conditional GET, forced re-download --------------------------------------
cp "$SRC/clingen-validity-2025-01-09.csv" "$WWW/clingen/download"
touch -d '2025-01-09 12:00' "$WWW/clingen/download"
desc_clingen "$BASE/clingen/download"
expect_exit 0 "fetch a new source" rv fetch clingen
expect_stdout "clingen: 2025-01-09 stored .*active now" "fetch names version from the FILE CREATED line"
expect_active clingen 2025-01-09 "fetched release is active"
[ -f "$REVUS_HOME/store/clingen/2025-01-09/manifest.json" ] && ok "manifest written" || bad "manifest written"
grep -Eq '"sha256":[[:space:]]*"[0-9a-f]{64}"' "$REVUS_HOME/store/clingen/2025-01-09/manifest.json" && ok "manifest has sha256" || bad "manifest has sha256"
grep -Eq '"header_fingerprint":[[:space:]]*"[0-9a-f]{64}"' "$REVUS_HOME/store/clingen/2025-01-09/manifest.json" && ok "manifest has header fingerprint" || bad "manifest has header fingerprint"
grep -Eq '"descriptor_sha256":[[:space:]]*"[0-9a-f]{64}"' "$REVUS_HOME/store/clingen/2025-01-09/manifest.json" && ok "manifest has descriptor sha256" || bad "manifest has descriptor sha256"

expect_exit 0 "fetch again" rv fetch clingen
expect_stdout "unchanged on the server \(not downloaded\)" "unchanged release is not downloaded twice"
[ "$(count_log 'GET /clingen/download 304')" -eq 1 ] && ok "server answered 304 once" || bad "server answered 304 once" "$(cat "$TMP/http.log")"
expect_exit 0 "fetch --force downloads again" rv fetch clingen --force
expect_stdout "2025-01-09 is already stored \(same sha256\)" "forced download of the same file is recognised"

# ---- failures leave the previous release active ---------------------------------------------
desc_clingen "$BASE/always503/clingen/download"
expect_exit 3 "persistent 503 fails" rv fetch clingen --retries 2
expect_stderr "HTTP 503 \(gave up after 2 attempts\)" "503 message says why"
expect_stderr "nothing changed; 2025-01-09 stays active" "503: message names the release that stays"
expect_active clingen 2025-01-09 "503: previous release stays active"
no_stage_left clingen "503: temp files removed"

desc_clingen "$BASE/missing/download"
expect_exit 3 "404 fails" rv fetch clingen
expect_stderr "HTTP 404" "404 message says why"
[ "$(count_log 'GET /missing/download 404')" -eq 1 ] && ok "404 is not retried" || bad "404 is not retried"
expect_active clingen 2025-01-09 "404: previous release stays active"

desc_clingen "$BASE/truncate/clingen/download"
expect_exit 3 "truncated body fails" rv fetch clingen --retries 2
expect_stderr "clingen: download failed: .*(closed|partial|Partial|broke off)" "truncated body message"
[ "$(count_log 'GET /truncate/clingen/download')" -eq 2 ] && ok "dropped connection is retried" || bad "dropped connection is retried"
expect_active clingen 2025-01-09 "truncated: previous release stays active"
no_stage_left clingen "truncated: temp files removed"

# a connection dropped half-way resumes where it stopped (Range + If-Range), then the
# checksum proves the pieces fit
cp "$SRC/clingen-validity-2025-01-09.csv" "$WWW/clingen/download"
desc_clingen "$BASE/truncate-once/clingen/download" "$BASE/md5/clingen/download"
expect_exit 0 "dropped connection resumes" rv fetch clingen --force
expect_stdout "2025-01-09 is already stored \\(same sha256\\)" "resumed download is byte-identical"
grep -q "GET /truncate-once/clingen/download 206" "$TMP/http.log" && ok "second request asked for the rest (206)" \
    || bad "second request asked for the rest (206)" "$(tail -n 3 "$TMP/http.log")"

desc_clingen "$BASE/clingen/download" "$BASE/badmd5/clingen/download"
expect_exit 3 "wrong checksum fails" rv fetch clingen --force
expect_stderr "checksum mismatch: downloaded file has md5 [0-9a-f]{32}, .* says 0123456789abcdef" "checksum message gives both digests"
expect_active clingen 2025-01-09 "bad checksum: previous release stays active"
no_stage_left clingen "bad checksum: temp files removed"

desc_clingen "$BASE/clingen/download" "" 100
expect_exit 3 "size cap" rv fetch clingen --force
expect_stderr "larger than the descriptor's max_bytes \(100 bytes\)" "size cap message"
expect_active clingen 2025-01-09 "size cap: previous release stays active"

# the provider changes the file but not its version
sed 's/"Definitive"/"Strong"/' "$SRC/clingen-validity-2025-01-09.csv" > "$WWW/clingen/download"
desc_clingen "$BASE/clingen/download"
expect_exit 3 "changed file, same version" rv fetch clingen
expect_stderr "already stored with sha256 .* changed the file without changing its version" "same-version change is refused"
expect_active clingen 2025-01-09 "same-version change: previous release stays active"

# ---- a changed file under the same name: new ETag, new version --------------------------------
cp "$SRC/clingen-validity-2025-07-01.csv" "$WWW/clingen/download"
desc_clingen "$BASE/clingen/download" "$BASE/md5/clingen/download"
expect_exit 0 "changed file is fetched" rv fetch clingen
expect_stdout "clingen: 2025-07-01 stored .*md5 from download.*active now, was 2025-01-09" "new release, md5 sidecar (upper case) verified"
expect_active clingen 2025-07-01 "new release is active"

expect_exit 0 "list" rv list
expect_stdout "^clingen	gene-validity	clingen-csv	-	2025-07-01	2	" "list shows active version and count"
expect_exit 0 "show" rv show clingen
expect_stdout "classification +<- CLASSIFICATION" "show prints the field mapping"
expect_stdout "\* 2025-07-01" "show marks the active version"
expect_stdout "  2025-01-09" "show lists the older version"

expect_exit 0 "diff" rv diff clingen 2025-01-09 2025-07-01
expect_stdout "^(added|removed|changed)	" "diff lists changed records"
expect_stderr "clingen 2025-01-09 -> 2025-07-01: [0-9]+ added, [0-9]+ removed, [0-9]+ changed" "diff counts"
expect_exit 2 "diff of a missing version" rv diff clingen 2025-01-09 1999-01-01

# ---- rollback and verify ----------------------------------------------------------------------
expect_exit 0 "roll back" "$REVUS" sources activate clingen 2025-01-09
expect_stdout "clingen: 2025-01-09 is active, was 2025-07-01" "rollback message"
expect_active clingen 2025-01-09 "rolled back"
expect_exit 2 "activate an unknown version" "$REVUS" sources activate clingen 1999-01-01
expect_active clingen 2025-01-09 "failed activate leaves the active release"

expect_exit 0 "verify" "$REVUS" sources verify clingen
expect_stdout "^ok	clingen	2025-07-01" "verify checks each version"
raw=$(ls "$REVUS_HOME/store/clingen/2025-07-01/"*.csv 2>/dev/null | head -n 1)
cp "$raw" "$TMP/raw.bak"
echo '"EXTRA","HGNC:1"' >> "$raw"
expect_exit 3 "verify finds a changed raw file" "$REVUS" sources verify clingen
expect_stderr "clingen 2025-07-01: .* has sha256 [0-9a-f]+, the manifest says [0-9a-f]+ \(changed on disk\)" "verify says which file changed"
rm "$raw"
expect_exit 3 "verify finds a missing raw file" "$REVUS" sources verify clingen
expect_stderr "^revus: clingen 2025-07-01: raw file unreadable: $raw: cannot open: No such file or directory$" \
    "verify names the missing raw file once (the message is not formatted over itself)"
cp "$TMP/raw.bak" "$raw"
head -c 100 "$REVUS_HOME/store/clingen/2025-07-01/index.rvx" > "$TMP/short.rvx"
cp "$REVUS_HOME/store/clingen/2025-07-01/index.rvx" "$TMP/index.bak"
cp "$TMP/short.rvx" "$REVUS_HOME/store/clingen/2025-07-01/index.rvx"
expect_exit 3 "verify refuses a truncated index" "$REVUS" sources verify clingen
cp "$TMP/index.bak" "$REVUS_HOME/store/clingen/2025-07-01/index.rvx"
expect_exit 0 "verify passes again after repair" "$REVUS" sources verify

# ---- PanelApp by id: 503 then success, 429 with Retry-After, pinned version -------------------------
cp "$SRC/panelapp-9001-v1.0.json" "$WWW/api/v1/panels/9001/index.json"
cp "$SRC/panelapp-9001-v1.0.json" "$WWW/api/v1/panels/9001/index-1.0.json"
cp "$SRC/panelapp-9001-v1.1.json" "$WWW/api/v1/panels/9001/index-1.1.json"
desc_panel() {
    pv=""
    [ -n "${2:-}" ] && pv=", \"version\": \"$2\""
    cat > "$ANN/panel.json" <<EOF
{
  "name": "panel", "role": "gene-panel", "format": "panelapp-json",
  "download": { "url": "$1", "version_rule": "json:version", "max_bytes": 1000000 },
  "panel": { "id": 9001$pv },
  "fields": {
    "symbol": { "from": "gene_data.gene_symbol" }, "hgnc_id": { "from": "gene_data.hgnc_id" },
    "confidence": { "from": "confidence_level" }, "moi": { "from": "mode_of_inheritance" },
    "panel_version": { "from": "panel.version" }
  }
}
EOF
}
desc_panel "$BASE/fail503/1/api/v1/panels/{panel_id}/"
expect_exit 0 "503 then success" rv fetch panel
expect_stdout "panel: 1.0 stored" "panel version from the JSON"
[ "$(count_log 'GET /fail503/1/api/v1/panels/9001/ 503')" -eq 1 ] && [ "$(count_log 'GET /fail503/1/api/v1/panels/9001/ 200')" -eq 1 ] \
    && ok "retried after the 503" || bad "retried after the 503" "$(cat "$TMP/http.log")"
desc_panel "$BASE/ratelimit/1/api/v1/panels/{panel_id}/" 1.1
expect_exit 0 "429 with Retry-After then success" rv fetch panel
expect_stdout "panel: 1.1 stored .*was 1.0" "pinned panel version fetched"
grep -q "GET /ratelimit/1/api/v1/panels/9001/?version=1.1 429" "$TMP/http.log" && ok "429 seen, version in query" || bad "429 seen, version in query"
if grep -E 'GET .*(chr|sample|patient)' "$TMP/http.log" | grep -qv 'clingen\|panels\|scores\|clinvar\|gnomad'; then
    bad "no patient data in URLs"; else ok "no patient data in URLs"; fi

# ---- prune ---------------------------------------------------------------------------------------
expect_exit 2 "prune needs --keep" "$REVUS" sources prune
expect_exit 0 "prune keeps the active version" "$REVUS" sources prune --keep 1 clingen
[ -d "$REVUS_HOME/store/clingen/2025-01-09" ] && [ -d "$REVUS_HOME/store/clingen/2025-07-01" ] \
    && ok "active (older) and newest both kept" || bad "active (older) and newest both kept"
"$REVUS" sources activate clingen 2025-07-01 >/dev/null 2>&1
expect_exit 0 "prune --keep 1" "$REVUS" sources prune --keep 1
expect_stdout "^removed	clingen	2025-01-09" "prune removes the older clingen version"
expect_stdout "^removed	panel	1.0" "prune removes the older panel version"
[ ! -d "$REVUS_HOME/store/clingen/2025-01-09" ] && ok "pruned folder is gone" || bad "pruned folder is gone"
expect_active clingen 2025-07-01 "prune leaves the active release"

# ---- a brand-new source of an existing role, from a descriptor written here --------------------------
cp "$SRC/synthetic-scores-v1.tsv" "$WWW/scores/scores-v1.tsv"
cp "$SRC/synthetic-scores-v2.tsv" "$WWW/scores/scores-v2.tsv"
desc_scores() {
    cat > "$ANN/myscore.json" <<EOF
{
  "name": "myscore", "title": "A predictor no C code knows about", "role": "in-silico-score", "format": "tsv", "build": "GRCh38",
  "download": { "url": "$BASE/scores/scores-$1.tsv", "checksum_url": "$BASE/sha256/scores/scores-$1.tsv", "checksum_kind": "sha256",
                "version_rule": "filename:scores-(v[0-9]+)", "max_bytes": 100000 },
  "table": { "columns": { "chrom": "chrom", "pos": "pos", "ref": "ref", "alt": "alt" } },
  "fields": { "score": { "from": "score" } }
}
EOF
}
desc_scores v1
expect_exit 0 "new descriptor: fetch + compile" rv fetch myscore
expect_stdout "myscore: v1 stored \(3 records .*sha256 from scores-v1.tsv" "new source compiled, sha256 sidecar checked"
desc_scores v2
expect_exit 0 "new descriptor: next release" rv fetch myscore
expect_exit 0 "new source listed" rv list
expect_stdout "^myscore	in-silico-score	tsv	GRCh38	v2	2	A predictor" "new source listed with its active release"
expect_exit 0 "diff of the new source" rv diff myscore v1 v2
expect_stdout "changed	1-69314-T-G	score	0.87	0.91" "diff shows the changed score"
expect_stderr "1 added, 1 removed, 1 changed, 1 unchanged" "diff counts for the new source"
printf '##fileformat=VCFv4.2\n##contig=<ID=1,length=248956422>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n1\t69314\t.\tT\tG\t.\t.\t.\n1\t99999\t.\tA\tC\t.\t.\t.\n' > "$TMP/patient.vcf"
"$REVUS" annotate "$TMP/patient.vcf" --sources myscore >"$TMP/out" 2>"$TMP/err"
if grep -q "store is not available" "$TMP/err"; then
    # annotate cannot read the store yet: give it the active release's index file
    expect_exit 0 "annotate with the new source (active index)" "$REVUS" annotate "$TMP/patient.vcf" \
        --index "$REVUS_HOME/store/myscore/$(active_of myscore)/index.rvx"
else
    expect_exit 0 "annotate with the new source" "$REVUS" annotate "$TMP/patient.vcf" --sources myscore
fi
expect_stdout "^1	69314	.	T	G	.	.	RV_MYSCORE=0.91(;|$)" "the new source's score reaches the VCF"
expect_stdout "^##INFO=<ID=RV_MYSCORE,.*myscore v2" "its header names source and version"

# file:// URLs work like the others (a lab's mirror on a shared disk)
cat > "$ANN/mirror.json" <<EOF
{
  "name": "mirror", "role": "in-silico-score", "format": "tsv", "build": "GRCh38",
  "download": { "url": "file://$SRC/synthetic-scores-v1.tsv", "version_rule": "fixed:1", "max_bytes": 100000 },
  "table": { "columns": { "chrom": "chrom", "pos": "pos", "ref": "ref", "alt": "alt" } },
  "fields": { "score": { "from": "score" } }
}
EOF
expect_exit 0 "fetch from a file:// URL" rv fetch mirror
expect_stdout "mirror: 1 stored \\(3 records" "file:// release compiled"

# ---- import (air-gapped) ------------------------------------------------------------------------
cat > "$ANN/lab.json" <<EOF
{
  "name": "lab", "role": "lab-classification", "format": "tsv", "build": "GRCh38",
  "table": { "columns": { "chrom": "chrom", "pos": "pos", "ref": "ref", "alt": "alt" } },
  "fields": { "class": { "from": "class" }, "date": { "from": "date" }, "gene": { "from": "gene" } }
}
EOF
expect_exit 2 "fetch of an import-only source" rv fetch lab
expect_stderr "lab has no download.url: bring the file in with .revus sources import lab FILE." "import-only source says how"
expect_exit 2 "import needs a version when the rule is manual" rv import lab "$SRC/lab-classifications-synthetic.tsv"
expect_stderr "add --version" "manual version message"
expect_exit 3 "import with a wrong --sha256" rv import lab "$SRC/lab-classifications-synthetic.tsv" --version 2025-06 \
    --sha256 0000000000000000000000000000000000000000000000000000000000000000
expect_stderr "lab-classifications-synthetic.tsv: checksum mismatch" "import checksum message names the file"
expect_active lab none "failed import activates nothing"
sum=$(sha256sum "$SRC/lab-classifications-synthetic.tsv" | cut -c1-64)
expect_exit 0 "import" rv import lab "$SRC/lab-classifications-synthetic.tsv" --version 2025-06 --sha256 "$sum"
expect_stdout "lab: 2025-06 stored \(3 records" "import compiles the file"
expect_active lab 2025-06 "imported release is active"
expect_exit 2 "import of a missing file" rv import lab "$TMP/nope.tsv" --version 2025-07
expect_active lab 2025-06 "missing file: previous release stays active"

# a descriptor given by its path (no --annotations folder needed)
mkdir -p "$TMP/standalone"
sed 's/"name": "lab"/"name": "lab2"/' "$ANN/lab.json" > "$TMP/standalone/lab2.json"
expect_exit 0 "import with a descriptor path" "$REVUS" sources import "$TMP/standalone/lab2.json" "$SRC/lab-classifications-synthetic.tsv" --version 1
expect_stdout "^lab2: 1 stored" "descriptor path: source named by the file's name key"
expect_exit 0 "show with a descriptor path" "$REVUS" sources show "$TMP/standalone/lab2.json"
expect_stdout "^  \\* 1 +fetched" "show via path lists the stored version"

# ---- ClinVar: md5 sidecar, ##fileDate version, the 2017 format refused --------------------------------
cat > "$ANN/clinvar.json" <<EOF
{
  "name": "clinvar", "role": "clinical-assertion", "format": "vcf", "build": "GRCh38",
  "download": { "url": "$BASE/clinvar/clinvar.vcf", "checksum_url": "$BASE/md5/clinvar/clinvar.vcf", "checksum_kind": "md5",
                "version_rule": "header:##fileDate", "max_bytes": 10000000 },
  "fields": { "clnsig": { "from": "CLNSIG" }, "clnrevstat": { "from": "CLNREVSTAT" }, "variation_id": { "from": "ID" } },
  "require_header": [ { "prefix": "##INFO=<ID=ALLELEID,", "why": "ClinVar VCFs before September 2017 have another layout and are not supported" } ]
}
EOF
cp "$SRC/clinvar_20170404.GRCh37.old_format.vcf" "$WWW/clinvar/clinvar.vcf"
expect_exit 3 "2017 ClinVar format is refused" rv fetch clinvar
expect_stderr "clinvar.vcf: header has no line starting '##INFO=<ID=ALLELEID,': ClinVar VCFs before September 2017" "old format message is clear"
expect_active clinvar none "refused file activates nothing"
no_stage_left clinvar "refused file: temp files removed"

cp "$SRC/clinvar_20241111.GRCh38.vcf" "$WWW/clinvar/clinvar.vcf"
rv fetch clinvar >"$TMP/out" 2>"$TMP/err"; rc=$?
if grep -q "no VCF reader" "$TMP/err"; then
    echo "skip - VCF sources: this build has no VCF reader"
else
    [ $rc -eq 0 ] && ok "ClinVar fetch" || bad "ClinVar fetch" "exit $rc: $(head -c 300 "$TMP/err")"
    expect_stdout "clinvar: 2024-11-11 stored \(11 records.*md5 from clinvar.vcf" "ClinVar version from ##fileDate, md5 checked"
    # gnomAD v4 names, from a descriptor written here
    cp "$SRC/gnomad.genomes.v4.0.sites.PCSK9.vcf.bgz" "$WWW/gnomad/gnomad.genomes.v4.0.sites.PCSK9.vcf.bgz"
    cat > "$ANN/gnomad4.json" <<EOF
{
  "name": "gnomad4", "role": "population-frequency", "format": "vcf", "build": "GRCh38",
  "download": { "url": "$BASE/gnomad/gnomad.genomes.v4.0.sites.PCSK9.vcf.bgz", "version_rule": "filename:\\\\.v([0-9.]+[0-9])\\\\.sites", "max_bytes": 10000000 },
  "fields": { "af": { "from": "AF" }, "an": { "from": "AN" }, "ac": { "from": "AC" }, "af_grpmax": { "from": "AF_grpmax" },
              "faf95": { "from": "fafmax_faf95_max" }, "nhomalt": { "from": "nhomalt" }, "nhemi": { "from": "nhomalt_XY" } },
  "options": { "pass_only": true }
}
EOF
    expect_exit 0 "gnomAD v4 fetch" rv fetch gnomad4
    expect_stdout "gnomad4: 4.0 stored" "gnomAD v4 version from the file name"
    cat > "$ANN/gnomad2.json" <<EOF
{
  "name": "gnomad2", "role": "population-frequency", "format": "vcf", "build": "GRCh37",
  "fields": { "af": { "from": "AF" }, "an": { "from": "AN" }, "af_grpmax": { "from": "AF_popmax" },
              "faf95": { "from": "faf95" }, "nhomalt": { "from": "nhomalt" }, "nhemi": { "from": "nhomalt_male" } }
}
EOF
    expect_exit 0 "gnomAD v2 import" rv import gnomad2 "$SRC/gnomad.genomes.r2.1.1.sites.PCSK9.vcf.bgz" --version 2.1.1
    expect_stdout "gnomad2: 2.1.1 stored \(1 records" "gnomAD v2 names compile"
    expect_exit 3 "a GRCh37 file for a GRCh38 descriptor is refused" rv import gnomad4 "$SRC/gnomad.genomes.r2.1.1.sites.PCSK9.vcf.bgz" --version 9.9
    expect_active gnomad4 4.0 "build mismatch: previous release stays active"
fi

finish
