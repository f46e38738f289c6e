"""Retry loop with asyncio.timeout blocks: after each TimeoutError the task's cancelling() is back to 0, so the next attempt can time out again independently."""
import asyncio
import time


async def attempt(n):
    await asyncio.sleep(3 - n)
    return f'attempt {n} ok'


async def main():
    me = asyncio.current_task()
    for n in range(3):
        try:
            async with asyncio.timeout(1.5):
                print(await attempt(n))
                break
        except TimeoutError:
            print(f'attempt {n} timed out at {time.monotonic()}, cancelling() = {me.cancelling()}')
    print('finished at', time.monotonic())
