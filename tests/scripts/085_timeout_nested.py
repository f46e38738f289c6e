"""Nested timeouts: the inner, shorter one fires and is caught inside; then the outer one fires."""
import asyncio
import time


async def main():
    try:
        async with asyncio.timeout(3):
            try:
                async with asyncio.timeout(1):
                    await asyncio.sleep(2)
            except TimeoutError:
                print('inner timeout at', time.monotonic())
            await asyncio.sleep(5)
            print('never printed')
    except TimeoutError:
        print('outer timeout at', time.monotonic())
    try:
        async with asyncio.timeout(1):
            async with asyncio.timeout(4):
                await asyncio.sleep(2)
    except TimeoutError:
        print('outer (shorter) timeout fired first at', time.monotonic())
