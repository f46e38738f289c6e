"""A task in wait_for(shield(shield(task)), 5) is cancelled from outside before the deadline: CancelledError, not TimeoutError; the task finishes."""
import asyncio


async def inner():
    await asyncio.sleep(2)
    print('inner finished')
    return 1


async def caller(t):
    try:
        return await asyncio.wait_for(asyncio.shield(asyncio.shield(t)), 5)
    except asyncio.CancelledError:
        print('caller cancelled')
        raise
    except TimeoutError:
        print('timeout (not expected)')


async def main():
    t = asyncio.create_task(inner(), name='inner')
    c = asyncio.create_task(caller(t), name='caller')
    await asyncio.sleep(1)
    c.cancel('stop')
    try:
        await c
    except asyncio.CancelledError as e:
        print('caller ended cancelled:', e.args)
    print(await t)
