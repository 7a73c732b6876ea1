#!/usr/bin/env bash
# Pseudo-relevance feedback (--prf) against plain BM25 on the retrieval collections of
# ../shared/data/retrieval: each collection is indexed once (defaults), then plain BM25 and
# each --prf setting run its questions as plain words (--literal, top 100), `polysearch
# eval` scores each run as trec_eval -c does, and `polysearch compare` tests it against
# BM25.  Prints one Markdown table per collection: nDCG@10 of each setting, the change
# against BM25 and the paired t-test's p, and the time of the run.
#
# With more than one setting it then chooses one by k-fold cross-validation over the
# questions (PRF_FOLDS, default 5; question i of qrels.txt's order is in fold i mod k):
# for each fold, the setting with the best mean nDCG@10 on the other folds, scored on the
# held-out fold.  The held-out folds' hits make one run, "cv", compared with BM25 as the
# others: a figure no question was tuned on.
#
#   tools/bench/prf_experiments.sh [POLYSEARCH_BINARY] [OUTPUT_DIR]
#
# Defaults: build/release/polysearch and build/prf.  POLYSEARCH_RETRIEVAL_DATA moves the
# data; PRF_COLLECTIONS and PRF_SETTINGS (space-separated --prf texts; default Anserini's
# RM3, Bo1 and Xapian's own, then a grid of RM3's docs 5/10/20, terms 5/10/20 and weight
# 0.3/0.5/0.7) choose a subset.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
binary=${1:-$root/build/release/polysearch}
out=${2:-$root/build/prf}
data=${POLYSEARCH_RETRIEVAL_DATA:-$root/../shared/data/retrieval}
folds=${PRF_FOLDS:-5}
read -r -a collections <<<"${PRF_COLLECTIONS:-xquadr/de xquadr/es xquadr/zh-Hans stard/zh-Hans xquad/de cmrc2018/zh-Hans squad11ptsample/pt}"
default_settings="rm3 bo1 trad"
for docs in 5 10 20; do
  for terms in 5 10 20; do
    for weight in 0.3 0.5 0.7; do
      default_settings+=" rm3:docs=$docs,terms=$terms,weight=$weight"
    done
  done
done
read -r -a settings <<<"${PRF_SETTINGS:-$default_settings}"

if [[ ! -d $data ]]; then
  echo "skipped: no retrieval collections at $data (set POLYSEARCH_RETRIEVAL_DATA)" >&2
  exit 0
fi
[[ -x $binary ]] || { echo "error: no polysearch binary at $binary" >&2; exit 1; }
mkdir -p "$out/runs" "$out/index"

# A --prf text as a file name: rm3:docs=5,weight=0.3 → rm3-docs5-weight0.3.
name_of() { local n=${1//:/-}; n=${n//,/-}; echo "${n//=/}"; }

# ndcg and versus (nDCG@10 of a run; a paired comparison) are in common.sh.
# shellcheck source=tools/bench/common.sh
source "$root/tools/bench/common.sh"

# timed_run SPEC RUN INDEX QUERIES: runs the questions; prints the wall time in seconds.
timed_run() {
  local spec=$1 run=$2 index=$3 queries=$4 start end
  start=$(date +%s.%N)
  if [[ $spec == bm25 ]]; then
    "$binary" run --db "$index" --queries "$queries" --literal -k 100 --tag bm25 -q -o "$run"
  else
    "$binary" run --db "$index" --queries "$queries" --literal -k 100 --prf "$spec" \
      --tag "$(name_of "$spec")" -q -o "$run"
  fi
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }'
}

for c in "${collections[@]}"; do
  n=${c//\//-}
  index=$out/index/$n
  qrels=$data/$c/qrels.txt
  if [[ ! -d $index ]]; then
    echo "indexing $c" >&2
    "$binary" index --quiet --db "$index" "$data/$c/docs.jsonl"
  fi
  echo
  echo "### $c"
  echo
  echo "| setting | nDCG@10 | vs BM25 | run s |"
  echo "| --- | --- | --- | --- |"
  base=$out/runs/$n.bm25.run
  seconds=$(timed_run bm25 "$base" "$index" "$data/$c/queries.tsv")
  echo "| bm25 | $(ndcg "$base" "$qrels") | | $seconds |"
  for spec in "${settings[@]}"; do
    run=$out/runs/$n.$(name_of "$spec").run
    seconds=$(timed_run "$spec" "$run" "$index" "$data/$c/queries.tsv")
    "$binary" eval --qrels "$qrels" -q -m ndcg_cut.10 "$run" >"$run.perquery"
    echo "| $spec | $(ndcg "$run" "$qrels") | $(versus "$run" "$qrels" "$base") | $seconds |"
  done
  ((${#settings[@]} > 1)) || continue
  # Cross-validation: per-query nDCG@10 of every setting (0 for a question without hits).
  cv=$out/runs/$n.cv.run
  for spec in "${settings[@]}"; do
    printf '%s\t%s\n' "$spec" "$out/runs/$n.$(name_of "$spec").run"
  done >"$out/runs/$n.settings"
  awk -v k="$folds" -v settings="$out/runs/$n.settings" -v qrels="$qrels" '
    BEGIN {
      FS = "\t"
      while ((getline line < settings) > 0) { split(line, f, "\t"); ns++; spec[ns] = f[1]; file[ns] = f[2] }
      FS = " "
      while ((getline line < qrels) > 0) {
        split(line, f, " ")
        if (!(f[1] in fold)) { fold[f[1]] = nq % k; nq++ }
      }
      for (s = 1; s <= ns; s++) {
        FS = "\t"
        while ((getline line < (file[s] ".perquery")) > 0) {
          split(line, f, "\t"); gsub(/ /, "", f[1]); gsub(/ /, "", f[2])
          if (f[1] == "ndcg_cut_10" && f[2] != "all") score[s, f[2]] = f[3]
        }
      }
      for (q in fold) for (s = 1; s <= ns; s++) sum[s, fold[q]] += score[s, q]
      for (g = 0; g < k; g++) {
        best = 0
        for (s = 1; s <= ns; s++) {
          train = 0
          for (h = 0; h < k; h++) if (h != g) train += sum[s, h]
          if (best == 0 || train > best_train) { best = s; best_train = train }
        }
        chosen[g] = best
        printf "fold %d: %s\n", g + 1, spec[best] > "/dev/stderr"
      }
      for (g = 0; g < k; g++) {
        FS = " "
        while ((getline line < file[chosen[g]]) > 0) {
          split(line, f, " ")
          if ((f[1] in fold) && fold[f[1]] == g) print line
        }
        close(file[chosen[g]])
      }
    }' >"$cv" 2>"$out/runs/$n.cv.folds"
  echo "| cross-validated ($folds folds: $(cut -d' ' -f3 "$out/runs/$n.cv.folds" | sort | uniq -c | awk '{ printf "%s%s×%s", (NR > 1 ? ", " : ""), $1, $2 }')) | $(ndcg "$cv" "$qrels") | $(versus "$cv" "$qrels" "$base") | |"
done
