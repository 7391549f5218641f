#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The generated shell completions, run in the real shells.

Each expectation is read from the CLI itself (its --help, `versions --format json`, `preset list
--format json`), so a script that drops a subcommand, a release or a preset fails here, and so
does one that offers what the CLI does not know. bash: scripted completion requests against the
registered function, with and without bash-completion loaded. zsh: a syntax check and real
completions in a pseudo-terminal (zpty). fish: a syntax check and `complete -C`.

usage: check_completions.py --cli PATH --completions DIR
Exit status 0 all passed, 1 a check failed, 77 a shell is missing (and nothing failed).
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

BASH_COMPLETION = "/usr/share/bash-completion/bash_completion"
failures = []
missing = []


def check(condition, what, detail=""):
    if condition:
        print(f"ok   {what}")
    else:
        print(f"FAIL {what}{': ' + detail if detail else ''}")
        failures.append(what)


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, timeout=120, **kw)


CLI_PATH = []


def accepted(args, ok=(0,)):
    """Whether the tool takes these arguments (its exit status is in `ok`)."""
    return run([CLI_PATH[0], "--color", "never"] + args).returncode in ok


def shown(items, limit=12):
    items = sorted(items)
    return " ".join(items[:limit]) + (f" ... ({len(items)})" if len(items) > limit else "")


class Known:
    """What the CLI says it has."""

    def __init__(self, cli):
        help_text = run([cli, "--help"]).stdout
        section = help_text.split("Subcommands:", 1)[1] if "Subcommands:" in help_text else ""
        self.subcommands = set(re.findall(r"^  ([a-z][a-z0-9-]*) {2,}", section, re.M))
        versions = json.loads(run([cli, "versions", "--format", "json"]).stdout)
        self.releases = {v["release"] for v in versions} | {v["series"] for v in versions}
        self.releases |= {"latest", "system", "all"}
        presets = json.loads(run([cli, "preset", "list", "--format", "json"]).stdout)
        self.preset_names = {p["name"] for f in presets["families"] for p in f["presets"]}
        self.families = {f["family"] for f in presets["families"]}
        # The codes --hide takes, as the tool names them when refusing one it does not know.
        refusal = run([cli, "--hide", "no-such-code", "HIGH"]).stderr
        listed = refusal.split("the codes are ", 1)[1].splitlines()[0] if "the codes are " in refusal else ""
        self.codes = {c.strip() for c in listed.split(",") if c.strip()}
        lint_help = run([cli, "lint", "--help"]).stdout
        # Options lint has and the default command has not: they must not be offered before it.
        self.lint_only = help_options(lint_help) - help_options(help_text)


def help_options(help_text):
    """The long options an --help lists in its option table."""
    return set(re.findall(r"^  (?:-\w,)?(--[a-z][a-z0-9-]*)", help_text, re.M))


# --- bash ----------------------------------------------------------------------------------

BASH_DRIVER = r"""
request() {
    COMP_WORDS=("$@")
    COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
    COMP_LINE="${COMP_WORDS[*]}"
    COMP_POINT=${#COMP_LINE}
    COMPREPLY=()
    local spec function
    spec=$(complete -p cipherexplain) || return 1
    function=${spec#*-F }
    function=${function%% *}
    "$function" cipherexplain "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
    printf '%s\n' "${COMPREPLY[@]}"
}
"""


def bash_requests(script, requests, with_bash_completion):
    """COMPREPLY for each request (a list of words, the last being completed)."""
    lines = []
    if with_bash_completion:
        lines.append(f"source {BASH_COMPLETION}")
    lines += [f"source '{script}'", "complete -p cipherexplain", "echo @@", BASH_DRIVER]
    for words in requests:
        quoted = " ".join("'" + w.replace("'", "'\\''") + "'" for w in words)
        lines.append(f"request {quoted}; echo @@")
    result = run(["bash", "--norc", "--noprofile", "-c", "\n".join(lines)])
    parts = result.stdout.split("@@\n")
    registration = parts[0]
    replies = [set(filter(None, p.split("\n"))) for p in parts[1:-1]]
    return registration, replies, result.stderr


