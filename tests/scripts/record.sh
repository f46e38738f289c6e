#!/bin/sh
# Records the golden trace of every script in this folder with CPython 3.13.0
# and taskline's copy of the reference harness (tests/asyncio_trace.py: the
# harness of ../shared/asyncio-reference/trace.py plus virtual worker
# threads, see the comment in it), twice, and fails if the two recordings differ. Run from anywhere:
#   tests/scripts/record.sh            # all scripts and programs
#   tests/scripts/record.sh 01_basics_hello.py 300_modules_util_package ...
# A folder NNN_name/ is a multi-file program: its entry is NNN_name/main.py
# (or the one */main.py a level down), its golden NNN_name.jsonl, recorded
# through ../trace_program.py, which only puts the program's folders on
# sys.path as taskline's module search path does (see that file).
set -e
here=$(cd "$(dirname "$0")" && pwd)
harness="$here/../asyncio_trace.py"
wrapper="$here/../trace_program.py"
[ -f "$harness" ] || { echo "missing $harness" >&2; exit 1; }
cd "$here"
if [ $# -eq 0 ]; then set -- [0-9]*.py; for d in [0-9]*/; do set -- "$@" "${d%/}"; done; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '%s\n' "$@" | xargs -P 2 -I{} sh -c '
    arg={}; arg=${arg%/}
    if [ -d "$arg" ]; then
        name=$arg
        entry=$arg/main.py
        [ -f "$entry" ] || entry=$(ls "$arg"/*/main.py | head -n 1)
        run() { PYENV_VERSION=3.13.0 python3 "$2" "$0" "$entry"; }
    else
        name=${arg%.py}
        run() { PYENV_VERSION=3.13.0 python3 "$0" "$arg"; }
    fi
    run "$0" "$2" > "$1/$name.a" &&
    run "$0" "$2" > "$1/$name.b" &&
    if cmp -s "$1/$name.a" "$1/$name.b"; then cp "$1/$name.a" "$name.jsonl"; echo "recorded $name";
    else echo "NOT DETERMINISTIC: $name" >&2; exit 1; fi || { echo "FAILED: $name" >&2; exit 1; }' "$harness" "$tmp" "$wrapper"
