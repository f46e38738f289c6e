"""Jobs submitted one after another reuse the idle worker asyncio_0; overlapping ones get new workers."""
import asyncio
import time


def job(secs):
    time.sleep(secs)
    return secs


async def main():
    await asyncio.to_thread(job, 1)
    await asyncio.to_thread(job, 1)
    a = asyncio.create_task(asyncio.to_thread(job, 2))
    await asyncio.sleep(1)
    b = asyncio.create_task(asyncio.to_thread(job, 2))
    await asyncio.sleep(0)
    c = asyncio.create_task(asyncio.to_thread(job, 1))
    print(await a, await b, await c, time.monotonic())
