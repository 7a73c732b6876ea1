#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz/ with clang and runs each for a bounded time.
#
#   tools/fuzz.sh [--no-build] [TARGET...]     build (build/fuzz), make the seed corpus, fuzz
#   tools/fuzz.sh --seeds-only DIR             only write the seed corpus to DIR/<target>/
#   tools/fuzz.sh --run-one BINARY NAME SECONDS CORPUS SEEDS ARTIFACT_PREFIX
#                                              fuzz one built target (used by ctest)
#
# TARGETs: analyzer query jsonl dictionary detect (default: all, one after the other).
# Environment:
#   FUZZ_SECONDS    seconds per target (default 60)
#   FUZZ_RSS_MB     memory limit per fuzzing process, MB (default 2048)
#   FUZZ_BUILD_DIR  build directory (default build/fuzz)
#   CXX             the compiler for the configure step (default clang++)
#
# Every input that crashes, hangs (over 5 s) or leaks is written to
# tests/fuzz/regressions/<target>/ (crash-*, timeout-*, leak-*, oom-*): fix the bug, keep the
# file, and ctest replays it in every build from then on.  The corpus grows in
# $FUZZ_BUILD_DIR/corpus/<target>/ and is reused by the next run.  The exit status is 1 when
# any target found something.  See docs/RELIABILITY.md, "Fuzzing".
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ALL_TARGETS=(analyzer query jsonl dictionary detect)

# Longest input libFuzzer makes, per target: long enough for several sentences, lines or
# clauses; longer inputs mostly repeat what shorter ones cover, more slowly.
max_len_of() {
  case "$1" in
    analyzer | dictionary) echo 4096 ;;
    query) echo 2048 ;;
    jsonl | detect) echo 8192 ;;
    *) echo 4096 ;;
  esac
}

# Dictionary of interesting tokens (tests/fuzz/*.dict), per target.
dict_of() {
  case "$1" in
    query) echo "$ROOT/tests/fuzz/query.dict" ;;
    jsonl) echo "$ROOT/tests/fuzz/jsonl.dict" ;;
    *) echo "$ROOT/tests/fuzz/text.dict" ;;
  esac
}

# ---------------------------------------------------------------------------------------
# Seed corpus, from fixtures/.  Inputs of the analyzer and query targets start with a
# selector byte (see the comment at the top of tests/fuzz/analyzer_fuzz.cpp, query_fuzz.cpp).

SEEDS=""

# seed TARGET: writes standard input as one new seed file of TARGET (it is often the end
# of a pipeline, so it cannot count in a variable).
seed() { cat >"$(mktemp "$SEEDS/$1/seed-XXXXXXXX")"; }

# selector N: the byte N.
selector() { printf '%b' "\\x$(printf '%02x' "$1")"; }

# language_selector CODE: the analyzer selector of a language code.
language_selector() {
  case "$1" in
    de) echo 1 ;; es) echo 2 ;; pt) echo 3 ;; zh) echo 4 ;; *) echo 0 ;;
  esac
}

# The non-blank lines of a file, at most $2 of them.
lines_of() { grep -v '^[[:space:]]*$' "$1" | head -n "$2" || true; }

# make_seeds DIR TARGET...: (re)writes DIR/TARGET/ for each TARGET.
make_seeds() {
  SEEDS="$1"
  shift
  local target
  for target in "$@"; do
    rm -rf "${SEEDS:?}/$target"
    mkdir -p "$SEEDS/$target"
    case "$target" in
      analyzer) seeds_analyzer "$ROOT/fixtures" ;;
      query) seeds_query "$ROOT/fixtures" ;;
      jsonl) seeds_jsonl "$ROOT/fixtures" ;;
      dictionary) seeds_dictionary "$ROOT/fixtures" ;;
      detect) seeds_detect "$ROOT/fixtures" ;;
    esac
  done
}

# seeds_analyzer FIXTURES: each seed text whole (in its language and in und) and line by
# line, the Chinese one also with each segmentation and without script folding; the
# segmentation samples; README examples; invalid UTF-8.
seeds_analyzer() {
  local fixtures="$1" file number lang sel line
  for file in "$fixtures"/seeds/*.txt; do
    number="$(basename "$file" | cut -c1-3)"
    lang="$(find "$fixtures/golden" -name "$number.*.tokens" -printf '%f\n' | cut -d. -f2)"
    sel="$(language_selector "$lang")"
    { selector "$sel"; cat "$file"; } | seed analyzer
    { selector 0; cat "$file"; } | seed analyzer
    while IFS= read -r line; do
      { selector "$sel"; printf '%s' "$line"; } | seed analyzer
    done < <(lines_of "$file" 40)
  done
  # zh with words (9), bigrams (14), no stemming and no accent folding (4 + 5 * 9 = 49),
  # no script folding (4 + 5 * 12 = 64), no variant folding (4 + 5 * 24 = 124); de without
  # stemming (1 + 5 * 3 = 16).
  file="$(find "$fixtures/seeds" -name '003_*.txt')"
  for sel in 9 14 49 64 124; do
    { selector "$sel"; head -c 2000 "$file"; } | seed analyzer
  done
  { selector 16; head -c 2000 "$(find "$fixtures/seeds" -name '001_*.txt')"; } | seed analyzer
  for file in "$fixtures"/segmentation/ud-gsd-sample/*/test.raw.txt "$fixtures"/segmentation/gold.txt; do
    while IFS= read -r line; do
      { selector 4; printf '%s' "$line"; } | seed analyzer
    done < <(lines_of "$file" 10)
  done
  for line in '1Die Gruendung der Straße' '2contratacion contratación' '3recessao recessão' \
    '4毫不猶豫 告別 着 著' '0ＰｙＴｏｒｃｈ Ǆ ﬁ' '1e\xcc\x81 a\xcc\x88 \xe2\x80\x8b' \
    '2caf\xe9' '3abc\xf0\x9f' '4\xed\xa0\x80' '0\xc0\xaf' '4𠀀𪚥 〇 々 ㄅ' '1C++ H-1B 12:30 2.400'; do
    { selector "${line:0:1}"; printf '%b' "${line:1}"; } | seed analyzer
  done
}

