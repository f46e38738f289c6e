"""cancel() a sleeping task: cancel() returns True, the task is not done until it runs again; awaiting it raises CancelledError."""
import asyncio


async def long_job():
    print('long job starts')
    await asyncio.sleep(10)
    print('never printed')


async def main():
    t = asyncio.create_task(long_job(), name='long_job')
    await asyncio.sleep(1)
    print('cancel() returned', t.cancel())
    print('right after cancel: done', t.done(), 'cancelled', t.cancelled())
    try:
        await t
    except asyncio.CancelledError:
        print('awaiting it raised CancelledError')
    print('now: done', t.done(), 'cancelled', t.cancelled())
