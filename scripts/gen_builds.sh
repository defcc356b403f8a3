#!/bin/sh
# Turn pipeline/genome_builds.tsv (data) into a C initialiser list compiled into the library.
awk -F'\t' '/^#/ || NF < 3 { next } { printf "    { \"%s\", \"%s\", %sLL, \"%s\" },\n", $1, $2, $3, $4 }' "$1"
