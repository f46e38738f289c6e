"""async with asyncio.timeout(d): the block is cancelled at the deadline and TimeoutError is raised after the block."""
import asyncio
import time


async def main():
    try:
        async with asyncio.timeout(1.5):
            print('block starts')
            await asyncio.sleep(1)
            print('still inside at', time.monotonic())
            await asyncio.sleep(1)
            print('never printed')
    except TimeoutError:
        print('TimeoutError at', time.monotonic())
    async with asyncio.timeout(5):
        await asyncio.sleep(1)
        print('finished in time at', time.monotonic())
    async with asyncio.timeout(None):
        await asyncio.sleep(2)
    print('no deadline block done at', time.monotonic())
