"""gather(shield(t1), shield(shield(t2)), return_exceptions=True) with one task failing and one cancelled: every outcome in order."""
import asyncio


async def ok():
    await asyncio.sleep(1)
    return 'ok'


async def bad():
    await asyncio.sleep(0.5)
    raise RuntimeError('bad')


async def long():
    await asyncio.sleep(10)


async def main():
    t1 = asyncio.create_task(ok(), name='ok')
    t2 = asyncio.create_task(bad(), name='bad')
    t3 = asyncio.create_task(long(), name='long')
    g = asyncio.gather(asyncio.shield(t1), asyncio.shield(asyncio.shield(t2)), asyncio.shield(t3),
                       return_exceptions=True)
    await asyncio.sleep(0.75)
    t3.cancel()
    print(await g)
