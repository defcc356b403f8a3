#!/bin/sh
# Install the Debian packages revus needs to build and test; a no-op when all are present.
# libhts-dev pulls libcurl4-gnutls-dev, which provides libcurl.pc (it conflicts with
# libcurl4-openssl-dev, so we use the GnuTLS flavour that htslib itself links).
PKGS="build-essential pkg-config libhts-dev libcurl4-gnutls-dev zlib1g-dev libcjson-dev libsqlite3-dev
bcftools tabix python3 snakemake vcfanno sqlite3 ${REVUS_EXTRA_PKGS:-}"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps: installing missing Debian packages:$missing"
SUDO=""
if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
        echo "deps: cannot install$missing: not root and no sudo. Install them with apt-get and re-run." >&2
        exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null 2>&1 || true
# One package at a time, so one unavailable optional tool does not block the others.
fail=""
for p in $missing; do
    $SUDO apt-get install -y -qq --no-install-recommends "$p" >/dev/null 2>&1 || fail="$fail $p"
done
if [ -n "$fail" ]; then
    echo "deps: could not install:$fail (see 'apt-get install$fail')" >&2
    exit 1
fi
