#!/usr/bin/env python3
"""Checks a krew plugin manifest the way krew's validate-krew-manifest does, from its rules
(krew internal/index/validation and cmd/validate-krew-manifest, v0.4.x), without Go:

  check_krew_manifest.py MANIFEST [--archive FILE] [--installed KREW_ROOT]

--archive: the manifest's sha256 is that file's. --installed: after `kubectl krew install`
into KREW_ROOT, a LICENSE-like file is among the installed files (validate-krew-manifest
installs every platform and requires one). Prints every problem; exit 1 if any.
"""
import argparse
import hashlib
import os
import re
import sys

import yaml

API_VERSION = "krew.googlecontainertools.github.com/v1alpha2"
WINDOWS_RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{i}" for p in ("com", "lpt") for i in range(1, 10)}
SUPPORTED = [("windows", a) for a in ("386", "amd64", "arm64")] + \
            [("linux", a) for a in ("386", "amd64", "arm", "arm64", "ppc64le")] + \
            [("darwin", a) for a in ("386", "amd64", "arm64")]
# apimachinery's ParseSemantic, behind krew's own "starts with v" rule.
SEMVER = re.compile(r"^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
                    r"(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$")
LICENSE_NAMES = {"license", "license.txt", "license.md", "licenses", "licenses.txt",
                 "licenses.md", "copying", "copying.txt"}


def selector_matches(selector, os_name, arch):
    labels = {"os": os_name, "arch": arch}
    for key, value in (selector.get("matchLabels") or {}).items():
        if labels.get(key) != value:
            return False
    for expr in selector.get("matchExpressions") or []:
        key, op, values = expr.get("key"), expr.get("operator"), expr.get("values") or []
        has = key in labels
        if op == "In" and not (has and labels[key] in values):
            return False
        if op == "NotIn" and has and labels[key] in values:
            return False
        if op == "Exists" and not has:
            return False
        if op == "DoesNotExist" and has:
            return False
    return True


def check_selector(selector, problems, where):
    if not isinstance(selector, dict):
        problems.append(f"{where}: nil selector is not supported")
        return
    labels, exprs = selector.get("matchLabels"), selector.get("matchExpressions")
    if labels is None and not exprs:
        problems.append(f"{where}: empty selector is not supported")
    keys = list((labels or {}).keys()) + [e.get("key") for e in exprs or []]
    for key in keys:
        if key not in ("os", "arch"):
            problems.append(f"{where}: selector key {key!r} not supported")
    if labels is not None and len(labels) == 0:
        problems.append(f"{where}: matchLabels specified but empty")
    if exprs is not None and len(exprs) == 0:
        problems.append(f"{where}: matchExpressions specified but empty")


def check_manifest(path):
    problems = []
    with open(path, encoding="utf-8") as f:
        plugin = yaml.safe_load(f)
    base = os.path.basename(path)
    if not base.endswith(".yaml"):
        problems.append(f"file name {base!r} must end in .yaml")
    name = base[:-len(".yaml")]
    if plugin.get("apiVersion") != API_VERSION:
        problems.append(f"apiVersion {plugin.get('apiVersion')!r}, want {API_VERSION}")
    if plugin.get("kind") != "Plugin":
        problems.append(f"kind {plugin.get('kind')!r}, want Plugin")
    if not re.fullmatch(r"[A-Za-z0-9_-]+", name, re.ASCII) or name.lower() in WINDOWS_RESERVED:
        problems.append(f"plugin name {name!r} is not allowed")
    if (plugin.get("metadata") or {}).get("name") != name:
        problems.append(f"metadata.name must be {name!r} (the file name)")
    spec = plugin.get("spec") or {}
    short = spec.get("shortDescription") or ""
    if not short:
        problems.append("spec.shortDescription is required")
    if "\n" in short or "\r" in short:
        problems.append("spec.shortDescription has a line break")
    version = spec.get("version") or ""
    if not SEMVER.match(str(version)):
        problems.append(f"spec.version {version!r} is not semver with a leading v")
    platforms = spec.get("platforms") or []
    if not platforms:
        problems.append("spec.platforms is empty")
    for i, p in enumerate(platforms):
        where = f"spec.platforms[{i}]"
        if not p.get("uri"):
            problems.append(f"{where}: uri has to be set")
        elif not (p["uri"].endswith(".tar.gz") or p["uri"].endswith(".zip")):
            problems.append(f"{where}: uri must be a .tar.gz or .zip")
        if not re.fullmatch(r"[a-f0-9]{64}", str(p.get("sha256") or "")):
            problems.append(f"{where}: sha256 {p.get('sha256')!r} must be 64 lowercase hex digits")
        if not p.get("bin"):
            problems.append(f"{where}: bin has to be set")
        files = p.get("files")
        if files is not None:
            if not files:
                problems.append(f"{where}: files has to be unspecified or non-empty")
            for op in files:
                if not op.get("from") or not op.get("to"):
                    problems.append(f"{where}: every files entry needs from and to")
        check_selector(p.get("selector"), problems, where)
        if isinstance(p.get("selector"), dict) and \
                not any(selector_matches(p["selector"], o, a) for o, a in SUPPORTED):
            problems.append(f"{where}: selector matches no supported os/arch")
    for o, a in SUPPORTED:
        matching = [i for i, p in enumerate(platforms)
                    if isinstance(p.get("selector"), dict) and selector_matches(p["selector"], o, a)]
        if len(matching) > 1:
            problems.append(f"platforms {matching} overlap on {o}/{a}")
    return plugin, problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("manifest")
    parser.add_argument("--archive")
    parser.add_argument("--installed")
    args = parser.parse_args()
    plugin, problems = check_manifest(args.manifest)
    if args.archive:
        with open(args.archive, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        for i, p in enumerate((plugin.get("spec") or {}).get("platforms") or []):
            if p.get("sha256") != digest:
                problems.append(f"spec.platforms[{i}].sha256 is not the archive's ({digest})")
    if args.installed:
        store = os.path.join(args.installed, "store")
        names = [n for _, _, files in os.walk(store) for n in files]
        if not any(n.lower() in LICENSE_NAMES for n in names):
            problems.append(f"no LICENSE-like file among the installed files {sorted(names)}")
    for problem in problems:
        print(f"krew manifest {args.manifest}: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
