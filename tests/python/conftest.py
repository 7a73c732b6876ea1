"""Shared fixtures of the Python package's tests (run by ctest: tests/CMakeLists.txt).

ctest sets PYTHONPATH to the build tree's package and these variables:
POLYSEARCH_CLI (the polysearch binary), POLYSEARCH_SOURCE_DIR, POLYSEARCH_BUILD_DIR,
POLYSEARCH_SHARED_DIR (../shared, which may be absent) and POLYSEARCH_PYTHON (the
interpreter the module was built for).
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

import polysearch

SOURCE_DIR = Path(os.environ.get("POLYSEARCH_SOURCE_DIR", Path(__file__).resolve().parents[2]))
FIXTURES_DIR = SOURCE_DIR / "fixtures"
SEEDS = FIXTURES_DIR / "collections" / "seeds"
SHARED_DIR = Path(os.environ.get("POLYSEARCH_SHARED_DIR", SOURCE_DIR.parent / "shared"))


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="session")
def cli() -> str:
    """The polysearch binary of the same build."""
    path = os.environ.get("POLYSEARCH_CLI")
    if not path or not os.path.exists(path):
        pytest.skip("POLYSEARCH_CLI is not set: run the tests with ctest")
    return path


def run_cli(cli: str, *args: str, input: str | None = None) -> str:  # noqa: A002
    """Runs the CLI, returning its standard output; fails the test on a non-zero exit."""
    done = subprocess.run([cli, *args], input=input, capture_output=True, text=True)
    assert done.returncode == 0, f"polysearch {' '.join(args)}: {done.stderr}"
    return done.stdout


@pytest.fixture(scope="session")
def seed_docs() -> list[dict]:
    """The five seed texts (two Spanish, German, Traditional Chinese, Portuguese)."""
    return read_jsonl(SEEDS / "docs.jsonl")


@pytest.fixture(scope="session")
def seed_queries() -> dict[str, str]:
    return polysearch.eval.read_topics(SEEDS / "queries.tsv")


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory, seed_docs) -> str:
    """An index of the seed texts written with the Python API (read-only for tests)."""
    path = tmp_path_factory.mktemp("seed") / "idx"
    with polysearch.Index(path) as index:
        index.add_many(seed_docs)
    return str(path)


@pytest.fixture(scope="session")
def cli_seed_index(tmp_path_factory, cli) -> str:
    """An index of the seed texts written by `polysearch index` (read-only for tests)."""
    path = tmp_path_factory.mktemp("cli-seed") / "idx"
    run_cli(cli, "index", "--db", str(path), "--quiet", str(SEEDS / "docs.jsonl"))
    return str(path)


def shared_collection(name: str, lang: str) -> Path:
    """A retrieval collection of ../shared/data, or a skip when it is absent."""
    path = SHARED_DIR / "data" / "retrieval" / name / lang
    if not (path / "docs.jsonl").exists():
        pytest.skip(f"{path} is absent (../shared is not beside the project)")
    return path
