"""time.sleep inside asyncio.timeout: the deadline passes during the block, but the timeout's timer only runs after main's next step, so the first sleep(0) still completes and the second one raises."""
import asyncio
import time


async def main():
    try:
        async with asyncio.timeout(1):
            time.sleep(3)
            print('after blocking, at', time.monotonic())
            await asyncio.sleep(0)
            print('first sleep(0) completed: the timer had not run yet')
            await asyncio.sleep(0)
            print('not printed')
    except TimeoutError:
        print('TimeoutError at', time.monotonic())
