"""sys, as taskline provides it: what asyncio programs use of it. The
streams are recorded in the log (print(..., file=sys.stderr) and
sys.stderr.write as standard error, sys.stdout.write as stdout); argv is
the script's name alone; the version is CPython 3.13.0's, whose asyncio
taskline follows."""
from _taskline_io import script_name as _script_name, write as _write


class _TextIO:
    def __init__(self, name):
        self._name = name

    @property
    def name(self):
        return f'<{self._name}>'

    def write(self, s):
        if not isinstance(s, str):
            raise TypeError(f'write() argument must be str, not {type(s).__name__}')
        _write(self._name, s)
        return len(s)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        pass

    def isatty(self):
        return False

    def __repr__(self):
        return f"<_io.TextIOWrapper name='<{self._name}>' mode='w' encoding='utf-8'>"


stdout = _TextIO('stdout')
stderr = _TextIO('stderr')
__stdout__ = stdout
__stderr__ = stderr
argv = [_script_name()]
version_info = (3, 13, 0, 'final', 0)
version = '3.13.0 (taskline)'
hexversion = 0x030d00f0
platform = 'linux'
byteorder = 'little'
maxsize = 9223372036854775807
implementation_name = 'cpython'
_recursion_limit = 1000


def exit(status=None):
    raise SystemExit(status)


def getrecursionlimit():
    return _recursion_limit


def setrecursionlimit(limit):
    global _recursion_limit
    if limit < 1:
        raise ValueError('recursion limit must be greater or equal than one')
    _recursion_limit = limit


def intern(s):
    return s
