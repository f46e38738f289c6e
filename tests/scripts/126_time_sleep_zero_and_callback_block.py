"""time.sleep(0) records a zero-length block; time.sleep inside a done callback blocks the loop with no current task."""
import asyncio
import time


def slow_callback(task):
    print('callback blocks for 0.5 s at', time.monotonic())
    time.sleep(0.5)
    print('callback done at', time.monotonic())


async def quick():
    await asyncio.sleep(1)
    return 'quick'


async def main():
    time.sleep(0)
    print('after time.sleep(0):', time.monotonic())
    t = asyncio.create_task(quick(), name='quick')
    t.add_done_callback(slow_callback)
    print(await t, 'at', time.monotonic())
    await asyncio.sleep(0)
    print('main at', time.monotonic())
