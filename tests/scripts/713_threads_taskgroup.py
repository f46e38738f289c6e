"""to_thread calls inside a TaskGroup: the group exits when the longest job is back."""
import asyncio
import time


def fetch(url, secs):
    time.sleep(secs)
    return len(url)


async def main():
    async with asyncio.TaskGroup() as tg:
        t1 = tg.create_task(asyncio.to_thread(fetch, 'http://a', 2))
        t2 = tg.create_task(asyncio.to_thread(fetch, 'http://bbbb', 1))
    print(t1.result(), t2.result(), time.monotonic())
