#!/usr/bin/env bash
# Shards searched as one index: the documents split in two indexes, searched together
# (local directories, and through two xapian-tcpsrv on 127.0.0.1), give the ids, order and
# scores (to 1e-9) of one index holding them all; a shard whose server is down makes the
# search fail clearly.  Documents and queries: xquad de, es and zh-Hans from ../shared/data
# (the seeds and a few queries when it is absent).
#   shards_test.sh <polysearch-binary> <fixtures-dir> <scratch-dir>
# Without xapian-tcpsrv the remote half cannot run: the script exits 77 (ctest: skipped)
# after the local checks, or 1 if one of them failed.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
setup shards_test "$@"

RETRIEVAL="$FIXTURES/../../shared/data/retrieval/xquad"
DOCS="$WORK/docs.jsonl"
QUERIES="$WORK/queries.txt"
if [[ -d $RETRIEVAL/de ]]; then
  cat "$RETRIEVAL"/{de,es,zh-Hans}/docs.jsonl >"$DOCS"
  # 15 questions a language: each is a process of its own per configuration, which under
  # AddressSanitizer made this the slowest test of CI (310 s with 40).
  for lang in de es zh-Hans; do head -n 15 "$RETRIEVAL/$lang/queries.tsv" | cut -f2; done >"$QUERIES"
  PROBE=Panthers  # a word some document holds, for the single searches below
else
  echo "note: $RETRIEVAL absent; using the seeds"
  python3 - "$FIXTURES/seeds" >"$DOCS" <<'PY'
import json, pathlib, sys
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.txt")):
    print(json.dumps({"id": path.name, "text": path.read_text(encoding="utf-8")}))
PY
  printf '%s\n' 'fundacion linux' Gründung PyTorch 告别 'recessão economia' >"$QUERIES"
  PROBE=PyTorch
fi
awk 'NR % 2 == 1' "$DOCS" >"$WORK/odd.jsonl"
awk 'NR % 2 == 0' "$DOCS" >"$WORK/even.jsonl"

run index --db "$WORK/all" "$DOCS"
expect_exit "index everything into one index" 0
run index --db "$WORK/shard-1" "$WORK/odd.jsonl"
expect_exit "index shard 1" 0
run index --db "$WORK/shard-2" "$WORK/even.jsonl"
expect_exit "index shard 2" 0

# results DB...: every query's hits as "query<TAB>id<TAB>score" lines.
results() {
  local dbs=()
  for db in "$@"; do dbs+=(--db "$db"); done
  local n=0
  while IFS= read -r query; do
    n=$((n + 1))
    "$BIN" search "${dbs[@]}" --json -k 10 --no-snippets -- "$query" |
      jq -r --arg n "$n" '[$n, .id, (.score | tostring)] | @tsv'
  done <"$QUERIES"
}

# same_ranking NAME FILE FILE: equal ids and scores (1e-9); among equal scores the order
# may differ (documents are numbered differently), and a tie at the 10th hit may swap ids.
same_ranking() {
  CHECKS=$((CHECKS + 1))
  local verdict
  verdict=$(python3 - "$2" "$3" <<'PY'
import collections, sys
def load(path):
    hits = collections.defaultdict(list)
    for line in open(path, encoding="utf-8"):
        q, doc, score = line.rstrip("\n").split("\t")
        hits[q].append((doc, float(score)))
    return hits
a, b = load(sys.argv[1]), load(sys.argv[2])
if sorted(a) != sorted(b):
    sys.exit(f"different queries have hits: {len(a)} vs {len(b)}")
for q in a:
    x, y = a[q], b[q]
    if len(x) != len(y):
        sys.exit(f"query {q}: {len(x)} vs {len(y)} hits")
    for (dx, sx), (dy, sy) in zip(x, y):
        if abs(sx - sy) > 1e-9:
            sys.exit(f"query {q}: score {sx!r} ({dx}) vs {sy!r} ({dy})")
    last = x[-1][1]
    ids = lambda hits: sorted(d for d, s in hits if abs(s - last) > 1e-9)
    if ids(x) != ids(y):
        sys.exit(f"query {q}: ids {ids(x)} vs {ids(y)}")
    for (dx, sx), (dy, sy) in zip(x, y):
        at_cutoff = abs(sx - last) <= 1e-9  # another document of the same score may be cut
        if dx != dy and not at_cutoff and not any(abs(s - sx) <= 1e-9 and d == dy for d, s in x):
            sys.exit(f"query {q}: order {dx} vs {dy}")
print(f"{len(a)} queries, {sum(map(len, a.values()))} hits equal")
PY
  ) || fail "$1" "$verdict"
  echo "  $1: $verdict"
}

