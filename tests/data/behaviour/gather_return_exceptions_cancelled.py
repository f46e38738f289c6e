"""gather(return_exceptions=True) with cancelled children: each cancelled
child becomes a CancelledError in the results (its message is the
future's _cancel_message, not the one given to cancel()). Without
return_exceptions, a cancelled child makes the gather raise CancelledError
in main, which was not cancelled itself."""
import asyncio


async def value(n):
    await asyncio.sleep(n)
    return n


async def main():
    a = asyncio.create_task(value(1), name='a')
    b = asyncio.create_task(value(5), name='b')
    c = asyncio.create_task(value(5), name='c')
    g = asyncio.gather(a, b, c, return_exceptions=True)
    await asyncio.sleep(2)
    b.cancel()
    c.cancel(msg='stop')
    results = await g
    print(f'results: {results!r}')
    d = asyncio.create_task(value(5), name='d')
    e = asyncio.create_task(value(1), name='e')
    g2 = asyncio.gather(d, e)
    await asyncio.sleep(0)
    d.cancel()
    try:
        await g2
    except asyncio.CancelledError:
        print(f'without return_exceptions: CancelledError; '
              f'main cancelling()={asyncio.current_task().cancelling()}')
    await asyncio.sleep(2)
    print(f'e -> {e.result()!r}')
