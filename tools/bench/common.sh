# Shared by the measurement scripts of tools/bench (sourced, not run).

# require_gnu_time SCRIPT: stops with a message unless GNU time (peak RSS) is installed.
require_gnu_time() {
  if ! /usr/bin/time -f %M true >/dev/null 2>&1; then
    echo "$1: GNU time (/usr/bin/time) is needed: apt-get install time" >&2
    exit 2
  fi
}

# ensure_release_binary BINARY REPO: builds the release preset when BINARY is missing.
ensure_release_binary() {
  if [[ ! -x $1 ]]; then
    (cd "$2" && cmake --preset release >/dev/null && cmake --build --preset release >/dev/null)
  fi
}

# fresh_directory DIR: DIR, emptied.
fresh_directory() {
  rm -rf "$1"
  mkdir -p "$1"
}

# ndcg RUN QRELS: nDCG@10 over every judged question (uses $binary, the polysearch tool).
ndcg() { "$binary" eval --qrels "$2" -m ndcg_cut.10 "$1" | awk '$2 == "all" { print $3 }'; }

# versus RUN QRELS BASE: "+0.0123, p = 0.0456" (B − A and the paired t-test; uses $binary).
versus() {
  "$binary" compare --qrels "$2" -m ndcg_cut.10 "$3" "$1" | awk '
    $1 == "B" && $2 == "-" { delta = $4 }
    /paired t-test/ { p = substr($0, index($0, " p ") + 1) }
    END { printf "%s, %s", delta, p }'
}
