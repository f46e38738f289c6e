"""A task awaiting gather(shield(a), shield(b)) is cancelled from outside: the gather and the shields are cancelled, a and b run on."""
import asyncio


async def job(name, d):
    await asyncio.sleep(d)
    print(name, 'finished')
    return name


async def collect(a, b):
    try:
        return await asyncio.gather(asyncio.shield(a), asyncio.shield(b))
    except asyncio.CancelledError:
        print('collect cancelled')
        raise


async def main():
    a = asyncio.create_task(job('a', 1), name='a')
    b = asyncio.create_task(job('b', 2), name='b')
    c = asyncio.create_task(collect(a, b), name='collect')
    await asyncio.sleep(0.5)
    c.cancel()
    try:
        await c
    except asyncio.CancelledError:
        print('collect is cancelled:', c.cancelled())
    print(await a, await b)
