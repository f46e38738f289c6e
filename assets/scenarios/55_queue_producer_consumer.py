"""Producer and consumers on a Queue, with join(): the producer puts six
orders, two workers take them one at a time (get() waits while the queue is
empty) and call task_done() after each. queue.join() returns once every
order put has been marked done; then main cancels the idle workers."""
import asyncio


async def producer(queue):
    for n in range(1, 7):
        await queue.put(f'order {n}')
        print(f'placed order {n}')
        await asyncio.sleep(0.5)


async def worker(name, queue):
    while True:
        order = await queue.get()         # waits while the queue is empty
        print(f'{name} prepares {order}')
        await asyncio.sleep(1.2)
        print(f'{name} served {order}')
        queue.task_done()


async def main():
    queue = asyncio.Queue()
    workers = [asyncio.create_task(worker(name, queue), name=name) for name in ('w1', 'w2')]
    await producer(queue)
    await queue.join()                    # until every order is task_done()
    print('all orders served')
    for w in workers:
        w.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
