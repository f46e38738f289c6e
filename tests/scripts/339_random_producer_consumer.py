"""A producer/consumer program with random delays and values, as asyncio tutorials write it."""
import asyncio
import random


async def producer(name, queue_items, n):
    for i in range(n):
        delay = random.randint(1, 5) / 10
        await asyncio.sleep(delay)
        item = random.randrange(100)
        queue_items.append((name, item))
        print(f'{name} produced {item} after {delay:.1f}s')


async def consumer(queue_items, rounds):
    total = 0
    for _ in range(rounds):
        await asyncio.sleep(random.random() / 2)
        while queue_items:
            name, item = queue_items.pop(0)
            total += item
            print(f'consumed {item} from {name}, total {total}')
    return total


async def main():
    random.seed(2718)
    items = []
    producers = [asyncio.create_task(producer(f'p{i}', items, 3)) for i in range(3)]
    c = asyncio.create_task(consumer(items, 6))
    await asyncio.gather(*producers)
    total = await c
    print('total', total, 'left', items)
