"""Awaiting a task that gets cancelled raises CancelledError in the awaiter,
which was not cancelled itself (cancelling() is 0): 'catcher' catches it and
returns; 'passer' lets it through and so ends cancelled."""
import asyncio


async def victim():
    await asyncio.sleep(10)


async def catcher(t):
    try:
        await t
    except asyncio.CancelledError:
        me = asyncio.current_task()
        print(f'catcher: CancelledError from victim; my cancelling()={me.cancelling()}')
        return 'caught'


async def passer(t):
    await t


async def main():
    v = asyncio.create_task(victim(), name='victim')
    c = asyncio.create_task(catcher(v), name='catcher')
    p = asyncio.create_task(passer(v), name='passer')
    await asyncio.sleep(1)
    print(f'victim.cancel() -> {v.cancel()!r}')
    print(f'catcher -> {await c!r}')
    try:
        await p
    except asyncio.CancelledError:
        print(f'passer cancelled()={p.cancelled()!r} cancelling()={p.cancelling()}')
