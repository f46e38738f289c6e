"""wait_for(gather(shield(task)), 1): the deadline cancels the gather, which cancels the shield, not the task."""
import asyncio


async def slow():
    await asyncio.sleep(2)
    print('slow finished')
    return 2


async def main():
    t = asyncio.create_task(slow(), name='slow')
    try:
        print(await asyncio.wait_for(asyncio.gather(asyncio.shield(t)), 1))
    except TimeoutError:
        print('timeout; slow cancelled?', t.cancelled())
    print('slow gives', await t)
