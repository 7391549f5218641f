# SPDX-License-Identifier: Apache-2.0
"""ctest python_install: the package as users install it. In a fresh venv (Debian's pybind11,
setuptools and build through --system-site-packages, nothing from an index):
`pip install --no-index --no-build-isolation .`, then the README's one-liner from another
directory; `python3 -m build --no-isolation --wheel`, the wheel's contents, and the wheel
installed into a second venv. The package source is copied to a temporary directory first so
that setuptools writes nothing into the source tree; the module is built in this build tree
(CIPHEREXPLAIN_CMAKE_BUILD_DIR), as setup.py would build it in its own.

Usage: check_install.py SOURCE_DIR BUILD_DIR"""

import os
import pathlib
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import zipfile

ONE_LINER = ("import cipherexplain as c; "
             "print(len(c.evaluate('DEFAULT:!3DES', openssl='3.0').ciphers))")


def run(*args, **kw):
    print("$", " ".join(str(a) for a in args), flush=True)
    return subprocess.run([str(a) for a in args], check=True, text=True, **kw)


def venv(path):
    run(sys.executable, "-m", "venv", "--system-site-packages", path)
    return pathlib.Path(path) / "bin" / "python"


def check_installed(python, cwd):
    out = run(python, "-c", ONE_LINER, cwd=cwd, capture_output=True).stdout
    assert out == "60\n", out
    where = run(python, "-c", "import cipherexplain, pathlib; "
                "print(pathlib.Path(cipherexplain.__file__).parent)",
                cwd=cwd, capture_output=True).stdout.strip()
    assert where.startswith(str(python.parent.parent)), where  # the venv's copy, not the tree's
    files = {p.name for p in pathlib.Path(where).iterdir()}
    assert {"__init__.py", "__init__.pyi", "py.typed"} <= files, files
    assert "_cipherexplain" + sysconfig.get_config_var("EXT_SUFFIX") in files, files


def main(source, build):
    source, build = pathlib.Path(source).resolve(), pathlib.Path(build).resolve()
    # Not ctest's PYTHONPATH: the venvs must import their installed copies.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(CIPHEREXPLAIN_CMAKE_BUILD_DIR=str(build), PIP_NO_INDEX="1")
    with tempfile.TemporaryDirectory(prefix="cipherexplain-install-") as tmp:
        tmp = pathlib.Path(tmp)
        src = tmp / "src"
        src.mkdir()
        for name in ("pyproject.toml", "setup.py", "setup.cfg", "CMakeLists.txt", "LICENSE"):
            shutil.copy(source / name, src / name)
        shutil.copytree(source / "python", src / "python",
                        ignore=shutil.ignore_patterns("__pycache__", "tests"))

        python = venv(tmp / "venv")
        run(python, "-m", "pip", "install", "--no-index", "--no-build-isolation", ".", cwd=src,
            env=env)
        check_installed(python, tmp)

        run(python, "-m", "build", "--no-isolation", "--wheel", "--outdir", tmp / "dist", cwd=src,
            env=env)
        [wheel] = (tmp / "dist").glob("*.whl")
        tag = sysconfig.get_config_var("SOABI").split("-")[1]  # cpython-311-... -> 311
        assert f"-cp{tag}-cp{tag}-linux_" in wheel.name, wheel.name
        names = set(zipfile.ZipFile(wheel).namelist())
        for expected in ("cipherexplain/__init__.py", "cipherexplain/__init__.pyi",
                         "cipherexplain/py.typed",
                         "cipherexplain/_cipherexplain" + sysconfig.get_config_var("EXT_SUFFIX")):
            assert expected in names, (expected, sorted(names))
        print(f"{wheel.name}: {wheel.stat().st_size} bytes, {len(names)} files")

        second = venv(tmp / "wheel-venv")
        run(second, "-m", "pip", "install", "--no-index", wheel, env=env)
        check_installed(second, tmp)
    print("python_install: pip install, wheel and wheel install all give 60")


if __name__ == "__main__":
    main(*sys.argv[1:3])
