#!/bin/sh
# Install the Debian packages revus needs to build and test; a no-op when all are present.
# libhts-dev pulls libcurl4-gnutls-dev, which provides libcurl.pc (it conflicts with
# libcurl4-openssl-dev, so revus builds against the GnuTLS flavour that htslib itself links).
REQUIRED="build-essential pkg-config libhts-dev libcurl4-gnutls-dev zlib1g-dev libcjson-dev
libsqlite3-dev bcftools tabix python3 sqlite3"
# Test and benchmark tools: a missing one makes its tests report "skip", never "pass".
# `make fuzz` needs clang and the libFuzzer of the same LLVM version (libfuzzer-N-dev).
clang_major=$(clang --version 2>/dev/null | sed -n 's/.*clang version \([0-9][0-9]*\).*/\1/p' | head -n 1)
OPTIONAL="snakemake vcfanno chromium time python3-jsonschema poppler-utils clang ${clang_major:+libfuzzer-$clang_major-dev} ${REVUS_EXTRA_PKGS:-}"

missing_of() {
    for p in $1; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || printf ' %s' "$p"
    done
}
req=$(missing_of "$REQUIRED")
opt=$(missing_of "$OPTIONAL")
[ -z "$req$opt" ] && exit 0
echo "deps: installing missing Debian packages:$req$opt"
SUDO=""
if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
        echo "deps: cannot install$req$opt: not root and no sudo; install them with apt-get and re-run." >&2
        [ -z "$req" ] && exit 0
        exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null 2>&1 || true
fail=""
for p in $req $opt; do   # one at a time: one unavailable tool must not block the others
    $SUDO apt-get install -y -qq --no-install-recommends "$p" >/dev/null 2>&1 || fail="$fail $p"
done
req_words=" $(echo $REQUIRED) "
for p in $fail; do
    case "$req_words" in *" $p "*) echo "deps: could not install required package $p (try: apt-get install $p)" >&2; hard=1 ;;
    *) echo "deps: optional package $p not installed; tests that need it will be skipped" >&2 ;;
    esac
done
[ -z "${hard:-}" ]
