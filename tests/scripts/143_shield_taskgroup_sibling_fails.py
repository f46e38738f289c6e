"""In a TaskGroup a sibling fails: the child awaiting shield(shield(task)) is cancelled, the shielded task survives the group."""
import asyncio


async def precious():
    await asyncio.sleep(2)
    print('precious finished')
    return 'p'


async def guarded(t):
    try:
        await asyncio.shield(asyncio.shield(t))
    except asyncio.CancelledError:
        print('guarded cancelled')
        raise


async def failing():
    await asyncio.sleep(0.5)
    raise ValueError('boom')


async def main():
    t = asyncio.create_task(precious(), name='precious')
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(guarded(t), name='guarded')
            tg.create_task(failing(), name='failing')
    except Exception as e:
        print('group failed:', repr(e))
    print(await t)
