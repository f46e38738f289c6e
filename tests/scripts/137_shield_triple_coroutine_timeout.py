"""shield(shield(shield(coroutine))) under asyncio.timeout: the timeout ends the wait, the coroutine's task keeps running to its end."""
import asyncio


async def work():
    await asyncio.sleep(1)
    print('work finished')
    return 'w'


async def main():
    try:
        async with asyncio.timeout(0.25):
            await asyncio.shield(asyncio.shield(asyncio.shield(work())))
    except TimeoutError:
        print('timeout')
    await asyncio.sleep(2)
    print('main done')
