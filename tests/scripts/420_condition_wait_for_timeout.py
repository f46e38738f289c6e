"""asyncio.wait_for(cond.wait(), 1) with no notify: TimeoutError, and the lock is held again afterwards."""
import asyncio


async def main():
    cond = asyncio.Condition()
    async with cond:
        try:
            await asyncio.wait_for(cond.wait(), 1)
        except TimeoutError:
            print('timed out; lock held again:', cond.locked(), cond)
    print('after the block:', cond.locked())
