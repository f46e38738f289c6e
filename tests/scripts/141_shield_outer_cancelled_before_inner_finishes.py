"""The shield's own future is cancelled before the inner task finishes: awaiting it raises CancelledError, the task is untouched."""
import asyncio


async def inner():
    await asyncio.sleep(1)
    return 'inner'


async def main():
    t = asyncio.create_task(inner(), name='inner')
    s = asyncio.shield(t)
    ss = asyncio.shield(s)
    await asyncio.sleep(0.5)
    print('cancel outer:', ss.cancel())
    try:
        await ss
    except asyncio.CancelledError:
        print('outer cancelled', ss.cancelled(), 'middle cancelled', s.cancelled())
    print(await s, await t)
