#!/usr/bin/env bash
# Installs the Debian 12 packages polysearch needs, only those that are missing, so a
# machine that has them all needs no network.  Run as root (or with sudo available).
set -euo pipefail

packages=(
  g++ make cmake pkg-config   # compiler and build
  libxapian-dev               # index storage, postings, BM25
  libicu-dev                  # normalization, word break, Traditional->Simplified
  libstemmer-dev              # Snowball stemmers
  libcld2-dev                 # language identification
  libhunspell-dev             # only tools/bench/morphology_agreement: our reading vs Hunspell's
  hunspell-de-de wngerman     # German compounds: igerman98's dictionary and word list
  libcli11-dev                # command-line parsing for the polysearch tool
  nlohmann-json3-dev          # JSON Lines input and --json output
  doctest-dev                 # unit tests
  doxygen                     # API reference (target docs) and its no-warnings test
  clang-format                # the test that every C++ source follows .clang-format
  python3                     # the CLI test script parses JSON with it
  python3-dev pybind11-dev    # the Python module (python/)
  python3-pytest              # the Python package's tests
  python3-venv python3-pip python3-setuptools python3-wheel  # pip install . (the install test)
  jq                          # the CLI tests check every --json output with jq -e
  groff-base                  # the man page test formats and renders polysearch.1
  xapian-tools                # xapian-tcpsrv serves shards in the shards test (docs/SCALING.md)
  time                        # GNU time: peak memory in the reliability and bench script tests
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' ||
    missing+=("$package")
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

sudo=()
if ((EUID != 0)); then
  if command -v sudo >/dev/null; then sudo=(sudo); else
    echo "install-deps: missing ${missing[*]}; run as root: apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
