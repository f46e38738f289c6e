"""A failing child makes the TaskGroup cancel its siblings; the block raises an ExceptionGroup with the failure."""
import asyncio
import time


async def worker(n):
    try:
        await asyncio.sleep(n)
        print('worker', n, 'finished')
        return n
    except asyncio.CancelledError:
        print('worker', n, 'cancelled at', time.monotonic())
        raise


async def failer():
    await asyncio.sleep(1.5)
    raise ValueError('child failed')


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(worker(1), name='w1')
            tg.create_task(failer(), name='failer')
            tg.create_task(worker(3), name='w3')
            tg.create_task(worker(4), name='w4')
    except Exception as e:
        print('caught', repr(e))
        print('str:', e)
    print('main at', time.monotonic())
