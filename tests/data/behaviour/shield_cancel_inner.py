"""Cancelling the shielded task itself: the shield passes the cancellation
on to the task awaiting it (waiter resumes with CancelledError, although
nobody cancelled waiter: cancelling() 0)."""
import asyncio


async def inner_work():
    try:
        await asyncio.sleep(5)
    finally:
        print('inner: finally')


async def waiter(t):
    try:
        await asyncio.shield(t)
    except asyncio.CancelledError:
        print(f'waiter: CancelledError; my cancelling()={asyncio.current_task().cancelling()}')
        return 'inner was cancelled'


async def main():
    t = asyncio.create_task(inner_work(), name='inner')
    w = asyncio.create_task(waiter(t), name='waiter')
    await asyncio.sleep(1)
    print(f'inner.cancel() -> {t.cancel()!r}')
    print(f'waiter -> {await w!r}')
