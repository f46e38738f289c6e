"""Rust twin: tests/it/threads.rs, pool_of_one. A ThreadPoolExecutor(max_workers=1): two jobs run one after the other; the queued one is cancelled by a third task."""
import asyncio
import concurrent.futures
import time


def work(n):
    time.sleep(n)
    return n


async def main():
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
    loop = asyncio.get_running_loop()
    a = loop.run_in_executor(pool, work, 1)
    b = loop.run_in_executor(pool, work, 2)
    c = loop.run_in_executor(pool, work, 3)
    c.cancel()
    print(f'{await a} {await b} {c.cancelled()} at {time.monotonic()!r}')
