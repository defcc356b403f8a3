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
finish
