"""Nested wait_for on coroutines: all of it runs inside main. When the
inner (1 s) deadline comes first, only the inner wait_for raises
TimeoutError and the outer one gets the fallback value; when the outer
(1 s) deadline comes first, the cancel passes through the inner wait_for
unchanged and the outer one raises TimeoutError."""
import asyncio
import time


async def slow():
    await asyncio.sleep(3)
    return 'slow'


async def inner():
    try:
        return await asyncio.wait_for(slow(), 1)
    except TimeoutError:
        print(f'inner: TimeoutError at {time.monotonic()!r}')
        return 'fallback'


async def main():
    r = await asyncio.wait_for(inner(), 5)
    print(f'inner deadline first: {r!r}')
    try:
        await asyncio.wait_for(asyncio.wait_for(slow(), 5), 1)
    except TimeoutError:
        print(f'outer deadline first: TimeoutError at {time.monotonic()!r}; '
              f'cancelling()={asyncio.current_task().cancelling()}')
