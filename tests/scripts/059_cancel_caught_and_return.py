"""A task that catches CancelledError and returns normally is not cancelled: it finishes with its result."""
import asyncio


async def stubborn():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print('caught the cancellation, cleaning up')
        await asyncio.sleep(1)
        return 'partial result'
    return 'full result'


async def main():
    t = asyncio.create_task(stubborn(), name='stubborn')
    await asyncio.sleep(1)
    t.cancel()
    r = await t
    print('result', r, 'cancelled()', t.cancelled(), 'cancelling()', t.cancelling())
