"""Records a multi-file program (tests/scripts/NNN_name/main.py) with the
harness (tests/asyncio_trace.py, taskline's copy of ../shared/asyncio-reference/trace.py), unchanged.

The harness loads its scenario with `spec_from_file_location` and leaves
`sys.path` alone, so the program's own modules (`from util import delay`)
would not be found. This wrapper only sets `sys.path` as taskline's module
search path is (see src/script/modules.rs): the script's folder, then its
parent folders while the folder just added is a package; the wrapper's own
folder is removed from it. asyncio and the harness run exactly as
`trace.py <script>` runs them.

Usage: python3 trace_program.py <harness trace.py> <entry script>
"""
import importlib.util
import os
import sys


def search_path(script):
    d = os.path.dirname(os.path.abspath(script))
    paths = [d]
    while os.path.isfile(os.path.join(d, "__init__.py")):
        d = os.path.dirname(d)
        paths.append(d)
    return paths


def main():
    harness, script = sys.argv[1], sys.argv[2]
    if os.environ.get("PYTHONHASHSEED") != "0":
        env = dict(os.environ, PYTHONHASHSEED="0")
        os.execve(sys.executable, [sys.executable, os.path.abspath(__file__)] + sys.argv[1:], env)
    sys.path[0:1] = search_path(script)
    spec = importlib.util.spec_from_file_location("asyncio_trace_harness", harness)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.main([script])


if __name__ == "__main__":
    sys.exit(main())
