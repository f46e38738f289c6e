"""zip, map, filter and enumerate are lazy iterators: they pull one item at a time from their sources (observable with prints), work on infinite generators, and are single-use."""
import asyncio


def noisy(tag, n):
    i = 0
    while n is None or i < n:
        print(" ", tag, "->", i)
        yield i
        i += 1


async def main():
    z = zip(noisy("a", None), noisy("b", 2))
    print(type(z).__name__)
    print(next(z))
    print(list(z))
    m = map(lambda x: x * 10, noisy("m", None))
    print(type(m).__name__, next(m), next(m))
    f = filter(lambda x: x % 3 == 0, noisy("f", None))
    print(type(f).__name__, next(f), next(f))
    e = enumerate(noisy("e", 2), 5)
    print(type(e).__name__, list(e), list(e))
    r = iter(range(3))
    print(next(r), list(r))
    try:
        reversed(noisy("r", 1))
    except TypeError as e:
        print("TypeError:", e)
    print(dict(zip("abc", map(str, noisy("d", None)))))
