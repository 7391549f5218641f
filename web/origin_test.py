#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Fails when a file the page ships refers to another origin (ctest web_no_external_origin).

    origin_test.py WEB_DIR

The page promises that nothing typed into it leaves the browser and that it works offline, so
no shipped file (the HTML, scripts, style sheet, and the generated module and its loader) may
name an http(s) URL, a protocol-relative //host reference, or an @import.
"""
import pathlib
import re
import sys

SHIPPED = {".html", ".js", ".css", ".wasm"}
ABSOLUTE = re.compile(rb"(?i)\b(?:https?|wss?|ftp):\s*//")
# src="//host/x", href='//host', url(//host): a reference that borrows the page's scheme.
PROTOCOL_RELATIVE = re.compile(rb"""(?i)(?:\b(?:src|href|action)\s*=\s*["']?|url\(\s*["']?)//""")
IMPORT = re.compile(rb"(?i)@import\b")


def problems(path: pathlib.Path):
    data = path.read_bytes()
    checks = [(ABSOLUTE, "an absolute URL")]
    if path.suffix in {".html", ".css"}:
        checks += [(PROTOCOL_RELATIVE, "a protocol-relative reference"), (IMPORT, "an @import")]
    for pattern, what in checks:
        for match in pattern.finditer(data):
            line = data.count(b"\n", 0, match.start()) + 1
            snippet = data[match.start():match.start() + 60].split(b"\n")[0]
            yield f"{path.name}:{line}: {what}: {snippet.decode('utf-8', 'replace')}"


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    root = pathlib.Path(sys.argv[1])
    files = sorted(p for p in root.iterdir() if p.is_file() and p.suffix in SHIPPED)
    names = {p.name for p in files}
    missing = {"index.html", "cipherexplain.js", "cipherexplain.wasm"} - names
    if missing:
        print(f"{root}: missing {', '.join(sorted(missing))} (build first)")
        return 1
    found = [p for f in files for p in problems(f)]
    for p in found:
        print(p)
    if found:
        print(f"FAIL: {len(found)} reference(s) to another origin in {root}")
        return 1
    print(f"{len(files)} shipped files, no reference to another origin: {', '.join(sorted(names))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
