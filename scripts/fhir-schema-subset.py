#!/usr/bin/env python3
"""fhir-schema-subset.py FULL OUT: the part of HL7's FHIR R4 JSON schema that revus exports use.

FULL is HL7's combined schema (https://hl7.org/fhir/R4/fhir.schema.json, R4 4.0.1, 680
definitions, 2.8 MB). OUT keeps the definitions reachable from Bundle, DiagnosticReport,
Observation and Patient, with the "any resource" choice (ResourceList) narrowed to those
four resource types (a Bundle may hold Bundles), and every definition unchanged otherwise. Where FULL came from a
mirror that relaxed additionalProperties on Patient, Appointment and Encounter, the
official value (false) is restored."""
import json
import sys

ROOTS = ["Bundle", "DiagnosticReport", "Observation", "Patient"]
RESOURCES = ["Bundle", "DiagnosticReport", "Observation", "Patient"]

full = json.load(open(sys.argv[1]))
defs = full["definitions"]
for name in ("Patient", "Appointment", "Encounter"):
    defs[name]["additionalProperties"] = False
defs["ResourceList"] = {"oneOf": [{"$ref": "#/definitions/" + r} for r in RESOURCES]}

keep, todo = set(), list(ROOTS) + ["ResourceList"]
while todo:
    name = todo.pop()
    if name in keep:
        continue
    keep.add(name)
    stack = [defs[name]]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/definitions/"):
                todo.append(ref.split("/")[-1])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)

out = {
    "$schema": full["$schema"],
    "id": full["id"],
    "description": "SUBSET of " + full["id"] + " (HL7 FHIR R4 4.0.1, CC0) for revus exports: "
                   "the definitions reachable from Bundle, DiagnosticReport, Observation and Patient; "
                   "made by scripts/fhir-schema-subset.py, see test-data/exports/PROVENANCE.md",
    "oneOf": [{"$ref": "#/definitions/Bundle"}],
    "definitions": {k: defs[k] for k in sorted(keep)},
}
with open(sys.argv[2], "w") as f:
    json.dump(out, f, indent=1, sort_keys=True)
    f.write("\n")
print(f"{len(keep)} of {len(defs)} definitions kept", file=sys.stderr)
