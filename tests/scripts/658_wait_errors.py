"""asyncio.wait's argument errors: coroutines, an empty set, a bad return_when, a single task."""
import asyncio


async def job():
    await asyncio.sleep(1)


async def main():
    t = asyncio.create_task(job(), name='t')
    for bad in ([], set()):
        try:
            await asyncio.wait(bad)
        except ValueError as e:
            print('ValueError:', e)
    try:
        await asyncio.wait([t], return_when='SOMETIMES')
    except ValueError as e:
        print('ValueError:', e)
    try:
        await asyncio.wait(t)
    except TypeError as e:
        print('TypeError:', e)
    print(asyncio.FIRST_COMPLETED, asyncio.FIRST_EXCEPTION, asyncio.ALL_COMPLETED)
    done, pending = await asyncio.wait([t, t, t])
    print(len(done), len(pending))
