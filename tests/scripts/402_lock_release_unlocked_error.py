"""Releasing a lock nobody holds raises RuntimeError('Lock is not acquired.'), also after a double release."""
import asyncio


async def main():
    lock = asyncio.Lock()
    try:
        lock.release()
    except RuntimeError as e:
        print('error:', e)
    async with lock:
        pass
    try:
        lock.release()
    except RuntimeError as e:
        print('double release:', repr(e))
    await lock.acquire()
    lock.release()
    print(lock.locked())
