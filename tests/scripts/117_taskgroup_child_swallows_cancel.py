"""When the TaskGroup aborts, a sibling that swallows its cancellation and returns normally keeps its result; the group still raises the failure."""
import asyncio


async def stubborn():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print('stubborn swallows the cancel')
        await asyncio.sleep(1)
        return 'stubborn result'


async def failer():
    await asyncio.sleep(1)
    raise ValueError('boom')


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            s = tg.create_task(stubborn(), name='stubborn')
            tg.create_task(failer(), name='failer')
    except Exception as e:
        print(repr(e))
    print('stubborn:', s.result(), s.cancelled())
