#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Fails when the page's module outgrows its budget (ctest web_wasm_size).

    size_test.py MODULE.wasm LIMIT_BYTES

The budget is issue 18's "the .wasm <= 1 MB uncompressed", read strictly as 1,000,000 bytes.
"""
import gzip
import pathlib
import sys


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    module = pathlib.Path(sys.argv[1])
    limit = int(sys.argv[2])
    if not module.is_file():
        print(f"{module}: missing (build the cipherexplain_web target)")
        return 1
    data = module.read_bytes()
    size = len(data)
    packed = len(gzip.compress(data, 9))
    script = module.with_suffix(".js")
    script_size = script.stat().st_size if script.is_file() else 0
    print(f"{module.name}: {size:,} bytes (gzip -9: {packed:,}), budget {limit:,}, "
          f"{limit - size:,} left; {script.name}: {script_size:,} bytes")
    if size > limit:
        print(f"FAIL: {module.name} is {size - limit:,} bytes over the budget")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
