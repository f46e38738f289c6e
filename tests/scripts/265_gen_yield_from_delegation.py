"""Generators: `yield from` delegates next/send/throw to a subgenerator and evaluates to its return value; it also takes plain iterables."""
import asyncio


def inner(name):
    print(name, "start")
    got = yield f"{name}-1"
    print(name, "got", got)
    try:
        yield f"{name}-2"
    except ValueError as e:
        print(name, "caught", e)
        yield f"{name}-recovered"
    return f"{name}-result"


def outer():
    r1 = yield from inner("first")
    print("outer got", r1)
    r2 = yield from [10, 20]
    print("list gives", r2)
    r3 = yield from inner("second")
    print("outer got", r3)
    return "outer-result"


def flatten(tree):
    for node in tree:
        if isinstance(node, list):
            yield from flatten(node)
        else:
            yield node


async def main():
    g = outer()
    print(next(g))
    print(g.send("hello"))
    print(g.throw(ValueError("bad")))
    print(next(g))
    print(next(g))
    print(next(g))
    print(g.send("to second"))
    try:
        next(g)
    except StopIteration as e:
        print("outer returned", e.value)
    print(list(flatten([1, [2, [3, [4, []]], 5], [[6]]])))
    c = outer()
    next(c)
    c.close()
    print("closed through yield from")
