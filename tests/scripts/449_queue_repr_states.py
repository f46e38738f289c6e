"""str() and repr() of queues: items, waiting getters and putters, unfinished tasks."""
import asyncio


async def main():
    q = asyncio.Queue(maxsize=1)
    print(q, repr(q).startswith('<Queue at 0x'))
    g = asyncio.create_task(q.get())
    await asyncio.sleep(0)
    print(q)
    q.put_nowait('x')
    print(q)
    await g
    q.put_nowait('y')
    p = asyncio.create_task(q.put('z'))
    await asyncio.sleep(0)
    print(q)
    print(repr(q)[-40:])
    p.cancel()
    await asyncio.sleep(0)
    print(q)
