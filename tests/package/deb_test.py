#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The .deb packages (ctest package_deb).

Builds them with cpack, checks each one's control fields (`dpkg-deb -I`: names, Depends with
libssl3 declared for the dlopen'ed libcrypto, no PEGTL or fmt) and contents (`dpkg-deb -c`),
runs lintian when it is installed (any error fails), then installs all three with `dpkg -i`
into a fresh root whose package database holds this machine's installed packages (so the
dependencies are there, nothing of cipherexplain is), and runs the tool, its man page and its
bash completion from that root.

Usage: deb_test.py --build BUILD_DIR --work DIR
"""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

PACKAGES = {
    "libcipherexplain0": ["./usr/lib/libcipherexplain.so.0", "./usr/share/doc/libcipherexplain0/copyright"],
    "libcipherexplain-dev": ["./usr/include/cipherexplain/evaluator.hpp", "./usr/include/cipherexplain.hpp",
                             "./usr/include/cipherexplain/version.hpp", "./usr/lib/libcipherexplain.a",
                             "./usr/lib/libcipherexplain.so", "./usr/lib/pkgconfig/cipherexplain.pc",
                             "./usr/lib/cmake/cipherexplain/cipherexplain-config.cmake"],
    "cipherexplain": ["./usr/bin/cipherexplain", "./usr/share/man/man1/cipherexplain.1.gz",
                      "./usr/share/man/man1/cipherexplain-lint.1.gz",
                      "./usr/share/bash-completion/completions/cipherexplain",
                      "./usr/share/zsh/vendor-completions/_cipherexplain",
                      "./usr/share/fish/vendor_completions.d/cipherexplain.fish",
                      "./usr/share/doc/cipherexplain/README.md", "./usr/share/doc/cipherexplain/copyright",
                      "./usr/share/doc/cipherexplain/docs/architecture.md"],
}


def run(cmd, ok=(0,), **kw):
    done = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kw)
    if done.returncode not in ok:
        raise SystemExit(f"{' '.join(map(str, cmd))}: exit {done.returncode}\n{done.stdout}{done.stderr}")
    return done.stdout


def field(info: str, name: str) -> str:
    m = re.search(rf"^ {name}: (.*)$", info, re.M)
    return m.group(1) if m else ""


def depends(info: str) -> list[str]:
    return [d.strip() for d in field(info, "Depends").split(",") if d.strip()]


def check_control(debs: dict[str, Path], version: str):
    for name, deb in debs.items():
        info = run(["dpkg-deb", "-I", deb])
        print(f"{deb.name}: {deb.stat().st_size} bytes; Depends: {field(info, 'Depends')}")
        if field(info, "Package") != name or not field(info, "Version").startswith(version):
            raise SystemExit(f"{deb.name}: Package/Version are {field(info, 'Package')}/{field(info, 'Version')}")
        deps = depends(info)
        names = {re.split(r"[ (]", d)[0] for d in deps}
        # PEGTL and fmt are inside the library: no package may need their development files,
        # nor the library fmt's runtime (the tool itself links libfmt9, as any program may).
        private = r"pegtl|-dev\b" if name == "cipherexplain" else r"pegtl|libfmt"
        if any(re.search(private, d) for d in deps if not d.startswith("libcipherexplain")):
            raise SystemExit(f"{name} depends on a private dependency: {deps}")
        # The library and the tool (which holds the library) load libcrypto.so.3 with dlopen.
        if name != "libcipherexplain-dev":
            for need in ["libssl3", "libc6", "libstdc++6"]:
                if need not in names:
                    raise SystemExit(f"{name} does not depend on {need}: {deps}")
        if name == "libcipherexplain-dev":
            exact = f"libcipherexplain0 (= {field(info, 'Version')})"
            if exact not in deps:
                raise SystemExit(f"{name} does not depend on {exact}: {deps}")
        if name == "cipherexplain" and "libcipherexplain0" in names:
            raise SystemExit(f"the statically linked tool depends on libcipherexplain0: {deps}")

        contents = run(["dpkg-deb", "-c", deb])
        paths = {line.split()[-1] if " -> " not in line else line.split(" -> ")[0].split()[-1]
                 for line in contents.splitlines()}
        for want in PACKAGES[name]:
            if want not in paths:
                raise SystemExit(f"{deb.name} lacks {want}")
        for other, files in PACKAGES.items():
            if other != name and any(f in paths for f in files if "/doc/" not in f):
                raise SystemExit(f"{deb.name} holds a file of {other}")


def check_lintian(debs):
    if not shutil.which("lintian"):
        print("lintian: not installed, not run (scripts/setup-debian.sh and .ci/run install it)")
        return
    done = subprocess.run(["lintian", "--no-tag-display-limit", *map(str, debs.values())],
                          capture_output=True, text=True)
    lines = done.stdout.splitlines()
    errors = [l for l in lines if l.startswith("E:")]
    print(f"lintian: {len(errors)} errors, {sum(l.startswith('W:') for l in lines)} warnings")
    for line in lines:
        print("  " + line)
    if errors or done.returncode not in (0, 1, 2):
        raise SystemExit("lintian reports errors" if errors else f"lintian failed: {done.stderr}")


def install_fresh_root(debs, work: Path) -> Path:
    root = work / "root"
    shutil.rmtree(root, ignore_errors=True)
    admin = root / "var/lib/dpkg"
    for sub in ["info", "updates", "triggers"]:
        (admin / sub).mkdir(parents=True)
    # This machine's installed packages satisfy the dependencies; the files are not copied.
    shutil.copy("/var/lib/dpkg/status", admin / "status")
    status = (admin / "status").read_text()
    if re.search(r"^Package: (libcipherexplain0|cipherexplain)$", status, re.M):
        raise SystemExit("cipherexplain is installed on this machine: the fresh root would not be fresh")
    flags = ["--root", root, "--force-not-root", "--force-script-chrootless", "--no-triggers",
             "--log", work / "dpkg.log"]
    run(["dpkg", *flags, "-i", *debs.values()], env=dict(os.environ, DPKG_ROOT=str(root)))
    listed = run(["dpkg-query", "--root", root, "-W", "-f", "${Package} ${Status}\\n",
                  *debs.keys()])
    for name in debs:
        if f"{name} install ok installed" not in listed:
            raise SystemExit(f"dpkg did not install {name}:\n{listed}")
    print(f"dpkg -i into {root}: {', '.join(debs)} installed")
    return root


def check_installed(root: Path, build: Path):
    tool = root / "usr/bin/cipherexplain"
    env = {k: v for k, v in os.environ.items() if k != "LD_LIBRARY_PATH"}
    args = ["--color", "never", "DEFAULT:!3DES"]
    got = run([tool, *args], env=env)
    if got != run([build / "cipherexplain", *args]):
        raise SystemExit("the packaged tool answers differently from the build's")
    if "libcipherexplain" in run(["ldd", tool], env=env):
        raise SystemExit("the packaged tool needs libcipherexplain.so.0: it should hold the library")
    page = run(["man", "-l", root / "usr/share/man/man1/cipherexplain.1.gz"],
               env=dict(env, MANPAGER="cat", PAGER="cat", LC_ALL="C.UTF-8"))
    if "--openssl" not in page:
        raise SystemExit("the packaged man page lacks --openssl")
    spec = run(["bash", "--norc", "-c",
                f"source {root}/usr/share/bash-completion/completions/cipherexplain && complete -p cipherexplain"],
               env=dict(env, PATH=f"{tool.parent}:{env['PATH']}"))
    if "cipherexplain" not in spec:
        raise SystemExit("the packaged bash completion registers nothing")
    print("packaged tool, man page and completion work from the fresh root")


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--build", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--version", required=True)
    args = p.parse_args()
    build, work = Path(args.build), Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    run(["cpack", "--config", build / "CPackConfig.cmake", "-B", work / "packages"])
    found = {Path(p) for p in glob.glob(str(work / "packages" / "*.deb"))}
    debs = {}
    for name in PACKAGES:
        match = [p for p in found if p.name.startswith(name + "_")]
        if len(match) != 1:
            raise SystemExit(f"cpack wrote {sorted(p.name for p in found)}: no single {name}_*.deb")
        debs[name] = match[0]
    check_control(debs, args.version)
    check_lintian(debs)
    root = install_fresh_root(debs, work)
    check_installed(root, build)
    return 0


if __name__ == "__main__":
    sys.exit(main())
