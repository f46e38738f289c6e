#!/bin/sh
# Records the golden trace of every script in this folder with CPython 3.13.0
# and the reference harness (../shared/asyncio-reference/trace.py), twice,
# and fails if the two recordings differ. Run from anywhere:
#   tests/scripts/record.sh            # all scripts
#   tests/scripts/record.sh 01_basics_hello.py ...
set -e
here=$(cd "$(dirname "$0")" && pwd)
harness="$here/../../../shared/asyncio-reference/trace.py"
[ -f "$harness" ] || { echo "missing $harness" >&2; exit 1; }
cd "$here"
if [ $# -eq 0 ]; then set -- [0-9]*.py; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '%s\n' "$@" | xargs -P 2 -I{} sh -c '
    py={}; name=${py%.py}
    PYENV_VERSION=3.13.0 python3 "$0" "$py" > "$1/$name.a" &&
    PYENV_VERSION=3.13.0 python3 "$0" "$py" > "$1/$name.b" &&
    if cmp -s "$1/$name.a" "$1/$name.b"; then cp "$1/$name.a" "$name.jsonl"; echo "recorded $name";
    else echo "NOT DETERMINISTIC: $name" >&2; exit 1; fi || { echo "FAILED: $name" >&2; exit 1; }' "$harness" "$tmp"
