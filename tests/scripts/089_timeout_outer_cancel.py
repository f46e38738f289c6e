"""A task waiting inside asyncio.timeout is cancelled from outside before the deadline: CancelledError, not TimeoutError."""
import asyncio


async def guarded():
    try:
        async with asyncio.timeout(5):
            await asyncio.sleep(10)
    except TimeoutError:
        print('not a timeout')
    except asyncio.CancelledError:
        print('cancelled from outside')
        raise


async def main():
    t = asyncio.create_task(guarded(), name='guarded')
    await asyncio.sleep(1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print('guarded cancelled:', t.cancelled())
