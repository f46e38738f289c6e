"""Generators: a StopIteration escaping a generator's body becomes RuntimeError('generator raised StopIteration') (PEP 479), with the original as its cause."""
import asyncio


def leaky(it):
    while True:
        yield next(it)


def explicit():
    yield 1
    raise StopIteration("explicit")


async def main():
    g = leaky(iter([1, 2]))
    print(next(g), next(g))
    try:
        next(g)
    except RuntimeError as e:
        print("RuntimeError:", e, "| cause:", repr(e.__cause__))
    try:
        print(list(explicit()))
    except RuntimeError as e:
        print("list():", e, repr(e.__cause__))
    try:
        for x in leaky(iter("ab")):
            print("item", x)
    except RuntimeError as e:
        print("for:", e)
