"""main awaits a task that another task cancels: main is not cancelled itself, it just sees CancelledError and carries on."""
import asyncio


async def target():
    await asyncio.sleep(10)


async def killer(victim):
    await asyncio.sleep(2)
    print('killer cancels', victim.get_name())
    victim.cancel()


async def main():
    t = asyncio.create_task(target(), name='target')
    k = asyncio.create_task(killer(t), name='killer')
    try:
        await t
    except asyncio.CancelledError:
        print('main saw CancelledError; main cancelling() =', asyncio.current_task().cancelling())
    await k
    await asyncio.sleep(1)
    print('main continues normally')
