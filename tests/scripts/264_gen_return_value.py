"""Generators: `return v` ends iteration with StopIteration(v); `for` and list() drop the value; a bare return gives StopIteration()."""
import asyncio


def fetch(items):
    count = 0
    for it in items:
        yield it
        count += 1
    return f"fetched {count}"


def bare():
    yield 1
    return


def early(flag):
    if flag:
        return "early"
    yield "late"


async def main():
    g = fetch(["a", "b"])
    print(list(g))
    g = fetch(["x"])
    next(g)
    try:
        next(g)
    except StopIteration as e:
        print(repr(e), "value:", e.value)
    b = bare()
    next(b)
    try:
        next(b)
    except StopIteration as e:
        print(repr(e), e.value, e.args)
    for x in early(True):
        print("never", x)
    else:
        print("for-else ran")
    try:
        next(early(True))
    except StopIteration as e:
        print("early:", e.value)
    print([x for x in early(False)])
    try:
        next(fetch([]))
    except StopIteration as e:
        print("empty:", e.value)