def check_bash(script, known, tmp):
    target = os.path.join(tmp, "ciphers-list.txt")
    open(target, "w").close()
    requests = {
        "subcommands": ["cipherexplain", ""],
        "--op": ["cipherexplain", "--op"],
        "--openssl 3.": ["cipherexplain", "--openssl", "3."],
        "--openssl = 3.": ["cipherexplain", "--openssl", "=", "3."],
        "--openssl 1.1.1,3.": ["cipherexplain", "--openssl", "1.1.1,3."],
        "preset show": ["cipherexplain", "preset", "show", ""],
        "preset timeline": ["cipherexplain", "preset", "timeline", ""],
        "--format": ["cipherexplain", "--format", ""],
        "lint --format": ["cipherexplain", "lint", "--format", ""],
        "lint --": ["cipherexplain", "lint", "--"],
        "--": ["cipherexplain", "--"],
        "shared then lint --": ["cipherexplain", "--openssl", "3.0", "lint", "--"],
        "--file": ["cipherexplain", "--file", os.path.join(tmp, "ciphers-")],
        "lint PATH": ["cipherexplain", "lint", os.path.join(tmp, "ciphers-")],
        "completions": ["cipherexplain", "completions", ""],
        "negotiate --client": ["cipherexplain", "negotiate", "--client", ""],
        "--min-protocol": ["cipherexplain", "--min-protocol", ""],
        "--protocols TLSv1.2,": ["cipherexplain", "--protocols", "TLSv1.2,"],
        "--hide": ["cipherexplain", "--hide", ""],
        "--why ECDHE-RSA-AES128-GCM": ["cipherexplain", "--why", "ECDHE-RSA-AES128-GCM"],
    }
    threes = {r for r in known.releases if r.startswith("3.")}
    for with_bc in (False, True):
        mode = "bash with bash-completion" if with_bc else "bash --norc"
        if with_bc and not os.path.exists(BASH_COMPLETION):
            missing.append(BASH_COMPLETION)
            continue
        registration, replies, errors = bash_requests(script, requests.values(), with_bc)
        check(re.search(r"^complete .*-F \S+ cipherexplain$", registration, re.M) is not None,
              f"{mode}: complete -p cipherexplain registers a function", registration + errors)
        if len(replies) != len(requests):
            check(False, f"{mode}: every request answered", errors)
            continue
        r = dict(zip(requests.keys(), replies))
        check(r["subcommands"] == known.subcommands and
              {"negotiate", "lint", "versions", "completions"} <= r["subcommands"],
              f"{mode}: cipherexplain <TAB> offers exactly the subcommands of --help",
              f"got {shown(r['subcommands'])}, want {shown(known.subcommands)}")
        check(r["--op"] == {"--openssl"}, f"{mode}: --op<TAB> is --openssl", shown(r["--op"]))
        for key in ("--openssl 3.", "--openssl = 3."):
            check(r[key] == threes and "3.0" in r[key],
                  f"{mode}: {key}<TAB> offers the 3.x releases and series `versions` lists",
                  f"got {shown(r[key])}, want {shown(threes)}")
        check(r["--openssl 1.1.1,3."] == {"1.1.1," + x for x in threes},
              f"{mode}: --openssl 1.1.1,3.<TAB> completes the word after the comma",
              shown(r["--openssl 1.1.1,3."]))
        check(known.preset_names <= r["preset show"] and
              all(any(n == f or n.startswith(f + "-") for f in known.families)
                  for n in r["preset show"]),
              f"{mode}: preset show <TAB> offers every preset of `preset list`, and only presets",
              f"missing {shown(known.preset_names - r['preset show'])}")
        check(r["preset timeline"] == known.families,
              f"{mode}: preset timeline <TAB> offers the families", shown(r["preset timeline"]))
        check(r["--format"] == {"text", "json"}, f"{mode}: --format <TAB> is text, json",
              shown(r["--format"]))
        check("sarif" in r["lint --format"], f"{mode}: lint --format <TAB> offers sarif",
              shown(r["lint --format"]))
        check(known.lint_only and known.lint_only <= r["lint --"],
              f"{mode}: lint --<TAB> offers lint's own options ({shown(known.lint_only)})",
              shown(r["lint --"]))
        check(not (known.lint_only & r["--"]) and "--openssl" in r["--"],
              f"{mode}: cipherexplain --<TAB> offers its options but not lint's",
              shown(known.lint_only & r["--"]))
        check(known.lint_only <= r["shared then lint --"],
              f"{mode}: --openssl 3.0 lint --<TAB> is lint's, the shared option stepped over",
              shown(r["shared then lint --"]))
        check(target in r["--file"], f"{mode}: --file completes a file", shown(r["--file"]))
        check(target in r["lint PATH"], f"{mode}: lint PATH completes a file",
              shown(r["lint PATH"]))
        check(r["completions"] == {"bash", "zsh", "fish"},
              f"{mode}: completions <TAB> is bash, zsh, fish", shown(r["completions"]))
        check(known.preset_names <= r["negotiate --client"],
              f"{mode}: negotiate --client <TAB> offers presets")
        check({"TLSv1.2", "TLSv1.3"} <= r["--min-protocol"] and
              all(accepted(["--min-protocol", v, "HIGH"]) for v in r["--min-protocol"]),
              f"{mode}: --min-protocol <TAB> offers versions the tool accepts",
              shown(r["--min-protocol"]))
        check(r["--protocols TLSv1.2,"] == {"TLSv1.2," + v for v in r["--min-protocol"]},
              f"{mode}: --protocols TLSv1.2,<TAB> completes the version after the comma",
              shown(r["--protocols TLSv1.2,"]))
        check(r["--hide"] == known.codes and "unknown-name" in r["--hide"],
              f"{mode}: --hide <TAB> offers exactly the codes the tool names",
              f"got {shown(r['--hide'])}, want {shown(known.codes)}")
        why = r["--why ECDHE-RSA-AES128-GCM"]
        check("ECDHE-RSA-AES128-GCM-SHA256" in why and
              all(accepted(["--why", n, "HIGH"], ok=(0, 1)) for n in why),
              f"{mode}: --why ECDHE-RSA-AES128-GCM<TAB> offers suite names", shown(why))


