#!/bin/sh
# gen-man.sh: write the manual page revus(1) from the program's own help, so it cannot
# drift from the binary: the overview from `revus --help`, then every command's `--help`
# word for word. `make` builds build/revus.1; `make install` puts it in PREFIX/share/man/man1.
# Usage: sh scripts/gen-man.sh [REVUS] > revus.1
REVUS=${1:-./revus}
version=$("$REVUS" --version | head -n 1 | sed 's/^revus //; s/ .*//')
# roff: a backslash is \e; a line starting with . or ' is protected with \&
quote() { sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"; }
commands=$("$REVUS" --help | awk '/^Global options/ {exit} /^  [a-z]+ / {print $1}')

cat <<EOF_HEAD
.TH REVUS 1 "" "revus $version" "revus manual"
.SH NAME
revus \\- reanalysis of clinical variant classifications
.SH SYNOPSIS
.B revus
[\\fB\\-\\-home\\fR \\fIDIR\\fR] [\\fB\\-\\-config\\fR \\fIFILE\\fR] [\\fB\\-q\\fR|\\fB\\-v\\fR] [\\fB\\-\\-no\\-progress\\fR]
\\fICOMMAND\\fR [\\fIoptions\\fR]
.SH DESCRIPTION
revus re-examines the variants a clinical genomics lab has already classified each time the
knowledge behind them moves (ClinVar, gnomAD, PanelApp, ClinGen releases), and tells the lab
which patients' variants may now be classified differently, why, and how urgently.
The text below is the program's own help (\\fBrevus \\-\\-help\\fR and
\\fBrevus \\fICOMMAND\\fB \\-\\-help\\fR).
.PP
.nf
EOF_HEAD
"$REVUS" --help | quote
echo ".fi"
echo ".SH COMMANDS"
for c in $commands; do
    echo ".SS \"revus $c\""
    echo ".nf"
    "$REVUS" "$c" --help | quote
    echo ".fi"
done
cat <<'EOF_TAIL'
.SH EXIT STATUS
0 success; 1 ran, but something needs attention; 2 bad usage or bad input; 3 a source or
state problem.
.SH ENVIRONMENT
.TP
.B REVUS_HOME
the state database and source store when \-\-home is not given
.TP
.B REVUS_CONFIG
the pipeline configuration when \-\-config is not given
.SH FILES
.TP
.I PREFIX/share/revus/pipeline, PREFIX/share/revus/annotations
configuration as data and the shipped source descriptors
.SH SEE ALSO
.BR bcftools (1),
.BR tabix (1).
The documentation in the source tree's docs/ folder (docs/cli.md, docs/reports.md, ...).
EOF_TAIL
