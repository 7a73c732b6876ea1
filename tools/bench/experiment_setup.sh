# shellcheck shell=bash
# Shared start of the retrieval experiment scripts; source it after setting `root`,
# `binary`, `data` and `out` (where each bench's JSON goes).  Exits 0 with a message when the collections are absent (a checkout
# without ../shared), 1 when a needed tool or the polysearch binary is missing.
: "${data:?set data before sourcing}" "${binary:?set binary before sourcing}" "${out:?set out before sourcing}"
if [[ ! -d $data ]]; then
  echo "skipped: no retrieval collections at $data (set POLYSEARCH_RETRIEVAL_DATA)" >&2
  exit 0
fi
for tool in uconv jq; do
  if ! command -v "$tool" >/dev/null; then
    echo "error: $tool is needed (apt-get install icu-devtools jq)" >&2
    exit 1
  fi
done
[[ -x $binary ]] || { echo "error: no polysearch binary at $binary" >&2; exit 1; }

# bench NAME ARGS...: one bench run, its table shown and its JSON kept as NAME.json.
bench() {
  local name=$1
  shift
  echo "== $name: polysearch bench $*" | sed "s|$data/||g; s|$out/||g"
  "$binary" bench --quiet --literal --json "$out/$name.json" "$@"
  echo
}