# --- zsh -----------------------------------------------------------------------------------

# Types each request into an interactive zsh in a pseudo-terminal and records what compadd was
# given, after its own filtering by the prefix (the -A array), one file per request.
ZSH_DRIVER = r"""
zmodload zsh/zpty || exit 3
dir=$1 out=$2; shift 2
zpty z 'zsh -f -i'
zpty -w z "fpath=(${(q)dir} \$fpath); autoload -U compinit; compinit -u -D"
zpty -w z "unsetopt beep; PS1='> '"
zpty -w z 'compadd() { if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return; fi; local -a __hits; builtin compadd -A __hits "$@"; local r=$?; (( $#__hits )) && print -rl -- $__hits >> $__CAPTURE; builtin compadd "$@"; return r }'
zpty -w z 'cipherexplain() { :; }'
wait_for() {
  for t in {1..150}; do
    [[ -f $1 ]] && grep -q __END__ $1 && return 0
    sleep 0.1
    while zpty -r -t z chunk; do :; done
  done
  return 1
}
zpty -w z "print __END__ > ${(q)out}.0"
wait_for $out.0
i=0
for q in "$@"; do
  (( i++ ))
  zpty -w z "__CAPTURE=${(q)out}.$i"
  zpty -n -w z "$q"$'\t'
  zpty -n -w z $'\C-u'
  zpty -w z "print __END__ >> ${(q)out}.$i"
  wait_for $out.$i
done
zpty -d z
"""


