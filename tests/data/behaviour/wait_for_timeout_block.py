"""asyncio.timeout() as a block: 'async with asyncio.timeout(1)' is not a
coroutine, so it adds no frame to the awaiting chain. The deadline cancels
main (Timeout._on_timeout), which sees TimeoutError. A block that finishes
in time returns normally; timeout(-1) around a body that never suspends
returns normally too (the callback is cancelled before it runs);
timeout(0) around a body that suspends raises TimeoutError at once."""
import asyncio
import time


async def slow(seconds):
    await asyncio.sleep(seconds)
    return seconds


async def quick():
    return 'quick'


async def main():
    try:
        async with asyncio.timeout(1):
            await slow(3)
    except TimeoutError:
        print(f'timeout(1) around slow(3): TimeoutError at {time.monotonic()!r}')
    async with asyncio.timeout(5):
        r = await slow(2)
    print(f'timeout(5) around slow(2): {r!r} at {time.monotonic()!r}')
    async with asyncio.timeout(-1):
        r = await quick()
    print(f'timeout(-1) around quick(): {r!r}')
    try:
        async with asyncio.timeout(0):
            await slow(1)
    except TimeoutError:
        print(f'timeout(0) around slow(1): TimeoutError at {time.monotonic()!r}')
