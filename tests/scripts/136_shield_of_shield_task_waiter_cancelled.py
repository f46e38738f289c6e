"""A task awaiting shield(shield(task)) is cancelled: it gets CancelledError, the shielded task finishes and its result is still there."""
import asyncio


async def inner():
    await asyncio.sleep(2)
    print('inner finished')
    return 5


async def waiter(t):
    try:
        return await asyncio.shield(asyncio.shield(t))
    except asyncio.CancelledError:
        print('waiter cancelled; inner done?', t.done())
        raise


async def main():
    t = asyncio.create_task(inner(), name='inner')
    w = asyncio.create_task(waiter(t), name='waiter')
    await asyncio.sleep(1)
    print('cancel returned', w.cancel())
    try:
        await w
    except asyncio.CancelledError:
        print('waiter cancelled:', w.cancelled())
    print('inner result', await t)
