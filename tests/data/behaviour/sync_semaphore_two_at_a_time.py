"""Rust twin: tests/it/sync_primitives.rs, semaphore_two_at_a_time. Semaphore(2): four jobs run two at a time."""
import asyncio
import time


async def job(sem):
    await sem.acquire()
    print(f'{asyncio.current_task().get_name()} starts at {time.monotonic()!r}')
    await asyncio.sleep(1)
    sem.release()


async def main():
    sem = asyncio.Semaphore(2)
    tasks = [asyncio.create_task(job(sem), name=f'j{i}') for i in range(4)]
    for t in tasks:
        await t
