#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The tool as installed to a prefix (ctest package_installed_cli).

Runs the installed cipherexplain from the prefix and from a moved copy of it (it is linked
with libcipherexplain.a, so it needs no library from the prefix wherever that is), compares its answer with the build tree's tool, reads every man page with `man -l` (one per
subcommand the tool's --help lists), sources the bash completion and asks it for a completion,
checks the zsh and fish scripts parse, and that the docs are installed.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

EXAMPLE = ["--color", "never", "DEFAULT:!3DES"]


def run(cmd, env=None, ok=(0,)):
    done = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, env=env)
    if done.returncode not in ok:
        raise SystemExit(f"{' '.join(map(str, cmd))}: exit {done.returncode}\n{done.stdout}{done.stderr}")
    return done.stdout


def check_tool(prefix: Path, args, expected: str, label: str):
    tool = prefix / args.bindir / "cipherexplain"
    env = {k: v for k, v in os.environ.items() if k != "LD_LIBRARY_PATH"}
    out = run([tool] + EXAMPLE, env=env)
    if out != expected:
        raise SystemExit(f"{label}: the installed tool answers differently from the build's")
    # The tool holds the library (linked statically): nothing to find at run time.
    loaded = run(["ldd", tool], env=env)
    if "libcipherexplain" in loaded or "not found" in loaded:
        raise SystemExit(f"{label}: the tool needs a library it may not find:\n{loaded}")
    print(f"{label}: runs, needs no libcipherexplain")


def subcommands(cli: Path):
    help_text = run([cli, "--help"])
    block = re.search(r"^(?:SUBCOMMANDS|Subcommands):\n((?:  .*\n|\n)*)", help_text, re.M)
    if not block:
        raise SystemExit("no subcommands in --help")
    return re.findall(r"^  ([a-z][a-z0-9-]*)", block.group(1), re.M)


def check_man(prefix: Path, args):
    man1 = prefix / args.mandir / "man1"
    pages = sorted(p.name for p in man1.glob("*.1.gz"))
    expected = sorted(["cipherexplain.1.gz"] + [f"cipherexplain-{s}.1.gz" for s in subcommands(Path(args.build_cli))])
    if pages != expected:
        raise SystemExit(f"man pages {pages}, expected {expected}")
    env = dict(os.environ, MANPAGER="cat", PAGER="cat", MANWIDTH="100", LC_ALL="C.UTF-8")
    main = run(["man", "-l", man1 / "cipherexplain.1.gz"], env=env)
    for needle in ["NAME", "cipherexplain - what an OpenSSL cipher string", "--openssl", "SEE ALSO",
                   "cipherexplain-lint(1)"]:
        if needle not in main:
            raise SystemExit(f"man cipherexplain lacks '{needle}'")
    lint = run(["man", "-l", man1 / "cipherexplain-lint.1.gz"], env=env)
    if "--root" not in lint or "cipherexplain-lint" not in lint:
        raise SystemExit("man cipherexplain-lint lacks the lint options")
    print(f"man: {len(pages)} pages read")


def check_completions(prefix: Path, args):
    data = prefix / args.datadir
    bash = data / "bash-completion/completions/cipherexplain"
    zsh = data / "zsh/vendor-completions/_cipherexplain"
    fish = data / "fish/vendor_completions.d/cipherexplain.fish"
    for f in (bash, zsh, fish):
        if not f.is_file():
            raise SystemExit(f"not installed: {f}")
    tool = prefix / args.bindir / "cipherexplain"
    # The completion asks the tool on PATH, as it would after a real install.
    env = dict(os.environ, PATH=f"{tool.parent}:{os.environ['PATH']}")
    script = f"""
source {bash}
spec=$(complete -p cipherexplain) || exit 3
echo "$spec"
func=$(sed -n 's/.*-F \\([^ ]*\\).*/\\1/p' <<<"$spec")
COMP_WORDS=(cipherexplain --opens); COMP_CWORD=1; COMP_LINE="cipherexplain --opens"
COMP_POINT=${{#COMP_LINE}}
"$func" cipherexplain --opens cipherexplain
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    out = run(["bash", "--norc", "--noprofile", "-c", script], env=env)
    if "complete" not in out.splitlines()[0] or "--openssl" not in out.splitlines()[1:]:
        raise SystemExit(f"bash completion of '--opens' did not offer --openssl:\n{out}")
    run(["zsh", "-n", zsh])
    run(["fish", "--no-execute", fish])
    print("completions: bash completes, zsh and fish parse")


def check_docs(prefix: Path, args):
    doc = prefix / args.docdir
    for name in ["README.md", "LICENSE", "NOTICE", "docs/architecture.md"]:
        if not (doc / name).is_file():
            raise SystemExit(f"not installed: {doc / name}")
    print(f"docs: {sum(1 for _ in doc.rglob('*.md'))} markdown files in {doc}")


def main() -> int:
    p = argparse.ArgumentParser()
    for name in ["prefix", "bindir", "libdir", "mandir", "datadir", "docdir", "build_cli", "work"]:
        p.add_argument("--" + name.replace("_", "-"), required=True)
    args = p.parse_args()
    prefix = Path(args.prefix)
    expected = run([args.build_cli] + EXAMPLE)

    check_tool(prefix, args, expected, "installed")
    moved = Path(args.work) / "moved-prefix"
    shutil.rmtree(moved.parent, ignore_errors=True)
    moved.parent.mkdir(parents=True)
    shutil.copytree(prefix, moved, symlinks=True)
    check_tool(moved, args, expected, "moved")
    check_man(prefix, args)
    check_completions(prefix, args)
    check_docs(prefix, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
