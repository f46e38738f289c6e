"""asyncio.wait_for(lock.acquire(), 1) while another task holds the lock for 3 s: TimeoutError, and the waiter is removed."""
import asyncio


async def holder(lock):
    async with lock:
        await asyncio.sleep(3)
    print('holder done')


async def main():
    lock = asyncio.Lock()
    h = asyncio.create_task(holder(lock), name='holder')
    await asyncio.sleep(0)
    try:
        await asyncio.wait_for(lock.acquire(), 1)
    except TimeoutError:
        print('gave up after 1 s', lock)
    ok = await asyncio.wait_for(lock.acquire(), 5)
    print('acquired later:', ok)
    lock.release()
    await h
