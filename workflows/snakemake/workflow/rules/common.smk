# Helpers shared by the rules: paths of this cycle and the revus command line.

import os
import re
import shlex

RUN_TAG = config.get("run_tag", "latest")
OUT = os.path.join(config.get("results", "results"), RUN_TAG)
LOGS = os.path.join("logs", RUN_TAG)
BENCH = os.path.join("benchmarks", RUN_TAG)
SAMPLE_RE = r"[A-Za-z0-9._-]+"


wildcard_constraints:
    sample=SAMPLE_RE,


def revus_cmd():
    """revus with the home (and pipeline config) of this workflow, quoted for the shell."""
    parts = [config.get("revus", "revus"), "--home", config["home"]]
    if config.get("pipeline_config"):
        parts.extend(["--config", config["pipeline_config"]])
    return " ".join(shlex.quote(p) for p in parts)


def due_samples_from(plan_tsv):
    """Sample ids in the plan file written by the plan rule (column 'sample')."""
    wanted = set(config.get("samples", []))
    due = []
    with open(plan_tsv) as f:
        header = None
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if header is None:
                header = cols
                if "sample" not in header:
                    raise ValueError("%s: no 'sample' column in the header" % plan_tsv)
                continue
            s = cols[header.index("sample")]
            if not re.fullmatch(SAMPLE_RE, s):
                raise ValueError("%s: sample id %r cannot name a file" % (plan_tsv, s))
            if s not in due and (not wanted or s in wanted):
                due.append(s)
    return due


def shard_files(wildcards):
    plan_tsv = checkpoints.plan.get().output.tsv
    return [os.path.join(OUT, "shards", f"{s}.shard") for s in due_samples_from(plan_tsv)]


def report_outputs():
    return [os.path.join(OUT, "flags.tsv"), *report_files()]


def report_formats():
    return config.get("report", {}).get("formats", ["tsv", "html"])


def report_files():
    return [os.path.join(OUT, f"report.{f}") for f in report_formats()]
