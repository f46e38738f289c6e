"""`from asyncio import wait, as_completed, FIRST_COMPLETED`: the constants are plain strings."""
import asyncio
from asyncio import ALL_COMPLETED, FIRST_COMPLETED, as_completed, wait


async def job(d):
    await asyncio.sleep(d)
    return d


async def main():
    print(repr(FIRST_COMPLETED), ALL_COMPLETED == 'ALL_COMPLETED')
    ts = [asyncio.create_task(job(d), name=f'j{d}') for d in (2, 1)]
    done, pending = await wait(fs=ts, return_when='FIRST_COMPLETED')
    print([t.get_name() for t in done], [t.get_name() for t in pending])
    print([await aw for aw in as_completed(ts)])
    print(type(as_completed(ts)).__name__)
