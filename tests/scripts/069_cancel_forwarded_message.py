"""cancel(msg) on a task that awaits another task: the message travels to the inner task and back out to everyone awaiting."""
import asyncio


async def inner():
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError as e:
        print('inner got', repr(e))
        raise


async def outer():
    t = asyncio.create_task(inner(), name='inner')
    try:
        await t
    except asyncio.CancelledError as e:
        print('outer got', repr(e), 'inner cancelled:', t.cancelled())
        raise


async def main():
    o = asyncio.create_task(outer(), name='outer')
    await asyncio.sleep(1)
    o.cancel('stop everything')
    try:
        await o
    except asyncio.CancelledError as e:
        print('main got', repr(e))
