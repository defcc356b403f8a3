#!/bin/sh
# The HTML report in a real browser: headless Chromium loads the report from a file, the
# rendered DOM must hold the expected patients and lines in reading order, a screenshot
# must be a non-empty PNG, and printing to PDF must start each patient on a new A4 page.
# Where Chromium is absent or cannot start, the checks are skipped, never passed.
. "$(dirname "$0")/lib.sh"

CHROME=""
for c in chromium chromium-browser google-chrome; do
    if command -v "$c" >/dev/null 2>&1; then CHROME=$c; break; fi
done
if [ -z "$CHROME" ]; then
    echo "skip - chromium not installed (make deps installs the Debian package chromium)"
    finish; exit $?
fi
PROFILE=$(mktemp -d "$TMP/profile.XXXXXX")
chrome() {
    timeout 90 "$CHROME" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$PROFILE" "$@" 2>>"$TMP/chrome.log"
}

# the writer's golden page (tests/unit/test_report.c checks it is what the writer writes)
HTML=$TMP/report.html
cp "$TD/reports/model.html" "$HTML"
if ! chrome --dump-dom "file://$HTML" >"$TMP/dom.html" || [ ! -s "$TMP/dom.html" ]; then
    echo "skip - chromium could not start here: $(grep -v -e dbus -e '^$' "$TMP/chrome.log" | tail -n 1 | head -c 200)"
    finish; exit $?
fi
ok "chromium renders the report"

# rows in reading order: R135 (S002: new candidate, VUS downgraded), then R208 (S001 with
# the P/LP downgrade first, then S003)
order=$(grep -o 'id="flag-[0-9]*"' "$TMP/dom.html" | tr -dc '0-9\n' | tr '\n' ' ')
[ "$order" = "11 13 14 15 12 " ] && ok "DOM: lines in urgency order" || bad "DOM: lines in urgency order" "got '$order'"
n=$(grep -o '<section class="patient"' "$TMP/dom.html" | wc -l)
[ "$n" = 3 ] && ok "DOM: three patient sections" || bad "DOM: three patient sections" "$n"
grep -q 'data-category="plp_downgraded"' "$TMP/dom.html" && ok "DOM: P/LP downgrade line present" || bad "DOM: P/LP downgrade line"
grep -q 'requires review by a clinical scientist' "$TMP/dom.html" && ok "DOM: review notice" || bad "DOM: review notice"
grep -q 'Dr A. O.Neil' "$TMP/dom.html" && ok "DOM: escaped text rendered as text" || bad "DOM: escaped text"
grep -q '<script' "$TMP/dom.html" && bad "DOM: no script" || ok "DOM: no script"
grep -q '<svg class="scale"' "$TMP/dom.html" && ok "DOM: inline SVG class scales" || bad "DOM: inline SVG"

chrome --screenshot="$TMP/shot.png" --window-size=1240,1754 "file://$HTML" >/dev/null
if [ -s "$TMP/shot.png" ] && [ "$(head -c 8 "$TMP/shot.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]; then
    ok "screenshot is a non-empty PNG ($(wc -c <"$TMP/shot.png") bytes)"
else bad "screenshot is a non-empty PNG"; fi

chrome --print-to-pdf="$TMP/report.pdf" --no-pdf-header-footer "file://$HTML" >/dev/null
pages=$(grep -a -c '/Type /Page$\|/Type /Page[^s]' "$TMP/report.pdf" 2>/dev/null || echo 0)
[ "$pages" -ge 4 ] && ok "print: header page + one page per patient ($pages A4 pages)" || bad "print pages" "$pages pages"

