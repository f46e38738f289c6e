"""Blocking work ruins concurrency: three requests handled with a blocking
call (time.sleep, standing for CPU work or blocking I/O) take 3 s even under
gather; with await asyncio.sleep they overlap and take 1 s."""
import asyncio
import time


async def handle_request(n):
    print(f'request {n}: start')
    time.sleep(1)
    print(f'request {n}: done')


async def handle_request_async(n):
    print(f'request {n}: start')
    await asyncio.sleep(1)
    print(f'request {n}: done')


async def main():
    start = time.perf_counter()
    await asyncio.gather(*(handle_request(n) for n in range(3)))
    print(f'blocking: {time.perf_counter() - start:.1f} s for 3 requests')
    start = time.perf_counter()
    await asyncio.gather(*(handle_request_async(n) for n in range(3)))
    print(f'non-blocking: {time.perf_counter() - start:.1f} s for 3 requests')
