"""Rust twin: tests/it/threads.rs, cancel_running. The task awaiting a running job is cancelled; the job prints and ends at 3 s."""
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
    t = asyncio.create_task(waiter(), name='waiter')
    await asyncio.sleep(1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print('waiter cancelled')
    await asyncio.sleep(3)
