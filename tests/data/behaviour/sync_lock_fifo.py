"""Rust twin: tests/it/sync_primitives.rs, lock_fifo. Three workers take one lock in turn (explicit acquire/release)."""
import asyncio
import time


async def worker(lock):
    await lock.acquire()
    print(f'{asyncio.current_task().get_name()} holds the lock at {time.monotonic()!r}')
    await asyncio.sleep(1)
    lock.release()


async def main():
    lock = asyncio.Lock()
    tasks = [asyncio.create_task(worker(lock), name=f'w{i}') for i in range(3)]
    for t in tasks:
        await t
    print(f'locked: {lock.locked()}')
