#!/usr/bin/env python3
"""Seed corpora for the fuzz targets, taken from the project's own inputs: examples/, the
tests' testdata and inline YAML/JSON (C++ raw strings), and the YAML examples of docs/rules/.
Written to OUT/<target>/, one file per input, named by content hash; nothing is committed.

    fuzz/seeds.py OUT
"""
import hashlib
import json
import pathlib
import re
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
RAW = re.compile(r'R"([^(\s]{0,16})\((.*?)\)\1"', re.S)
FENCE = re.compile(r"```ya?ml\n(.*?)```", re.S)
SET_CASE = re.compile(r'\{SetKind::\w+, "((?:[^"\\]|\\.)*)"')


def raw_strings(path):
    return [m.group(2) for m in RAW.finditer(path.read_text(errors="replace"))]


def yaml_blocks(path):
    return FENCE.findall(path.read_text(errors="replace"))


def as_json_list(text):
    """A YAML stream of Kubernetes objects as the JSON List a server or kubectl returns."""
    try:
        docs = [d for d in yaml.safe_load_all(text) if isinstance(d, dict)]
    except yaml.YAMLError:
        return None
    items = [d for d in docs if "kind" in d]
    if not items:
        return None
    return json.dumps({"kind": "List", "apiVersion": "v1", "items": items}, default=str)


def seeds():
    lint, kubeconfig, live, strvals = [], [], [], []
    for p in sorted(ROOT.glob("examples/*.yaml")):
        lint.append(p.read_text())
    for p in sorted(ROOT.glob("tests/**/testdata/**/values.yaml")):
        lint.append(p.read_text())
    for p in sorted(ROOT.glob("tests/rules/*.cpp")) + sorted(ROOT.glob("tests/e2e/*.cpp")):
        lint += raw_strings(p)
    for p in sorted(ROOT.glob("docs/rules/*.md")):
        blocks = yaml_blocks(p)
        (live if p.name.startswith("LIV") else lint).extend(blocks)
    for p in sorted(ROOT.glob("tests/kube/*.cpp")) + sorted(ROOT.glob("tests/kube-lab/*.cpp")):
        kubeconfig += [s for s in raw_strings(p) if "clusters" in s or "contexts" in s]
    for p in sorted(ROOT.glob("tests/live/*.cpp")):
        live += raw_strings(p)
    for p in sorted(ROOT.glob("tests/values/strvals_test.cpp")):
        strvals += [bytes(s, "utf-8").decode("unicode_escape") for s in SET_CASE.findall(p.read_text())]
    live = [j for j in (as_json_list(t) for t in live) if j]
    return {"lint": lint, "kubeconfig": kubeconfig, "live": live, "strvals": strvals}


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = pathlib.Path(sys.argv[1])
    for target, texts in seeds().items():
        d = out / target
        d.mkdir(parents=True, exist_ok=True)
        for text in texts:
            data = text.encode()
            (d / hashlib.sha1(data).hexdigest()).write_bytes(data)
        print(f"{target}: {len(list(d.iterdir()))} seeds in {d}")


if __name__ == "__main__":
    main()
