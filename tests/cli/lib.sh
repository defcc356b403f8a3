# lib.sh: helpers for command-line tests. Source it, call the checks, end with `finish`.
# Each check prints "ok - NAME" or "FAIL - NAME (why)"; finish prints "N passed, N failed".
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
REVUS=${REVUS_BIN:-$TOP/revus}
case $REVUS in /*) ;; *) REVUS=$TOP/$REVUS ;; esac
TD=$TOP/test-data
TMP=$(mktemp -d "${TMPDIR:-/tmp}/revus-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
T_PASS=0; T_FAIL=0
export REVUS_DATA_DIR=$TOP

ok()   { T_PASS=$((T_PASS + 1)); echo "ok - $1"; }
bad()  { T_FAIL=$((T_FAIL + 1)); echo "FAIL - $1${2:+ ($2)}"; }

# expect_exit CODE NAME CMD...: run CMD, stdout to $TMP/out, stderr to $TMP/err.
expect_exit() {
    want=$1; name=$2; shift 2
    "$@" >"$TMP/out" 2>"$TMP/err"; got=$?
    if [ "$got" -eq "$want" ]; then ok "$name"; else bad "$name" "exit $got, want $want: $(head -c 300 "$TMP/err")"; fi
}
# expect_stderr PATTERN NAME: the last command's stderr matches the extended regex.
expect_stderr() {
    if grep -Eq -- "$1" "$TMP/err"; then ok "$2"; else bad "$2" "stderr lacks /$1/: $(head -c 300 "$TMP/err")"; fi
}
expect_stdout() {
    if grep -Eq -- "$1" "$TMP/out"; then ok "$2"; else bad "$2" "stdout lacks /$1/: $(head -c 300 "$TMP/out")"; fi
}
# golden FILE EXPECTED NAME: compare; REDO=1 rewrites the expected file.
golden() {
    if [ "${REDO:-0}" = 1 ]; then cp "$1" "$2"; ok "$3 (rewritten)"; return; fi
    if diff -u "$2" "$1" >"$TMP/diff" 2>&1; then ok "$3"; else bad "$3" "differs from $2: $(head -c 600 "$TMP/diff")"; fi
}
finish() {
    echo "$(basename "$0"): $T_PASS passed, $T_FAIL failed"
    [ "$T_FAIL" -eq 0 ]
}
