"""asyncio.timeout_at with an absolute deadline taken from time.monotonic() (the loop's clock)."""
import asyncio
import time


async def main():
    await asyncio.sleep(1)
    deadline = time.monotonic() + 2
    try:
        async with asyncio.timeout_at(deadline):
            for i in range(5):
                await asyncio.sleep(0.75)
                print('step', i, 'at', time.monotonic())
    except TimeoutError:
        print('deadline', deadline, 'reached at', time.monotonic())
    async with asyncio.timeout_at(time.monotonic() + 10):
        await asyncio.sleep(0.5)
    print('second block ok at', time.monotonic())
