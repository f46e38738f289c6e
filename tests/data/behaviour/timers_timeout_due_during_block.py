"""A wait_for deadline that falls due during blocking work: the timeout
callback can only run when the loop gets control back. With no await after
the block, or with one sleep(0) (main's step is queued before the timer
callback), the work finishes and returns its value although it is late;
with two sleep(0)s the callback runs in between and the result is
TimeoutError."""
import asyncio
import time


async def work(yields):
    time.sleep(2)  # the 1 s deadline falls due during the block
    for _ in range(yields):
        await asyncio.sleep(0)
    return 'finished'


async def main():
    for yields in (0, 1, 2):
        try:
            r = await asyncio.wait_for(work(yields), 1)
            print(f'{yields} yields after the block: {r!r} at {time.monotonic()!r}')
        except TimeoutError:
            print(f'{yields} yields after the block: TimeoutError at {time.monotonic()!r}')
