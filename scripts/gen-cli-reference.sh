#!/bin/sh
# gen-cli-reference.sh: write docs/cli-reference.md from every command's --help, so the
# reference cannot drift from the binary (tests/cli/test_help.sh checks it is current).
# Usage: sh scripts/gen-cli-reference.sh [REVUS] > docs/cli-reference.md
REVUS=${1:-./revus}
COMMANDS="norm csq annotate sources cohort reported run merge flags ack plan report stats"
echo "# revus command reference"
echo
echo "Generated from \`revus COMMAND --help\` by scripts/gen-cli-reference.sh; do not edit by hand."
echo "Narrative documentation: [cli.md](cli.md) and the pages it links."
echo
echo "## revus"
echo
echo '```'
"$REVUS" --help
echo '```'
for c in $COMMANDS; do
    echo
    echo "## revus $c"
    echo
    echo '```'
    "$REVUS" "$c" --help
    echo '```'
done
