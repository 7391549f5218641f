#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Fails when a source file of the project lacks its SPDX identifier (ctest license_headers).

Source files are the tracked C++, Python, shell and CMake files; the copies of Debian's
configuration files under tests/configs/ keep their own licenses (NOTICE) and are exempt.
"""
import pathlib
import re
import subprocess
import sys

TAG = "SPDX-License-Identifier: Apache-2.0"
SOURCE = re.compile(r"\.(cpp|hpp|py|sh|cmake|in|def)$|(^|/)CMakeLists\.txt$|^\.ci/run$")


def main() -> int:
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    listed = subprocess.run(["git", "-C", str(root), "ls-files"], capture_output=True, text=True)
    if listed.returncode != 0:
        # A source tree without git (an unpacked tarball): check what is on disk.
        files = [str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()]
        files = [f for f in files if not f.startswith(("build", ".git/"))]
    else:
        files = listed.stdout.split()
    missing = []
    checked = 0
    for name in files:
        if name.startswith("tests/configs/") or not SOURCE.search(name):
            continue
        checked += 1
        with open(root / name, encoding="utf-8", errors="replace") as f:
            head = f.read(400)
        if TAG not in head:
            missing.append(name)
    for name in ["LICENSE", "NOTICE"]:
        if not (root / name).is_file():
            missing.append(name + " (the file itself)")
    if missing:
        print(f"{len(missing)} of {checked} source files lack '{TAG}' near the top:")
        for name in missing:
            print("  " + name)
        return 1
    print(f"{checked} source files carry '{TAG}'")
    return 0


if __name__ == "__main__":
    sys.exit(main())
