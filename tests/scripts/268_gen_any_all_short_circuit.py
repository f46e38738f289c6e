"""Lazy consumption: any()/all()/next() and a `for` with break stop asking the generator as soon as the answer is known (observable through prints)."""
import asyncio


def noisy(values):
    for v in values:
        print("  producing", v)
        yield v
    print("  exhausted")


async def main():
    print("any:", any(noisy([0, 0, 3, 0, 5])))
    print("all:", all(noisy([1, 2, 0, 4])))
    print("any empty:", any(noisy([])))
    print("all true:", all(noisy([1, 1])))
    print("any genexpr:", any(print("  check", x) or x > 1 for x in [1, 2, 3]))
    g = noisy([7, 8, 9])
    print("next:", next(g))
    for x in g:
        print("loop got", x)
        break
    print("resume:", list(g))
