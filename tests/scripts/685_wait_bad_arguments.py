"""More argument errors: a non-future in the list, keyword misuse, as_completed of a task."""
import asyncio


async def job():
    await asyncio.sleep(0)


async def main():
    t = asyncio.create_task(job(), name='t')
    try:
        await asyncio.wait([t, 5])
    except AttributeError as e:
        print('AttributeError:', e)
    try:
        asyncio.as_completed(t)
    except TypeError as e:
        print('TypeError:', e)
    try:
        asyncio.as_completed([5])
    except TypeError as e:
        print('TypeError:', e)
    try:
        asyncio.wait([t], when=1)
    except TypeError as e:
        print('TypeError:', e)
    await t
