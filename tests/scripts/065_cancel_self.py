"""A task cancels itself: the CancelledError arrives at its next await."""
import asyncio


async def self_destruct():
    me = asyncio.current_task()
    print('cancelling myself:', me.cancel())
    print('still running this step')
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print('got CancelledError at the next await')
        raise


async def main():
    t = asyncio.create_task(self_destruct(), name='self_destruct')
    try:
        await t
    except asyncio.CancelledError:
        print('main: task cancelled itself', t.cancelled())
