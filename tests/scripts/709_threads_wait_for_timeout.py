"""wait_for(to_thread(slow), 1): the awaiting task times out at 1 s, the worker's job runs on to its end at 3 s."""
import asyncio
import time


def slow():
    time.sleep(3)
    print('slow finished')
    return 'done'


async def main():
    try:
        await asyncio.wait_for(asyncio.to_thread(slow), 1)
    except TimeoutError:
        print('timed out at', time.monotonic())
    await asyncio.sleep(3)
    print('main ends at', time.monotonic())
