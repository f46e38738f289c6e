"""Rust twin: tests/it/threads.rs, flood. 13 one-second jobs on the default executor's 12 workers, awaited by 13 tasks."""
import asyncio
import time


def job():
    time.sleep(1)
    return time.monotonic()


async def waiter():
    return await asyncio.to_thread(job)


async def main():
    tasks = [asyncio.create_task(waiter(), name=f'w{i}') for i in range(13)]
    for t in tasks:
        await t
    print(f'last job ended at {time.monotonic()!r}')
