"""wait_for(shield(gather(a, b)), 1): the deadline cancels the shield; the gather and its children run on."""
import asyncio


async def job(name, d):
    await asyncio.sleep(d)
    print(name, 'finished')
    return name


async def main():
    g = asyncio.gather(job('a', 1.5), job('b', 2))
    try:
        await asyncio.wait_for(asyncio.shield(g), 1)
    except TimeoutError:
        print('timeout; gather done?', g.done())
    print('gather gives', await g)
