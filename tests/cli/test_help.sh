# test_help.sh: every command answers --help (exit 0, a Usage line), unknown commands and
# options fail with exit 2, --version names the linked libraries, and docs/cli-reference.md
# is the current output of scripts/gen-cli-reference.sh.
. "$(dirname "$0")/lib.sh"

expect_exit 0 "revus --help" "$REVUS" --help
expect_stdout '^Usage: revus' "revus --help prints usage"
expect_exit 0 "revus --version" "$REVUS" --version
for lib in revus htslib sqlite libcurl cjson zlib; do
    expect_stdout "^$lib [0-9]" "--version names $lib"
done
expect_exit 2 "no command" "$REVUS"
expect_exit 2 "unknown command" "$REVUS" frobnicate
expect_stderr "unknown command 'frobnicate'" "unknown command is named"
expect_exit 2 "--home without a value" "$REVUS" --home

for c in norm csq annotate sources cohort reported run merge flags ack plan report stats; do
    expect_exit 0 "$c --help" "$REVUS" "$c" --help
    expect_stdout '[Uu]sage: revus' "$c --help prints usage"
    expect_exit 2 "$c with an unknown option" "$REVUS" "$c" --no-such-option
done

sh "$TOP/scripts/gen-cli-reference.sh" "$REVUS" > "$TMP/cli-reference.md" 2>&1
golden "$TMP/cli-reference.md" "$TOP/docs/cli-reference.md" "docs/cli-reference.md is current (REDO=1 to rewrite)"

# the manual page revus(1): made from the same help, installed by make install
sh "$TOP/scripts/gen-man.sh" "$REVUS" >"$TMP/revus.1" 2>"$TMP/err"
n=$("$REVUS" --help | awk '/^Global options/ {exit} /^  [a-z]+ / {n++} END {print n}')
if command -v man >/dev/null 2>&1; then
    MANWIDTH=100 man -l "$TMP/revus.1" >"$TMP/man.txt" 2>"$TMP/man.err"
    got=$(grep -c '^ *Usage: revus' "$TMP/man.txt")
    [ "$got" = $((n + 1)) ] && ok "man page: the overview and all $n commands' help" || bad "man page commands" "$got usages, want $((n + 1)): $(head -c 200 "$TMP/man.err")"
    grep -q '^NAME' "$TMP/man.txt" && grep -q 'EXIT STATUS' "$TMP/man.txt" && ok "man page: NAME and EXIT STATUS sections" || bad "man page sections"
    grep -q 'warning' "$TMP/man.err" && bad "man page: renders without warnings" "$(head -c 200 "$TMP/man.err")" || ok "man page: renders without warnings"
else echo "skip - man not installed"; fi
if command -v make >/dev/null 2>&1 && [ -f "$TOP/Makefile" ] && [ "$REVUS" = "$TOP/revus" ]; then
    make -s -C "$TOP" install PREFIX="$TMP/prefix" >"$TMP/install.log" 2>&1
    [ -x "$TMP/prefix/bin/revus" ] && [ -s "$TMP/prefix/share/man/man1/revus.1" ] && [ -f "$TMP/prefix/share/revus/pipeline/default.json" ] \
        && ok "make install PREFIX=DIR: binary, man page, data" || bad "make install" "$(tail -c 300 "$TMP/install.log")"
    "$TMP/prefix/bin/revus" report --columns >/dev/null 2>&1 && ok "installed revus runs" || bad "installed revus runs"
fi
finish
