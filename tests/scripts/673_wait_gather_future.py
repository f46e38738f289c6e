"""asyncio.wait accepts other futures too: here a gather future and a task."""
import asyncio


async def job(d):
    await asyncio.sleep(d)
    return d


async def main():
    g = asyncio.gather(job(1), job(2))
    t = asyncio.create_task(job(3), name='t')
    done, pending = await asyncio.wait([g, t], return_when=asyncio.FIRST_COMPLETED)
    print(g in done, t in pending, g.result())
    await t
