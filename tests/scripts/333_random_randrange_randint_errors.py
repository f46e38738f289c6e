"""randrange and randint: steps, negative ranges and CPython's error messages."""
import asyncio
import random


async def main():
    random.seed(11)
    print([random.randrange(5) for _ in range(10)])
    print([random.randrange(-10, -2) for _ in range(5)])
    print([random.randrange(100, 0, -7) for _ in range(5)])
    print([random.randint(-3, 3) for _ in range(10)])
    print(random.randint(5, 5), random.randrange(2**62), random.randrange(-2**62, 2**62))
    print(random.randint(True, 3))
    bad = [
        lambda: random.randrange(0),
        lambda: random.randrange(-5),
        lambda: random.randrange(5, 2),
        lambda: random.randrange(0, 10, 0),
        lambda: random.randrange(0, 10, -1),
        lambda: random.randint(5, 2),
        lambda: random.randrange(1.5),
        lambda: random.randrange(0, 2.5),
        lambda: random.randint(1.0, 3),
        lambda: random.randrange(3, step=2),
        lambda: random.randint(1),
        lambda: random.randint(1, 2, 3),
        lambda: random.randrange('5'),
    ]
    for f in bad:
        try:
            f()
        except (ValueError, TypeError) as e:
            print(type(e).__name__, e)
    await asyncio.sleep(0)
