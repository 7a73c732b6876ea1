#!/usr/bin/env bash
# Peak memory of indexing against corpus size: indexes 1×, 3× and 10× a corpus (each copy
# with new ids) with the default batch size, measuring peak RSS and time with GNU time, and
# then 1× with other batch sizes.  Peak RSS should depend on the batch size, not on the
# corpus: each batch is one Xapian transaction, held in memory until its commit.
#
#   tools/bench/index_rss.sh [de|es|pt|zh] [COPIES...]     (default: de 1 3 10)
#
# The corpus is ../shared/bench/corpus/LANG.jsonl; without it a German-like corpus is
# generated (24,000 documents, about 26 MB).  Environment: POLYSEARCH (the binary; default
# build/release/polysearch, built if missing), WORK (scratch directory; default
# build/index-rss), BATCHES (batch sizes for the second table; default "100 1000 10000",
# empty for none).  Figures: docs/RELIABILITY.md, "Resource bounds".
set -euo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
LANGUAGE=${1:-de}
shift || true
COPIES=("$@")
[[ ${#COPIES[@]} -gt 0 ]] || COPIES=(1 3 10)
POLYSEARCH=${POLYSEARCH:-$REPO/build/release/polysearch}
WORK=${WORK:-$REPO/build/index-rss}
BATCHES=${BATCHES-100 1000 10000}
CORPUS="$REPO/../shared/bench/corpus/$LANGUAGE.jsonl"

# shellcheck source=tools/bench/common.sh
source "$REPO/tools/bench/common.sh"
require_gnu_time index_rss.sh
ensure_release_binary "$POLYSEARCH" "$REPO"
fresh_directory "$WORK"

if [[ ! -f $CORPUS ]]; then
  echo "note: $CORPUS absent; using a generated German-like corpus instead" >&2
  CORPUS="$WORK/generated.jsonl"
  awk 'BEGIN {
    srand(1)
    split("die der und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch " \
          "Stiftung Gründung Forschung Berlin Wissenschaft Jahr Projekt Entwicklung Software Datei " \
          "Verzeichnis Benutzer System Programm Option Befehl Ausgabe Eingabe Fehler Version", w, " ")
    for (i = 0; i < 24000; i++) {
      n = 40 + int(rand() * 300)
      text = ""
      for (j = 0; j < n; j++) text = text w[1 + int(rand() * 40)] (rand() < 0.1 ? ". " : " ")
      printf "{\"id\": \"gen-%06d\", \"lang\": \"de\", \"text\": \"%s\"}\n", i, text
    }
  }' >"$CORPUS"
fi
if [[ $(head -c 8 "$CORPUS") != '{"id": "' ]]; then
  echo "index_rss.sh: expected lines starting with {\"id\": \" in $CORPUS" >&2
  exit 2
fi
CORPUS_DOCS=$(wc -l <"$CORPUS")
CORPUS_MB=$(awk -v b="$(stat -c %s "$CORPUS")" 'BEGIN { printf "%.1f", b / 1e6 }')

# copies N: the corpus N times, copy k's ids prefixed "k-" so that none replaces another.
copies() {
  for k in $(seq 1 "$1"); do
    sed "s/^{\"id\": \"/{\"id\": \"$k-/" "$CORPUS"
  done
}

# measure COPIES BATCH: one row of the table.
measure() {
  local n=$1 batch=$2 db="$WORK/idx-$1-$2"
  copies "$n" | /usr/bin/time -o "$WORK/time" -f '%M %e' \
    "$POLYSEARCH" index --db "$db" --quiet --json --batch "$batch" - >"$WORK/summary.json"
  read -r rss_kb seconds <"$WORK/time"
  local docs mb index_mb
  docs=$(sed 's/.*"indexed":\([0-9]*\).*/\1/' "$WORK/summary.json")
  mb=$(awk -v c="$CORPUS_MB" -v n="$n" 'BEGIN { printf "%.1f", c * n }')
  index_mb=$(du -sm "$db" | cut -f1)
  printf '%6s  %6s  %8s  %8s  %8s  %6s  %12s  %8s\n' "${n}x" "$batch" "$docs" "$mb" "$seconds" \
    "$(awk -v m="$mb" -v s="$seconds" 'BEGIN { printf "%.2f", m / s }')" \
    "$(awk -v k="$rss_kb" 'BEGIN { printf "%.0f", k / 1024 }')" "$index_mb"
  rm -rf "$db"
}

echo "corpus: $CORPUS ($CORPUS_DOCS documents, $CORPUS_MB MB); $("$POLYSEARCH" --version); $(nproc) cores"
printf '%6s  %6s  %8s  %8s  %8s  %6s  %12s  %8s\n' copies batch docs "input MB" seconds "MB/s" \
  "peak RSS MB" "index MB"
for n in "${COPIES[@]}"; do measure "$n" 1000; done
for batch in $BATCHES; do
  [[ $batch == 1000 ]] || measure 1 "$batch"
done
