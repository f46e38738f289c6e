"""Explicit await lock.acquire() / lock.release() in try/finally; acquire returns True."""
import asyncio


async def critical(name, lock):
    ok = await lock.acquire()
    try:
        print(name, 'acquired', ok, lock.locked())
        await asyncio.sleep(0.5)
    finally:
        lock.release()
        print(name, 'released')


async def main():
    lock = asyncio.Lock()
    await asyncio.gather(critical('a', lock), critical('b', lock), critical('c', lock))
    print('unlocked again:', not lock.locked())
