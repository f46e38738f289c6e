"""Rust twin: tests/it/queues.rs, shutdown_getter. shutdown() wakes a consumer blocked in get() with QueueShutDown."""
import asyncio


async def consumer(q):
    try:
        await q.get()
    except asyncio.QueueShutDown:
        print('consumer: QueueShutDown')


async def main():
    q = asyncio.Queue()
    c = asyncio.create_task(consumer(q), name='consumer')
    await asyncio.sleep(1)
    q.shutdown()
    await c
