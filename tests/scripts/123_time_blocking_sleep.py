"""time.sleep blocks the whole loop: the other task cannot run until the blocking call returns."""
import asyncio
import time


async def blocker():
    print('blocker starts at', time.monotonic())
    time.sleep(2)
    print('blocker unblocked at', time.monotonic())
    await asyncio.sleep(0)
    return 'blocked'


async def ticker():
    for i in range(3):
        print('tick', i, 'at', time.monotonic())
        await asyncio.sleep(1)


async def main():
    a = asyncio.create_task(ticker(), name='ticker')
    b = asyncio.create_task(blocker(), name='blocker')
    await asyncio.gather(a, b)
    print('main at', time.monotonic())
