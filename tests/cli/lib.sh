# Helpers shared by the CLI test scripts.  A script sources this file, calls
# `setup NAME "$@"` (which sets BIN, FIXTURES and WORK, an empty scratch directory), runs
# checks, and ends with `finish NAME`.
#
#   run ARGS...            runs "$BIN" ARGS with empty stdin; sets OUT, ERR and RC
#   run_stdin INPUT ARGS.. the same with INPUT on stdin
#   expect_* NAME ...      one check each; a failure prints what was expected and got
#   skip_rest NAME REASON  ends the script as skipped (exit 77) when a tool is absent
# A sanitizer report on stderr fails the check even when the exit status is as expected.

# setup NAME ARGS...: ARGS are <polysearch-binary> <fixtures-dir> <scratch-dir>.
setup() {
  if [[ $# -ne 4 ]]; then
    echo "usage: $0 <polysearch-binary> <fixtures-dir> <scratch-dir>" >&2
    exit 2
  fi
  BIN=$2
  FIXTURES=$3
  WORK="$4/$1"
  rm -rf "$WORK"
  mkdir -p "$WORK"
  export LC_ALL=C.UTF-8
}

FAILURES=0
CHECKS=0
OUT=""
ERR=""
RC=0

fail() {
  FAILURES=$((FAILURES + 1))
  echo "FAIL: $1"
  shift
  for line in "$@"; do echo "      $line"; done
}

collect() {
  OUT=$(cat "$WORK/stdout")
  ERR=$(cat "$WORK/stderr")
  if grep -Eq 'Sanitizer|runtime error:' "$WORK/stderr"; then
    fail "sanitizer report from: polysearch $*" "$(head -20 "$WORK/stderr")"
  fi
}

run() {
  "$BIN" "$@" </dev/null >"$WORK/stdout" 2>"$WORK/stderr"
  RC=$?
  collect "$@"
}

run_stdin() {
  local input=$1
  shift
  printf '%s' "$input" | "$BIN" "$@" >"$WORK/stdout" 2>"$WORK/stderr"
  RC=$?
  collect "$@"
}

# expect_exit NAME CODE: the last run exited with CODE.
expect_exit() {
  CHECKS=$((CHECKS + 1))
  if [[ $RC -ne $2 ]]; then
    fail "$1: exit status" "expected: $2" "got:      $RC" "stderr:   ${ERR:0:400}"
  fi
}

# expect_contains NAME TEXT NEEDLE: TEXT contains the fixed string NEEDLE.
expect_contains() {
  CHECKS=$((CHECKS + 1))
  if [[ "$2" != *"$3"* ]]; then
    fail "$1: missing text" "expected to contain: $3" "got: ${2:0:800}"
  fi
}

# expect_not_contains NAME TEXT NEEDLE
expect_not_contains() {
  CHECKS=$((CHECKS + 1))
  if [[ "$2" == *"$3"* ]]; then
    fail "$1: unexpected text" "expected not to contain: $3" "got: ${2:0:600}"
  fi
}

# expect_match NAME TEXT REGEX: some line of TEXT matches the extended regular expression.
expect_match() {
  CHECKS=$((CHECKS + 1))
  if ! grep -Eq -- "$3" <<<"$2"; then
    fail "$1: no line matches" "expected regex: $3" "got: ${2:0:600}"
  fi
}

# expect_eq NAME EXPECTED GOT
expect_eq() {
  CHECKS=$((CHECKS + 1))
  if [[ "$2" != "$3" ]]; then
    fail "$1" "expected: $2" "got:      $3"
  fi
}

# expect_one_error_line NAME: stderr is exactly one "polysearch: error: " line.
expect_one_error_line() {
  CHECKS=$((CHECKS + 1))
  local lines
  lines=$(printf '%s\n' "$ERR" | grep -c .)
  if [[ $lines -ne 1 || "$ERR" != "polysearch: error: "* ]]; then
    fail "$1: stderr should be one 'polysearch: error:' line" "got: $ERR"
  fi
}

# expect_file_exists NAME FILE / expect_no_file NAME FILE
expect_file_exists() {
  CHECKS=$((CHECKS + 1))
  [[ -f "$2" ]] || fail "$1: file missing" "$2"
}

expect_no_file() {
  CHECKS=$((CHECKS + 1))
  [[ ! -e "$2" ]] || fail "$1: file should not exist" "$2"
}

# expect_stdout_file NAME FILE: stdout of the last run equals FILE byte for byte.
expect_stdout_file() {
  CHECKS=$((CHECKS + 1))
  if ! diff -u "$2" "$WORK/stdout" >"$WORK/diff"; then
    fail "$1: differs from $(basename "$2")" "$(head -40 "$WORK/diff")"
  fi
}

# skip_rest NAME REASON: the rest of the script needs something absent (a tool).  A check
# that failed so far still fails the script; otherwise it exits 77, which ctest reports as
# skipped (the test's SKIP_RETURN_CODE), not as passed.
skip_rest() {
  echo "skipped: $2"
  finish "$1"
  exit 77
}

# finish NAME: the summary line, and the script's exit status.
finish() {
  if [[ $FAILURES -ne 0 ]]; then
    echo "$1: $FAILURES of $CHECKS checks failed"
    exit 1
  fi
  echo "$1: all $CHECKS checks passed"
}
