"""Two downloads: one blocking the loop with time.sleep, then both in worker threads; the second way takes half the time."""
import asyncio
import time


def download(name):
    time.sleep(1)
    return name + '.bin'


async def main():
    start = time.monotonic()
    download('a')
    download('b')
    print('blocking took', time.monotonic() - start)
    start = time.monotonic()
    r = await asyncio.gather(asyncio.to_thread(download, 'a'), asyncio.to_thread(download, 'b'))
    print(r, 'threads took', time.monotonic() - start)
