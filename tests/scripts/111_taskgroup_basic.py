"""TaskGroup waits for all its tasks at the end of the async with block; results are read from the tasks afterwards."""
import asyncio
import time


async def fetch(n):
    await asyncio.sleep(n)
    print('fetched', n)
    return n * 100


async def main():
    async with asyncio.TaskGroup() as tg:
        t1 = tg.create_task(fetch(2), name='fetch2')
        t2 = tg.create_task(fetch(1), name='fetch1')
        print('tasks created inside the block')
    print('block exited at', time.monotonic(), [t1.result(), t2.result()])
