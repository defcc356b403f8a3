#!/bin/sh
# Turn a tab-separated table of pipeline/ (data) into a C initialiser list of strings,
# one brace per row, compiled into the library. Comment lines (#) are skipped.
awk -F'\t' '/^#/ || NF == 0 { next } { printf "    {"; for (i = 1; i <= NF; i++) { gsub(/"/, "\\\"", $i); printf " \"%s\",", $i } print " }," }' "$1"
