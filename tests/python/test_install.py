"""The README's install line in a fresh venv: Debian's Python, pip, no download.

The wheel is built from this build's CMake tree (POLYSEARCH_CMAKE_BUILD_DIR), so the test
checks pyproject.toml, setup.py and the installed package without compiling the library a
second time; a build from nothing runs the same steps in a new CMake tree (docs/PYTHON.md
gives its time).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from conftest import SOURCE_DIR


def test_pip_install_into_a_fresh_venv(tmp_path):
    build_dir = os.environ.get("POLYSEARCH_BUILD_DIR")
    if not build_dir:
        pytest.skip("POLYSEARCH_BUILD_DIR is not set: run the tests with ctest")
    python = os.environ.get("POLYSEARCH_PYTHON", sys.executable)
    venv = tmp_path / "venv"
    subprocess.run([python, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    environment = dict(os.environ, POLYSEARCH_CMAKE_BUILD_DIR=build_dir, PIP_NO_INDEX="1",
                       PIP_DISABLE_PIP_VERSION_CHECK="1", CMAKE_BUILD_PARALLEL_LEVEL="1")
    environment.pop("PYTHONPATH", None)  # the installed package, not the build tree's
    installed = subprocess.run(
        [str(venv / "bin" / "pip"), "install", "--no-build-isolation", "-q", str(SOURCE_DIR)],
        env=environment, capture_output=True, text=True, cwd=tmp_path)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    script = textwrap.dedent("""
        import polysearch
        print(polysearch.__file__)
        with polysearch.Index("idx") as index:
            index.add({"id": "a1", "text": "Der FC Bayern gewann die Fußballweltmeisterschaft."})
        print([hit.id for hit in polysearch.Searcher("idx").search("Weltmeisterschaft")])
        print(polysearch.eval.evaluate({"q": {"a1": 1}}, {"q": {"a1": 1.0}}, "map"))
        help(polysearch.Searcher.search)
    """)
    ran = subprocess.run([str(venv / "bin" / "python"), "-c", script], env=environment,
                         capture_output=True, text=True, cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr
    lines = ran.stdout.splitlines()
    assert lines[0].startswith(str(venv)), lines[0]
    assert lines[1:3] == ["['a1']", "{'map': 1.0}"]
    assert "pseudo-relevance feedback" in ran.stdout  # the docstring help() shows
