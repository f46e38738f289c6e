"""cancel(msg): the message is visible in the task's CancelledError and in the awaiting task's."""
import asyncio


async def worker():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print('worker sees message:', e, repr(e))
        raise


async def main():
    t = asyncio.create_task(worker(), name='worker')
    await asyncio.sleep(2)
    t.cancel(msg='shutting down')
    try:
        await t
    except asyncio.CancelledError as e:
        print('main sees message:', e)
    u = asyncio.create_task(worker(), name='worker2')
    await asyncio.sleep(0)
    u.cancel('positional message')
    try:
        await u
    except asyncio.CancelledError as e:
        print('main sees:', repr(e))
