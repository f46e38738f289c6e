"""A producer blocked in put() on a full queue gets QueueShutDown when the queue is shut down; items already queued can still be got."""
import asyncio


async def producer(q):
    try:
        for i in range(5):
            await q.put(i)
            print('put', i)
    except asyncio.QueueShutDown:
        print('producer: queue shut down')


async def main():
    q = asyncio.Queue(2)
    p = asyncio.create_task(producer(q), name='producer')
    await asyncio.sleep(1)
    q.shutdown()
    await p
    print(q.get_nowait(), q.get_nowait())
    try:
        q.get_nowait()
    except asyncio.QueueShutDown:
        print('empty and shut down')
