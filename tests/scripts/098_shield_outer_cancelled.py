"""shield(task): cancelling the task that awaits the shield does not reach the shielded task, which finishes later."""
import asyncio


async def precious():
    await asyncio.sleep(3)
    print('precious work finished')
    return 'saved'


async def waiter(inner):
    try:
        return await asyncio.shield(inner)
    except asyncio.CancelledError:
        print('waiter cancelled; inner done?', inner.done())
        raise


async def main():
    inner = asyncio.create_task(precious(), name='precious')
    w = asyncio.create_task(waiter(inner), name='waiter')
    await asyncio.sleep(1)
    w.cancel()
    try:
        await w
    except asyncio.CancelledError:
        print('waiter is cancelled:', w.cancelled())
    print('inner result:', await inner)
