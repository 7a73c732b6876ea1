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
unformatted=()
for source in "${sources[@]}"; do
  "$clang_format" --dry-run --Werror "$source" >/dev/null 2>&1 || unformatted+=("$source")
done
echo "$("$clang_format" --version): ${#sources[@]} sources checked"
if ((${#unformatted[@]} > 0)); then
  echo "not formatted as .clang-format says (${#unformatted[@]}):"
  printf '  %s\n' "${unformatted[@]}"
  echo "fix with: clang-format -i ${unformatted[*]}"
  exit 1
fi
