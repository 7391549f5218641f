#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Validates `cipherexplain lint --format sarif` output against the SARIF 2.1.0 schema
(tests/data/sarif-schema-2.1.0.json, OASIS) and what GitHub code scanning needs on top of it:
rules with security-severity, results whose ruleId/ruleIndex name a rule, repository-relative
URIs, 1-based regions and a partial fingerprint.

Usage: check-sarif.py --cli CLI --schema SCHEMA -- LINT-ARGS...
Runs `CLI lint --format sarif LINT-ARGS...` in the current directory and exits 1 on a problem.
"""
import argparse
import json
import subprocess
import sys

import jsonschema


def problems(doc):
    out = []
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    if len(set(ids)) != len(ids):
        out.append("rule ids are not unique")
    for r in rules:
        score = float(r["properties"]["security-severity"])
        if not 0.0 <= score <= 10.0:
            out.append(f"rule {r['id']}: security-severity {score} outside 0-10")
    if not run["results"]:
        out.append("no results (the test input has findings)")
    for res in run["results"]:
        if res["ruleId"] not in ids or ids[res["ruleIndex"]] != res["ruleId"]:
            out.append(f"result names rule {res['ruleId']} at index {res['ruleIndex']}")
        for loc in res.get("locations", []):
            art = loc["physicalLocation"]["artifactLocation"]
            if art["uri"].startswith("/") or "\\" in art["uri"]:
                out.append(f"uri {art['uri']} is not a relative URI reference")
            region = loc["physicalLocation"].get("region")
            if region and (region["startLine"] < 1 or region["startColumn"] < 1):
                out.append(f"region {region} is not 1-based")
        if res.get("locations") and "partialFingerprints" not in res:
            out.append("a located result has no partialFingerprints")
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--schema", required=True)
    ap.add_argument("args", nargs="*")
    a = ap.parse_args()
    p = subprocess.run([a.cli, "lint", "--format", "sarif", *a.args], capture_output=True,
                       text=True)
    if p.returncode not in (0, 1, 3):
        print(f"lint exited {p.returncode}: {p.stderr}", file=sys.stderr)
        return 1
    doc = json.loads(p.stdout)
    with open(a.schema, encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft4Validator(schema)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
    for e in errors[:20]:
        print(f"schema: {'/'.join(map(str, e.path))}: {e.message}", file=sys.stderr)
    extra = problems(doc)
    for m in extra:
        print(f"github: {m}", file=sys.stderr)
    if errors or extra:
        return 1
    print(f"valid SARIF 2.1.0: {len(doc['runs'][0]['results'])} results")
    return 0


if __name__ == "__main__":
    sys.exit(main())