def check_zsh(script, known, tmp):
    if shutil.which("zsh") is None:
        missing.append("zsh")
        return
    syntax = run(["zsh", "-n", script])
    check(syntax.returncode == 0, "zsh -n accepts the script", syntax.stderr)
    with open(script) as f:
        text = f.read()
    check(text.startswith("#compdef cipherexplain\n"), "zsh: the first line is #compdef")
    check(re.search(r"^_cipherexplain\(\) \{", text, re.M) is not None,
          "zsh: the script defines _cipherexplain")
    fpath = os.path.join(tmp, "zsh-functions")
    os.makedirs(fpath)
    shutil.copy(script, os.path.join(fpath, "_cipherexplain"))
    requests = {
        "subcommands": "cipherexplain ",
        "--openssl 3.": "cipherexplain --openssl 3.",
        "--openssl 1.1.1,3.": "cipherexplain --openssl 1.1.1,3.",
        "preset show python-": "cipherexplain preset show python-",
        "shared then lint --": "cipherexplain --openssl 3.0 lint --",
        "--format": "cipherexplain --format ",
    }
    out = os.path.join(tmp, "zsh-capture")
    driver = os.path.join(tmp, "driver.zsh")
    with open(driver, "w") as f:
        f.write(ZSH_DRIVER)
    result = run(["zsh", "-f", driver, fpath, out, *requests.values()], cwd=tmp)
    if result.returncode == 3:
        missing.append("zsh/zpty")
        return
    r = {}
    for i, key in enumerate(requests, start=1):
        try:
            with open(f"{out}.{i}") as f:
                r[key] = {w for w in f.read().split("\n") if w and w != "__END__"}
        except FileNotFoundError:
            r[key] = set()
    check(known.subcommands <= r["subcommands"], "zsh: cipherexplain <TAB> offers the subcommands",
          shown(r["subcommands"]))
    threes = {x for x in known.releases if x.startswith("3.")}
    check(r["--openssl 3."] == threes, "zsh: --openssl 3.<TAB> offers the 3.x releases and series",
          f"got {shown(r['--openssl 3.'])}, want {shown(threes)}")
    check(r["--openssl 1.1.1,3."] == threes,
          "zsh: --openssl 1.1.1,3.<TAB> completes the word after the comma",
          shown(r["--openssl 1.1.1,3."]))
    pythons = {n for n in known.preset_names if n.startswith("python-")}
    check(pythons <= r["preset show python-"], "zsh: preset show python-<TAB> offers Python presets",
          shown(r["preset show python-"]))
    check(known.lint_only <= r["shared then lint --"],
          "zsh: --openssl 3.0 lint --<TAB> offers lint's options", shown(r["shared then lint --"]))
    check(r["--format"] == {"text", "json"}, "zsh: --format <TAB> is text, json",
          shown(r["--format"]))


# --- fish ----------------------------------------------------------------------------------

def check_fish(script, known):
    if shutil.which("fish") is None:
        missing.append("fish")
        return
    syntax = run(["fish", "--no-execute", script])
    check(syntax.returncode == 0, "fish --no-execute accepts the script", syntax.stderr)

    def complete(line):
        result = run(["fish", "--no-config", "-c", f"source {script}; complete -C {json.dumps(line)}"])
        return {c.split("\t")[0] for c in result.stdout.split("\n") if c}, result.stderr

    subs, err = complete("cipherexplain ")
    check(subs == known.subcommands, "fish: cipherexplain <TAB> offers exactly the subcommands",
          f"got {shown(subs)}; {err}")
    threes = {x for x in known.releases if x.startswith("3.")}
    got, err = complete("cipherexplain --openssl 3.")
    check(got == threes, "fish: --openssl 3.<TAB> offers the 3.x releases and series",
          f"got {shown(got)}, want {shown(threes)}; {err}")
    got, err = complete("cipherexplain --openssl=1.1.1,3.")
    check(got == {"--openssl=1.1.1," + x for x in threes},
          "fish: --openssl=1.1.1,3.<TAB> completes the word after the comma", shown(got))
    got, err = complete("cipherexplain preset show ")
    check(known.preset_names <= got, "fish: preset show <TAB> offers every preset",
          f"missing {shown(known.preset_names - got)}; {err}")
    got, err = complete("cipherexplain --openssl 3.0 lint --")
    check(known.lint_only <= got, "fish: --openssl 3.0 lint --<TAB> offers lint's options",
          shown(got))
    got, err = complete("cipherexplain --")
    check(not (known.lint_only & got) and "--openssl" in got,
          "fish: cipherexplain --<TAB> offers its options but not lint's", shown(got))


