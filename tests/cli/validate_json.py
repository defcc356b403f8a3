#!/usr/bin/env python3
"""validate_json.py SCHEMA FILE...: check each FILE against the JSON schema SCHEMA with the
Debian-packaged python3-jsonschema. Prints one line per error (path: message) and exits 1
when any file has an error, 2 when the schema itself is not a valid schema."""
import json
import sys

import jsonschema

schema = json.load(open(sys.argv[1]))
cls = jsonschema.validators.validator_for(schema)
try:
    cls.check_schema(schema)
except jsonschema.SchemaError as e:
    print(f"{sys.argv[1]}: not a valid schema: {e.message}")
    sys.exit(2)
bad = 0
for path in sys.argv[2:]:
    doc = json.load(open(path))
    # best_match descends into oneOf: the error names the field, not only the root
    for err in cls(schema).iter_errors(doc):
        e = jsonschema.exceptions.best_match([err])
        print(f"{path}: /{'/'.join(str(p) for p in e.absolute_path)}: {e.message[:200]}")
        bad += 1
sys.exit(1 if bad else 0)
