"""Leftover tasks whose finally blocks await: the asyncio.run shutdown waits for their cleanup (sleeps included) before the run ends."""
import asyncio
import time


async def service(name, cleanup):
    try:
        await asyncio.sleep(100)
    finally:
        print(name, 'cleanup starts at', time.monotonic())
        await asyncio.sleep(cleanup)
        print(name, 'cleanup done at', time.monotonic())


async def main():
    asyncio.create_task(service('a', 2), name='a')
    asyncio.create_task(service('b', 1), name='b')
    await asyncio.sleep(1)
    print('main returns at', time.monotonic())
