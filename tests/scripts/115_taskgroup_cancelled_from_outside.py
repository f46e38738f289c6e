"""The task running a TaskGroup is cancelled: the children are cancelled, and the CancelledError propagates (not an ExceptionGroup)."""
import asyncio


async def child(n):
    try:
        await asyncio.sleep(n)
    except asyncio.CancelledError:
        print('child', n, 'cancelled')
        raise


async def runner():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child(5), name='c5')
            tg.create_task(child(6), name='c6')
    except asyncio.CancelledError:
        print('runner sees CancelledError')
        raise


async def main():
    r = asyncio.create_task(runner(), name='runner')
    await asyncio.sleep(1)
    r.cancel()
    try:
        await r
    except asyncio.CancelledError:
        print('runner cancelled:', r.cancelled())
