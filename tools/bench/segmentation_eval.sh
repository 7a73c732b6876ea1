#!/usr/bin/env bash
# Chinese word segmentation against the UD GSD gold standard: runs `polysearch segment` on
# the raw dev and test sentences of ../shared/data/segmentation/ud-gsd-zh-{hant,hans}, with
# the default configuration (Traditional folded to Simplified before segmenting) and with
# --no-fold-chinese-script (ICU's dictionary alone), scores each with `polysearch segeval`
# and prints a Markdown table of precision, recall, F1 and segmenting speed.  Then the
# cross-script agreement: the lines where `segment --terms` gives the same terms for the
# Traditional and the Simplified version of a sentence.
#
#   tools/bench/segmentation_eval.sh [POLYSEARCH_BINARY] [SHARED_DATA_DIR]
#
# Defaults: build/release/polysearch and ../shared/data (from the repository root).  Speed
# is measured on the raw file repeated SEGMENT_REPEAT times (default 20, ~1 MB), so that
# start-up (ICU data, dictionaries) does not dominate; it is noisy on a busy machine.
# Needs only coreutils and awk.  About 10 seconds.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
binary=${1:-$root/build/release/polysearch}
shared=${2:-$root/../shared/data}
data=$shared/segmentation
repeat=${SEGMENT_REPEAT:-20}
scripts=(zh-hant zh-hans)
splits=(dev test)
configs=(default no-fold)

if [[ ! -d $data ]]; then
  echo "error: no segmentation data at $data (expected ud-gsd-zh-hant/ and ud-gsd-zh-hans/;" \
    "pass SHARED_DATA_DIR)" >&2
  exit 1
fi
for script in "${scripts[@]}"; do
  for split in "${splits[@]}"; do
    for kind in gold raw; do
      file=$data/ud-gsd-$script/$split.$kind.txt
      [[ -f $file ]] || { echo "error: missing $file" >&2; exit 1; }
    done
  done
done
[[ -x $binary ]] || { echo "error: no polysearch binary at $binary" >&2; exit 1; }
[[ $repeat =~ ^[1-9][0-9]*$ ]] || { echo "error: SEGMENT_REPEAT must be a positive integer" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# flags CONFIG: the segment options of a configuration.
flags() {
  case $1 in
    default) ;;
    no-fold) echo --no-fold-chinese-script ;;
  esac
}

describe() {
  case $1 in
    default) echo "fold to Simplified (default)" ;;
    no-fold) echo "--no-fold-chinese-script" ;;
  esac
}

# value NAME FILE: the value of the "NAME  value" line of a segeval report.
value() {
  sed -n "s/^$1  *\([^ ]*\)\$/\1/p" "$2"
}

# now: nanoseconds since the epoch.
now() { date +%s%N; }

echo "polysearch: $binary"
echo "data:       $data"
echo
echo "| set | script | config | P | R | F1 | lines/s | MB/s |"
echo "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |"
for split in "${splits[@]}"; do
  for script in "${scripts[@]}"; do
    dir=$data/ud-gsd-$script
    for _ in $(seq "$repeat"); do cat "$dir/$split.raw.txt"; done >"$tmp/repeated.txt"
    lines=$(wc -l <"$tmp/repeated.txt")
    bytes=$(wc -c <"$tmp/repeated.txt")
    for config in "${configs[@]}"; do
      # shellcheck disable=SC2046  # flags gives zero or one word
      "$binary" segment $(flags "$config") <"$dir/$split.raw.txt" >"$tmp/segmented.txt"
      "$binary" segeval --gold "$dir/$split.gold.txt" --output "$tmp/segmented.txt" >"$tmp/report.txt"
      start=$(now)
      # shellcheck disable=SC2046
      "$binary" segment $(flags "$config") <"$tmp/repeated.txt" >/dev/null
      elapsed=$(($(now) - start))
      awk -v set="$split" -v script="$script" -v config="$(describe "$config")" \
        -v p="$(value precision "$tmp/report.txt")" -v r="$(value recall "$tmp/report.txt")" \
        -v f="$(value F1 "$tmp/report.txt")" -v lines="$lines" -v bytes="$bytes" \
        -v ns="$elapsed" 'BEGIN {
          s = ns / 1e9
          printf "| %s | %s | %s | %s | %s | %s | %.0f | %.2f |\n", set, script, config, p, r, f,
                 lines / s, bytes / 1e6 / s
        }'
    done
  done
done

echo
echo "Cross-script agreement: the lines where the Traditional (zh-hant) and the Simplified"
echo "(zh-hans) version of a sentence are cut at the same places (words of the same byte"
echo "lengths; CJK characters are 3 bytes in either script), and where \`segment --terms\`"
echo "gives the same terms."
echo
echo "| set | config | same cuts | same terms | lines | same cuts % | same terms % |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: |"
for split in "${splits[@]}"; do
  for config in "${configs[@]}"; do
    for script in "${scripts[@]}"; do
      # shellcheck disable=SC2046
      "$binary" segment $(flags "$config") <"$data/ud-gsd-$script/$split.raw.txt" |
        awk '{ out = ""; for (i = 1; i <= NF; i++) out = out " " length($i); print out }' \
        >"$tmp/cuts-$script.txt"
      # shellcheck disable=SC2046
      "$binary" segment --terms $(flags "$config") <"$data/ud-gsd-$script/$split.raw.txt" \
        >"$tmp/terms-$script.txt"
    done
    paste -d '\t' "$tmp/cuts-zh-hant.txt" "$tmp/cuts-zh-hans.txt" \
      "$tmp/terms-zh-hant.txt" "$tmp/terms-zh-hans.txt" |
      LC_ALL=C awk -F '\t' -v set="$split" -v config="$(describe "$config")" '
        { total++; if ($1 == $2) cuts++; if ($3 == $4) terms++ }
        END {
          printf "| %s | %s | %d | %d | %d | %.1f | %.1f |\n", set, config, cuts, terms, total,
            100 * cuts / total, 100 * terms / total
        }'
  done
done
