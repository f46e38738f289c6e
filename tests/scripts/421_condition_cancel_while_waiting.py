"""A task cancelled inside Condition.wait() takes the lock back before CancelledError leaves the async with."""
import asyncio


async def waiter(cond):
    try:
        async with cond:
            await cond.wait()
    except asyncio.CancelledError:
        print('cancelled; lock free again:', not cond.locked())
        raise


async def main():
    cond = asyncio.Condition()
    t = asyncio.create_task(waiter(cond), name='waiter')
    await asyncio.sleep(1)
    async with cond:
        t.cancel()
        await asyncio.sleep(0.5)
        print('main still holds the lock; waiter is stuck re-acquiring it:', t.done(), cond)
    await asyncio.gather(t, return_exceptions=True)
    print(t.cancelled())
