# config.smk: read the configuration: booleans given as words on the command line, then the
# schema (defaults filled in, a bad value stops the workflow before any job runs).
import os

import yaml
from snakemake.utils import validate


def _booleans_from_words(node, schema):
    """Snakemake passes --config values as text: --config fetch='{enabled: false}' gives
    {'enabled': 'false'}. Where the schema wants a boolean, read YAML's words for one."""
    words = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}
    for key, sub in schema.get("properties", {}).items():
        if not isinstance(node, dict) or key not in node:
            continue
        if sub.get("type") == "boolean" and isinstance(node[key], str) and node[key].lower() in words:
            node[key] = words[node[key].lower()]
        elif sub.get("type") == "object":
            _booleans_from_words(node[key], sub)


with open(os.path.join(workflow.basedir, "schemas", "config.schema.yaml")) as _f:
    _booleans_from_words(config, yaml.safe_load(_f))
validate(config, schema="../schemas/config.schema.yaml")
