#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Checks that README.md's example outputs are what the real programs print (ctest: readme).

    scripts/check-readme.py --cli build/cipherexplain --example build/tests/readme-example README.md
    scripts/check-readme.py ... --update README.md     # rewrite the outputs from the programs

Every fenced block whose first line is "$ COMMAND" holds the command's output below it
(variable assignments before the program, such as COLUMNS=120, are its environment):
"build/cipherexplain" runs the CLI, "./readme-example" the README's C++ program. Arguments are
split as a POSIX shell would (quotes); stdout is compared byte for byte, nothing may go to
stderr, and the exit status must be 0 or 1 (OpenSSL accepts or rejects the string).
"""

import argparse
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

BLOCK = re.compile(r"^```[a-z]*\n(\$ [^\n]*)\n(.*?)^```\n", re.S | re.M)


def run(command, programs):
    words = shlex.split(command[2:], comments=True)
    env = dict(os.environ)
    env.pop("COLUMNS", None)
    while words and "=" in words[0] and not words[0].startswith(("/", ".")):
        name, value = words.pop(0).split("=", 1)  # VAR=value before the program, as a shell reads it
        env[name] = value
    program = programs.get(words[0])
    if program is None:
        raise SystemExit(f"README.md: no program for '{words[0]}' in: {command}")
    proc = subprocess.run([program] + words[1:], capture_output=True, env=env)
    return proc.returncode, proc.stdout.decode(), proc.stderr.decode()


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cli", required=True)
    parser.add_argument("--example", required=True)
    parser.add_argument("--update", action="store_true")
    parser.add_argument("readme")
    args = parser.parse_args()
    programs = {"build/cipherexplain": args.cli, "./readme-example": args.example}
    path = Path(args.readme)
    text = path.read_text()
    problems = []
    checked = 0

    def replace(match):
        nonlocal checked
        command, expected = match.group(1), match.group(2)
        status, out, err = run(command, programs)
        checked += 1
        if err:
            problems.append(f"{command}: wrote to stderr: {err}")
        if status not in (0, 1):
            problems.append(f"{command}: exit status {status}")
        if out != expected:
            problems.append(f"{command}: the README shows\n{expected}but the program prints\n{out}")
        return match.group(0).replace(f"{command}\n{expected}", f"{command}\n{out}", 1)

    updated = BLOCK.sub(replace, text)
    if args.update:
        path.write_text(updated)
        print(f"updated {checked} example(s) in {path}")
        return 0
    for p in problems:
        print(p)
    print(f"{checked} example(s) checked, {len(problems)} problem(s)")
    return 1 if problems or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
