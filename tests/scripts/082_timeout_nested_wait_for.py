"""wait_for inside wait_for: the inner, shorter timeout fires and is handled inside; the outer one fires later on the retry."""
import asyncio
import time


async def slow(n):
    await asyncio.sleep(n)
    return n


async def with_fallback():
    try:
        return await asyncio.wait_for(slow(5), timeout=1)
    except TimeoutError:
        print('inner timeout at', time.monotonic(), '- retrying with a slow fallback')
        return await slow(5)


async def main():
    try:
        print(await asyncio.wait_for(with_fallback(), timeout=3))
    except TimeoutError:
        print('outer timeout at', time.monotonic())
