"""A task awaiting a shield is cancelled, swallows it and awaits a new shield of the same task; cancelled again, it gives up."""
import asyncio


async def inner():
    await asyncio.sleep(3)
    return 'i'


async def stubborn(t):
    for attempt in range(3):
        try:
            return await asyncio.shield(asyncio.shield(t))
        except asyncio.CancelledError:
            print('attempt', attempt, 'cancelled; uncancel ->', asyncio.current_task().uncancel())
    return 'gave up'


async def main():
    t = asyncio.create_task(inner(), name='inner')
    s = asyncio.create_task(stubborn(t), name='stubborn')
    await asyncio.sleep(1)
    s.cancel()
    await asyncio.sleep(1)
    s.cancel()
    print(await s)
    print(await t)