# seeds_query FIXTURES: the seed collection's queries (all languages, one language, AND,
# other request options), the README's syntax table and every string literal of
# tests/search/query_parser_test.cpp.
seeds_query() {
  local fixtures="$1" sel query
  while IFS=$'\t' read -r _ query; do
    for sel in 0 2 8 17 96 200; do
      { selector "$sel"; printf '%s' "$query"; } | seed query
    done
  done <"$fixtures/collections/seeds/queries.tsv"
  for query in 'fundacion linux' '+linux pytorch' 'pytorch -linux' 'linux AND pytorch' 'a OR b' \
    'a NOT b' 'a AND NOT b' 'a b OR c d' '"fundación linux"' '“fundación linux”' \
    '„fundación linux“' 'fund*' 'title:gründung' 'title:"pytorch foundation"' 'title:(a b)' \
    'lang:de' '-lang:es pytorch' '(linux' 'foo:bar' 'lang:xx' '*' '告别 毫不犹豫' \
    '"告別 meta"' '告*' 'der die das' '+der' 'NOT' '((((a))))' 'lang:zh-Hant 告别'; do
    { selector 0; printf '%s' "$query"; } | seed query
  done
  while IFS= read -r query; do
    { selector 0; printf '%b' "$query"; } | seed query
  done < <(grep -oE '(d|check_error|syntax_error_of)\("([^"\\]|\\.)*"' \
    "$ROOT/tests/search/query_parser_test.cpp" | sed -E 's/^[a-z_]+\("//; s/"$//')
}

# seeds_jsonl FIXTURES: the seed collection line by line and whole, the CLI tests' lines,
# edge cases.
seeds_jsonl() {
  local fixtures="$1" line
  while IFS= read -r line; do printf '%s\n' "$line" | seed jsonl; done \
    <"$fixtures/collections/seeds/docs.jsonl"
  seed jsonl <"$fixtures/collections/seeds/docs.jsonl"
  for line in '{"id": "j1", "title": "Erste", "text": "Die Stiftung fördert Forschung.", "lang": "de"}' \
    '{"id": 42, "body": "La fundación apoya la investigación abierta.", "lang": "es"}' \
    '{"id": "j2", "text": broken}' '{"id": "j5", "text": "x", "lang": "tlh"}' \
    '{"id": "j8", "text": "caf\xe9"}' '{"id": "c", "text": "x"}\r' '{"id": "", "text": "x"}' \
    '{"id": -7, "text": null, "lang": null, "source": "s"}' '{"id": 1.5}' '{"id": true}' \
    '{"id": "n", "text": "a\\u0000b"}' '{"id": "s", "text": "\\ud800"}' '[1, 2]' '"text"' \
    '{"id": "b", "text": "x", "body": "y"}' '{"id": "z", "lang": "zh-Hant", "text": "告別"}' \
    '{"id": "a", "lang": "auto", "title": 3}' '   ' '{"id": 18446744073709551615}' \
    '{"id": "e", "text": "\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00"}'; do
    printf '%b\n' "$line" | seed jsonl
  done
  { printf '{"id": "deep", "x": '; printf '[%.0s' {1..70}; printf ']%.0s' {1..70}; printf '}\n'; } | seed jsonl
}

# seeds_dictionary FIXTURES: the fixtures' dictionaries (words.txt has one-character words:
# an error) and edge cases.
seeds_dictionary() {
  local fixtures="$1" line
  seed dictionary <"$fixtures/dictionaries/seed003-names.txt"
  seed dictionary <"$fixtures/segmentation/words.txt"
  for line in '\xef\xbb\xbf新智元\n艾倫 10\n' '# comment\n\n  硅谷\t2.5\r\n' '词语 1e3\n' '词语 -1\n' \
    '词语 nan\n' '词语 inf\n' '词语 0x10\n' '词语 1 2\n' '一\n' 'abc\n' '達摩克利斯\n达摩克利斯 3\n' \
    '𠀀𪚥\n' '海得拉巴\xe9\n' '毫不猶豫\n毫不犹豫\n告別\n'; do
    printf '%b' "$line" | seed dictionary
  done
}

