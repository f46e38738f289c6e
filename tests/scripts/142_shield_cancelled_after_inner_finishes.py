"""The shield is cancelled after its inner task finished: cancel() returns False and awaiting gives the result."""
import asyncio


async def inner():
    await asyncio.sleep(1)
    return 'kept'


async def main():
    t = asyncio.create_task(inner(), name='inner')
    s = asyncio.shield(asyncio.shield(t))
    await asyncio.sleep(2)
    print('done?', s.done(), 'cancel:', s.cancel())
    print(await s)
