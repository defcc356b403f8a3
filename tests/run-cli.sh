#!/bin/sh
# Run every command-line test script (tests/cli/test_*.sh); print the totals.
cd "$(dirname "$0")/.." || exit 2
pass=0; fail=0; skip=0
for t in tests/cli/test_*.sh; do
    [ -f "$t" ] || continue
    out=$(sh "$t" 2>&1); rc=$?
    printf '%s\n' "$out" | sed 's/^/  /'
    line=$(printf '%s\n' "$out" | grep -E '[0-9]+ passed, [0-9]+ failed' | tail -n 1)
    p=$(printf '%s' "$line" | sed -E 's/.* ([0-9]+) passed.*/\1/'); f=$(printf '%s' "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
    s=$(printf '%s\n' "$out" | grep -c '^skip - ')
    [ -n "$p" ] || p=0; [ -n "$f" ] || f=0
    if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; echo "  $t exited $rc without a failure count"; fi
    pass=$((pass + p)); fail=$((fail + f)); skip=$((skip + s))
done
echo "cli: $pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
