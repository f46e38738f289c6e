"""random.seed with floats, bools and None, and the TypeError for other types."""
import asyncio
import random


async def main():
    random.seed(3.0)
    x = random.random()
    random.seed(3)
    print('seed(3.0) == seed(3):', x == random.random())
    for seed in [0.5, -2.25, 1e100, True, False]:
        random.seed(seed)
        print(seed, random.random())
    for bad in [[1, 2], (1,), {'a': 1}]:
        try:
            random.seed(bad)
        except TypeError as e:
            print('TypeError:', e)
    random.seed(5)
    random.seed(None)
    print(type(random.random()).__name__)
    await asyncio.sleep(0)
