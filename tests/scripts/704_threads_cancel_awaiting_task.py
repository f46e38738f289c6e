"""Cancelling the task that awaits to_thread: the task ends cancelled at once, the running job still finishes in its worker."""
import asyncio
import time


def slow():
    print('job starts')
    time.sleep(3)
    print('job ends')
    return 'late'


async def waiter():
    return await asyncio.to_thread(slow)


async def main():
    t = asyncio.create_task(waiter())
    await asyncio.sleep(1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print('waiter cancelled', t.cancelled())
    await asyncio.sleep(3)
    print('main done')
