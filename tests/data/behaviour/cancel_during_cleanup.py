"""A second cancel() arrives while the task is still cleaning up after the
first: it interrupts the cleanup's sleep (state 'awaiting sleep(1)>Future',
cancelling() 2)."""
import asyncio
import time


async def worker():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print('worker: cleaning up')
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            print(f'worker: cleanup interrupted at {time.monotonic()!r}')
            raise
        print('worker: cleanup done')
        raise


async def main():
    t = asyncio.create_task(worker(), name='worker')
    await asyncio.sleep(1)
    print(f'first cancel() -> {t.cancel()!r}')
    await asyncio.sleep(0.5)
    print(f'second cancel() -> {t.cancel()!r}; cancelling()={t.cancelling()}')
    try:
        await t
    except asyncio.CancelledError:
        print(f'main: worker cancelled at {time.monotonic()!r}')
