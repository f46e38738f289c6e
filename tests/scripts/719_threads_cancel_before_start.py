"""A task that would call to_thread is cancelled before its first step: no job is ever submitted."""
import asyncio
import time


def work():
    time.sleep(1)
    return 1


async def main():
    t = asyncio.create_task(asyncio.to_thread(work))
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print('cancelled before submitting')
    print(await asyncio.to_thread(work))
