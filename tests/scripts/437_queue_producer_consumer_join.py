"""A producer fills a Queue, two consumers process items with task_done(), main waits with queue.join()."""
import asyncio


async def producer(queue):
    for i in range(6):
        await queue.put(i)
        print('produced', i)
        await asyncio.sleep(0.1)


async def consumer(name, queue):
    while True:
        item = await queue.get()
        await asyncio.sleep(0.3)
        print(name, 'processed', item)
        queue.task_done()


async def main():
    queue = asyncio.Queue()
    consumers = [asyncio.create_task(consumer(f'c{i}', queue), name=f'c{i}') for i in range(2)]
    await producer(queue)
    await queue.join()
    print('all processed', queue)
    for c in consumers:
        c.cancel()
    await asyncio.gather(*consumers, return_exceptions=True)
