"""asyncio.wait inside `async with asyncio.timeout()`: the block's deadline interrupts the wait."""
import asyncio


async def job(d):
    await asyncio.sleep(d)
    return d


async def main():
    ts = [asyncio.create_task(job(d), name=f'j{d}') for d in (1, 3)]
    try:
        async with asyncio.timeout(2):
            done, pending = await asyncio.wait(ts)
    except TimeoutError:
        print('timed out', [t.done() for t in ts])
    print(await ts[1])
