"""A task that swallows CancelledError runs on and finishes with a result:
cancelled() is False, but cancelling() still counts the request."""
import asyncio


async def worker():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print('worker: swallowing the cancel')
    await asyncio.sleep(1)
    print('worker: still running after the cancel')
    return 'survived'


async def main():
    t = asyncio.create_task(worker(), name='worker')
    await asyncio.sleep(1)
    print(f'cancel() -> {t.cancel()!r}')
    r = await t
    print(f'result={r!r} cancelled()={t.cancelled()!r} cancelling()={t.cancelling()}')
