"""Producer/consumer with a shared list as the queue, polling with short sleeps, and a sentinel to stop."""
import asyncio
import time


async def producer(queue, n):
    for i in range(n):
        await asyncio.sleep(0.5)
        queue.append(i)
        print(f'produced {i} at {time.monotonic()}')
    queue.append(None)


async def consumer(queue, results):
    while True:
        if len(queue) == 0:
            await asyncio.sleep(0.2)
            continue
        item = queue.pop(0)
        if item is None:
            break
        await asyncio.sleep(0.3)
        results.append(item * item)
        print(f'consumed {item} at {time.monotonic():.1f}')


async def main():
    queue = []
    results = []
    p = asyncio.create_task(producer(queue, 4), name='producer')
    c = asyncio.create_task(consumer(queue, results), name='consumer')
    await p
    await c
    print(results)
