"""iter() and next() on lists, strings, tuples, dicts, ranges, sets and generators, with and without a default; next() on a non-iterator is a TypeError."""
import asyncio


def gen():
    yield "g1"


async def main():
    for src in [[1, 2], "hi", (3,), {"k": 1, "j": 2}, range(2), {5}, gen()]:
        it = iter(src)
        print(type(src).__name__, next(it), next(it, "<default>"), next(it, "<default>"))
    it = iter([1])
    next(it)
    try:
        next(it)
    except StopIteration as e:
        print("StopIteration", repr(e))
    try:
        next([1, 2])
    except TypeError as e:
        print("TypeError:", e)
    try:
        iter(5)
    except TypeError as e:
        print("TypeError:", e)
    g = gen()
    print(iter(g) is g, next(g), next(g, None))
    lines = iter(["header", "row1", "row2"])
    print("header:", next(lines))
    for row in lines:
        print("row:", row)