results "$WORK/all" >"$WORK/all.tsv"
expect_eq "queries have hits" "1" "$(($(wc -l <"$WORK/all.tsv") > 0))"
results "$WORK/shard-1" "$WORK/shard-2" >"$WORK/local.tsv"
same_ranking "two local shards rank as one index" "$WORK/all.tsv" "$WORK/local.tsv"

# --- index --shards N: one directory, shards by id, searched as one --------------------

run index --db "$WORK/sharded" --shards 3 "$DOCS"
expect_exit "index --shards 3" 0
expect_eq "the stub names the shards" $'auto shard-1\nauto shard-2\nauto shard-3' \
  "$(cat "$WORK/sharded/XAPIANDB")"
results "$WORK/sharded" >"$WORK/sharded.tsv"
same_ranking "a sharded index ranks as one index" "$WORK/all.tsv" "$WORK/sharded.tsv"
run index --db "$WORK/sharded" "$DOCS"
expect_exit "indexing again keeps the layout" 0
expect_contains "indexing again replaces every document" "$ERR" "replaced"
run info --db "$WORK/sharded" --json
expect_eq "no document twice" "$(wc -l <"$DOCS")" "$(jq .documents <<<"$OUT")"
run index --db "$WORK/sharded" --shards 2 "$DOCS"
expect_exit "another shard count for an existing index" 2
expect_one_error_line "another shard count for an existing index"
run index --db "$WORK/all" --shards 2 "$DOCS"
expect_exit "a plain index is not sharded silently" 2

# --- two xapian-tcpsrv ---------------------------------------------------------------

if ! command -v xapian-tcpsrv >/dev/null; then
  skip_rest shards_test "xapian-tcpsrv absent (tools/install-deps.sh installs xapian-tools)"
fi

SERVERS=()
cleanup() { for pid in "${SERVERS[@]}"; do kill "$pid" 2>/dev/null; done; }
trap cleanup EXIT

# serve DB: starts xapian-tcpsrv on a free port of 127.0.0.1 for DB; sets PORT.
serve() {
  for _ in $(seq 1 20); do
    PORT=$((20000 + RANDOM % 30000))
    # Its own session: on SIGTERM the forking server signals its whole process group.
    setsid xapian-tcpsrv --interface 127.0.0.1 --port "$PORT" "$1" >"$WORK/tcpsrv-$PORT.log" 2>&1 &
    local pid=$!
    for _ in $(seq 1 100); do
      if grep -q "Listening" "$WORK/tcpsrv-$PORT.log" 2>/dev/null; then
        SERVERS+=("$pid")
        return 0
      fi
      kill -0 "$pid" 2>/dev/null || break  # port taken: try another
      sleep 0.05
    done
    kill "$pid" 2>/dev/null
  done
  fail "start xapian-tcpsrv for $1" "$(cat "$WORK"/tcpsrv-*.log)"
  finish shards_test
}

serve "$WORK/shard-1"
PORT1=$PORT
serve "$WORK/shard-2"
PORT2=$PORT
results "tcp://127.0.0.1:$PORT1" "tcp://127.0.0.1:$PORT2" >"$WORK/remote.tsv"
same_ranking "two remote shards rank as one index" "$WORK/all.tsv" "$WORK/remote.tsv"
results "tcp://127.0.0.1:$PORT1" "$WORK/shard-2" >"$WORK/mixed.tsv"
same_ranking "a remote and a local shard rank as one index" "$WORK/all.tsv" "$WORK/mixed.tsv"

run search --db "tcp://127.0.0.1:$PORT1" --db "tcp://127.0.0.1:$PORT2" --json -k 1 "$PROBE"
expect_exit "search two remote shards" 0
expect_contains "snippets come through the remote protocol" "$OUT" '"snippet":"'

# A server down: a clear error naming it, never results without its shard.
kill "${SERVERS[1]}"
wait "${SERVERS[1]}" 2>/dev/null
run search --db "tcp://127.0.0.1:$PORT1" --db "tcp://127.0.0.1:$PORT2" "$PROBE"
expect_exit "a shard's server is down" 3
expect_one_error_line "a shard's server is down"
expect_contains "the error names the shard" "$ERR" "tcp://127.0.0.1:$PORT2"
run search --db "tcp://127.0.0.1:nope" "$PROBE"
expect_exit "a malformed tcp:// address" 2
expect_one_error_line "a malformed tcp:// address"

finish shards_test
