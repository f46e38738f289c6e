"""Rust twin: tests/it/sync_primitives.rs, woken_waiter_cancelled. The waiter woken by release() is cancelled before it runs: it passes the lock on."""
import asyncio


async def waiter(lock):
    await lock.acquire()
    print(f'{asyncio.current_task().get_name()} got the lock')
    lock.release()


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    a = asyncio.create_task(waiter(lock), name='a')
    b = asyncio.create_task(waiter(lock), name='b')
    await asyncio.sleep(1)
    lock.release()
    a.cancel()
    try:
        await a
    except asyncio.CancelledError:
        print('a cancelled')
    await b
    print(f'locked: {lock.locked()}')
