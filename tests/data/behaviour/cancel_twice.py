"""Two cancel() calls before the task runs again: both return True and
cancelling() counts 2; the task receives a single CancelledError."""
import asyncio


async def worker():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print(f'worker: cancelling()={asyncio.current_task().cancelling()}')
        raise


async def main():
    t = asyncio.create_task(worker(), name='worker')
    await asyncio.sleep(1)
    print(f'first cancel() -> {t.cancel()!r}')
    print(f'second cancel() -> {t.cancel()!r}')
    print(f'cancelling()={t.cancelling()}')
    try:
        await t
    except asyncio.CancelledError:
        print(f'worker cancelled()={t.cancelled()!r}; cancelling()={t.cancelling()}')
