"""The task inside shield(shield(...)) is cancelled itself: both shields end cancelled and the awaiting task gets CancelledError."""
import asyncio


async def inner():
    await asyncio.sleep(5)


async def waiter(t):
    try:
        await asyncio.shield(asyncio.shield(t))
    except asyncio.CancelledError:
        print('waiter saw CancelledError; waiter cancelling:', asyncio.current_task().cancelling())
        return 'handled'


async def main():
    t = asyncio.create_task(inner(), name='inner')
    w = asyncio.create_task(waiter(t), name='waiter')
    await asyncio.sleep(1)
    t.cancel()
    print(await w)
    print('inner cancelled:', t.cancelled())
