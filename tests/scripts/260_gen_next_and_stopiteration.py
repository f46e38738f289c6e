"""Generators: next() runs the body to each yield; the end raises StopIteration; a finished generator stays finished."""
import asyncio


def countdown(n):
    print("countdown starts at", n)
    while n > 0:
        yield n
        n -= 1
    print("countdown done")


async def main():
    g = countdown(3)
    print("created, nothing ran yet")
    print(next(g))
    print(next(g))
    print(next(g))
    try:
        next(g)
    except StopIteration as e:
        print("StopIteration", repr(e), e.value, e.args)
    try:
        next(g)
    except StopIteration as e:
        print("again", repr(e))
    print(next(g, "default"))
    print(type(g).__name__, repr(g).split(" at ")[0])
    print(countdown.__name__, g.__name__, g.__qualname__)
    print(iter(g) is g, g.__iter__() is g)
    e = countdown(1)
    print(e.__next__(), next(e, "end"), next(e, "end"))
