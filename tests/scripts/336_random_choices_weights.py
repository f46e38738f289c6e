"""choices with k, weights, cum_weights, and CPython's errors for each misuse."""
import asyncio
import random


async def main():
    random.seed(314)
    print(random.choices('abc'))
    print(random.choices(['win', 'lose'], k=6))
    print(random.choices(['common', 'rare', 'epic'], weights=[80, 15, 5], k=10))
    print(random.choices(['common', 'rare', 'epic'], [0.5, 0.25, 0.25], k=4))
    print(random.choices(range(4), cum_weights=[1, 2, 3, 10], k=8))
    print(random.choices('xy', k=0))
    tries = [
        lambda: random.choices('abc', 3),
        lambda: random.choices('abc', weights=[1, 2], k=2),
        lambda: random.choices('abc', weights=[0, 0, 0]),
        lambda: random.choices('abc', weights=[1, 1, 1], cum_weights=[1, 2, 3]),
        lambda: random.choices('ab', weights=[1, float('inf')]),
        lambda: random.choices([], k=1),
    ]
    for t in tries:
        try:
            print(t())
        except (ValueError, TypeError, IndexError) as e:
            print(type(e).__name__, e)
    await asyncio.sleep(0)
