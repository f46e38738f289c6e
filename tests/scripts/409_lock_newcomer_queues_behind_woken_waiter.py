"""A task that calls acquire() after release() but before the woken waiter ran finds a live waiter and queues behind it."""
import asyncio


async def waiter(name, lock):
    await lock.acquire()
    print(name, 'got it')
    await asyncio.sleep(0)
    lock.release()


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    first = asyncio.create_task(waiter('first', lock), name='first')
    await asyncio.sleep(0)
    lock.release()
    print('released, locked =', lock.locked(), lock)
    late = asyncio.create_task(waiter('late', lock), name='late')
    await asyncio.gather(first, late)
