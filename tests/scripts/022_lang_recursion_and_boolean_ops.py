"""Recursive sync functions, `and`/`or`/`not` returning operands, chained comparisons, `is`/`is not`, `in`, conditional expressions."""
import asyncio


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def depth(xs):
    if not isinstance(xs, list):
        return 0
    return 1 + max([depth(x) for x in xs] + [0])


async def main():
    print([fib(i) for i in range(10)], depth([1, [2, [3]], []]))
    print(0 or 'default', 'x' and 'y', None or 0, not 0, not 'a', [] or [1])
    print(1 < 2 < 3, 1 < 3 < 2, 'a' < 'b', 'apple' > 'app', (1, 'a') == (1, 'a'))
    x = None
    print(x is None, x is not None, 3 in [1, 2, 3], 'k' in {'k': 1}, 'yes' if x is None else 'no')
    print(True and False or True, 5 if 0 else 6, -(-3), +2.5)
    await asyncio.sleep(0)
