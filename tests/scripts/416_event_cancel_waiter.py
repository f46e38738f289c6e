"""Cancelling one of two tasks waiting on an event: the other is still woken by set()."""
import asyncio


async def waiter(name, ev):
    try:
        await ev.wait()
        print(name, 'woken')
    except asyncio.CancelledError:
        print(name, 'cancelled')
        raise


async def main():
    ev = asyncio.Event()
    a = asyncio.create_task(waiter('a', ev), name='a')
    b = asyncio.create_task(waiter('b', ev), name='b')
    await asyncio.sleep(1)
    a.cancel()
    await asyncio.sleep(0)
    print(ev)
    ev.set()
    await asyncio.gather(a, b, return_exceptions=True)
    print(a.cancelled(), b.done())
