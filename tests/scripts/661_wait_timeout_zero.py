"""wait(timeout=0) polls: one loop turn, then returns with what is done."""
import asyncio


async def job(delay):
    await asyncio.sleep(delay)
    return delay


async def main():
    a = asyncio.create_task(job(0), name='a')
    b = asyncio.create_task(job(1), name='b')
    done, pending = await asyncio.wait([a, b], timeout=0)
    print(sorted(t.get_name() for t in done), sorted(t.get_name() for t in pending))
    done, pending = await asyncio.wait([a, b], timeout=0)
    print(sorted(t.get_name() for t in done), sorted(t.get_name() for t in pending))
    await b
