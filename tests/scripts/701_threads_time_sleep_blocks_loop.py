"""The same work with time.sleep(2) called on the loop: the ticker cannot run until it returns."""
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
    await asyncio.sleep(0)
    r = blocking(2)
    print('result', r)
    await t
