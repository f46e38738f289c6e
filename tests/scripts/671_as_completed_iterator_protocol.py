"""The as_completed iterator: iter() is itself, next() gives awaitables, StopIteration at the end."""
import asyncio


async def job(d):
    await asyncio.sleep(d)
    return d


async def main():
    t1 = asyncio.create_task(job(2), name='t1')
    t2 = asyncio.create_task(job(1), name='t2')
    it = asyncio.as_completed([t1, t2, t1])
    print(iter(it) is it)
    first = next(it)
    second = next(it)
    try:
        next(it)
    except StopIteration:
        print('only two: duplicates are dropped')
    print(await second, await first)
