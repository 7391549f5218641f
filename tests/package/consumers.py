#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Builds and runs the README's library example the ways a consumer would (ctest label package).

  consumers.py find-package --prefix P --target T ...   CMake find_package against prefix P
  consumers.py pkg-config --prefix P [--static] ...      the compiler and pkg-config alone
  consumers.py subdirectory --source S ...              add_subdirectory of the source tree

Each builds tests/package/consumer (or compiles the example directly), runs it, and compares
its output with the one README.md shows. The consumer sees no PEGTL or fmt: find_package is
refused both packages (CMAKE_DISABLE_FIND_PACKAGE_*), and the example's compilation is checked
(-M) not to read a header of either. CXX, CXXFLAGS and LDFLAGS come from the environment, so a
sanitizer build's consumers link the same runtime.
"""
import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path


def run(cmd, **kw):
    print("+", " ".join(shlex.quote(str(c)) for c in cmd), flush=True)
    done = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kw)
    if done.returncode != 0:
        sys.stdout.write(done.stdout + done.stderr)
        raise SystemExit(f"failed with exit status {done.returncode}")
    return done.stdout


def readme_output(readme: Path) -> str:
    text = readme.read_text(encoding="utf-8")
    m = re.search(r"```\n\$ \./readme-example\n(.*?)```", text, re.S)
    if not m:
        raise SystemExit("README.md shows no output of ./readme-example")
    return m.group(1)


def check_run(binary: Path, readme: Path, env=None):
    done = subprocess.run([str(binary)], capture_output=True, text=True, env=env)
    expected = readme_output(readme)
    # The example exits 0 when the string is accepted; stdout is compared whole.
    if done.returncode != 0 or done.stdout != expected:
        print(f"exit status {done.returncode}\n--- got\n{done.stdout}{done.stderr}--- expected\n{expected}")
        raise SystemExit("the consumer's output differs from README.md's")
    print(f"{binary.name}: the README's output, {len(expected.splitlines())} lines")


def check_no_private_headers(compile_cmd):
    deps = run(list(compile_cmd) + ["-M"])
    leaked = sorted({d for d in deps.split() if re.search(r"/(tao/pegtl|fmt)/", d)})
    if leaked:
        raise SystemExit("the public headers pull in a private dependency: " + " ".join(leaked[:5]))


def cxx():
    return os.environ.get("CXX") or "c++"


def env_flags(name):
    return shlex.split(os.environ.get(name, ""))


def needed_libraries(binary: Path):
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", run(["readelf", "-d", binary]))


def cmake_consumer(args, work: Path, configure_args):
    src = Path(__file__).resolve().parent / "consumer"
    build = work / "build"
    shutil.rmtree(work, ignore_errors=True)
    build.mkdir(parents=True)
    cmd = ["cmake", "-S", src, "-B", build, f"-DREADME_EXAMPLE={args.example}"]
    if os.environ.get("CXX"):
        cmd.append(f"-DCMAKE_CXX_COMPILER={os.environ['CXX']}")
    run(cmd + configure_args)
    run(["cmake", "--build", build, "-j", str(os.cpu_count() or 2)])
    return build


def find_package(args):
    work = Path(args.work)
    build = cmake_consumer(args, work, [
        f"-DCMAKE_PREFIX_PATH={args.prefix}", f"-DCONSUMER_TARGET={args.target}",
        # The system's own config files (/usr) are ignored: only the prefix may answer.
        "-DCMAKE_IGNORE_PREFIX_PATH=/usr;/usr/local",
        "-DCMAKE_DISABLE_FIND_PACKAGE_pegtl=ON", "-DCMAKE_DISABLE_FIND_PACKAGE_fmt=ON"])
    cache = (build / "CMakeCache.txt").read_text()
    m = re.search(r"^cipherexplain_DIR:PATH=(.*)$", cache, re.M)
    if not m or not Path(m.group(1)).resolve().is_relative_to(Path(args.prefix).resolve()):
        raise SystemExit(f"find_package found cipherexplain outside the prefix: {m and m.group(1)}")
    # The compile command CMake used, replayed with -M: which headers it read.
    commands = (build / "CMakeFiles").rglob("flags.make")
    flags = []
    for f in commands:
        for line in f.read_text().splitlines():
            if line.startswith(("CXX_FLAGS", "CXX_INCLUDES", "CXX_DEFINES")):
                flags += shlex.split(line.split("=", 1)[1])
    check_no_private_headers([cxx()] + flags + [args.example])
    binary = build / "readme-example"
    check_linkage(binary, shared=args.target == "cipherexplain::cipherexplain")
    check_run(binary, Path(args.readme))


def check_linkage(binary: Path, shared: bool):
    needed = needed_libraries(binary)
    has = "libcipherexplain.so.0" in needed
    if has != shared:
        raise SystemExit(f"{binary.name} NEEDs {needed}: expected libcipherexplain.so.0 "
                         f"{'among them' if shared else 'not among them'}")


def pkg_config(args):
    env = dict(os.environ, PKG_CONFIG_PATH="", PKG_CONFIG_LIBDIR=str(Path(args.prefix) / args.libdir / "pkgconfig"))
    query = ["pkg-config", "--static"] if args.static else ["pkg-config"]
    cflags = shlex.split(run(query + ["--cflags", "cipherexplain"], env=env))
    libs = shlex.split(run(query + ["--libs", "cipherexplain"], env=env))
    if args.static:
        # pkg-config names the library; -l: picks the archive over the shared object.
        libs = ["-l:libcipherexplain.a" if x == "-lcipherexplain" else x for x in libs]
    work = Path(args.work)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    binary = work / "readme-example"
    compile_cmd = [cxx()] + env_flags("CXXFLAGS") + cflags + [args.example]
    check_no_private_headers(compile_cmd)
    rpath = [] if args.static else [f"-Wl,-rpath,{Path(args.prefix) / args.libdir}"]
    run(compile_cmd + ["-o", binary] + env_flags("LDFLAGS") + libs + rpath)
    check_linkage(binary, shared=not args.static)
    check_run(binary, Path(args.readme))


def subdirectory(args):
    work = Path(args.work)
    build = cmake_consumer(args, work, [f"-DCONSUMER_MODE=subdirectory",
                                        f"-DCIPHEREXPLAIN_SOURCE_DIR={args.source}"])
    cache = (build / "CMakeCache.txt").read_text()
    # The subproject forces no build type on its parent and installs nothing by default.
    build_type = re.search(r"^CMAKE_BUILD_TYPE:[A-Z]+=(.*)$", cache, re.M)
    if build_type and build_type.group(1):
        raise SystemExit(f"the parent's CMAKE_BUILD_TYPE became '{build_type.group(1)}'")
    if not re.search(r"^CIPHEREXPLAIN_INSTALL:BOOL=OFF$", cache, re.M):
        raise SystemExit("CIPHEREXPLAIN_INSTALL is not OFF in a subproject")
    if not re.search(r"^CIPHEREXPLAIN_BUILD_TESTS:BOOL=OFF$", cache, re.M):
        raise SystemExit("a subproject builds cipherexplain's tests")
    prefix = work / "installed"
    run(["cmake", "--install", build, "--prefix", prefix])
    installed = sorted(str(p.relative_to(prefix)) for p in prefix.rglob("*") if p.is_file())
    if installed != ["bin/readme-example"]:
        raise SystemExit(f"installing the parent installed {installed}")
    check_run(build / "readme-example", Path(args.readme))


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["find-package", "pkg-config", "subdirectory"])
    p.add_argument("--prefix")
    p.add_argument("--libdir", default="lib")
    p.add_argument("--target", default="cipherexplain::cipherexplain")
    p.add_argument("--static", action="store_true")
    p.add_argument("--source")
    p.add_argument("--example", required=True)
    p.add_argument("--readme", required=True)
    p.add_argument("--work", required=True)
    args = p.parse_args()
    {"find-package": find_package, "pkg-config": pkg_config, "subdirectory": subdirectory}[
        args.mode](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
