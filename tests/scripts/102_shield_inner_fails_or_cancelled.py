"""The shield passes the inner task's exception through; if the inner task itself is cancelled, the awaiting task sees CancelledError."""
import asyncio


async def failing():
    await asyncio.sleep(1)
    raise ValueError('inner failed')


async def sleeper():
    await asyncio.sleep(5)


async def main():
    f = asyncio.create_task(failing(), name='failing')
    try:
        await asyncio.shield(f)
    except ValueError as e:
        print('through the shield:', repr(e))
    s = asyncio.create_task(sleeper(), name='sleeper')
    await asyncio.sleep(0)
    s.cancel()
    try:
        await asyncio.shield(s)
    except asyncio.CancelledError:
        print('inner cancelled, shield raises CancelledError; main cancelling() =', asyncio.current_task().cancelling())
    done = asyncio.create_task(asyncio.sleep(0, 'already'), name='done')
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(await asyncio.shield(done))
