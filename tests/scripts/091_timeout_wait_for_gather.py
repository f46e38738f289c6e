"""wait_for around a gather: the timeout cancels the gather, which cancels every unfinished child; finished children keep their results."""
import asyncio
import time


async def part(n):
    try:
        await asyncio.sleep(n)
        print('part', n, 'done')
        return n
    except asyncio.CancelledError:
        print('part', n, 'cancelled at', time.monotonic())
        raise


async def main():
    try:
        await asyncio.wait_for(asyncio.gather(part(1), part(2), part(3)), timeout=2.5)
    except TimeoutError:
        print('gather timed out at', time.monotonic())
    print('remaining tasks:', len(asyncio.all_tasks()))
