#!/usr/bin/env bash
# The man page polysearch.1 that the build writes ('polysearch manpage'): it is current,
# groff formats it without a warning, man renders it, and it documents every command,
# every option of each command's --help and the exit statuses.
#
#   POLYSEARCH_MANPAGE=build/polysearch.1 \
#     bash tests/cli/manpage_test.sh <polysearch-binary> <fixtures-dir> <scratch-dir>
#
# Exits 77 (ctest: skipped) when neither groff nor man is installed.
set -u

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
setup manpage_test "$@"
MANPAGE=${POLYSEARCH_MANPAGE:-$(dirname "$BIN")/polysearch.1}

HAVE_GROFF=0
command -v groff >/dev/null 2>&1 && HAVE_GROFF=1
HAVE_MAN=0
command -v man >/dev/null 2>&1 && HAVE_MAN=1
if [[ $HAVE_GROFF == 0 && $HAVE_MAN == 0 ]]; then
  echo "skipped: groff and man absent (Debian: apt-get install groff-base man-db)"
  exit 77
fi

expect_file_exists "the build wrote the man page" "$MANPAGE"
run manpage
expect_exit "polysearch manpage" 0
expect_stdout_file "the built man page is current" "$MANPAGE"
run manpage --output "$WORK/polysearch.1"
expect_exit "polysearch manpage --output" 0
expect_stdout_file "manpage --output prints nothing" /dev/null
CHECKS=$((CHECKS + 1))
cmp -s "$MANPAGE" "$WORK/polysearch.1" || fail "manpage --output differs from the built page"
run manpage --output "$WORK/no-such-dir/polysearch.1"
expect_exit "manpage into a missing directory" 3
expect_one_error_line "manpage into a missing directory"

if [[ $HAVE_GROFF == 1 ]]; then
  groff -k -man -Tutf8 -ww -z "$MANPAGE" >"$WORK/groff" 2>&1
  RC=$?
  expect_exit "groff formats the man page" 0
  expect_eq "groff -ww has no warning" "" "$(cat "$WORK/groff")"
else
  echo "skipped: groff warnings (groff absent)"
fi

if [[ $HAVE_MAN == 1 ]]; then
  MANWIDTH=80 LC_ALL=C.UTF-8 man -l "$MANPAGE" >"$WORK/stdout" 2>"$WORK/stderr"
  RC=$?
  collect man -l
else
  groff -k -man -Tutf8 -P-cbou "$MANPAGE" >"$WORK/stdout" 2>"$WORK/stderr"
  RC=$?
  collect groff -Tutf8
fi
expect_exit "the man page renders" 0
expect_eq "rendering prints no error" "" "$ERR"
PAGE=$OUT
expect_match "NAME" "$PAGE" '^NAME$'
expect_match "SYNOPSIS" "$PAGE" '^SYNOPSIS$'
expect_match "EXIT STATUS" "$PAGE" '^EXIT STATUS$'
for status in "0    success" "1    no results" "2    usage error" "3    data error" "130  interrupted"; do
  expect_match "exit status ${status:0:3}" "$PAGE" "^ +$status"
done
expect_match "ENVIRONMENT names NO_COLOR" "$PAGE" '^ +NO_COLOR$'

COMMANDS=$("$BIN" --help |
  awk '/^Subcommands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { exit }')
for command in $COMMANDS; do
  expect_match "section of $command" "$PAGE" "^   $command\$"
  expect_match "usage of $command" "$PAGE" "^ +polysearch $command \\[OPTIONS\\]"
  # Every option of the command's --help, in the command's section.
  section=$(awk -v c="$command" '$0 == "   " c { on = 1; next } on && /^   [a-z]/ { exit } on' <<<"$PAGE")
  for option in $("$BIN" "$command" --help | grep -oE '^  -[^ ]+' | tr ',' ' '); do
    expect_match "$command section documents $option" "$section" "(^|[ ,])$option( |,|$)"
  done
done

finish manpage_test
