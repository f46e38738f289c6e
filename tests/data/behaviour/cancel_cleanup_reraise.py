"""A task catches CancelledError, awaits more (a cleanup that sleeps 1 s),
then re-raises: it ends cancelled at 2.0, and only then does main resume."""
import asyncio
import time


async def worker():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print('worker: cleaning up')
        await asyncio.sleep(1)
        print('worker: cleanup done, re-raising')
        raise


async def main():
    t = asyncio.create_task(worker(), name='worker')
    await asyncio.sleep(1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print(f'main: worker cancelled at {time.monotonic()!r}; cancelled()={t.cancelled()!r}')
