"""Tuple and list unpacking in assignments, for loops and swaps; multiple return values."""
import asyncio


async def divmod_later(a, b):
    await asyncio.sleep(0.5)
    return a // b, a % b


async def main():
    a, b = 1, 2
    a, b = b, a
    print(a, b)
    [c, d, e] = [10, 20, 30]
    print(c + d + e)
    q, r = await divmod_later(17, 5)
    print(q, r)
    pairs = [(1, 'one'), (2, 'two')]
    for num, word in pairs:
        print(num, word)
    (x, y), z = (3, 4), 5
    print(x, y, z)
    first, *rest = [1, 2, 3, 4]
    print(first, rest)
    m = n = 7
    print(m, n)
