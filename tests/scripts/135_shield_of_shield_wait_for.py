"""wait_for(shield(shield(sleep(1))), 0.5): the deadline cancels the outer shield only; the sleep's task runs on and finishes."""
import asyncio


async def main():
    try:
        await asyncio.wait_for(asyncio.shield(asyncio.shield(asyncio.sleep(1))), 0.5)
    except TimeoutError:
        print('timed out at', asyncio.get_running_loop().time())
    await asyncio.sleep(1)
    print('main done')
