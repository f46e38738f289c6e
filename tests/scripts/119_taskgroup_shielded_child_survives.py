"""A TaskGroup child awaits a shielded task: when the group aborts, the child is cancelled but the shielded task finishes its work."""
import asyncio


async def save():
    await asyncio.sleep(3)
    print('save finished')
    return 'saved'


async def uses_shield(t):
    return await asyncio.shield(t)


async def failer():
    await asyncio.sleep(1)
    raise KeyError('bad')


async def main():
    saver = asyncio.create_task(save(), name='save')
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(uses_shield(saver), name='uses_shield')
            tg.create_task(failer(), name='failer')
    except Exception as e:
        print(repr(e))
    print(await saver)
