"""shield() when the inner task fails: the exception comes through the
shield (and counts as retrieved). If the task awaiting the shield was
cancelled first, the shield stops listening and nobody retrieves the
inner task's exception: 'Task exception was never retrieved' when it is
freed."""
import asyncio
import time


async def fail(after):
    await asyncio.sleep(after)
    raise ValueError(f'failed after {after}')


async def waiter():
    try:
        await asyncio.shield(fail(2))
    except asyncio.CancelledError:
        print(f'waiter cancelled at {time.monotonic()!r}')
        raise


async def main():
    t = asyncio.create_task(fail(1), name='inner')
    try:
        await asyncio.shield(t)
    except ValueError as e:
        print(f'main: ValueError({e}) through the shield; exception() -> {t.exception()!r}')
    w = asyncio.create_task(waiter(), name='waiter')
    await asyncio.sleep(1)
    w.cancel()
    try:
        await w
    except asyncio.CancelledError:
        print('main: waiter cancelled; the shielded task fails on its own')
    await asyncio.sleep(2)
    print('main done')
