#!/usr/bin/env python3
"""check-layout: the tree shows the pipeline, and it stays a pipeline.

1. Stage order: a file under src/STAGE/ includes headers of its own stage or an earlier one,
   never a later one (order below, the same as docs/layout.md).
2. Includes are written from src/ ("sources/store.h"), so a header's stage is visible where
   it is used.
3. No include cycle between headers.
4. No link cycle: object A needing a symbol of object B while B (directly or through others)
   needs one of A means the two are one concept split in two, or a shared part wants a leaf.

Usage: check-layout.py [BUILD_DIR]   (link cycles are checked when BUILD_DIR/obj exists)
Prints one line per problem and "layout: N passed, N failed"; exits 1 on any problem."""
import os, re, subprocess, sys

ORDER = ["base", "variant", "input", "sources", "csq", "classify", "state", "run", "report", "cli"]
RANK = {s: i for i, s in enumerate(ORDER)}
INC = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
os.chdir(root)
problems, checks = [], 0

files = []
for d, _, fs in os.walk("src"):
    files += [os.path.join(d, f) for f in fs if f.endswith((".c", ".h"))]
files.sort()

graph = {}  # header/source path (relative to src) -> included paths
for path in files:
    rel = os.path.relpath(path, "src")
    stage = rel.split(os.sep)[0]
    text = open(path, encoding="utf-8", errors="replace").read()
    graph[rel] = []
    for lineno, m in ((text.count("\n", 0, m.start()) + 1, m) for m in INC.finditer(text)):
        inc = m.group(1)
        checks += 1
        if inc.endswith(".inc"):  # generated tables (build/gen)
            continue
        if "/" not in inc:
            problems.append(f"{path}:{lineno}: include \"{inc}\" is not written from src/ (stage/name.h)")
            continue
        target_stage = inc.split("/")[0]
        if target_stage not in RANK:
            problems.append(f"{path}:{lineno}: include \"{inc}\" names no stage folder")
            continue
        if stage in RANK and RANK[target_stage] > RANK[stage]:
            problems.append(f"{path}:{lineno}: {stage}/ includes the later stage {target_stage}/ (\"{inc}\")")
        if not os.path.exists(os.path.join("src", inc)):
            problems.append(f"{path}:{lineno}: include \"{inc}\" does not exist")
        graph[rel].append(inc)


def cycles(g):
    """Strongly connected components with more than one node (Tarjan, iterative)."""
    index, low, onstack, stack, out, n = {}, {}, set(), [], [], [0]
    for start in sorted(g):
        if start in index:
            continue
        work = [(start, iter(sorted(g.get(start, ()))))]
        index[start] = low[start] = n[0]; n[0] += 1; stack.append(start); onstack.add(start)
        while work:
            v, it = work[-1]
            w = next(it, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = n[0]; n[0] += 1; stack.append(w); onstack.add(w)
                    work.append((w, iter(sorted(g.get(w, ())))))
                elif w in onstack:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop(); onstack.discard(w); comp.append(w)
                    if w == v:
                        break
                if len(comp) > 1:
                    out.append(sorted(comp))
    return out


checks += 1
for comp in cycles(graph):
    problems.append("include cycle: " + " -> ".join(comp))

build = sys.argv[1] if len(sys.argv) > 1 else None
if build and os.path.isdir(os.path.join(build, "obj")):
    defined, undefined = {}, {}
    objs = []
    for d, _, fs in os.walk(os.path.join(build, "obj")):
        objs += [os.path.join(d, f) for f in fs if f.endswith(".o")]
    objs = [o for o in objs if os.path.exists(o.replace(os.path.join(build, "obj"), "src")[:-2] + ".c")
            and "/cli/" not in o]
    for o in sorted(objs):
        name = os.path.relpath(o, os.path.join(build, "obj"))[:-2]
        out = subprocess.run(["nm", "-g", o], capture_output=True, text=True).stdout
        undefined[name] = set()
        for line in out.splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[0] == "U":
                undefined[name].add(parts[1])
            elif len(parts) == 3 and parts[1] in "TDBRVWC":
                defined[parts[2]] = name
    links = {m: sorted({defined[s] for s in u if s in defined and defined[s] != m}) for m, u in undefined.items()}
    checks += 1
    for comp in cycles(links):
        problems.append("link cycle between objects: " + " <-> ".join(comp))

for p in problems:
    print(p)
print(f"layout: {checks - len(problems)} passed, {len(problems)} failed")
sys.exit(1 if problems else 0)
