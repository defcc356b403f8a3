#!/bin/sh
# Replay each harness's seed corpus and saved crashes once (see tests/fuzz/replay.c).
# Usage: replay.sh BINDIR NAME...  Prints "fuzz-replay: N passed, N failed".
dir=$1; shift
cd "$(dirname "$0")/../.." || exit 2
pass=0; fail=0
for h in "$@"; do
    out=$(ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
          "$dir/$h" "tests/fuzz/corpus/$h" "tests/fuzz/crashes/$h" 2>&1); rc=$?
    if [ $rc -eq 0 ]; then pass=$((pass + 1)); echo "  ok - fuzz replay $h: $(printf '%s\n' "$out" | tail -n 1 | sed 's/.*: //')"
    else fail=$((fail + 1)); echo "  FAIL - fuzz replay $h (exit $rc)"; printf '%s\n' "$out" | tail -n 30 | sed 's/^/    /'
    fi
done
echo "fuzz-replay: $pass passed, $fail failed"
[ $fail -eq 0 ]
