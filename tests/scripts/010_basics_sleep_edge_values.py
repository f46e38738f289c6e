"""Sleep edge values: negative and zero delays yield once; ten sleeps of 0.1 s accumulate float rounding in the clock exactly as CPython's loop does."""
import asyncio
import time


async def main():
    await asyncio.sleep(-1)
    print('after sleep(-1):', time.monotonic())
    await asyncio.sleep(0.0)
    print('after sleep(0.0):', time.monotonic())
    for _ in range(10):
        await asyncio.sleep(0.1)
    print('after 10 x 0.1:', repr(time.monotonic()), time.monotonic() == 1.0)
    await asyncio.sleep(1e-3)
    print(f'{time.monotonic():.4f}')
