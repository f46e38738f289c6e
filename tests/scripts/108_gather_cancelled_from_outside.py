"""Cancelling the task that awaits a gather cancels every unfinished child of the gather."""
import asyncio


async def child(n):
    try:
        await asyncio.sleep(n)
        return n
    except asyncio.CancelledError:
        print('child', n, 'cancelled')
        raise


async def collector():
    return await asyncio.gather(child(1), child(5), child(6))


async def main():
    t = asyncio.create_task(collector(), name='collector')
    await asyncio.sleep(2)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print('collector cancelled')
