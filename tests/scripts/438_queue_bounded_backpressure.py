"""A Queue(maxsize=2) makes a fast producer wait for a slow consumer (backpressure)."""
import asyncio


import time


async def producer(queue):
    for i in range(5):
        await queue.put(i)
        print(f'put {i} at {time.monotonic()} size {queue.qsize()} full {queue.full()}')
    await queue.put(None)


async def consumer(queue):
    while (item := await queue.get()) is not None:
        await asyncio.sleep(1)
        print(f'consumed {item} at {time.monotonic()}')


async def main():
    queue = asyncio.Queue(maxsize=2)
    await asyncio.gather(producer(queue), consumer(queue))
