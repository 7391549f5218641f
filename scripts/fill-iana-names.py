#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Fills the IANA names OpenSSL's tables lack into the catalogs, from the IANA registry.

    scripts/fill-iana-names.py            fill catalogs/*/ciphers.tsv (idempotent)
    scripts/fill-iana-names.py --check    exit 1 if a catalog lacks a name the registry has

Releases before 1.1.1 have no IANA names in their tables; extract-openssl-catalog.py gives them
1.1.1w's for the same code point, which leaves the suites 1.1.1 dropped (fixed DH/ECDH, KRB5,
EXPORT, ...) without one. This takes those from catalogs/iana-cipher-suites.tsv (the IANA TLS
Cipher Suites registry) and, in the catalogs that gain names, adds a column stdname_from: 'iana'
for those rows, '-' = the extraction (OpenSSL's table, or 1.1.1w's for the same id).
Run it after extract-openssl-catalog.py.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = ROOT / "catalogs" / "iana-cipher-suites.tsv"
NOTE = ("# stdname_from: iana = the IANA registry's name (catalogs/iana-cipher-suites.tsv, by "
        "scripts/fill-iana-names.py) where OpenSSL_1_1_1w has none; '-' = as extracted")


def registry():
    names = {}
    for line in REGISTRY.read_text().splitlines():
        if not line or line.startswith("#") or line.startswith("code\t"):
            continue
        code, name = line.split("\t")[:2]
        names[int(code, 16)] = name
    return names


def lines_header(lines):
    for line in lines:
        if line and not line.startswith("#"):
            return line.split("\t")
    return []


def fill(path, names):
    """The file's new text, and how many names it gained."""
    lines = path.read_text().split("\n")
    out, header, added = [], None, 0
    for line in lines:
        if not line or line.startswith("#"):
            out.append(line)
            continue
        cells = line.split("\t")
        if header is None:
            if NOTE not in lines:
                out.append(NOTE)
            header = cells
            if "stdname_from" not in header:
                header = header + ["stdname_from"]
            out.append("\t".join(header))
            continue
        row = dict(zip(header, cells + ["-"] * (len(header) - len(cells))))
        ident = int(row["id"], 16)
        if row["stdname"] == "-" and row["table"] == "ssl3" and ident >> 16 == 0x0300 and (ident & 0xffff) in names:
            row["stdname"] = names[ident & 0xffff]
            row["stdname_from"] = "iana"
            added += 1
        out.append("\t".join(row[h] for h in header))
    if added == 0 and "stdname_from" not in lines_header(lines):
        return path.read_text(), 0  # nothing to mark: the file stays as extracted
    return "\n".join(out), added


def main():
    check = sys.argv[1:] == ["--check"]
    names = registry()
    missing = 0
    for path in sorted((ROOT / "catalogs").glob("*/ciphers.tsv")):
        text, added = fill(path, names)
        if check:
            if text != path.read_text():
                print(f"{path.relative_to(ROOT)}: {added} IANA name(s) missing or no stdname_from column; run scripts/fill-iana-names.py")
                missing += 1
        elif text != path.read_text():
            path.write_text(text)
            print(f"{path.relative_to(ROOT)}: {added} IANA name(s) filled")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
