#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Checks the include rules of docs/architecture.md (ctest: layering).

    scripts/check-layers.py [ROOT]     check the tree at ROOT (default: this checkout)
    scripts/check-layers.py --self-test  show that each rule catches a violation

The rules come from the two tables in docs/architecture.md, between <!-- layers:begin/end -->
and <!-- headers:begin/end -->, so the document and the check cannot drift apart.
"""

import re
import shutil
import sys
import tempfile
from pathlib import Path

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)
# The library reports through return values; a front end prints and exits.
PRINTS_OR_EXITS = re.compile(
    r'\b(std::cout|std::cerr|std::clog|printf|fprintf|puts|fputs|fmt::print|std::exit|exit|abort|_Exit|quick_exit)\s*\(|\bstd::(cout|cerr|clog)\b')


def table_rows(doc, name):
    match = re.search(rf"<!-- {name}:begin -->(.*?)<!-- {name}:end -->", doc, re.S)
    if not match:
        raise SystemExit(f"docs/architecture.md: no <!-- {name}:begin --> table")
    rows = []
    for line in match.group(1).splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 2 or not cells[0].startswith("`"):
            continue
        rows.append(cells)
    return rows


def names_in(cell):
    return [n.strip("/") for n in re.findall(r"`([^`]+)`", cell)]


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r"//[^\n]*", "", text)
    return re.sub(r'"(?:[^"\\\n]|\\.)*"', '""', text)


def check(root):
    root = Path(root)
    doc = (root / "docs" / "architecture.md").read_text()
    allowed = {}
    for cells in table_rows(doc, "layers"):
        folder = names_in(cells[0])[0]
        allowed[folder] = set(names_in(cells[-1])) | {folder}
    header_folder = {}
    for cells in table_rows(doc, "headers"):
        folder = names_in(cells[0])[0]
        for header in names_in(cells[1]):
            header_folder[header] = folder

    problems = []
    lib = root / "lib"
    folders = {p.name for p in lib.iterdir() if p.is_dir()}
    for f in sorted(folders - set(allowed)):
        problems.append(f"lib/{f}/: no row in the layers table of docs/architecture.md")
    for f in sorted(set(allowed) - folders):
        problems.append(f"docs/architecture.md names lib/{f}/, which does not exist")
    for f in sorted(folders):
        if not (lib / f / "README.md").is_file():
            problems.append(f"lib/{f}/: no README.md saying what lives there")
    for p in sorted(lib.iterdir()):
        if p.is_file() and p.suffix in (".cpp", ".hpp"):
            problems.append(f"{p.relative_to(root)}: source files live in a folder of lib/")

    public = root / "include" / "cipherexplain"
    for p in sorted(public.iterdir()):
        name = p.name.removesuffix(".in")
        if name not in header_folder:
            problems.append(f"include/cipherexplain/{p.name}: no folder in the headers table")

    def check_file(path, folder):
        rel = path.relative_to(root)
        text = path.read_text(errors="replace")
        for kind, target in INCLUDE.findall(text):
            if kind == '"':
                if "/" not in target:
                    problems.append(f'{rel}: include "{target}" without its folder')
                    continue
                to = target.split("/")[0]
                if not (lib / target).is_file():
                    problems.append(f'{rel}: include "{target}" names no file of lib/')
                    continue
            elif target.startswith("cipherexplain/"):
                to = header_folder.get(target.split("/", 1)[1])
                if to is None:
                    continue  # reported above, as a header without a folder
            elif target.startswith("tao/pegtl"):
                if rel.as_posix() != "lib/syntax/grammar.hpp":
                    problems.append(f"{rel}: only lib/syntax/grammar.hpp includes PEGTL")
                continue
            else:
                continue
            if folder in allowed and to not in allowed[folder]:
                problems.append(f"{rel}: {folder}/ may not include {to}/ ({target})")

    for path in sorted(lib.rglob("*")):
        if path.suffix not in (".cpp", ".hpp"):
            continue
        folder = path.relative_to(lib).parts[0]
        check_file(path, folder)
        for m in PRINTS_OR_EXITS.finditer(strip_comments(path.read_text(errors="replace"))):
            problems.append(f"{path.relative_to(root)}: the library never prints or exits ({m.group(0).strip()})")
    for path in sorted(public.iterdir()):
        folder = header_folder.get(path.name.removesuffix(".in"))
        if folder is not None:
            check_file(path, folder)

    # The front ends: the CLI, the Python bindings and the page's module use the public API only.
    for folder, name in (("tools", "the CLI"), ("python/src", "the Python module"),
                         ("web", "the page's module")):
        for path in sorted((root / folder).rglob("*")):
            if path.suffix not in (".cpp", ".hpp"):
                continue
            for kind, target in INCLUDE.findall(path.read_text(errors="replace")):
                if kind == '"' and not (path.parent / target).is_file():
                    problems.append(f'{path.relative_to(root)}: {name} includes "{target}", which is not its own; it uses the public API only')
    return problems


def self_test():
    """Copies the tree, breaks each rule once, and expects the check to say so."""
    here = Path(__file__).resolve().parent.parent
    cases = [
        ("lib/engine/rule_loop.cpp", '#include "explain/findings_collector.hpp"\n',
         "engine/ may not include explain/"),
        ("lib/engine/rule_loop.cpp", "#include <cipherexplain/rating.hpp>\n",
         "engine/ may not include explain/ (cipherexplain/rating.hpp)"),
        ("lib/text/line_index.cpp", '#include "syntax/grammar.hpp"\n', "text/ may not include syntax/"),
        ("lib/engine/rule_loop.cpp", "#include <tao/pegtl.hpp>\n", "only lib/syntax/grammar.hpp includes PEGTL"),
        ("lib/engine/rule_loop.cpp", '#include "list_state.hpp"\n', "without its folder"),
        ("lib/explain/rating.cpp", "void f() { std::puts(\"x\"); }\n", "never prints or exits"),
        ("tools/cipherexplain/main.cpp", '#include "engine/prepared_release.hpp"\n', "public API only"),
        ("python/src/module.cpp", '#include "policy/preset_data.hpp"\n', "public API only"),
        ("web/cipherexplain_web.cpp", '#include "report/json_writer.hpp"\n', "public API only"),
        ("include/cipherexplain/cipher.hpp", "#include <cipherexplain/json.hpp>\n",
         "catalog/ may not include report/"),
    ]
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for path, line, expected in cases + [("lib/newfolder/x.cpp", "", "lib/newfolder/: no row")]:
            copy = Path(tmp) / "tree"
            if copy.exists():
                shutil.rmtree(copy)
            for part in ("docs", "lib", "include", "tools", "python", "web"):
                shutil.copytree(here / part, copy / part)
            target = copy / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(line + (target.read_text() if target.exists() else ""))
            problems = check(copy)
            if not any(expected in p for p in problems):
                print(f"self-test: adding {line.strip()!r} to {path} was not reported as '{expected}'; got {problems}")
                failures += 1
    if check(here):
        print("self-test: the unmodified tree has problems; run the check without --self-test")
        failures += 1
    print(f"self-test: {len(cases) + 1 - failures} of {len(cases) + 1} violations caught")
    return 1 if failures else 0


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent
    problems = check(root)
    for p in problems:
        print(p)
    print(f"{len(problems)} problem(s) with the include rules of docs/architecture.md" if problems
          else "the include rules of docs/architecture.md hold")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
