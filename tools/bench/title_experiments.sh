#!/usr/bin/env bash
# The title's weight in ranking, measured on the retrieval collections of
# ../shared/data/retrieval (docs/RETRIEVAL.md, "Fields in ranking: the title's weight").
#
# 1. Index time: each collection is indexed once per title wdf (index --title-wdf: how many
#    times a title word counts among the document's words; TITLE_WDFS, default "3 1 2 5 0",
#    the first being the reference, 3 = the default before the setting existed), its
#    questions run as plain words (--literal, top 100), `polysearch eval` scores each run
#    (nDCG@10, as trec_eval -c) and `polysearch compare` tests it against the reference.
#    Then the title wdf is chosen by 5-fold cross-validation over each collection's
#    questions (question i of qrels.txt's order in fold i mod 5; each fold scored with the
#    value best on the other four) and, for one default for all collections, by leaving
#    one collection out: the value with the best mean nDCG@10 over the other collections,
#    scored on the one left out.
# 2. Query time: `polysearch tune --grid 'title=0|0.25|0.5|1|2'` (--title-weight, 5 folds)
#    on each collection's index of title wdf TITLE_TUNE_WDF (default 2, today's default).
#
#   tools/bench/title_experiments.sh [POLYSEARCH_BINARY] [OUTPUT_DIR]
#
# Defaults: build/release/polysearch and build/title.  POLYSEARCH_RETRIEVAL_DATA moves the
# data; TITLE_COLLECTIONS (space-separated) chooses the collections, TITLE_THREADS the
# threads (default 2), TITLE_WEIGHTS the --title-weight grid, TITLE_FOLDS the folds.
# Prints Markdown tables; keeps indexes, runs and tune reports under OUTPUT_DIR.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
binary=${1:-$root/build/release/polysearch}
out=${2:-$root/build/title}
data=${POLYSEARCH_RETRIEVAL_DATA:-$root/../shared/data/retrieval}
threads=${TITLE_THREADS:-2}
folds=${TITLE_FOLDS:-5}
weights=${TITLE_WEIGHTS:-0|0.25|0.5|1|2}
tune_wdf=${TITLE_TUNE_WDF:-2}
read -r -a collections <<<"${TITLE_COLLECTIONS:-stard/zh-Hans xquadr/de xquadr/es xquadr/zh-Hans xquad/de xquad/es xquad/zh-Hans cmrc2018/zh-Hans squad11ptsample/pt}"
read -r -a wdfs <<<"${TITLE_WDFS:-3 1 2 5 0}"

if [[ ! -d $data ]]; then
  echo "skipped: no retrieval collections at $data (set POLYSEARCH_RETRIEVAL_DATA)" >&2
  exit 0
fi
[[ -x $binary ]] || { echo "error: no polysearch binary at $binary" >&2; exit 1; }
mkdir -p "$out/runs" "$out/index" "$out/tune"

# ndcg and versus (nDCG@10 of a run; a paired comparison) are in common.sh.
# shellcheck source=tools/bench/common.sh
source "$root/tools/bench/common.sh"

# cross_validate QRELS CV_RUN SETTINGS_FILE: k-fold cross-validation over the runs listed
# in SETTINGS_FILE ("name<TAB>run" lines, the reference first, which wins ties); writes the
# held-out folds' hits to CV_RUN and prints how many folds chose each setting.
cross_validate() {
  local qrels=$1 cv=$2 settings=$3
  while IFS=$'\t' read -r _ run; do
    "$binary" eval --qrels "$qrels" -q -m ndcg_cut.10 "$run" >"$run.perquery"
  done <"$settings"
  awk -v k="$folds" -v settings="$settings" -v qrels="$qrels" '
    BEGIN {
      FS = "\t"
      while ((getline line < settings) > 0) { split(line, f, "\t"); ns++; spec[ns] = f[1]; file[ns] = f[2] }
      FS = " "
      while ((getline line < qrels) > 0) {
        split(line, f, " ")
        if (!(f[1] in fold)) { fold[f[1]] = nq % k; nq++ }
      }
      for (s = 1; s <= ns; s++) {
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
          if (best == 0 || train > best_train + 1e-9) { best = s; best_train = train }
        }
        chosen[g] = best
        count[best]++
      }
      for (g = 0; g < k; g++) {
        while ((getline line < file[chosen[g]]) > 0) {
          split(line, f, " ")
          if ((f[1] in fold) && fold[f[1]] == g) print line
        }
        close(file[chosen[g]])
      }
      for (s = 1; s <= ns; s++) if (count[s] > 0) {
        printf "%s%d× %s", (n++ ? ", " : ""), count[s], spec[s] > "/dev/stderr"
      }
    }' >"$cv" 2>"$cv.folds"
  cat "$cv.folds"
}

# --- 1. index time: --title-wdf -------------------------------------------------------------

