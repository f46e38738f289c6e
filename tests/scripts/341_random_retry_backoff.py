"""An explicit seed in a task makes a retry loop with random backoff reproducible."""
import asyncio
import random


async def flaky(attempts):
    for attempt in range(1, attempts + 1):
        if random.random() > 0.7:
            return attempt
        backoff = random.uniform(0, 2 ** attempt / 10)
        print(f'attempt {attempt} failed, retrying in {backoff:.3f}s')
        await asyncio.sleep(backoff)
    raise RuntimeError('gave up')


async def main():
    random.seed(10)
    print('succeeded on attempt', await flaky(10))
    random.seed(3)
    try:
        await flaky(2)
    except RuntimeError as e:
        print('RuntimeError:', e)
