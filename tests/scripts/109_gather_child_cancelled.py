"""A gather child is cancelled directly: without return_exceptions the gather raises CancelledError; with it, the CancelledError is a result."""
import asyncio


async def main():
    a = asyncio.create_task(asyncio.sleep(3, 'a'), name='a')
    b = asyncio.create_task(asyncio.sleep(1, 'b'), name='b')
    g = asyncio.gather(a, b)
    await asyncio.sleep(0.5)
    a.cancel()
    try:
        await g
    except asyncio.CancelledError:
        print('gather raised CancelledError; b done?', b.done())
    c = asyncio.create_task(asyncio.sleep(3, 'c'), name='c')
    d = asyncio.create_task(asyncio.sleep(1, 'd'), name='d')
    c.cancel('stop c')
    res = await asyncio.gather(c, d, return_exceptions=True)
    print([repr(r) for r in res])
