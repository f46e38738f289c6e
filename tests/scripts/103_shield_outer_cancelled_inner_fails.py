"""The waiter on a shield is cancelled, then the shielded task fails later on its own; main retrieves the failure by awaiting the task."""
import asyncio


async def doomed():
    await asyncio.sleep(2)
    raise RuntimeError('inner failed later')


async def waiter(t):
    try:
        await asyncio.shield(t)
    except asyncio.CancelledError:
        print('waiter cancelled; doomed still running:', not t.done())
        raise


async def main():
    t = asyncio.create_task(doomed(), name='doomed')
    w = asyncio.create_task(waiter(t), name='waiter')
    await asyncio.sleep(1)
    w.cancel()
    await asyncio.sleep(2)
    print('waiter cancelled:', w.cancelled(), 'doomed done:', t.done())
    try:
        await t
    except RuntimeError as e:
        print('main retrieves:', repr(e))
