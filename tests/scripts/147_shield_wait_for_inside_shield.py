"""shield(task of wait_for(shield(coroutine), 1)) under an outer wait_for of 0.5: layers of deadlines and shields, each cut where CPython cuts it."""
import asyncio


async def slow():
    await asyncio.sleep(2)
    print('slow finished')
    return 's'


async def main():
    inner = asyncio.create_task(asyncio.wait_for(asyncio.shield(slow()), 1), name='inner')
    try:
        await asyncio.wait_for(asyncio.shield(inner), 0.5)
    except TimeoutError:
        print('outer timeout at', asyncio.get_running_loop().time())
    try:
        await inner
    except TimeoutError:
        print('inner timeout at', asyncio.get_running_loop().time())
    await asyncio.sleep(3)
    print('main done at', asyncio.get_running_loop().time())