# --- installed -----------------------------------------------------------------------------

def check_installed(cmake, build_dir, cli, tmp):
    """`cmake --install --component tool` puts the scripts where each shell's loader finds them."""
    prefix = os.path.join(tmp, "prefix")
    result = run([cmake, "--install", build_dir, "--component", "tool", "--prefix", prefix])
    check(result.returncode == 0, "cmake --install --component tool", result.stderr)
    share = os.path.join(prefix, "share")
    for path in ("bash-completion/completions/cipherexplain", "zsh/vendor-completions/_cipherexplain",
                 "fish/vendor_completions.d/cipherexplain.fish"):
        check(os.path.isfile(os.path.join(share, path)), f"installed share/{path}")
    env = dict(os.environ, XDG_DATA_DIRS=share, HOME=tmp, XDG_CONFIG_HOME=os.path.join(tmp, "config"),
               PATH=os.path.dirname(os.path.abspath(cli)) + os.pathsep + os.environ.get("PATH", ""))
    if os.path.exists(BASH_COMPLETION):
        loaded = run(["bash", "--norc", "--noprofile", "-c",
                      f"source {BASH_COMPLETION}; __load_completion cipherexplain; complete -p cipherexplain"],
                     env=env)
        check("cipherexplain" in loaded.stdout and "-F" in loaded.stdout,
              "bash-completion loads the installed script on demand", loaded.stdout + loaded.stderr)
    if shutil.which("fish"):
        loaded = run(["fish", "-c", 'complete -C "cipherexplain vers"'], env=env)
        check(loaded.stdout.startswith("versions\t"),
              "fish loads the installed script from vendor_completions.d",
              loaded.stdout + loaded.stderr)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--completions", required=True, help="the build's completions/ directory")
    parser.add_argument("--cmake", help="with --build-dir: check the installed scripts too")
    parser.add_argument("--build-dir")
    args = parser.parse_args()
    CLI_PATH.append(args.cli)
    known = Known(args.cli)
    check(len(known.subcommands) >= 5 and len(known.releases) > 5 and known.preset_names,
          "the CLI lists subcommands, releases and presets to compare with")

    scripts = {"bash": "cipherexplain.bash", "zsh": "_cipherexplain", "fish": "cipherexplain.fish"}
    for shell, name in scripts.items():
        path = os.path.join(args.completions, name)
        fresh = run([args.cli, "completions", shell])
        with open(path) as f:
            check(fresh.returncode == 0 and f.read() == fresh.stdout,
                  f"{name} is what `completions {shell}` prints now")

    bad = run([args.cli, "completions", "nosuchshell"])
    check(bad.returncode == 2 and bad.stdout == "" and
          all(s in bad.stderr for s in ("nosuchshell", "bash", "zsh", "fish")),
          "completions nosuchshell: exit 2, naming the shells", f"{bad.returncode} {bad.stderr}")
    usage = run([args.cli, "completions", "--help"]).stdout
    check(all(p in usage for p in ("share/bash-completion/completions/cipherexplain",
                                   "share/zsh/vendor-completions/_cipherexplain",
                                   "share/fish/vendor_completions.d/cipherexplain.fish",
                                   "~/.local/share/bash-completion/completions/cipherexplain")),
          "completions --help says where the scripts go")

    with tempfile.TemporaryDirectory() as tmp:
        check_bash(os.path.join(args.completions, scripts["bash"]), known, tmp)
        check_zsh(os.path.join(args.completions, scripts["zsh"]), known, tmp)
        check_fish(os.path.join(args.completions, scripts["fish"]), known)
        if args.cmake and args.build_dir:
            check_installed(args.cmake, args.build_dir, args.cli, tmp)

    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    if missing:
        print(f"skipped, not installed: {', '.join(missing)}")
        return 77
    return 0


if __name__ == "__main__":
    sys.exit(main())
