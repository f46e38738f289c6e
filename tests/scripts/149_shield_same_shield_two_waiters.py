"""Two tasks await the same shield object; cancelling one cancels the shared shield, so the other gets CancelledError too; the inner task runs on."""
import asyncio


async def inner():
    await asyncio.sleep(2)
    return 'v'


async def waiter(name, s):
    try:
        return await s
    except asyncio.CancelledError:
        print(name, 'cancelled')
        return None


async def main():
    t = asyncio.create_task(inner(), name='inner')
    s = asyncio.shield(asyncio.shield(t))
    w1 = asyncio.create_task(waiter('w1', s), name='w1')
    w2 = asyncio.create_task(waiter('w2', s), name='w2')
    await asyncio.sleep(1)
    w1.cancel()
    print(await w1, await w2, s.cancelled())
    print(await t)
