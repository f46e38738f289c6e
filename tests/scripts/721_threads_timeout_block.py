"""async with asyncio.timeout(1) around a 2 s to_thread: TimeoutError at 1 s; the job's print still comes at 2 s."""
import asyncio
import time


def work():
    time.sleep(2)
    print('work done at', time.monotonic())
    return 'result'


async def main():
    try:
        async with asyncio.timeout(1):
            await asyncio.to_thread(work)
    except TimeoutError:
        print('gave up at', time.monotonic())
    await asyncio.sleep(1.5)
