"""A task cancels itself. If it then returns, the Task still ends cancelled
(the trace shows the returned value as coro_returned). If it awaits, the
CancelledError arrives at that await, in the same instant."""
import asyncio
import time


async def quitter():
    print(f'cancel() -> {asyncio.current_task().cancel()!r}')
    return 'returned anyway'


async def sleeper():
    asyncio.current_task().cancel()
    print('cancelled myself, now awaiting')
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print(f'sleeper: CancelledError at {time.monotonic()!r}')
        raise


async def main():
    q = asyncio.create_task(quitter(), name='quitter')
    s = asyncio.create_task(sleeper(), name='sleeper')
    for t in (q, s):
        try:
            await t
        except asyncio.CancelledError:
            print(f'{t.get_name()} cancelled()={t.cancelled()!r}')
