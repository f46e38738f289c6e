"""An exception inside async with lock releases the lock on the way out."""
import asyncio


async def risky(lock):
    async with lock:
        print('inside, locked:', lock.locked())
        raise ValueError('boom')


async def main():
    lock = asyncio.Lock()
    try:
        await risky(lock)
    except ValueError as e:
        print('caught', e, 'locked:', lock.locked())
    t = asyncio.create_task(risky(lock))
    await asyncio.sleep(0)
    print(t.done(), repr(t.exception()), lock.locked())