# the report of a real home, when the state module is in this build
H=$TMP/home
# (only registering a sample creates a home's database: add one, then remove it)
"$REVUS" --home "$H" cohort add --sample TMP --vcf "$TD/cohort/vcf/S01.vcf" >/dev/null 2>&1
"$REVUS" --home "$H" cohort remove TMP >/dev/null 2>&1
if [ -f "$H/revus.db" ] && command -v sqlite3 >/dev/null 2>&1 && sqlite3 "$H/revus.db" < "$TD/reports/state-rows.sql" 2>/dev/null; then
    "$REVUS" --home "$H" report --format html -o "$TMP/cli.html" 2>/dev/null
    chrome --dump-dom "file://$TMP/cli.html" >"$TMP/cli-dom.html"
    order=$(grep -o 'id="flag-[0-9]*"' "$TMP/cli-dom.html" | tr -dc '0-9\n' | tr '\n' ' ')
    [ "$order" = "4 3 1 2 5 " ] && ok "CLI report DOM: lines in urgency order" || bad "CLI report DOM order" "got '$order'"
    # what a clinician acts on: condition, MONDO id, ClinVar's names, links, report id, HGVS once
    dom=$TMP/cli-dom.html
    grep -q '<span data-field="condition">hypertrophic cardiomyopathy</span>' "$dom" && ok "DOM: condition shown" || bad "DOM: condition"
    grep -q '<small data-field="mondo">(MONDO:0005045)</small>' "$dom" && ok "DOM: MONDO id shown" || bad "DOM: MONDO id"
    grep -q '<span data-field="clinvar_disease">Hypertrophic cardiomyopathy</span>' "$dom" && ok "DOM: ClinVar condition, placeholder left out" || bad "DOM: ClinVar condition"
    grep -q '<a class="clinvar" href="https://www.ncbi.nlm.nih.gov/clinvar/variation/55555/">' "$dom" && ok "DOM: ClinVar record link" || bad "DOM: ClinVar link"
    grep -q '<a class="clingen" href="https://search.clinicalgenome.org/kb/gene-validity/CGGV:assertion_example">' "$dom" && ok "DOM: ClinGen curation link" || bad "DOM: ClinGen link"
    grep -q '<span data-field="report_id">GL-2024-0311</span>' "$dom" && ok "DOM: lab report id" || bad "DOM: report id"
    grep -q '<span class="hgvs">ENST00000357654.9:c.5123C&gt;A p.Ala1708Glu</span>' "$dom" && ok "DOM: HGVS written once, three-letter p." || bad "DOM: HGVS"
    grep -q 'ENST00000357654:ENST00000357654' "$dom" && bad "DOM: no doubled transcript" || ok "DOM: no doubled transcript"
    grep -q '<p class="evid" data-field="evidence">ClinVar now says conflicting at 1 star (was LP at 2 stars, 2026-05-04 -&gt; 2026-11-02)' "$dom" \
        && ok "DOM: evidence sentence" || bad "DOM: evidence sentence" "$(grep -o '<p class="evid"[^<]*' "$dom" | head -n 1)"

    # printed A4: one patient with ten lines stays on one page (eight more flags for S001)
    sqlite3 "$H/revus.db" "INSERT INTO flags(run, sample, variant, category, priority, basis, old_class, new_class,
        trigger_source, old_version, new_version, field, old_value, new_value, detail, fingerprint, created_at)
        SELECT run, sample, variant, category, priority, basis, old_class, new_class, trigger_source, old_version,
               new_version, field, old_value, new_value, detail, fingerprint || '-' || n.k, created_at
          FROM flags, (SELECT 1 AS k UNION SELECT 2 UNION SELECT 3 UNION SELECT 4 UNION SELECT 5 UNION SELECT 6
                       UNION SELECT 7 UNION SELECT 8) n WHERE flags.id = 1" 2>"$TMP/sqlerr"
    "$REVUS" --home "$H" report --sample S001 --format html -o "$TMP/ten.html" 2>/dev/null
    lines=$(grep -c '<article class="line' "$TMP/ten.html")
    chrome --print-to-pdf="$TMP/ten.pdf" --no-pdf-header-footer "file://$TMP/ten.html" >/dev/null
    if command -v pdftotext >/dev/null 2>&1 && command -v pdfinfo >/dev/null 2>&1; then
        pages=$(pdfinfo "$TMP/ten.pdf" | awk '/^Pages:/ {print $2}')
        first=$(pdftotext -f 2 -l 2 "$TMP/ten.pdf" - | grep -ci 'acknowledged')
        last=$(pdftotext -f "$pages" -l "$pages" "$TMP/ten.pdf" - | grep -c 'Reviewed by')
        [ "$lines" = 10 ] && [ "$pages" = 2 ] && [ "$first" = 10 ] && [ "$last" = 1 ] \
            && ok "print: a patient with 10 lines fits one A4 page after the header page" \
            || bad "print: 10 lines on one page" "$lines lines, $pages pages, $first flags on page 2"
    else echo "skip - pdfinfo/pdftotext not installed (Debian poppler-utils)"; fi

    "$REVUS" --home "$H" stats --format html -o "$TMP/stats.html" 2>/dev/null
    chrome --dump-dom "file://$TMP/stats.html" >"$TMP/stats-dom.html"
    if grep -q 'id="chart-flags"' "$TMP/stats-dom.html" && grep -q 'id="chart-samples"' "$TMP/stats-dom.html" &&
       grep -q '<table class="stats" id="per-year"' "$TMP/stats-dom.html"; then
        ok "stats DOM: per-year table and both charts rendered"
    else bad "stats DOM: tables and charts"; fi
else
    echo "skip - CLI report in the browser: state module not in this build"
fi
finish
