"""Tasks whose exception nobody retrieves, with no reference kept: the loop
logs 'Task exception was never retrieved' as soon as the failed task is
freed, right after its last step."""
import asyncio


async def boom():
    await asyncio.sleep(1)
    raise ValueError('boom')


async def fail_now():
    raise ValueError('at once')


async def main():
    asyncio.create_task(boom(), name='boom')
    asyncio.create_task(fail_now(), name='fail_now')
    await asyncio.sleep(2)
    print('main done')
