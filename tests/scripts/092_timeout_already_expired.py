"""A deadline already in the past: timeout_at(now - 1) and timeout(0) cancel the block at its first await, which raises TimeoutError at once."""
import asyncio
import time


async def main():
    await asyncio.sleep(2)
    try:
        async with asyncio.timeout_at(time.monotonic() - 1):
            print('the block starts running')
            await asyncio.sleep(1)
            print('not printed')
    except TimeoutError:
        print('expired deadline: TimeoutError at', time.monotonic())
    try:
        async with asyncio.timeout(0):
            await asyncio.sleep(0)
            print('not printed either')
    except TimeoutError:
        print('timeout(0): TimeoutError at', time.monotonic())
