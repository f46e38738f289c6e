"""The with statement: __enter__/__exit__, `as` target, exceptions passed to __exit__, suppression, several items."""
import asyncio


class Resource:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    def __enter__(self):
        print(f"open {self.name}")
        return self

    def __exit__(self, exc_type, exc, tb):
        print(f"close {self.name}: {exc_type.__name__ if exc_type else None} {exc!r} {tb is None}")
        return self.suppress


class Timer:
    def __enter__(self):
        self.start = 0
        return "timer-value"

    def __exit__(self, *args):
        print("timer exit args", args[0], args[1])


async def main():
    with Resource("a") as r:
        print("inside", r.name)
    with Resource("b", suppress=True):
        raise ValueError("swallowed")
    print("after b")
    try:
        with Resource("c"):
            raise KeyError("k")
    except KeyError as e:
        print("propagated", repr(e))
    with Resource("d") as d, Resource("e") as e:
        print("two", d.name, e.name)
    with Timer() as t:
        print(t)
        await asyncio.sleep(1)
    for i in range(3):
        with Resource(f"loop{i}"):
            if i == 1:
                continue
            if i == 2:
                break
            print("body", i)
    try:
        with 42:
            pass
    except TypeError as e:
        print("TypeError:", e)
    print(await use_return())


async def use_return():
    with Resource("ret"):
        return "returned"
