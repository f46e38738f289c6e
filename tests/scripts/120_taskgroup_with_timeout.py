"""A TaskGroup inside asyncio.timeout: the timeout cancels the group's body and children; TimeoutError comes out."""
import asyncio
import time


async def job(n):
    try:
        await asyncio.sleep(n)
        print('job', n, 'done')
        return n
    except asyncio.CancelledError:
        print('job', n, 'cancelled at', time.monotonic())
        raise


async def main():
    try:
        async with asyncio.timeout(2):
            async with asyncio.TaskGroup() as tg:
                tasks = [tg.create_task(job(n), name=f'job{n}') for n in [1, 3, 4]]
    except TimeoutError:
        print('timed out at', time.monotonic())
    print([t.cancelled() for t in tasks])
