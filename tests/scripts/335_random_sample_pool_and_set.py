"""sample: the pool strategy (small populations), the set strategy (large ones), counts= and errors."""
import asyncio
import random


async def main():
    random.seed(99)
    print(random.sample(range(10), 4))
    print(random.sample(['a', 'b', 'c', 'd', 'e'], 5))
    print(random.sample(range(1000), 12))
    print(random.sample(range(10**6), 6))
    print(random.sample('abcdefghijklmnopqrstuvwxyz', 8))
    print(random.sample(('x', 'y'), 0))
    print(random.sample(['red', 'blue'], counts=[4, 2], k=5))
    print(random.sample(range(50), k=30))
    for args, kwargs in [((range(3), 4), {}), ((range(3), -1), {}), (({1, 2, 3}, 2), {}),
                         ((['a', 'b'], 2), {'counts': [1]}), ((['a', 'b'], 1), {'counts': [0, 0]})]:
        try:
            random.sample(*args, **kwargs)
        except (ValueError, TypeError) as e:
            print(type(e).__name__, e)
    await asyncio.sleep(0)
