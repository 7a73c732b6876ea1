#!/usr/bin/env bash
# Packaging test: installs a built polysearch into a scratch prefix, then builds the
# programs of examples/ against that prefix only, with find_package and with pkg-config,
# and runs them on the seed texts.  evaluate_queries links the evaluation library
# (polysearch::eval, polysearch-eval.pc); the others link polysearch alone and must not
# need it.
#
#   bash tests/packaging/consumer_test.sh <build-dir> <source-dir> <scratch-dir> \
#        <libdir> <version> <library-type> <c++-compiler> <cmake-generator>
#
# <libdir> is CMAKE_INSTALL_LIBDIR, <library-type> STATIC_LIBRARY or SHARED_LIBRARY.
# Runs every check, prints each failure (expected vs got) and exits 1 if any failed.
set -u

if [[ $# -ne 8 ]]; then
  echo "usage: $0 <build-dir> <source-dir> <scratch-dir> <libdir> <version> <library-type>" \
    "<c++-compiler> <cmake-generator>" >&2
  exit 2
fi
BUILD=$1
SOURCE=$2
WORK="$3/packaging"
LIBDIR=$4
VERSION=$5
TYPE=$6
CXX=$7
GENERATOR=$8
PREFIX="$WORK/prefix"
INDEX="$WORK/index"
SEEDS="$SOURCE/fixtures/seeds"
# The examples must build without a warning, public headers included.
STRICT="-Wall -Wextra -Wpedantic -Wshadow -Wconversion -Werror"
export LC_ALL=C.UTF-8

# fail, expect_eq, expect_exit, expect_contains, expect_file_exists and finish come from
# the CLI tests' helpers; `run` here runs any program, not only polysearch.
# shellcheck source-path=SCRIPTDIR source=../cli/lib.sh
source "$(dirname "$0")/../cli/lib.sh"

# step NAME COMMAND...: runs a build step; on failure prints its log and stops the test.
step() {
  local name=$1
  shift
  CHECKS=$((CHECKS + 1))
  if ! "$@" >"$WORK/step.log" 2>&1; then
    fail "$name" "command: $*" "$(tail -40 "$WORK/step.log")"
    finish consumer_test
  fi
}

# run PROGRAM ARGS...: sets OUT (stdout), ERR (stderr) and RC.
run() {
  OUT=$("$@" 2>"$WORK/stderr")
  RC=$?
  ERR=$(cat "$WORK/stderr")
}

# readme_output COMMAND: what the README's console example shows `build/examples/COMMAND`
# printing (the lines after "$ build/examples/COMMAND", up to the next command).
readme_output() {
  awk -v cmd="\$ build/examples/$1" '
    /^```/ || index($0, "$ ") == 1 { on = 0 }
    on { print }
    $0 == cmd || index($0, cmd " ") == 1 { on = 1 }
  ' "$SOURCE/README.md"
}

# ids OUTPUT: the id column of search_paged's hit lines, space-separated.
ids() { awk -F'\t' 'NF == 4 { printf "%s%s", sep, $2; sep = " " }' <<<"$1"; }

rm -rf "$WORK"
mkdir -p "$WORK"

# --- install -------------------------------------------------------------------------
# cmake --install builds nothing: it copies what the build made.
step "install into a scratch prefix" cmake --install "$BUILD" --prefix "$PREFIX"

for header in "$SOURCE"/include/polysearch/*.hpp export.hpp; do
  expect_file_exists "header $(basename "$header")" "$PREFIX/include/polysearch/$(basename "$header")"
done
for header in "$SOURCE"/include/polysearch/eval/*.hpp export.hpp; do
  expect_file_exists "header eval/$(basename "$header")" \
    "$PREFIX/include/polysearch/eval/$(basename "$header")"
done
CHECKS=$((CHECKS + 1))
private=$(find "$PREFIX/include" -type f ! -path "$PREFIX/include/polysearch/*.hpp")
[[ -z "$private" ]] || fail "only public headers are installed" "$private"
CMAKE_DIR="$PREFIX/$LIBDIR/cmake/polysearch"
for file in polysearch-config.cmake polysearch-config-version.cmake polysearch-targets.cmake; do
  expect_file_exists "CMake package $file" "$CMAKE_DIR/$file"
done
for pc in polysearch polysearch-eval; do
  expect_file_exists "pkg-config file $pc.pc" "$PREFIX/$LIBDIR/pkgconfig/$pc.pc"
done

for name in polysearch polysearch_eval; do
  if [[ $TYPE == SHARED_LIBRARY ]]; then
    minor_soname="lib$name.so.${VERSION%.*}"  # 0.1.0 -> libpolysearch.so.0.1
    expect_file_exists "shared library $name" "$PREFIX/$LIBDIR/lib$name.so.$VERSION"
    CHECKS=$((CHECKS + 1))
    soname=$(readelf -d "$PREFIX/$LIBDIR/lib$name.so.$VERSION" 2>&1 | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
    [[ $soname == "$minor_soname" ]] || fail "SONAME of $name" "expected: $minor_soname" "got:      $soname"
    CHECKS=$((CHECKS + 1))
    [[ -L "$PREFIX/$LIBDIR/$minor_soname" && -L "$PREFIX/$LIBDIR/lib$name.so" ]] ||
      fail "SONAME and development symlinks of $name" "$(ls -l "$PREFIX/$LIBDIR")"
  else
    expect_file_exists "static library $name" "$PREFIX/$LIBDIR/lib$name.a"
  fi
done

# The search library holds no evaluation code and refers to none, and no symbol is defined
# in both libraries (an application links both, statically or not).
if [[ $TYPE == SHARED_LIBRARY ]]; then
  SEARCH_LIB="$PREFIX/$LIBDIR/libpolysearch.so"
  EVAL_LIB="$PREFIX/$LIBDIR/libpolysearch_eval.so"
  NM_DYNAMIC=(-D)
else
  SEARCH_LIB="$PREFIX/$LIBDIR/libpolysearch.a"
  EVAL_LIB="$PREFIX/$LIBDIR/libpolysearch_eval.a"
  NM_DYNAMIC=()
fi
# strong_symbols LIBRARY: the code and data symbols it defines (not weak or inline ones).
strong_symbols() {
  nm "${NM_DYNAMIC[@]}" --defined-only "$1" 2>/dev/null | awk '$2 ~ /^[TDBR]$/ { print $3 }' | sort -u
}
CHECKS=$((CHECKS + 1))
in_search=$(nm -C "${NM_DYNAMIC[@]}" "$SEARCH_LIB" 2>&1 | grep -F 'polysearch::eval::' | head -5)
[[ -z "$in_search" ]] || fail "libpolysearch has no polysearch::eval symbols" "$in_search"
CHECKS=$((CHECKS + 1))
[[ -n "$(strong_symbols "$EVAL_LIB")" ]] || fail "nm lists the eval library's symbols" "$EVAL_LIB"
CHECKS=$((CHECKS + 1))
twice=$(comm -12 <(strong_symbols "$SEARCH_LIB") <(strong_symbols "$EVAL_LIB") | head -5)
[[ -z "$twice" ]] || fail "no symbol defined in both libraries" "$twice"
if [[ -x "$PREFIX/bin/polysearch" ]]; then
  run "$PREFIX/bin/polysearch" --version  # a shared build finds its library by RPATH
  expect_eq "installed tool runs" "polysearch $VERSION" "$OUT"
fi

# --- find_package --------------------------------------------------------------------
# Only the scratch prefix may provide polysearch: no package registry, no system copy.
step "configure examples/ with find_package" cmake -S "$SOURCE/examples" -B "$WORK/cmake" \
  -G "$GENERATOR" -DCMAKE_CXX_COMPILER="$CXX" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_FLAGS="$STRICT" -DCMAKE_PREFIX_PATH="$PREFIX" \
  -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF -DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF
found=$(sed -n 's/^polysearch_DIR:PATH=//p' "$WORK/cmake/CMakeCache.txt")
expect_eq "find_package found the installed package" "$CMAKE_DIR" "$found"
step "build examples/ with -Werror" cmake --build "$WORK/cmake" -j2

# A program that only searches links polysearch::polysearch and gets nothing of the
# evaluation library; evaluate_queries gets it through polysearch::eval.
CHECKS=$((CHECKS + 1))
if grep -q polysearch_eval "$WORK/cmake/CMakeFiles/search_paged.dir/link.txt"; then
  fail "search_paged is linked without polysearch_eval" \
    "$(cat "$WORK/cmake/CMakeFiles/search_paged.dir/link.txt")"
fi
if [[ $TYPE == SHARED_LIBRARY ]]; then
  CHECKS=$((CHECKS + 1))
  needed=$(readelf -d "$WORK/cmake/search_paged" 2>&1 | grep NEEDED)
  [[ $needed == *libpolysearch.so* && $needed != *libpolysearch_eval* ]] ||
    fail "search_paged needs libpolysearch only" "$needed"
  expect_contains "evaluate_queries needs libpolysearch_eval" \
    "$(readelf -d "$WORK/cmake/evaluate_queries" 2>&1 | grep NEEDED)" libpolysearch_eval.so
else
  CHECKS=$((CHECKS + 1))
  in_app=$(nm -C "$WORK/cmake/search_paged" 2>&1 | grep -F 'polysearch::eval::' | head -5)
  [[ -z "$in_app" ]] || fail "search_paged holds no evaluation code" "$in_app"
fi

# The version file: 0.x accepts the same major.minor version only.
major=${VERSION%%.*}
minor=${VERSION#*.}
minor=${minor%%.*}
mkdir -p "$WORK/version"
cat >"$WORK/version/CMakeLists.txt" <<'EOF'
cmake_minimum_required(VERSION 3.25)
project(version_check LANGUAGES CXX)  # the static package's dependencies need a language
foreach(want IN LISTS WANTS)
  find_package(polysearch ${want} QUIET)
  message(STATUS "polysearch ${want}: ${polysearch_FOUND}")
endforeach()
foreach(component eval nosuch)
  find_package(polysearch COMPONENTS ${component} QUIET)
  message(STATUS "component ${component}: ${polysearch_FOUND}")
endforeach()
EOF
cmake -S "$WORK/version" -B "$WORK/version/build" -DCMAKE_CXX_COMPILER="$CXX" \
  -DWANTS="$((major + 1)).0;$major.$((minor + 1));$major.$minor" -DCMAKE_PREFIX_PATH="$PREFIX" \
  -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF >"$WORK/step.log" 2>&1
expect_eq "find_package(polysearch VERSION): same minor only" \
  "polysearch $((major + 1)).0: 0
polysearch $major.$((minor + 1)): 0
polysearch $major.$minor: 1" "$(sed -n 's/^-- \(polysearch .*\)/\1/p' "$WORK/step.log")"
expect_eq "find_package(polysearch COMPONENTS): eval only" "component eval: 1
component nosuch: 0" "$(sed -n 's/^-- \(component .*\)/\1/p' "$WORK/step.log")"

EX="$WORK/cmake"

# --- index_folder: every seed, its detected language --------------------------------
run "$EX/index_folder" "$INDEX" "$SEEDS"
expect_exit "index_folder" 0
expect_eq "index_folder output" "000_0723e8c9340345ff.txt	es
001_e3980215772cbfcf.txt	de
002_a9c86b4b737a7e46.txt	es
003_0f7fea0c1696b0fa.txt	zh
004_acc0ddc987c2db30.txt	pt
indexed 5 of 5 files" "$OUT"
expect_eq "README: index_folder's output" "$(readme_output "index_folder idx fixtures/seeds")" "$OUT"
# The README's other examples, on the index it has just made.
for example in "search_paged idx pytorch 2 2" "highlight idx 告别 1"; do
  read -r -a words <<<"$example"
  run "$EX/${words[0]}" "$INDEX" "${words[@]:2}"
  expect_eq "README: $example" "$(readme_output "$example")" "$OUT"
done
run "$EX/index_folder" "$INDEX" "$SEEDS"
expect_contains "index_folder again replaces by id" "$OUT" "004_acc0ddc987c2db30.txt	pt	replaced"
run "$EX/index_folder" "$INDEX" "$WORK/no-such-folder"
expect_exit "index_folder on a missing folder" 1

# --- search_paged: ranks, and pages that add up to the whole list -------------------
run "$EX/search_paged" "$INDEX" PyTorch
expect_exit "search_paged PyTorch" 0
expect_contains "search_paged PyTorch header" "$OUT" "hits 1-5 of 5"
all=$(ids "$OUT")
CHECKS=$((CHECKS + 1))
[[ $(wc -w <<<"$all") -eq 5 ]] || fail "PyTorch is in all five seeds" "got: $all"
ranks=$(awk -F'\t' 'NF == 4 { printf "%s%s", sep, $1; sep = " " }' <<<"$OUT")
expect_eq "ranks of page 1" "1 2 3 4 5" "$ranks"
paged=""
for offset in 0 2 4; do
  run "$EX/search_paged" "$INDEX" PyTorch "$offset" 2
  paged+="${paged:+ }$(ids "$OUT")"
done
expect_eq "pages of two add up to the full list" "$all" "$paged"
run "$EX/search_paged" "$INDEX" PyTorch 2 2
expect_contains "second page is ranks 3-4" "$OUT" "hits 3-4 of 5"
run "$EX/search_paged" "$INDEX" PyTorch 5 2
expect_eq "past the last hit" "no hits from 6 on, of 5" "$OUT"
run "$EX/search_paged" "$INDEX" "fundacion linux" 0 1
expect_eq "fundacion linux: Spanish seed first" "002_a9c86b4b737a7e46.txt" "$(ids "$OUT")"
run "$EX/search_paged" "$INDEX" Gruendung
expect_eq "Gruendung: only the German seed" "001_e3980215772cbfcf.txt" "$(ids "$OUT")"
run "$EX/search_paged" "$INDEX" "(linux"
expect_exit "query syntax error" 2
run "$EX/search_paged" "$INDEX" PyTorch x
expect_exit "bad offset is a usage error" 2

# --- highlight: matched words marked in the document's own spelling and script -------
run "$EX/highlight" "$INDEX" 告别 1
expect_exit "highlight 告别" 0
expect_contains "告别 finds the Chinese seed" "$OUT" "1. 003_0f7fea0c1696b0fa.txt [zh]"
expect_contains "告别 highlights Traditional 告別" "$OUT" "**告別**"
run "$EX/highlight" "$INDEX" Gruendung 1
expect_contains "Gruendung highlights Gründung" "$OUT" "**Gründung**"
run "$EX/highlight" "$INDEX" "fundacion linux" 1
expect_contains "fundacion linux: the Spanish seed" "$OUT" "1. 002_a9c86b4b737a7e46.txt [es]"
expect_contains "fundacion linux highlights both words" "$OUT" "**Fundación** **Linux**"

# --- evaluate_queries: a query set run and scored (polysearch::eval) -----------------
printf 'q1\tGruendung\nq2\tfundacion linux\n' >"$WORK/queries.tsv"
printf 'q1 0 001_e3980215772cbfcf.txt 1\nq2 0 002_a9c86b4b737a7e46.txt 1\n' >"$WORK/qrels.txt"
run "$EX/evaluate_queries" "$INDEX" "$WORK/queries.tsv" "$WORK/qrels.txt" num_q map recip_rank
expect_exit "evaluate_queries" 0
expect_eq "evaluate_queries: both relevant seeds first" "num_q                 	all	2
map                   	all	1.0000
recip_rank            	all	1.0000" "$OUT"
run "$EX/evaluate_queries" "$INDEX" "$WORK/queries.tsv" "$WORK/qrels.txt" nDCG@10
expect_exit "evaluate_queries with an unknown measure" 2

# --- update_delete: replace a document, then delete it -------------------------------
PT=004_acc0ddc987c2db30.txt
run "$EX/update_delete" "$INDEX" put "$PT" \
  "O laboratório de Lisboa anunciou hoje uma nova parceria com a universidade para estudar a aprendizagem automática."
expect_eq "put an existing id replaces it" "replaced $PT [pt]" "$OUT"
run "$EX/search_paged" "$INDEX" lisboa
expect_eq "the new text is found" "$PT" "$(ids "$OUT")"
run "$EX/search_paged" "$INDEX" recessao
expect_eq "the old text is gone" "no hits from 1 on, of 0" "$OUT"
run "$EX/highlight" "$INDEX" lisboa 1
expect_contains "the new text is highlighted" "$OUT" "**Lisboa**"
run "$EX/update_delete" "$INDEX" delete "$PT"
expect_eq "delete" "deleted $PT" "$OUT"
run "$EX/search_paged" "$INDEX" lisboa
expect_eq "a deleted document is not found" "no hits from 1 on, of 0" "$OUT"
run "$EX/search_paged" "$INDEX" PyTorch
expect_contains "four documents left" "$OUT" "hits 1-4 of 4"
run "$EX/update_delete" "$INDEX" delete "$PT"
expect_exit "deleting it again" 1
run "$EX/update_delete" "$INDEX" put notes/hola.txt "Hola, esta es una nota nueva sobre la fundación del laboratorio."
expect_eq "put a new id adds it" "added notes/hola.txt [es]" "$OUT"
run "$EX/update_delete" "$WORK/no-index" delete x
expect_exit "update_delete needs an existing index" 1

# --- news_archive: a schema, a filter, sort by date, collapse and facets ---------------
NEWS="$WORK/news"
run "$EX/news_archive" "$NEWS"
expect_exit "news_archive" 0
expect_eq "README: news_archive's output" "$(readme_output "news_archive news")" "$OUT"
expect_eq "news_archive: sport, newest first (the 2023 article last)" \
  "es-liga de-bayern zh-league pt-benfica de-pokal es-fichaje es-copa" \
  "$(sed -n '/^sport, newest first:$/,/^"/p' <<<"$OUT" | awk 'NF >= 4 && $1 ~ /^20/ { printf "%s%s", sep, $3; sep = " " }')"
expect_contains "news_archive: one article per author, the other counted" "$OUT" \
  "es-liga  El Real Madrid gana la liga  (+1 more by Carlos Ruiz)"
expect_not_contains "news_archive: the 2023 article is filtered out of 2024's search" \
  "$(sed -n '/in 2024/,/^2024 (/p' <<<"$OUT")" "es-copa"
expect_contains "news_archive: facets count every 2024 article" "$OUT" \
  "2024 (10 articles):
  category: sport 6 economy 2 culture 1 technology 1
  tags: fussball 2 fútbol 2 bundesliga 1"
run "$EX/news_archive" "$NEWS"
expect_eq "news_archive again: the articles replace themselves" \
  "$(readme_output "news_archive news")" "$OUT"
run "$EX/news_archive" "$NEWS" "(liga"
expect_exit "news_archive: a query syntax error" 2
run "$EX/news_archive" "$SEEDS"
expect_exit "news_archive refuses a folder of other files" 1

# --- pkg-config ----------------------------------------------------------------------
export PKG_CONFIG_PATH="$PREFIX/$LIBDIR/pkgconfig"
run pkg-config --modversion polysearch
expect_eq "pkg-config version" "$VERSION" "$OUT"
run pkg-config --cflags-only-I polysearch
include_dir=${OUT#-I}
include_dir=${include_dir%% *}
CHECKS=$((CHECKS + 1))
[[ -f "$include_dir/polysearch/polysearch.hpp" ]] || fail "pkg-config include path" "got: $OUT"
step "build highlight with pkg-config" env CXX="$CXX" CXXFLAGS="-O1 $STRICT" \
  bash "$SOURCE/examples/build_with_pkg_config.sh" "$WORK/pkg-config" highlight
run "$WORK/pkg-config/highlight" "$INDEX" "fundacion linux" 2
expect_exit "pkg-config build runs" 0
highlight_cmake=$("$EX/highlight" "$INDEX" "fundacion linux" 2 2>&1)
expect_eq "pkg-config and CMake builds print the same" "$highlight_cmake" "$OUT"

# polysearch-eval: its own library and, through Requires, polysearch's; polysearch alone
# leaves it out.
run pkg-config --modversion polysearch-eval
expect_eq "pkg-config polysearch-eval version" "$VERSION" "$OUT"
run pkg-config --libs polysearch
expect_not_contains "pkg-config polysearch leaves the eval library out" "$OUT" "-lpolysearch_eval"
run pkg-config --libs polysearch-eval
CHECKS=$((CHECKS + 1))
[[ " $OUT " == *" -lpolysearch_eval "*"-lpolysearch "* ]] ||
  fail "pkg-config polysearch-eval: -lpolysearch_eval, then -lpolysearch" "got: $OUT"
step "build evaluate_queries with pkg-config" env CXX="$CXX" CXXFLAGS="-O1 $STRICT" \
  bash "$SOURCE/examples/build_with_pkg_config.sh" "$WORK/pkg-config" evaluate_queries
run "$WORK/pkg-config/evaluate_queries" "$INDEX" "$WORK/queries.tsv" "$WORK/qrels.txt"
expect_exit "pkg-config build of evaluate_queries runs" 0
evaluate_cmake=$("$EX/evaluate_queries" "$INDEX" "$WORK/queries.tsv" "$WORK/qrels.txt" 2>&1)
expect_eq "evaluate_queries: pkg-config and CMake builds print the same" "$evaluate_cmake" "$OUT"

finish consumer_test