# seeds_detect FIXTURES: each seed text and its opening, README examples, Japanese, no
# letters, bad bytes.
seeds_detect() {
  local fixtures="$1" file line
  for file in "$fixtures"/seeds/*.txt; do
    seed detect <"$file"
    head -c 300 "$file" | seed detect
  done
  for line in 'O projeto será gerido pela fundação' 'This is plainly English' 'fundacion linux' \
    '告别' 'これは日本語の文章です。漢字も使います。' '12345 !!! ...' '' 'caf\xe9' \
    'Die Gründung 告別 毫不猶豫'; do
    printf '%b' "$line" | seed detect
  done
}

# ---------------------------------------------------------------------------------------
# Fuzzing

# run_one BINARY NAME SECONDS CORPUS SEEDS ARTIFACT_PREFIX: fuzzes one target and prints a
# table row; returns 1 when libFuzzer found something.
run_one() {
  local binary="$1" name="$2" seconds="$3" corpus="$4" seeds="$5" artifacts="$6"
  local log status=0 execs rate cov result started=$SECONDS
  mkdir -p "$corpus" "$artifacts"
  log="$(mktemp "${TMPDIR:-/tmp}/fuzz-$name.XXXXXX.log")"
  UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}" "$binary" \
    -max_total_time="$seconds" -timeout=5 -rss_limit_mb="${FUZZ_RSS_MB:-2048}" \
    -max_len="$(max_len_of "$name")" -dict="$(dict_of "$name")" \
    -artifact_prefix="$artifacts" -print_final_stats=1 \
    "$corpus" "$seeds" >"$log" 2>&1 || status=$?
  execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)"
  rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n1)"
  cov="$(grep -oE '^#[0-9]+[[:space:]]+[A-Z]+[[:space:]]+cov: [0-9]+' "$log" | tail -n1 | sed 's/.*cov: //')"
  if ((status == 0)); then
    result=ok
  elif grep -q 'ERROR: libFuzzer: timeout' "$log"; then
    result=timeout
  elif grep -q 'ERROR: libFuzzer: out-of-memory' "$log"; then
    result=oom
  elif grep -q 'ERROR: LeakSanitizer' "$log"; then
    result=leak
  else
    result=crash
  fi
  printf '%-11s %8s %11s %8s %6s  %s\n' "$name" "$((SECONDS - started))" "${execs:-?}" "${rate:-?}" \
    "${cov:-?}" "$result"
  if [[ $result != ok ]]; then
    grep -E 'Test unit written to|ERROR:|SUMMARY:|check failed' "$log" | sed 's/^/    /' >&2 || true
    echo "    log: $log" >&2
    return 1
  fi
  rm -f "$log"
}

header() { printf '%-11s %8s %11s %8s %6s  %s\n' target seconds execs exec/s cov result; }

main() {
  if [[ ${1:-} == --seeds-only ]]; then
    (($# == 2)) || { echo "usage: $0 --seeds-only DIR" >&2; exit 2; }
    make_seeds "$2" "${ALL_TARGETS[@]}"
    echo "fuzz: $(find "$2" -type f | wc -l) seed inputs in $2"
    exit 0
  fi
  if [[ ${1:-} == --run-one ]]; then
    (($# == 7)) || { echo "usage: $0 --run-one BINARY NAME SECONDS CORPUS SEEDS ARTIFACT_PREFIX" >&2; exit 2; }
    header
    run_one "${@:2}"
    exit
  fi
  local build=1
  if [[ ${1:-} == --no-build ]]; then
    build=0
    shift
  fi
  local targets=("$@") target
  ((${#targets[@]} > 0)) || targets=("${ALL_TARGETS[@]}")
  for target in "${targets[@]}"; do
    [[ " ${ALL_TARGETS[*]} " == *" $target "* ]] ||
      { echo "fuzz: unknown target '$target' (known: ${ALL_TARGETS[*]})" >&2; exit 2; }
  done
  local dir="${FUZZ_BUILD_DIR:-$ROOT/build/fuzz}" seconds="${FUZZ_SECONDS:-60}"
  if ((build)); then
    CXX="${CXX:-clang++}" cmake -S "$ROOT" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DPOLYSEARCH_FUZZ=ON >/dev/null
    cmake --build "$dir" -j2 --target "${targets[@]/#/polysearch_fuzz_}"
  fi
  make_seeds "$dir/seeds" "${targets[@]}"
  local failed=0
  header
  for target in "${targets[@]}"; do
    run_one "$dir/tests/fuzz/bin/polysearch_fuzz_$target" "$target" "$seconds" \
      "$dir/corpus/$target" "$dir/seeds/$target" "$ROOT/tests/fuzz/regressions/$target/" ||
      failed=1
  done
  exit "$failed"
}

main "$@"