means=$out/runs/means.tsv  # collection, title wdf, nDCG@10
: >"$means"
header="| title wdf |"
rule="| --- |"
for c in "${collections[@]}"; do header+=" $c |"; rule+=" --- |"; done
declare -A cell cvcell
for c in "${collections[@]}"; do
  n=${c//\//-}
  qrels=$data/$c/qrels.txt
  reference=$out/runs/$n.wdf${wdfs[0]}.run
  : >"$out/runs/$n.settings"
  for w in "${wdfs[@]}"; do
    index=$out/index/$n.wdf$w
    run=$out/runs/$n.wdf$w.run
    if [[ ! -d $index ]]; then
      echo "indexing $c with --title-wdf $w" >&2
      "$binary" index --quiet --title-wdf "$w" --db "$index" "$data/$c/docs.jsonl"
    fi
    "$binary" run --db "$index" --queries "$data/$c/queries.tsv" --literal -k 100 \
      --threads "$threads" --tag "wdf$w" -q -o "$run"
    value=$(ndcg "$run" "$qrels")
    printf '%s\t%s\t%s\n' "$c" "$w" "$value" >>"$means"
    if [[ $w == "${wdfs[0]}" ]]; then
      cell[$c,$w]=$value
    else
      cell[$c,$w]="$value ($(versus "$run" "$qrels" "$reference"))"
    fi
    printf '%s\t%s\n' "$w" "$run" >>"$out/runs/$n.settings"
  done
  folds_chose=$(cross_validate "$qrels" "$out/runs/$n.cv.run" "$out/runs/$n.settings")
  cvcell[$c]="$(ndcg "$out/runs/$n.cv.run" "$qrels") ($(versus "$out/runs/$n.cv.run" "$qrels" "$reference"); folds: $folds_chose)"
done

echo
echo "nDCG@10 by title wdf (in brackets: against title wdf ${wdfs[0]}, difference and paired t-test p)"
echo
echo "$header"
echo "$rule"
for w in "${wdfs[@]}"; do
  row="| $w |"
  for c in "${collections[@]}"; do row+=" ${cell[$c,$w]} |"; done
  echo "$row"
done
row="| cross-validated ($folds folds) |"
for c in "${collections[@]}"; do row+=" ${cvcell[$c]} |"; done
echo "$row"

echo
if ((${#collections[@]} < 2)); then
  echo "One title wdf for all collections: one collection alone leaves none to choose on."
else
  echo "One title wdf for all collections, chosen on the others (best mean nDCG@10) and scored on the one left out:"
  echo
  echo "| left out | chosen on the others | nDCG@10 | against title wdf ${wdfs[0]} |"
  echo "| --- | --- | --- | --- |"
fi
for c in "${collections[@]}"; do
  ((${#collections[@]} >= 2)) || break
  n=${c//\//-}
  chosen=$(awk -F'\t' -v out="$c" -v first="${wdfs[0]}" '
    $1 != out { sum[$2] += $3; if (!($2 in order)) order[$2] = ++seen }
    END {
      for (w in sum) if (best == "" || sum[w] > sum[best] + 1e-9 ||
                         (sum[w] > sum[best] - 1e-9 && order[w] < order[best])) best = w
      print best
    }' "$means")
  run=$out/runs/$n.wdf$chosen.run
  echo "| $c | $chosen | $(ndcg "$run" "$data/$c/qrels.txt") | $(versus "$run" "$data/$c/qrels.txt" "$out/runs/$n.wdf${wdfs[0]}.run") |"
done

# --- 2. query time: --title-weight, chosen by polysearch tune ------------------------------

echo
echo "--title-weight on indexes of title wdf $tune_wdf, $folds folds (polysearch tune --grid 'title=$weights'):"
echo
echo "| collection | default (0) | cross-validated | CV − default, paired t-test | folds chose | every weight (tuned figures) |"
echo "| --- | --- | --- | --- | --- | --- |"
for c in "${collections[@]}"; do
  n=${c//\//-}
  index=$out/index/$n.wdf$tune_wdf
  if [[ ! -d $index ]]; then
    "$binary" index --quiet --title-wdf "$tune_wdf" --db "$index" "$data/$c/docs.jsonl"
  fi
  report=$out/tune/$n.txt
  "$binary" tune --db "$index" --queries "$data/$c/queries.tsv" --qrels "$data/$c/qrels.txt" \
    --literal -k 100 --threads "$threads" --folds "$folds" --grid "title=$weights" \
    --per-setting --run "$out/tune/$n.cv.run" >"$report" 2>"$out/tune/$n.err"
  awk -v c="$c" '
    /^  default / { def = $2 }
    /^  cross-validated / { cv = $2 }
    /^  CV - default / { delta = $4 }
    /^  paired t-test / { p = substr($0, index($0, " p ") + 1) }
    /^   [0-9]+ / && $NF != "" && fold_section { chose[$NF]++ }
    /^fold  questions/ { fold_section = 1 }
    /^ndcg_cut|^[a-zA-Z_]+ on the/ { fold_section = 0 }
    /^every setting/ { settings = 1; next }
    settings && /^ +[0-9]+ +[0-9.]+ +[0-9]+ +--title-weight/ {
      every = every (every == "" ? "" : ", ") $NF ": " $2
    }
    END {
      for (w in chose) folds = folds (folds == "" ? "" : ", ") chose[w] "× " w
      printf "| %s | %s | %s | %s, %s | %s | %s |\n", c, def, cv, delta, p, folds, every
    }' "$report"
done
