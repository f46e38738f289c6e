"""asyncio.Semaphore(2) limits six downloads to two at a time."""
import asyncio


import time


async def download(sem, n):
    async with sem:
        print(f'start {n} at {time.monotonic()}')
        await asyncio.sleep(1)
        print(f'end {n}')
    return n


async def main():
    sem = asyncio.Semaphore(2)
    results = await asyncio.gather(*(download(sem, i) for i in range(6)))
    print(results, time.monotonic())
