"""contextlib.contextmanager driven through its protocol methods (__enter__/__exit__), as a `with` statement calls them: setup, teardown, an exception thrown in at the yield, suppression, and the misuse errors."""
import asyncio
import contextlib
from contextlib import contextmanager


@contextmanager
def tag(name):
    print(f"<{name}>")
    try:
        yield name.upper()
    except KeyError as e:
        print("tag handled", repr(e))
    finally:
        print(f"</{name}>")


@contextlib.contextmanager
def no_yield():
    if False:
        yield


@contextmanager
def two_yields():
    yield 1
    yield 2


async def main():
    cm = tag("b")
    print(type(cm).__name__)
    print("entered:", cm.__enter__())
    print("exit:", cm.__exit__(None, None, None))
    cm = tag("i")
    cm.__enter__()
    e = KeyError("k")
    print("suppressed:", cm.__exit__(KeyError, e, None))
    cm = tag("u")
    cm.__enter__()
    v = ValueError("v")
    print("not suppressed:", cm.__exit__(ValueError, v, None))
    try:
        no_yield().__enter__()
    except RuntimeError as e:
        print("RuntimeError:", e)
    cm = two_yields()
    cm.__enter__()
    try:
        cm.__exit__(None, None, None)
    except RuntimeError as e:
        print("RuntimeError:", e)
    cm = two_yields()
    cm.__enter__()
    try:
        cm.__exit__(ValueError, ValueError("x"), None)
    except RuntimeError as e:
        print("RuntimeError:", e)
    await asyncio.sleep(0)
