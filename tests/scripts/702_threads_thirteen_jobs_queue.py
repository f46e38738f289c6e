"""13 to_thread jobs of 1 s on the default executor's 12 workers: the 13th waits for a free worker and ends at 2 s."""
import asyncio
import time


def job(i):
    time.sleep(1)
    return i


async def main():
    results = await asyncio.gather(*[asyncio.to_thread(job, i) for i in range(13)])
    print(results, time.monotonic())
