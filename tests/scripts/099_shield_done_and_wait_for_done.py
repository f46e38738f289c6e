"""shield() and wait_for() on tasks that already finished return their results without waiting; on a failed task they raise its exception."""
import asyncio
import time


async def ok():
    return 'ok'


async def fails():
    raise ValueError('already failed')


async def main():
    a = asyncio.create_task(ok(), name='ok')
    b = asyncio.create_task(fails(), name='fails')
    await asyncio.sleep(0)
    print(await asyncio.shield(a), await asyncio.wait_for(a, timeout=5), time.monotonic())
    for f in [lambda: asyncio.shield(b), lambda: asyncio.wait_for(b, timeout=5)]:
        try:
            await f()
        except ValueError as e:
            print('raised', repr(e), time.monotonic())
