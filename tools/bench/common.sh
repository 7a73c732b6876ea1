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
