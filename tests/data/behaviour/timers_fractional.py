"""Fractional sleeps: 0.1 + 0.2 is 0.30000000000000004, a later deadline
than 0.3. When the clock jumps to the 0.3 timer, the 0.30000000000000004
timers are due too (within the clock resolution) and fire in the same
iteration, in deadline order; the clock reads 0.3 for all of them."""
import asyncio
import time


async def stepper():
    for _ in range(3):
        await asyncio.sleep(0.1)
        print(f'stepper at {time.monotonic()!r}')
    return time.monotonic()


async def direct():
    await asyncio.sleep(0.3)
    print(f'direct at {time.monotonic()!r}')
    return time.monotonic()


async def main():
    s = asyncio.create_task(stepper(), name='stepper')
    d = asyncio.create_task(direct(), name='direct')
    await asyncio.sleep(0.1)
    await asyncio.sleep(0.2)
    print(f'main at {time.monotonic()!r}')
    rs = await s
    rd = await d
    print(f'results: {rs!r} {rd!r}')
    await asyncio.sleep(0.7)
    print(f'end at {time.monotonic()!r}')
