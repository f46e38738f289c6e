"""to_thread(blocking, 2): time.sleep(2) runs in a worker thread, so the ticker task keeps running meanwhile."""
import asyncio
import time


def blocking(n):
    time.sleep(n)
    return n * 10


async def ticker():
    for i in range(4):
        print('tick', i)
        await asyncio.sleep(0.5)


async def main():
    t = asyncio.create_task(ticker())
    r = await asyncio.to_thread(blocking, 2)
    print('result', r)
    await t
