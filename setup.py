# SPDX-License-Identifier: Apache-2.0
"""Builds cipherexplain's Python package: the extension module is the CMake target
_cipherexplain (python/CMakeLists.txt), so the library is defined once, in CMakeLists.txt.

CIPHEREXPLAIN_CMAKE_BUILD_DIR names a configured build tree of this source to build the target
in (ctest's install test uses its own); by default a Release tree under build-python/."""

import os
import pathlib
import re
import shutil
import subprocess
import sys
import sysconfig

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = pathlib.Path(__file__).resolve().parent
# setuptools' work goes under build-python/ (setup.cfg), away from the README's CMake build/.
(ROOT / "build-python").mkdir(exist_ok=True)


def project_version():
    text = (ROOT / "CMakeLists.txt").read_text()
    return re.search(r"project\(cipherexplain VERSION (\S+)", text).group(1)


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        tree = os.environ.get("CIPHEREXPLAIN_CMAKE_BUILD_DIR")
        if tree:
            tree = pathlib.Path(tree).resolve()
            if not (tree / "CMakeCache.txt").exists():
                raise RuntimeError(f"CIPHEREXPLAIN_CMAKE_BUILD_DIR={tree} is not a CMake build tree")
        else:
            import pybind11
            tree = pathlib.Path(self.build_temp).resolve() / "cmake"
            subprocess.run(["cmake", "-S", str(ROOT), "-B", str(tree), "-DCMAKE_BUILD_TYPE=Release",
                            "-DCIPHEREXPLAIN_BUILD_PYTHON=ON", "-DCIPHEREXPLAIN_BUILD_TESTS=OFF",
                            "-DCIPHEREXPLAIN_BUILD_TOOLS=OFF", "-DCIPHEREXPLAIN_INSTALL=OFF",
                            f"-DPython3_EXECUTABLE={sys.executable}",
                            f"-Dpybind11_DIR={pybind11.get_cmake_dir()}"], check=True)
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL") or str(os.cpu_count() or 1)
        subprocess.run(["cmake", "--build", str(tree), "--target", "_cipherexplain", "-j", jobs],
                       check=True)
        # The module must be for this interpreter: its file name carries the ABI tag.
        built = tree / "python" / "package" / "cipherexplain" / (
            "_cipherexplain" + sysconfig.get_config_var("EXT_SUFFIX"))
        if not built.exists():
            found = sorted(p.name for p in built.parent.glob("_cipherexplain*"))
            raise RuntimeError(f"{built} was not built (found: {found}); the tree's Python3_EXECUTABLE "
                               f"must be this interpreter, {sys.executable}")
        target = pathlib.Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built, target)


setup(
    version=project_version(),
    packages=["cipherexplain"],
    package_dir={"cipherexplain": "python/cipherexplain"},
    package_data={"cipherexplain": ["py.typed", "*.pyi"]},
    # No sources: CMakeBuild makes the module; the Extension makes the wheel a platform wheel.
    ext_modules=[Extension("cipherexplain._cipherexplain", sources=[])],
    cmdclass={"build_ext": CMakeBuild},
    zip_safe=False,
)
