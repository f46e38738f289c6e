"""A task waiting for the lock is cancelled: it leaves the queue of waiters and the next one gets the lock."""
import asyncio


async def worker(name, lock):
    try:
        async with lock:
            print(name, 'holds the lock')
            await asyncio.sleep(1)
    except asyncio.CancelledError:
        print(name, 'cancelled while waiting, locked:', lock.locked())
        raise


async def main():
    lock = asyncio.Lock()
    a = asyncio.create_task(worker('a', lock), name='a')
    b = asyncio.create_task(worker('b', lock), name='b')
    c = asyncio.create_task(worker('c', lock), name='c')
    await asyncio.sleep(0.5)
    print(lock)
    b.cancel()
    await asyncio.sleep(0)
    print(lock)
    await asyncio.gather(a, c, return_exceptions=True)
    print(b.cancelled(), lock)
