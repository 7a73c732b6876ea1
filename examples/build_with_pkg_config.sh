#!/usr/bin/env bash
# Builds the examples with pkg-config instead of CMake, into OUT-DIR:
#
#   PKG_CONFIG_PATH=/opt/polysearch/lib/pkgconfig examples/build_with_pkg_config.sh OUT-DIR [EXAMPLE...]
#
# EXAMPLE is index_folder, search_paged, highlight, update_delete, news_archive or
# evaluate_queries (default: all six); evaluate_queries is built with polysearch-eval, the
# others with polysearch.  CXX and CXXFLAGS are used as make uses them.  --static: a static
# libpolysearch.a needs its dependencies (Xapian, ICU, Snowball, CLD2) on the link line;
# with a shared library they are harmless.  The RPATH lets the programs find a shared
# libpolysearch outside the linker's search path.
set -euo pipefail

if [[ $# -lt 1 ]]; then
  echo "usage: $0 OUT-DIR [EXAMPLE...]" >&2
  exit 2
fi
out=$1
shift
examples=("$@")
if ((${#examples[@]} == 0)); then
  examples=(index_folder search_paged highlight update_delete news_archive evaluate_queries)
fi
here=$(dirname "${BASH_SOURCE[0]}")
read -ra cxxflags <<<"${CXXFLAGS:--O2 -Wall -Wextra}"

mkdir -p "$out"
for example in "${examples[@]}"; do
  package=polysearch
  if [[ $example == evaluate_queries ]]; then package=polysearch-eval; fi
  read -ra cflags <<<"$(pkg-config --cflags "$package")"
  read -ra libs <<<"$(pkg-config --libs --static "$package")"
  libdir=$(pkg-config --variable=libdir "$package")
  "${CXX:-c++}" -std=c++17 "${cxxflags[@]}" "${cflags[@]}" "$here/$example.cpp" \
    -o "$out/$example" "${libs[@]}" "-Wl,-rpath,$libdir"
done
