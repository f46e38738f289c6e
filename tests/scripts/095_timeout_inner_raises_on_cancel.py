"""wait_for whose inner coroutine turns the cancellation into another exception: that exception replaces the TimeoutError."""
import asyncio


class CleanupFailed(Exception):
    pass


async def fragile():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        raise CleanupFailed('could not clean up')


async def main():
    try:
        await asyncio.wait_for(fragile(), timeout=1)
    except TimeoutError:
        print('TimeoutError')
    except CleanupFailed as e:
        print('CleanupFailed instead:', e, '; cancelling() =', asyncio.current_task().cancelling())
    try:
        async with asyncio.timeout(1):
            await fragile()
    except TimeoutError:
        print('TimeoutError from asyncio.timeout')
    except CleanupFailed as e:
        print('asyncio.timeout lets it through too:', repr(e))
