"""Workers with random jitter and random failures, gathered with return_exceptions."""
import asyncio
import random
from random import uniform, random as rnd, choice


async def fetch(i):
    await asyncio.sleep(round(uniform(0.1, 1.0), 2))
    if rnd() < 0.3:
        raise RuntimeError(f'request {i} failed')
    return choice(['ok', 'cached', 'slow'])


async def main():
    random.seed('jitter')
    results = await asyncio.gather(*(fetch(i) for i in range(8)), return_exceptions=True)
    for i, r in enumerate(results):
        print(i, repr(r))
    print(sum(isinstance(r, Exception) for r in results), 'failed')
