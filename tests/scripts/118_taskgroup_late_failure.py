"""A child fails after the body has finished, while the TaskGroup waits in its exit: the other children are cancelled then."""
import asyncio
import time


async def slow():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print('slow cancelled at', time.monotonic())
        raise


async def late_failer():
    await asyncio.sleep(2)
    raise OSError('late')


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(slow(), name='slow')
            tg.create_task(late_failer(), name='late_failer')
            await asyncio.sleep(1)
            print('body done at', time.monotonic())
    except Exception as e:
        print(repr(e), 'at', time.monotonic())
