"""Nested TaskGroups: a failure in the inner group cancels the inner siblings, then propagates and cancels the outer group's tasks."""
import asyncio


async def sleeper(label, n):
    try:
        await asyncio.sleep(n)
        print(label, 'done')
    except asyncio.CancelledError:
        print(label, 'cancelled')
        raise


async def inner_group():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(sleeper('inner-a', 1), name='inner-a')
        tg.create_task(sleeper('inner-b', 5), name='inner-b')
        await asyncio.sleep(2)
        raise ValueError('inner body failed')


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(sleeper('outer-x', 10), name='outer-x')
            tg.create_task(inner_group(), name='inner_group')
    except Exception as e:
        print('outer caught', repr(e))
