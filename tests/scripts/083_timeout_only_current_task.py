"""asyncio.timeout cancels only the task that entered it: a task created inside the block keeps running after the TimeoutError."""
import asyncio
import time


async def background():
    await asyncio.sleep(3)
    print('background finished at', time.monotonic())
    return 'bg'


async def main():
    try:
        async with asyncio.timeout(1):
            bg = asyncio.create_task(background(), name='background')
            await asyncio.sleep(2)
    except TimeoutError:
        print('timeout at', time.monotonic(), 'bg done?', bg.done())
    print(await bg)
