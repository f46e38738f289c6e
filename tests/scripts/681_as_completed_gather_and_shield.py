"""as_completed accepts futures that are not tasks: a gather and a shield."""
import asyncio


async def job(d):
    await asyncio.sleep(d)
    return d


async def main():
    g = asyncio.gather(job(2), job(1))
    inner = asyncio.create_task(job(1.5), name='inner')
    s = asyncio.shield(inner)
    for aw in asyncio.as_completed([g, s]):
        print(await aw)
