"""functools.lru_cache and functools.cache: memoized recursion, maxsize eviction, cache_clear."""
import asyncio
import functools
from functools import lru_cache, cache

CALLS = []


@lru_cache(maxsize=None)
def fib(n):
    CALLS.append(n)
    return n if n < 2 else fib(n - 1) + fib(n - 2)


@cache
def slow_square(x):
    CALLS.append(("sq", x))
    return x * x


@functools.lru_cache(maxsize=2)
def lookup(key):
    CALLS.append(("lookup", key))
    return key.upper()


@lru_cache
def plain(x):
    CALLS.append(("plain", x))
    return -x


async def main():
    print(fib(30), len(CALLS))
    CALLS.clear()
    print(slow_square(4), slow_square(4), slow_square(5), CALLS)
    CALLS.clear()
    lookup("a")
    lookup("b")
    lookup("a")
    lookup("c")
    lookup("b")
    print(CALLS)
    CALLS.clear()
    print(plain(1), plain(1), CALLS)
    lookup.cache_clear()
    lookup("a")
    await asyncio.sleep(0.1)
    print(CALLS, fib.__name__, lookup.__wrapped__("z"))
    try:
        slow_square([1])
    except TypeError as e:
        print("TypeError:", e)
