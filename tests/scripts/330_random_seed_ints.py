"""random.seed with small, negative, zero and 64-bit ints: CPython's exact random(), randint and randrange."""
import asyncio
import random


async def main():
    for seed in [0, 1, 42, 2024, -1, -42, 123456789, 2**32, 9223372036854775807, -9223372036854775807 - 1]:
        random.seed(seed)
        first = random.random()
        print(seed, first, random.randint(1, 6), random.randrange(100), random.randrange(10, 20, 3))
    random.seed(7)
    a = [random.random() for _ in range(3)]
    random.seed(7)
    b = [random.random() for _ in range(3)]
    print(a == b, a)
    random.seed(-7)
    print(random.random() == a[0], 'negative seeds use the absolute value')
    await asyncio.sleep(0)
