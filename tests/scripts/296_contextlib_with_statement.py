"""contextlib with the `with` statement: @contextmanager setup/teardown around a block, an exception thrown in at the yield and handled there, suppress(), closing() and the "generator didn't stop" error."""
import asyncio
from contextlib import closing, contextmanager, suppress


@contextmanager
def section(name):
    print("enter", name)
    try:
        yield name.upper()
    except ValueError as e:
        print(name, "handled", e)
    finally:
        print("exit", name)


@contextmanager
def greedy():
    yield 1
    yield 2


def numbers():
    try:
        yield 1
        yield 2
    finally:
        print("numbers closed")


async def main():
    with section("a") as a:
        print("inside", a)
        await asyncio.sleep(1)
    with section("b"):
        raise ValueError("bad value")
    print("after b")
    try:
        with section("c"):
            raise KeyError("k")
    except KeyError as e:
        print("KeyError escaped", e)
    with suppress(ZeroDivisionError):
        print(1 / 0)
    print("suppressed")
    with closing(numbers()) as g:
        print(next(g))
    try:
        with greedy():
            pass
    except RuntimeError as e:
        print("RuntimeError:", e)
