"""Passing bare coroutines to asyncio.wait is a TypeError since Python 3.11."""
import asyncio


async def job():
    return 1


async def main():
    t = asyncio.create_task(job(), name='t')
    c = job()
    try:
        await asyncio.wait([t, c])
    except TypeError as e:
        print('TypeError:', e)
    c.close()
    print(await t)
