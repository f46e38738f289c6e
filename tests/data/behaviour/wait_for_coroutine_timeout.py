"""wait_for on a coroutine that takes too long: no task is created, the
coroutine runs in main; at the deadline main is cancelled (by a loop
callback), the coroutine's finally runs, and main sees TimeoutError with
cancelling() back at 0."""
import asyncio
import time


async def slow():
    try:
        await asyncio.sleep(3)
        return 'slow'
    finally:
        print(f'slow: finally at {time.monotonic()!r}')


async def main():
    try:
        await asyncio.wait_for(slow(), 1)
    except TimeoutError:
        print(f'TimeoutError at {time.monotonic()!r}; '
              f'cancelling()={asyncio.current_task().cancelling()}')
