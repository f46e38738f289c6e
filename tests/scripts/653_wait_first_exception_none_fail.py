"""FIRST_EXCEPTION with no failure behaves as ALL_COMPLETED; a cancelled task is not an exception."""
import asyncio


async def job(delay):
    await asyncio.sleep(delay)
    return delay


async def main():
    a = asyncio.create_task(job(1), name='a')
    b = asyncio.create_task(job(2), name='b')
    c = asyncio.create_task(job(3), name='c')
    await asyncio.sleep(0)
    b.cancel()
    done, pending = await asyncio.wait([a, b, c], return_when=asyncio.FIRST_EXCEPTION)
    print(len(done), len(pending), b.cancelled(), a.result(), c.result())
