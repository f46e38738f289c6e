"""async with asyncio.timeout(1): async with lock: the wait for the lock is cut off by the deadline."""
import asyncio


async def holder(lock):
    async with lock:
        print('holder has it')
        await asyncio.sleep(2)


async def main():
    lock = asyncio.Lock()
    t = asyncio.create_task(holder(lock), name='holder')
    await asyncio.sleep(0)
    try:
        async with asyncio.timeout(1):
            async with lock:
                print('never printed')
    except TimeoutError:
        print('timed out waiting for the lock', lock)
    await t
    async with asyncio.timeout(1):
        async with lock:
            print('now it is free:', lock.locked())
