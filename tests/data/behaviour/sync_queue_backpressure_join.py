"""Rust twin: tests/it/queues.rs, backpressure_join. A Queue(maxsize=1): the producer waits for the slow consumer; join() waits for task_done()."""
import asyncio
import time


async def consumer(q):
    while True:
        item = await q.get()
        await asyncio.sleep(1)
        print(f'consumed {item} at {time.monotonic()!r}')
        q.task_done()


async def main():
    q = asyncio.Queue(1)
    c = asyncio.create_task(consumer(q), name='consumer')
    for i in range(3):
        await q.put(i)
        print(f'put {i} at {time.monotonic()!r}')
    await q.join()
    print(f'joined at {time.monotonic()!r}')
    c.cancel()
