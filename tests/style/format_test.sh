#!/usr/bin/env bash
# Every C++ source of the tree is formatted as .clang-format says, so that a diff shows
# only what changed.  Exits 77 (a skip) without clang-format.
#
#   bash tests/style/format_test.sh <source-dir> [clang-format]
set -u
root=$1
clang_format=${2:-clang-format}
if ! command -v "$clang_format" >/dev/null; then
  echo "skipped: clang-format absent (tools/install-deps.sh installs it)"
  exit 77
fi
cd "$root" || exit 1
mapfile -t sources < <(find include lib tools tests examples -name '*.cpp' -o -name '*.hpp' | sort)
# One clang-format process for all files (one per file took 33 s of CI); the files it
# complains about are named at the start of its warnings ("path:line:col: error: ...").
complaints=$("$clang_format" --dry-run --Werror "${sources[@]}" 2>&1 >/dev/null)
status=$?
mapfile -t unformatted < <(sed -n 's/^\([^:]*\):[0-9]*:[0-9]*: error: .*/\1/p' <<<"$complaints" | sort -u)
if ((status != 0 && ${#unformatted[@]} == 0)); then
  echo "clang-format failed (exit $status): $complaints"
  exit 1
fi
echo "$("$clang_format" --version): ${#sources[@]} sources checked"
if ((${#unformatted[@]} > 0)); then
  echo "not formatted as .clang-format says (${#unformatted[@]}):"
  printf '  %s\n' "${unformatted[@]}"
  echo "fix with: clang-format -i ${unformatted[*]}"
  exit 1
fi
