#!/usr/bin/env python3
"""check_flags.py DB: the stored flags of a revus home keep their promises (docs/state.md).

For every flag in the database: one flag per (run, sample, variant); the detail says
"OLD -> NEW" with the flag's own old and new class and the phrase of its basis; a class-move
category moves the classes its way (plp_downgraded P/LP down, vus_upgraded VUS up to P/LP,
vus_downgraded VUS down to B/LB; evidence_changed never a tier down); new_candidate has a new
class and left_candidates an old one; new_candidate and second_hit are raised against the
previous run only; the priority is 1..5. Prints one line per broken flag and the categories
and bases seen ("category:basis n"), exit 1 when a flag breaks a rule.
"""
import collections
import sqlite3
import sys

TIER = {"P": 2, "LP": 2, "VUS": 1, "LB": 0, "B": 0}
BASIS = {"reported": "against the reported class", "previous": "since the previous run"}


def problems(f):
    old, new = f["old_class"] or "", f["new_class"] or ""
    a, b = TIER.get(old), TIER.get(new)
    cat = f["category"]
    if f["basis"] not in BASIS:
        yield "basis %r" % f["basis"]
        return
    move = "%s -> %s %s" % (old or "none", new or "none", BASIS[f["basis"]])
    if move not in f["detail"]:
        yield "detail lacks %r" % move
    want = {"plp_downgraded": a == 2 and b is not None and b < 2,
            "vus_upgraded": a == 1 and b == 2,
            "vus_downgraded": a == 1 and b == 0,
            "evidence_changed": a is None or b is None or b >= a,
            "new_candidate": bool(new) and f["basis"] == "previous",
            "left_candidates": bool(old),
            "second_hit": f["basis"] == "previous"}
    if cat not in want:
        yield "unknown category"
    elif not want[cat]:
        yield "%s with %s -> %s (%s)" % (cat, old or "none", new or "none", f["basis"])
    if not 1 <= f["priority"] <= 5:
        yield "priority %d" % f["priority"]


def main():
    con = sqlite3.connect(sys.argv[1])
    con.row_factory = sqlite3.Row
    rows = con.execute("SELECT * FROM flags ORDER BY id").fetchall()
    bad = 0
    per = collections.Counter((r["run"], r["sample"], r["variant"]) for r in rows)
    for k, n in sorted(per.items()):
        if n > 1:
            print("flags: run %d sample %s variant %s has %d flags" % (k + (n,)))
            bad += 1
    seen = collections.Counter()
    for r in rows:
        seen["%s:%s" % (r["category"], r["basis"])] += 1
        for p in problems(r):
            print("flag %d (%s %s %s): %s" % (r["id"], r["sample"], r["variant"], r["category"], p))
            bad += 1
    for k in sorted(seen):
        print("%s %d" % (k, seen[k]))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
