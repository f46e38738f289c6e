"""random with big ints: seeds beyond 64 bits, getrandbits(k) for any k, randrange over huge ranges."""
import asyncio
import random


async def main():
    for seed in [2**64, 2**100, -2**100, 10**50, 2**1000 + 12345, 2**64 - 1]:
        random.seed(seed)
        print(random.random(), random.randint(1, 10**30), random.getrandbits(100))
    random.seed(2**200)
    print(random.randrange(2**70), random.randrange(-2**80, 2**80), random.randrange(0, 10**40, 10**20))
    print(random.getrandbits(64), random.getrandbits(65), random.getrandbits(256), random.getrandbits(1000) % 10**9)
    print(random.choice(range(2**10)), random.randint(2**64, 2**64 + 5))
    await asyncio.sleep(0)
