"""Inside asyncio.timeout the code swallows the cancellation and keeps awaiting: the timeout does not fire twice, and the block ends without TimeoutError when the code finishes."""
import asyncio
import time


async def main():
    try:
        async with asyncio.timeout(1):
            try:
                await asyncio.sleep(5)
            except asyncio.CancelledError:
                print('swallowed at', time.monotonic())
            await asyncio.sleep(2)
            print('second sleep finished at', time.monotonic())
        print('block ended normally')
    except TimeoutError:
        print('TimeoutError at', time.monotonic())
    print('cancelling():', asyncio.current_task().cancelling())
