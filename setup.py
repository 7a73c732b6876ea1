"""Builds the Python package's compiled module with CMake (pyproject.toml has the metadata).

`pip install --no-build-isolation .` runs this: CMake configures the project as a Release
build of the library and the module only (no tests, tools or install rules), for the Python
running pip, and the module lands in the wheel beside python/polysearch/*.py.

POLYSEARCH_CMAKE_BUILD_DIR: a CMake build directory to use (and keep) instead of a fresh
one under build/; one already configured, such as build/ci, is used as it is, so a wheel
is made from what that build compiled.  CMAKE_BUILD_PARALLEL_LEVEL sets the jobs (default:
every core).
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent


def project_version() -> str:
    text = (ROOT / "CMakeLists.txt").read_text(encoding="utf-8")
    return re.search(r"project\(polysearch\s+VERSION\s+([0-9.]+)", text).group(1)


class CMakeExtension(Extension):
    def __init__(self, name: str) -> None:
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    def build_extension(self, ext: Extension) -> None:
        given = os.environ.get("POLYSEARCH_CMAKE_BUILD_DIR")
        build = Path(given).resolve() if given else ROOT / "build" / f"python-{sys.implementation.cache_tag}"
        if not (build / "CMakeCache.txt").exists():
            subprocess.run(
                ["cmake", "-S", str(ROOT), "-B", str(build),
                 "-DCMAKE_BUILD_TYPE=Release",
                 "-DBUILD_SHARED_LIBS=OFF",
                 "-DPOLYSEARCH_BUILD_TESTS=OFF",
                 "-DPOLYSEARCH_BUILD_TOOLS=OFF",
                 "-DPOLYSEARCH_INSTALL=OFF",
                 "-DPOLYSEARCH_BUILD_PYTHON=ON",
                 f"-DPython_EXECUTABLE={sys.executable}"],
                check=True)
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL") or str(os.cpu_count() or 1)
        subprocess.run(["cmake", "--build", str(build), "--target", "polysearch_python",
                        "-j", jobs], check=True)
        built = list((build / "python" / "polysearch").glob("_core*.so"))
        if len(built) != 1:
            raise RuntimeError(f"expected one compiled module in {build}/python/polysearch, found {built}")
        target = Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built[0], target)


setup(
    version=project_version(),
    ext_modules=[CMakeExtension("polysearch._core")],
    cmdclass={"build_ext": CMakeBuild},
    zip_safe=False,
)
