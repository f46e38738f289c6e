"""sleep(0), sleep(0.0) and a negative sleep all yield once without a timer
(awaiting 'sleep(..)>yield'); a tiny positive sleep sets a timer, which
fires only when nothing is ready any more."""
import asyncio
import time


async def yielder():
    for i in range(3):
        print(f'yielder step {i} at {time.monotonic()!r}')
        await asyncio.sleep(0)
    return 'yielder'


async def main():
    await asyncio.sleep(0)
    await asyncio.sleep(0.0)
    await asyncio.sleep(-1)
    print(f'after the yields: {time.monotonic()!r}')
    y = asyncio.create_task(yielder(), name='yielder')
    await asyncio.sleep(1e-7)
    print(f'after sleep(1e-07): {time.monotonic()!r}; yielder done={y.done()!r}')
