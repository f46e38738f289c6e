"""A multi-file order pipeline: a producer, an asyncio.Queue, two packers, statistics kept with collections."""
import asyncio

from models import new_order
from stats import Stats


async def producer(queue):
    for customer, items in [('ann', ['tea', 'mug']), ('bob', ['tea']), ('ann', ['pot', 'tea', 'mug', 'cup']),
                            ('cy', ['mug']), ('bob', ['cup', 'tea'])]:
        await queue.put(new_order(customer, items))
        await asyncio.sleep(0.2)


async def packer(name, queue, stats):
    while True:
        order = await queue.get()
        await asyncio.sleep(0.3 * len(order.items))
        stats.record(order, name)
        print(f'{name} packed {order.id} for {order.customer}')
        queue.task_done()


async def main():
    queue = asyncio.Queue(maxsize=2)
    stats = Stats()
    packers = [asyncio.create_task(packer(n, queue, stats), name=n) for n in ('p1', 'p2')]
    await producer(queue)
    await queue.join()
    for p in packers:
        p.cancel()
    print(stats.report())
