"""The task holding the lock is cancelled inside async with: the lock is released and the waiter proceeds."""
import asyncio


async def slow(lock):
    async with lock:
        print('slow holds the lock')
        await asyncio.sleep(10)


async def quick(lock):
    async with lock:
        print('quick got it at last')


async def main():
    lock = asyncio.Lock()
    s = asyncio.create_task(slow(lock), name='slow')
    q = asyncio.create_task(quick(lock), name='quick')
    await asyncio.sleep(1)
    s.cancel()
    await q
    print(s.cancelled(), lock.locked())
