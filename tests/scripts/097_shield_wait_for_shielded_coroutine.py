"""wait_for(shield(coroutine)) times out; the coroutine's task keeps running to the end on its own although nobody awaits it any more."""
import asyncio
import time


async def write_log(line):
    await asyncio.sleep(2)
    print('log written:', line, 'at', time.monotonic())
    return len(line)


async def main():
    try:
        await asyncio.wait_for(asyncio.shield(write_log('hello')), timeout=0.5)
    except TimeoutError:
        print('stopped waiting at', time.monotonic())
    await asyncio.sleep(3)
    print('main done at', time.monotonic())
