"""A getter woken by put_nowait but cancelled before it runs passes the wakeup to the next getter: the item is not lost."""
import asyncio


async def getter(name, q):
    try:
        item = await q.get()
        print(name, 'got', item)
    except asyncio.CancelledError:
        print(name, 'cancelled')
        raise


async def main():
    q = asyncio.Queue()
    a = asyncio.create_task(getter('a', q), name='a')
    b = asyncio.create_task(getter('b', q), name='b')
    await asyncio.sleep(1)
    q.put_nowait('item')
    a.cancel()
    await asyncio.gather(a, b, return_exceptions=True)
    print(q)
