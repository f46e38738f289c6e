"""A bounded queue pushes back: Queue(maxsize=2) between a fast producer
(a new item every 0.1 s) and a slow consumer (1 s per item). Once two items
are waiting, put() blocks the producer until the consumer takes one: the
producer is slowed down to the consumer's pace instead of piling up work."""
import asyncio


async def producer(queue):
    for n in range(1, 6):
        await queue.put(n)                # waits while the queue is full
        print(f'put {n} (queue size {queue.qsize()})')
        await asyncio.sleep(0.1)
    await queue.put(None)                 # no more items


async def consumer(queue):
    while (item := await queue.get()) is not None:
        print(f'processing {item}')
        await asyncio.sleep(1)


async def main():
    queue = asyncio.Queue(maxsize=2)
    await asyncio.gather(producer(queue), consumer(queue))
    print('done')
