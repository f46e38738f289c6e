"""gather of three to_thread calls of different lengths: they run side by side, gather ends with the longest."""
import asyncio
import time


def work(name, secs):
    time.sleep(secs)
    return f'{name}:{secs}'


async def main():
    r = await asyncio.gather(
        asyncio.to_thread(work, 'a', 3),
        asyncio.to_thread(work, 'b', 1),
        asyncio.to_thread(work, 'c', 2),
    )
    print(r, time.monotonic())
