"""Generator expressions are lazy: only the first iterable is evaluated at creation; conditions and elements run item by item; errors appear when consumed."""
import asyncio


def source(tag, n):
    print("source", tag, "created")
    for i in range(n):
        print("source", tag, "gives", i)
        yield i


async def main():
    ge = (x * 10 for x in source("A", 3) if x != 1)
    print("created the genexpr", type(ge).__name__)
    print(next(ge))
    print(next(ge))
    print(next(ge, "end"))
    nested = ((x, y) for x in source("outer", 2) for y in source("inner", x + 1))
    print("nested created")
    print(list(nested))
    try:
        bad = (x for x in 5)
    except TypeError as e:
        print("TypeError at creation:", e)
    late = (1 // x for x in [1, 0])
    print("created late")
    print(next(late))
    try:
        next(late)
    except ZeroDivisionError as e:
        print("ZeroDivisionError when consumed:", e)
    print(next(late, "late is finished"))
    print(repr(ge).split(" at ")[0])
    print(sum(x for x in range(1, 101)))
