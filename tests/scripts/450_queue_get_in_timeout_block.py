"""async with asyncio.timeout() around a loop of get(): the consumer stops when the producer goes quiet."""
import asyncio


async def producer(q):
    for i in range(3):
        await asyncio.sleep(0.5)
        await q.put(i)


async def main():
    q = asyncio.Queue()
    p = asyncio.create_task(producer(q), name='producer')
    got = []
    try:
        async with asyncio.timeout(3):
            while True:
                got.append(await q.get())
                print('got', got[-1])
    except TimeoutError:
        print('quiet for too long; got', got)
    await p
