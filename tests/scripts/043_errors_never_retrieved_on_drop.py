"""A failed task's exception is logged as never retrieved exactly when the last reference to the task goes away: here when main rebinds its variable, before main's next print."""
import asyncio


async def fail():
    await asyncio.sleep(1)
    raise ValueError('dropped on the floor')


async def main():
    t = asyncio.create_task(fail(), name='fail')
    await asyncio.sleep(2)
    print('about to drop the task')
    t = None
    print('dropped')
    await asyncio.sleep(1)
    print('main returns')
