#!/bin/sh
# Re-records every golden trace in this folder from its Python twin with
# CPython 3.13.0 and taskline's copy of the reference harness
# (tests/asyncio_trace.py: trace.py plus simulated worker threads). Run from anywhere.
set -e
here=$(cd "$(dirname "$0")" && pwd)
harness="$here/../../asyncio_trace.py"
for py in "$here"/*.py; do
    PYENV_VERSION=3.13.0 python3 "$harness" "$py" > "${py%.py}.jsonl"
done
