"""Three consumers block on get(); items are handed to them in the order they started waiting."""
import asyncio


async def consumer(name, q):
    item = await q.get()
    print(name, 'got', item)


async def main():
    q = asyncio.Queue()
    tasks = [asyncio.create_task(consumer(n, q), name=n) for n in ('x', 'y', 'z')]
    await asyncio.sleep(0)
    print(q)
    for item in 'abc':
        q.put_nowait(item)
    print(q)
    await asyncio.gather(*tasks)
