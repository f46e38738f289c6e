"""print(sep=, end=) and a multi-line print inside a worker, between sleeps of 0.1 s."""
import asyncio
import time


def report(items):
    for i, item in enumerate(items):
        print(i, item, sep=': ', end='!\n')
        time.sleep(0.1)
    print('done\nall', len(items))


async def main():
    await asyncio.to_thread(report, ['a', 'b', 'c'])
    print('main sees', round(time.monotonic(), 3))
