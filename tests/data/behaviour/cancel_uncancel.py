"""uncancel(): a task that catches CancelledError and uncancels runs on with
cancelling() back at 0; a task that cancels itself and uncancels in the same
step withdraws the pending cancel (3.13: uncancel() to 0 resets
_must_cancel), so its next await is not interrupted."""
import asyncio


async def worker():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        me = asyncio.current_task()
        print(f'worker: cancelling()={me.cancelling()}; uncancel() -> {me.uncancel()}')
    await asyncio.sleep(1)
    return 'carried on'


async def self_uncancel():
    me = asyncio.current_task()
    print(f'cancel() -> {me.cancel()!r}')
    print(f'uncancel() -> {me.uncancel()}')
    await asyncio.sleep(1)
    return 'not cancelled'


async def main():
    t = asyncio.create_task(worker(), name='worker')
    u = asyncio.create_task(self_uncancel(), name='self_uncancel')
    await asyncio.sleep(1)
    t.cancel()
    print(await t)
    print(await u)
    print(f'cancelling(): worker {t.cancelling()}, self_uncancel {u.cancelling()}')
