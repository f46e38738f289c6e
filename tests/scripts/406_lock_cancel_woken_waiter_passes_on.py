"""The lock is released to waiter b, but b is cancelled before it runs: b passes the wakeup on to c, no wakeup is lost."""
import asyncio


async def worker(name, lock):
    try:
        await lock.acquire()
    except asyncio.CancelledError:
        print(name, 'cancelled; lock is', 'locked' if lock.locked() else 'unlocked')
        raise
    try:
        print(name, 'got the lock')
        await asyncio.sleep(1)
    finally:
        lock.release()


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    b = asyncio.create_task(worker('b', lock), name='b')
    c = asyncio.create_task(worker('c', lock), name='c')
    await asyncio.sleep(1)
    lock.release()
    print('released; b was woken, now cancel it:', b.cancel())
    await asyncio.sleep(0)
    await c
    print('b cancelled:', b.cancelled(), 'lock:', lock.locked())
