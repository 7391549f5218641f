#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The shared library's ABI surface (ctest package_exports).

Checks that libcipherexplain.so carries the SONAME libcipherexplain.so.<ABI>, that its dynamic
symbol table exports nothing but the public API (namespace cipherexplain, outside detail and
grammar; no fmt, PEGTL or standard-library instantiation), and that it exports every strong
definition of the public API the static archive holds, so a declaration missing its
CIPHEREXPLAIN_API is caught even when no test program calls it.

Usage: check_exports.py SHARED_LIBRARY STATIC_ARCHIVE ABI_VERSION
"""
import re
import subprocess
import sys

PUBLIC = re.compile(r"^(typeinfo for |typeinfo name for |vtable for )?cipherexplain::")
INTERNAL = re.compile(r"^(typeinfo for |typeinfo name for |vtable for )?cipherexplain::(detail|grammar)::"
                      r"|\(anonymous namespace\)")


def run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def public_api(name: str) -> bool:
    return bool(PUBLIC.match(name)) and not INTERNAL.search(name)


def symbols(lines: str, kinds: str) -> set[str]:
    found = set()
    for line in lines.splitlines():
        parts = line.split(" ", 2)
        if len(parts) == 3 and parts[1] in kinds:
            # nm -D appends the version node: name@@CIPHEREXPLAIN_0.
            found.add(re.sub(r"@@?[A-Za-z0-9_.]+$", "", parts[2]))
    return found


def main() -> int:
    shared, archive, abi = sys.argv[1:4]
    problems = []

    dynamic = run("readelf", "-d", shared)
    soname = re.search(r"\(SONAME\)\s+Library soname: \[([^\]]+)\]", dynamic)
    want = f"libcipherexplain.so.{abi}"
    if not soname or soname.group(1) != want:
        problems.append(f"SONAME is {soname.group(1) if soname else 'missing'}, expected {want}")

    exported = symbols(run("nm", "-D", "-C", "--defined-only", shared), "TDBRVWuiG")
    outside = sorted(s for s in exported if not public_api(s))
    if outside:
        problems.append(f"{len(outside)} exported symbols outside the public API, e.g.:")
        problems += ["  " + s for s in outside[:25]]

    # Strong public definitions in the archive (inline functions are weak and not exported).
    listing = run("nm", "-C", "--defined-only", archive)
    # Weak objects are inline variables, except the virtual tables and type information of
    # classes, which a consumer deriving from or catching them needs.
    defined = symbols(listing, "TDBR") | {
        s for s in symbols(listing, "V") if s.startswith(("vtable for", "typeinfo"))}
    # UBSan's -fsanitize=function (Clang) emits type information for function types, e.g.
    # "typeinfo for cipherexplain::diagnostic (cipherexplain::diagnostic_code, ...)": no API.
    defined = {s for s in defined if not (s.startswith("typeinfo") and s.endswith(")"))}
    missing = sorted(s for s in defined if public_api(s) and s not in exported)
    if missing:
        problems.append(f"{len(missing)} public definitions not exported (CIPHEREXPLAIN_API "
                        "missing in include/cipherexplain/?):")
        problems += ["  " + s for s in missing[:40]]

    if problems:
        print("\n".join(problems))
        return 1
    public = sum(1 for s in exported if public_api(s))
    print(f"{want}: exports {public} public symbols and nothing else; "
          f"all {sum(1 for s in defined if public_api(s))} public definitions of the archive are exported")
    return 0


if __name__ == "__main__":
    sys.exit(main())
