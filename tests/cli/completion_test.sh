#!/usr/bin/env bash
# The bash completion, tools/completion/polysearch.bash: it is what the tool generates
# ('polysearch completion bash'), it offers every option that each command's --help
# lists (and no other), and it completes option values and arguments.
#
#   bash tests/cli/completion_test.sh <polysearch-binary> <fixtures-dir> <scratch-dir>
#
# Runs every check, prints each failure (expected vs got) and exits 1 if any failed.
set -u

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
setup completion_test "$@"
COMPLETION="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/tools/completion/polysearch.bash"

# --- the file is the tool's output ---------------------------------------------------

run completion bash
expect_exit "completion bash" 0
CHECKS=$((CHECKS + 1))
if ! diff -u "$COMPLETION" "$WORK/stdout" >"$WORK/diff"; then
  fail "tools/completion/polysearch.bash is out of date; regenerate it with" \
    "polysearch completion bash > tools/completion/polysearch.bash" "$(head -30 "$WORK/diff")"
fi
run completion zsh
expect_exit "completion of an unknown shell" 2
expect_one_error_line "completion of an unknown shell"
run --help
expect_not_contains "completion is hidden from --help" "$OUT" "completion"
expect_not_contains "manpage is hidden from --help" "$OUT" "manpage"
if command -v shellcheck >/dev/null 2>&1; then
  CHECKS=$((CHECKS + 1))
  shellcheck -s bash "$COMPLETION" >"$WORK/shellcheck" 2>&1 ||
    fail "shellcheck polysearch.bash" "$(head -20 "$WORK/shellcheck")"
else
  echo "skipped: shellcheck of the completion (shellcheck absent)"
fi

# --- completing ------------------------------------------------------------------------

# shellcheck source=/dev/null  # generated; shellchecked on its own above
source "$COMPLETION"
CHECKS=$((CHECKS + 1))
[[ "$(complete -p polysearch 2>/dev/null)" == "complete -F _polysearch polysearch" ]] ||
  fail "the script registers _polysearch for polysearch"

# completions WORD...: the candidates, sorted, one per line, for the command line WORD...
# with the cursor at the end of the last WORD ('' to start a new word).
completions() {
  COMP_WORDS=("$@")
  COMP_CWORD=$(($# - 1))
  COMPREPLY=()
  _polysearch 2>/dev/null
  ((${#COMPREPLY[@]} == 0)) || printf '%s\n' "${COMPREPLY[@]}" | sort
}

# expect_completions NAME EXPECTED WORD...: the candidates, space-separated, are EXPECTED.
expect_completions() {
  local name=$1 expected=$2
  shift 2
  expect_eq "$name" "$expected" "$(completions "$@" | tr '\n' ' ' | sed 's/ $//')"
}

# The options a --help lists, one per line ("-k" and "--limit" for "-k,--limit UINT").
help_options() {
  "$BIN" "$@" --help | grep -oE '^  -[^ ]+' | tr ',' '\n' | sed 's/^ *//' | sort
}

COMMANDS=$("$BIN" --help |
  awk '/^Subcommands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { exit }')
expect_completions "commands" "$(tr '\n' ' ' <<<"$COMMANDS" | tr ' ' '\n' | sed '/^$/d' | sort | tr '\n' ' ' | sed 's/ $//')" \
  polysearch ''
expect_completions "command prefix" "index info" polysearch in
expect_completions "main options" "--help --version" polysearch --
expect_eq "main options are those of --help" "$(help_options)" "$(completions polysearch -)"

for command in $COMMANDS; do
  expect_eq "'polysearch $command -' offers exactly the options of its --help" \
    "$(help_options "$command")" "$(completions polysearch "$command" -)"
done

expect_completions "--lang values" "auto de es pt und zh" polysearch index --lang ''
expect_completions "--lang value prefix" "de" polysearch search --db idx --lang d
expect_completions "--lang=value" "auto de es pt und zh" polysearch analyze --lang = ''
expect_completions "--lang=prefix" "zh" polysearch analyze --lang = z
expect_completions "--mode values" "bigrams hybrid words" polysearch segment --mode ''
expect_completions "--chinese-segmentation values" "bigrams hybrid words" \
  polysearch index --chinese-segmentation ''
expect_completions "--topic-field values" "desc title title+desc" polysearch run --topic-field ''
expect_completions "a numeric value gets no candidates" "" polysearch index --batch ''
expect_completions "a query gets no candidates" "" polysearch search --db idx ''
expect_completions "options after an argument" "--db" polysearch search linux --d

mkdir -p "$WORK/tree/index-dir"
: >"$WORK/tree/docs.jsonl"
cd "$WORK/tree" || exit 1
expect_completions "--db completes directories" "index-dir" polysearch search --db ''
expect_completions "PATH completes files and directories" "docs.jsonl index-dir" \
  polysearch index --db idx ''
expect_completions "--qrels completes files" "docs.jsonl index-dir" polysearch eval --qrels ''
expect_completions "RUN completes files" "docs.jsonl" polysearch eval --qrels q d
cd "$WORK" || exit 1

finish completion_test
